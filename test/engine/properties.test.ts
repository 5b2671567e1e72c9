/** Properties of the ranking that must hold for any data and weights. */
import {describe, expect, it} from "vitest";
import {
  buildMatrix,
  prepareImprovement,
  prepareNomination,
  scoreImprovement,
  scoreNomination,
  type Model,
  type NominationOptions,
  type ValueRow
} from "../../src/engine/index.ts";
import {model, municipalities, rng} from "./fixtures.ts";

const N = 60;
const codes = Array.from({length: N}, (_, i) => String(1000 + i * 7).padStart(4, "0"));
const kpis = ["N00101", "N00102", "N00103", "N00104", "N00105", "N00106", "N00107", "N00108"];
const years = [2016, 2017, 2018, 2019, 2020, 2021, 2022];

function randomRows(seed: number): ValueRow[] {
  const r = rng(seed);
  const rows: ValueRow[] = [];
  kpis.forEach((kpi, k) => {
    const scale = 10 ** (k % 4);
    codes.forEach((municipality) => {
      const level = r() * scale;
      years.forEach((year, t) => {
        if (r() < 0.1) return;
        rows.push({kpi, municipality, year, value: level + (r() - 0.4) * t * scale * 0.2});
      });
    });
  });
  return rows;
}

const baseModel: Model = model(
  [
    ["a", 1],
    ["b", 2],
    ["c", 0.5]
  ],
  kpis.map((kpi, k) => [kpi, ["a", "b", "c"][k % 3]!, k % 2 ? "lower_better" : "higher_better", 1 + (k % 3)] as [string, string, "higher_better" | "lower_better", number])
);
const rows = randomRows(42);
const matrixOf = (values: ValueRow[]) => buildMatrix({municipalities: municipalities(codes), values, kpis});
const matrix = matrixOf(rows);
const ranks = (r: ReturnType<typeof scoreNomination>) => r.rows.map((x) => [x.code, x.rank]);
const methods: NominationOptions[] = [{}, {normalisation: "minmax"}, {normalisation: "percentile"}, {aggregation: "geometric", normalisation: "minmax"}];

describe("ranking properties", () => {
  it("ranks most municipalities of the random data", () => {
    const r = scoreNomination(prepareNomination(matrix, baseModel, 2022));
    expect(r.rows.filter((x) => x.rank !== null).length).toBeGreaterThan(40);
  });

  for (const options of methods) {
    it(`scaling one KPI's raw values changes no rank (${JSON.stringify(options)})`, () => {
      const base = ranks(scoreNomination(prepareNomination(matrix, baseModel, 2022, options)));
      for (const [kpi, factor] of [
        ["N00102", 3.7],
        ["N00105", 1e-3],
        ["N00101", 250]
      ] as const) {
        const scaled = matrixOf(rows.map((row) => (row.kpi === kpi ? {...row, value: row.value * factor} : row)));
        expect(ranks(scoreNomination(prepareNomination(scaled, baseModel, 2022, options)))).toEqual(base);
      }
    });
  }

  it("scaling one KPI's raw values changes no improvement rank", () => {
    const base = ranks(scoreImprovement(prepareImprovement(matrix, baseModel, 2022)));
    const scaled = matrixOf(rows.map((row) => (row.kpi === "N00103" ? {...row, value: row.value * 17.3} : row)));
    expect(ranks(scoreImprovement(prepareImprovement(scaled, baseModel, 2022)))).toEqual(base);
  });

  it("scaling all weights changes no rank", () => {
    const r = rng(7);
    for (let trial = 0; trial < 20; trial++) {
      const dims = {a: r() * 3, b: r() * 3, c: r() * 3};
      const inds = Object.fromEntries(kpis.map((k) => [k, r() * 5]));
      const factor = [0.01, 3, 1234.5][trial % 3]!;
      for (const kind of ["nomination", "improvement"] as const) {
        const p = kind === "nomination" ? prepareNomination(matrix, baseModel, 2021) : prepareImprovement(matrix, baseModel, 2021, {window: 3});
        const a = (kind === "nomination" ? scoreNomination : scoreImprovement)(p, {dimensions: dims, indicators: inds});
        const scale = (o: Record<string, number>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v * factor]));
        const b = (kind === "nomination" ? scoreNomination : scoreImprovement)(p, {dimensions: scale(dims), indicators: scale(inds)});
        expect(ranks(b)).toEqual(ranks(a));
        b.rows.forEach((row, i) => expect(row.score ?? 0).toBeCloseTo(a.rows[i]!.score ?? 0, 10));
      }
    }
  });

  it("flipping a single KPI's direction reverses a one-KPI ranking", () => {
    for (const kpi of kpis) {
      const one = (direction: "higher_better" | "lower_better") => model([["a", 1]], [[kpi, "a", direction, 1]]);
      for (const options of methods.slice(0, 2)) {
        const up = scoreNomination(prepareNomination(matrix, one("higher_better"), 2022, options)).rows.filter((x) => x.rank !== null);
        const down = scoreNomination(prepareNomination(matrix, one("lower_better"), 2022, options)).rows.filter((x) => x.rank !== null);
        expect(down.map((x) => x.code)).toEqual(up.map((x) => x.code).reverse());
      }
      const upI = scoreImprovement(prepareImprovement(matrix, one("higher_better"), 2022)).rows.filter((x) => x.rank !== null);
      const downI = scoreImprovement(prepareImprovement(matrix, one("lower_better"), 2022)).rows.filter((x) => x.rank !== null);
      expect(downI.map((x) => x.code)).toEqual(upI.map((x) => x.code).reverse());
    }
  });

  it("recompute after a weight change equals a fresh precompute with the new model weights", () => {
    const weights = {dimensions: {a: 2, b: 0.5, c: 1}, indicators: {N00101: 0, N00104: 4}};
    const recombined = scoreNomination(prepareNomination(matrix, baseModel, 2020), weights);
    const edited: Model = {
      ...baseModel,
      dimensions: baseModel.dimensions.map((d) => ({...d, weight: weights.dimensions[d.id as "a"]})),
      indicators: baseModel.indicators.map((i) => ({...i, weight: (weights.indicators as Record<string, number>)[i.kpi] ?? i.weight}))
    };
    expect(scoreNomination(prepareNomination(matrix, edited, 2020)).rows).toEqual(recombined.rows);
  });
});
