/** Uncertainty (Monte Carlo) and sensitivity (Sobol) analysis, on hand-computed small cases. */
import {describe, expect, it} from "vitest";
import {
  buildMatrix,
  createUncertaintyContext,
  drawChoices,
  prepareImprovement,
  prepareNomination,
  rankWeights,
  resolveWeights,
  runMonteCarlo,
  sobolIndices,
  sobolJansen,
  MonteCarloRun,
  STATUS_BORDERLINE,
  STATUS_OUTSIDE,
  STATUS_SAFE,
  UncertaintyCancelled,
  uncertaintyAnalysis,
  uncertaintyStatus,
  score,
  type Model,
  type UncertaintyResult,
  type UncertaintySettings,
  type ValueMatrix,
  type ValueRow
} from "../../src/engine/index.ts";
import {matrixOf, model, municipalities, rng, rowsForSeries, rowsForYear} from "./fixtures.ts";

// Three municipalities, one KPI per dimension (z-scores with n = 3, sd = 1):
//   a: 3 1 2 -> z +1 -1 0;  b: 1 3 2 -> z -1 +1 0.
// S(m) = (Wa za + Wb zb) / (Wa + Wb): 0101 = (Wa - Wb)/(Wa + Wb), 0102 = -(that), 0103 = 0.
// So 0103 is always 2nd; 0101 is 1st iff Wa > Wb. With Wa = 1, Wb = 1.2 and both
// multiplied by independent U(0.75, 1.25): P(Xa > 1.2 Xb) = 4 * int_{0.75}^{1.25/1.2} (1.25 - 1.2 y) dy
// = 4 * ([1.25 y - 0.6 y^2] from 0.75 to 1.0416667) = 4 * (0.6510417 - 0.6) = 0.2041667.
const codes3 = ["0101", "0102", "0103"];
const M3 = model(
  [
    ["a", 1],
    ["b", 1.2]
  ],
  [
    ["N00001", "a", "higher_better", 1],
    ["N00002", "b", "higher_better", 1]
  ]
);
const matrix3 = matrixOf(codes3, rowsForYear(2022, codes3, {N00001: [3, 1, 2], N00002: [1, 3, 2]}));
const P_0101_FIRST = 4 * (1.25 * (1.25 / 1.2) - 0.6 * (1.25 / 1.2) ** 2 - (1.25 * 0.75 - 0.6 * 0.75 ** 2));

// Six municipalities in a clear order: both KPIs fall 6..1, so the ranking is 0201 > 0202 > ... > 0206
// for every weighting and every normalisation.
const codes6 = ["0201", "0202", "0203", "0204", "0205", "0206"];
const M6 = model(
  [
    ["a", 1],
    ["b", 2]
  ],
  [
    ["N00001", "a", "higher_better", 1],
    ["N00002", "b", "lower_better", 3]
  ]
);
const matrix6 = matrixOf(codes6, rowsForYear(2022, codes6, {N00001: [6, 5, 4, 3, 2, 1], N00002: [1, 2, 3, 4, 5, 6]}));

/** Random data: `n` municipalities (kommungrupp cycling A1, B3, C8), 3 dimensions x 2 KPIs, years 2016-2022, ~8 % missing. */
function randomCase(seed: number, n: number): {matrix: ValueMatrix; model: Model; codes: string[]} {
  const r = rng(seed);
  const codes = Array.from({length: n}, (_, i) => String(1000 + i * 3).padStart(4, "0"));
  const years = [2016, 2017, 2018, 2019, 2020, 2021, 2022];
  const kpis = ["N00011", "N00012", "N00021", "N00022", "N00031", "N00032"];
  const table: Record<string, Record<string, (number | null)[]>> = {};
  for (const kpi of kpis) {
    table[kpi] = {};
    for (const code of codes) {
      const level = 10 + 20 * r();
      const trend = r() - 0.5;
      table[kpi]![code] = years.map((_, t) => (r() < 0.08 ? null : level + trend * t + r() * 2 + (r() < 0.03 ? 40 : 0)));
    }
  }
  const rows: ValueRow[] = rowsForSeries(years, table);
  const m = model(
    [
      ["a", 1],
      ["b", 2],
      ["c", 1.5]
    ],
    [
      ["N00011", "a", "higher_better", 1],
      ["N00012", "a", "lower_better", 2],
      ["N00021", "b", "higher_better", 1],
      ["N00022", "b", "higher_better", 0.5],
      ["N00031", "c", "lower_better", 1],
      ["N00032", "c", "higher_better", 3]
    ]
  );
  return {matrix: buildMatrix({municipalities: municipalities(codes), values: rows}), model: m, codes};
}

/** The invariants every result must satisfy. */
function checkProperties(result: UncertaintyResult): void {
  for (const row of result.rows) {
    expect(row.pFirst).toBeLessThanOrEqual(row.pTopN);
    expect(row.pTopN).toBeLessThanOrEqual(row.rankedShare);
    expect(row.status).toBe(row.pTopN >= 0.9 ? STATUS_SAFE : row.pTopN > 0.1 ? STATUS_BORDERLINE : STATUS_OUTSIDE);
    if (row.rankedShare > 0) {
      expect(row.q05!).toBeGreaterThanOrEqual(1);
      expect(row.q05!).toBeLessThanOrEqual(row.medianRank!);
      expect(row.medianRank!).toBeLessThanOrEqual(row.q95!);
    } else {
      expect([row.q05, row.medianRank, row.q95]).toEqual([null, null, null]);
    }
  }
}

describe("Monte Carlo: hand-computed cases", () => {
  it("f = 0 and nothing else varied: P(top N) is 1 for the nominal top N and 0 for everyone else", () => {
    for (const topN of [1, 3, 5]) {
      const r = uncertaintyAnalysis(matrix6, M6, {kind: "nomination", year: 2022, draws: 200, noise: 0, topN});
      for (const row of r.rows) {
        expect(row.nominalRank).toBe(codes6.indexOf(row.code) + 1);
        expect(row.pTopN).toBe(row.nominalRank! <= topN ? 1 : 0);
        expect(row.pFirst).toBe(row.nominalRank === 1 ? 1 : 0);
        expect([row.q05, row.medianRank, row.q95]).toEqual([row.nominalRank, row.nominalRank, row.nominalRank]);
        expect(row.status).toBe(row.nominalRank! <= topN ? STATUS_SAFE : STATUS_OUTSIDE);
      }
      expect(r.rankShift.every((x) => x === 0)).toBe(true);
    }
  });

  it("f = 0 on data whose order depends on the weights: the nominal top N is certain", () => {
    // Nominal (Wa = 1, Wb = 1.2): 0102 first, 0103 second, 0101 third.
    const r = uncertaintyAnalysis(matrix3, M3, {kind: "nomination", year: 2022, draws: 50, noise: 0, topN: 2});
    expect(r.rows.map((x) => [x.code, x.nominalRank, x.pTopN])).toEqual([
      ["0101", 3, 0],
      ["0102", 1, 1],
      ["0103", 2, 1]
    ]);
  });

  it("dimension weights times U(0.75, 1.25): P(0101 first) = 0.2042 (analytic), 0103 always 2nd", () => {
    const draws = 20000;
    const r = uncertaintyAnalysis(matrix3, M3, {kind: "nomination", year: 2022, draws, seed: 7, topN: 1, vary: {dimensionWeights: true, kpiWeights: false}});
    const [a, b, c] = r.rows;
    // Binomial standard error sqrt(p (1 - p) / n) = 0.0029; allow 4 of them.
    expect(P_0101_FIRST).toBeCloseTo(0.2041667, 6);
    expect(Math.abs(a!.pFirst - P_0101_FIRST)).toBeLessThan(4 * Math.sqrt((P_0101_FIRST * (1 - P_0101_FIRST)) / draws));
    expect(a!.pFirst + b!.pFirst).toBe(1);
    expect(c!.pFirst).toBe(0);
    expect([c!.q05, c!.medianRank, c!.q95]).toEqual([2, 2, 2]);
    // 0101: rank 1 in ~20 %, else 3: the 5th percentile is 1, median and 95th are 3.
    expect([a!.q05, a!.medianRank, a!.q95]).toEqual([1, 3, 3]);
    // 0102: rank 1 in ~80 %, else 3: 5th and median 1, 95th 3.
    expect([b!.q05, b!.medianRank, b!.q95]).toEqual([1, 1, 3]);
    expect(a!.status).toBe(STATUS_BORDERLINE);
    expect(b!.status).toBe(STATUS_BORDERLINE);
    expect(c!.status).toBe(STATUS_OUTSIDE);
    // The rank shift against the nominal order is 4/3 when 0101 wins (0101 and 0102 swap), else 0.
    const swapped = r.rankShift.filter((x) => x > 0);
    expect(swapped.length).toBe(Math.round(a!.pFirst * draws));
    expect(swapped.every((x) => Math.abs(x - 4 / 3) < 1e-12)).toBe(true);
    checkProperties(r);
  });

  it("the status thresholds: säker at P >= 0.9, utanför at P <= 0.1", () => {
    expect([1, 0.9, 0.8999, 0.5, 0.1001, 0.1, 0].map(uncertaintyStatus)).toEqual([
      STATUS_SAFE,
      STATUS_SAFE,
      STATUS_BORDERLINE,
      STATUS_BORDERLINE,
      STATUS_BORDERLINE,
      STATUS_OUTSIDE,
      STATUS_OUTSIDE
    ]);
  });
});

describe("Monte Carlo: properties", () => {
  const c = randomCase(11, 24);

  it("the sum of P(top N) is N when everyone is ranked in every draw", () => {
    // Drop the missing values' effect: weights only vary, so eligibility never changes; check who is ranked.
    const r = uncertaintyAnalysis(c.matrix, c.model, {kind: "nomination", year: 2022, draws: 400, seed: 3, noise: 0.6, topN: 5, vary: {normalisation: ["zscore", "minmax", "percentile"], aggregation: true}});
    const always = r.rows.filter((x) => x.rankedShare === 1);
    const never = r.rows.filter((x) => x.rankedShare === 0);
    expect(always.length + never.length).toBe(r.rows.length);
    expect(always.length).toBeGreaterThan(5);
    const sum = r.rows.reduce((s, x) => s + x.pTopN, 0);
    expect(sum).toBeCloseTo(5, 10);
    expect(r.rows.reduce((s, x) => s + x.pFirst, 0)).toBeCloseTo(1, 10);
    checkProperties(r);
  });

  it("with grouping, the sum of P(top N) within each group is N (groups larger than N)", () => {
    const codes = Array.from({length: 18}, (_, i) => String(2000 + i).padStart(4, "0"));
    const r0 = rng(5);
    const table = {N00011: codes.map(() => r0()), N00012: codes.map(() => r0()), N00021: codes.map(() => r0()), N00022: codes.map(() => r0()), N00031: codes.map(() => r0()), N00032: codes.map(() => r0())};
    const matrix = buildMatrix({municipalities: municipalities(codes), values: rowsForYear(2022, codes, table)});
    for (const grouping of ["kommungrupp", "mainGroup"] as const) {
      const r = uncertaintyAnalysis(matrix, c.model, {kind: "nomination", year: 2022, draws: 300, seed: 9, noise: 0.8, topN: 2, grouping, vary: {winsorise: true, aggregation: true}});
      const byGroup = new Map<string, number>();
      for (const row of r.rows) {
        expect(row.rankedShare).toBe(1);
        byGroup.set(row.group!, (byGroup.get(row.group!) ?? 0) + row.pTopN);
      }
      expect(byGroup.size).toBe(3); // A1, B3, C8 (main groups A, B, C): 6 members each
      for (const sum of byGroup.values()) expect(sum).toBeCloseTo(2, 10);
      checkProperties(r);
    }
  });

  it("properties hold on random cases of both kinds with everything varied", () => {
    for (let seed = 1; seed <= 4; seed++) {
      const k = randomCase(100 + seed, 15);
      const nom = uncertaintyAnalysis(k.matrix, k.model, {
        kind: "nomination",
        year: 2022,
        draws: 150,
        seed,
        noise: 1,
        topN: 1 + seed,
        grouping: seed % 2 ? "none" : "kommungrupp",
        vary: {normalisation: ["minmax", "percentile"], aggregation: true, winsorise: true}
      });
      checkProperties(nom);
      const imp = uncertaintyAnalysis(k.matrix, k.model, {
        kind: "improvement",
        year: 2022,
        draws: 150,
        seed,
        noise: 0.5,
        topN: 3,
        vary: {window: true, method: ["theil-sen", "national", "regression"], aggregation: true, winsorise: true},
        nominal: {minSteadiness: 0.3}
      });
      checkProperties(imp);
    }
  });
});

describe("Monte Carlo: reproducibility, chunks, progress, cancellation", () => {
  const c = randomCase(21, 20);
  const settings: UncertaintySettings = {kind: "nomination", year: 2022, draws: 300, seed: 42, noise: 0.4, topN: 4, vary: {normalisation: ["zscore", "percentile"], aggregation: true}, keepRanks: true};

  it("the same seed gives identical output, however the run is chunked", () => {
    const a = uncertaintyAnalysis(c.matrix, c.model, settings, {chunkSize: 7});
    const b = uncertaintyAnalysis(c.matrix, c.model, settings, {chunkSize: 1000});
    expect(b).toEqual(a);
    const run = new MonteCarloRun(createUncertaintyContext(c.matrix, c.model, settings));
    while (!run.finished) run.step(13);
    expect(run.result()).toEqual(a);
  });

  it("a different seed gives different draws", () => {
    const a = uncertaintyAnalysis(c.matrix, c.model, settings);
    const b = uncertaintyAnalysis(c.matrix, c.model, {...settings, seed: 43});
    expect(b.choices.dimensionWeights).not.toEqual(a.choices.dimensionWeights);
    expect(b.choices.kpiWeights).not.toEqual(a.choices.kpiWeights);
    expect(b.choices.normalisation).not.toEqual(a.choices.normalisation);
    expect(b.ranks).not.toEqual(a.ranks);
  });

  it("reports progress after every chunk and stops when cancelled", () => {
    const seen: [number, number][] = [];
    uncertaintyAnalysis(c.matrix, c.model, settings, {chunkSize: 100, onProgress: (done, total) => seen.push([done, total])});
    expect(seen).toEqual([
      [100, 300],
      [200, 300],
      [300, 300]
    ]);
    let calls = 0;
    expect(() => uncertaintyAnalysis(c.matrix, c.model, settings, {chunkSize: 100, shouldCancel: () => ++calls > 2})).toThrow(UncertaintyCancelled);
    expect(calls).toBe(3);
    const controller = new AbortController();
    controller.abort();
    expect(() => uncertaintyAnalysis(c.matrix, c.model, settings, {signal: controller.signal})).toThrow(/avbröts/);
    const run = new MonteCarloRun(createUncertaintyContext(c.matrix, c.model, settings));
    run.step(10);
    expect(() => run.result()).toThrow(/not finished/);
  });

  it("rejects bad settings with a RangeError naming the field", () => {
    const bad: [Partial<UncertaintySettings>, RegExp][] = [
      [{draws: 0}, /settings\.draws must be an integer from 1 to 20000 \(got 0\)/],
      [{draws: 20001}, /settings\.draws/],
      [{draws: 2.5}, /settings\.draws/],
      [{noise: -0.01}, /settings\.noise must be a number from 0 to 1/],
      [{noise: 1.5}, /settings\.noise/],
      [{noise: NaN}, /settings\.noise/],
      [{seed: -1}, /settings\.seed/],
      [{seed: 1.5}, /settings\.seed/],
      [{topN: 0}, /settings\.topN/],
      [{year: 2022.5}, /settings\.year/],
      [{year: 2030}, /settings\.year: year 2030 is not in the data \(years 2016-2022\)/],
      [{grouping: "county" as never}, /settings\.grouping must be one of none, kommungrupp, mainGroup/],
      [{vary: {normalisation: []}}, /settings\.vary\.normalisation/],
      [{vary: {normalisation: ["goalposts"]}}, /settings\.vary\.normalisation must be one of zscore, minmax, percentile/],
      [{vary: {window: true}}, /settings\.vary\.window applies to kind improvement only/],
      [{vary: {method: ["national"]}}, /settings\.vary\.method applies to kind improvement only/],
      [{nominal: {window: 3}}, /settings\.nominal\.window applies to kind improvement only/],
      [{weights: {dimensions: {a: -1}, indicators: {}}}, /settings\.weights\.dimensions\.a must be a finite number >= 0/]
    ];
    for (const [patch, message] of bad) {
      expect(() => createUncertaintyContext(c.matrix, c.model, {kind: "nomination", year: 2022, ...patch}), JSON.stringify(patch)).toThrow(RangeError);
      expect(() => createUncertaintyContext(c.matrix, c.model, {kind: "nomination", year: 2022, ...patch})).toThrow(message);
    }
    expect(() => createUncertaintyContext(c.matrix, c.model, {kind: "improvement", year: 2022, nominal: {window: 5 as 4}})).toThrow(/settings\.nominal\.window must be 3 or 4/);
    expect(() => createUncertaintyContext(c.matrix, c.model, {kind: "improvement", year: 2022, vary: {method: ["trend" as never]}})).toThrow(/settings\.vary\.method/);
    expect(() => createUncertaintyContext(c.matrix, c.model, {kind: "improvement", year: 2018, vary: {window: true}})).toThrow(/settings\.year: the window 2015-2018 is not covered/);
    expect(() => createUncertaintyContext(c.matrix, c.model, {kind: "improvement", year: 2022, nominal: {minSteadiness: 2}})).toThrow(/settings\.nominal\.minSteadiness/);
  });
});

describe("Monte Carlo: varied methods against score()", () => {
  it("draws use each allowed normalisation about equally, and each draw's choices reproduce its ranking with score()", () => {
    const c = randomCase(31, 27);
    const draws = 3000;
    const r = uncertaintyAnalysis(c.matrix, c.model, {
      kind: "nomination",
      year: 2022,
      draws,
      seed: 5,
      noise: 0.5,
      grouping: "kommungrupp",
      vary: {normalisation: ["zscore", "minmax", "percentile"], aggregation: true, winsorise: true},
      keepRanks: true
    });
    const counts = {zscore: 0, minmax: 0, percentile: 0, goalposts: 0};
    for (let i = 0; i < draws; i++) counts[drawChoices(r, i).normalisation!]++;
    // Binomial(3000, 1/3): sd = 25.8; allow 4 sd around 1000.
    for (const n of [counts.zscore, counts.minmax, counts.percentile]) expect(Math.abs(n - 1000)).toBeLessThan(4 * 25.8);
    expect(counts.goalposts).toBe(0);
    const nM = c.codes.length;
    for (let i = 0; i < 60; i++) {
      const ch = drawChoices(r, i);
      expect(ch.window).toBeNull();
      expect(ch.method).toBeNull();
      const p = prepareNomination(c.matrix, c.model, 2022, {normalisation: ch.normalisation!, aggregation: ch.aggregation, winsorise: ch.winsorise});
      const s = score(p, ch.weights, {grouping: "kommungrupp"});
      const expected = Array.from({length: nM}, (_, m) => (s.eligible[m] ? s.ranks.withinGroup[m]! : 0));
      expect(Array.from(r.ranks!.subarray(i * nM, (i + 1) * nM))).toEqual(expected);
    }
    // Every combination of the 3 x 2 x 2 choices occurs.
    const combos = new Set(Array.from({length: draws}, (_, i) => JSON.stringify([r.choices.normalisation[i], r.choices.aggregation[i], r.choices.winsorise[i]])));
    expect(combos.size).toBe(12);
  });

  it("improvement: window and measure draws reproduce with prepareImprovement + score()", () => {
    const c = randomCase(41, 21);
    const r = uncertaintyAnalysis(c.matrix, c.model, {
      kind: "improvement",
      year: 2022,
      draws: 400,
      seed: 8,
      noise: 0.3,
      vary: {window: true, method: ["theil-sen", "regression"], winsorise: true},
      nominal: {minSteadiness: 0.4, aggregation: "geometric"},
      keepRanks: true
    });
    const seen = new Set<string>();
    const nM = c.codes.length;
    for (let i = 0; i < 80; i++) {
      const ch = drawChoices(r, i);
      expect(ch.normalisation).toBeNull();
      expect(ch.aggregation).toBe("geometric");
      expect(ch.method === "theil-sen" || ch.method === "regression").toBe(true);
      seen.add(`${ch.window} ${ch.method}`);
      const p = prepareImprovement(c.matrix, c.model, 2022, {window: ch.window!, method: ch.method!, aggregation: ch.aggregation, winsorise: ch.winsorise});
      const s = score(p, ch.weights, {minSteadiness: 0.4});
      expect(Array.from(r.ranks!.subarray(i * nM, (i + 1) * nM))).toEqual(Array.from({length: nM}, (_, m) => (s.eligible[m] ? s.ranks.overall[m]! : 0)));
    }
    expect(seen.size).toBe(4);
    // The nominal ranking is score() with the nominal method.
    const nominal = score(prepareImprovement(c.matrix, c.model, 2022, {aggregation: "geometric"}), undefined, {minSteadiness: 0.4});
    expect(r.rows.map((x) => x.nominalRank)).toEqual(Array.from({length: nM}, (_, m) => (nominal.eligible[m] ? nominal.ranks.overall[m]! : null)));
  });

  it("weights multiply the base weights by U(1 - f, 1 + f); a weight 0 stays 0", () => {
    const c = randomCase(51, 12);
    const f = 0.3;
    const base = {dimensions: {a: 2, b: 0, c: 1}, indicators: {N00012: 0}};
    const r = uncertaintyAnalysis(c.matrix, c.model, {kind: "nomination", year: 2022, draws: 500, seed: 2, noise: f, weights: base});
    const baseW: Record<string, number> = {N00011: 1, N00012: 0, N00021: 1, N00022: 0.5, N00031: 1, N00032: 3};
    for (let i = 0; i < 500; i++) {
      const ch = drawChoices(r, i);
      expect(ch.weights.dimensions.b).toBe(0);
      expect(ch.weights.dimensions.a! / 2).toBeGreaterThanOrEqual(1 - f);
      expect(ch.weights.dimensions.a! / 2).toBeLessThan(1 + f);
      for (const [kpi, w] of Object.entries(ch.weights.indicators)) {
        if (baseW[kpi] === 0) expect(w).toBe(0);
        else {
          expect(w / baseW[kpi]!).toBeGreaterThanOrEqual(1 - f);
          expect(w / baseW[kpi]!).toBeLessThan(1 + f);
        }
      }
    }
    // Nominal ranks: score() with the base weights.
    const s = score(prepareNomination(c.matrix, c.model, 2022), base);
    expect(r.rows.map((x) => x.nominalRank)).toEqual(s.ranks.overall.reduce<(number | null)[]>((acc, rank, m) => [...acc, s.eligible[m] ? rank : null], []));
  });
});

describe("rankWeights: the lean path of score()", () => {
  it("gives score()'s totals, eligibility and ranks without rows", () => {
    const c = randomCase(61, 30);
    const p = prepareImprovement(c.matrix, c.model, 2022, {window: 3});
    const weights = {dimensions: {a: 0.5}, indicators: {N00032: 0}};
    const s = score(p, weights, {grouping: "mainGroup", minSteadiness: 0.5});
    const lean = rankWeights(p, resolveWeights(p, weights), {grouping: "mainGroup", minSteadiness: 0.5});
    expect(lean.reasons).toBeNull();
    expect(lean.eligible).toEqual(s.eligible);
    expect(lean.aggregation.totals).toEqual(s.totals);
    expect(lean.ranks).toEqual(s.ranks);
    expect(lean.steadiness).toEqual(s.steadiness);
    expect(s.rows.filter((x) => x.rank === null).every((x) => x.reasons.length > 0)).toBe(true);
  });
});

describe("Sobol indices: Saltelli design, Jansen estimators", () => {
  // Ishigami: f = sin x1 + a sin^2 x2 + b x3^4 sin x1, x_i ~ U(-pi, pi), a = 7, b = 0.1.
  // V = a^2/8 + b pi^4/5 + b^2 pi^8/18 + 1/2; V1 = (1 + b pi^4/5)^2 / 2; V2 = a^2/8; V13 = 8 b^2 pi^8/225.
  const a = 7;
  const b = 0.1;
  const ishigami = (u: Float64Array) => {
    const x1 = -Math.PI + 2 * Math.PI * u[0]!;
    const x2 = -Math.PI + 2 * Math.PI * u[1]!;
    const x3 = -Math.PI + 2 * Math.PI * u[2]!;
    return Math.sin(x1) + a * Math.sin(x2) ** 2 + b * x3 ** 4 * Math.sin(x1);
  };
  const pi = Math.PI;
  const V = a ** 2 / 8 + (b * pi ** 4) / 5 + (b ** 2 * pi ** 8) / 18 + 0.5;
  const V1 = (1 + (b * pi ** 4) / 5) ** 2 / 2;
  const V2 = a ** 2 / 8;
  const V13 = (8 * b ** 2 * pi ** 8) / 225;

  it("the analytic Ishigami indices are the known ones", () => {
    expect(V1 / V).toBeCloseTo(0.314, 3);
    expect(V2 / V).toBeCloseTo(0.442, 3);
    expect((V1 + V13) / V).toBeCloseTo(0.558, 3);
    expect(V13 / V).toBeCloseTo(0.244, 3);
  });

  it("recovers the Ishigami indices", () => {
    // N = 16384: over 30 seeds the worst index's RMS error was ~0.011 at N = 8192/sqrt(2); 0.05 is > 4 of those.
    const e = sobolJansen(ishigami, {dimension: 3, n: 16384, seed: 1234, bootstrap: 100});
    const S = [V1 / V, V2 / V, 0];
    const ST = [(V1 + V13) / V, V2 / V, V13 / V];
    expect(e.evaluations).toBe(16384 * 5);
    expect(Math.abs(e.variance - V) / V).toBeLessThan(0.03);
    for (let i = 0; i < 3; i++) {
      expect(Math.abs(e.first[i]! - S[i]!)).toBeLessThan(0.05);
      expect(Math.abs(e.total[i]! - ST[i]!)).toBeLessThan(0.05);
      expect(e.firstBand[i]![0]).toBeLessThanOrEqual(e.firstBand[i]![1]);
      expect(e.totalBand[i]![0]).toBeLessThanOrEqual(e.totalBand[i]![1]);
      // A 90 % band is a few standard errors wide at most.
      expect(e.totalBand[i]![1] - e.totalBand[i]![0]).toBeLessThan(0.1);
    }
  });

  it("recovers a linear model's indices, single and grouped", () => {
    // Y = u1 + 2 u2 + 3 u3 + 0 u4, u ~ U(0, 1): V_i = a_i^2 / 12, S_i = ST_i = a_i^2 / 14.
    const f = (u: Float64Array) => u[0]! + 2 * u[1]! + 3 * u[2]!;
    const single = sobolJansen(f, {dimension: 4, n: 8192, seed: 99, bootstrap: 0});
    const exact = [1 / 14, 4 / 14, 9 / 14, 0];
    for (let i = 0; i < 4; i++) {
      expect(Math.abs(single.first[i]! - exact[i]!)).toBeLessThan(0.05);
      expect(Math.abs(single.total[i]! - exact[i]!)).toBeLessThan(0.05);
      expect(single.firstBand[i]).toEqual([NaN, NaN]);
    }
    // u4 does not enter: f(A) = f(A_B) row by row, so Jansen's ST is exactly 0.
    expect(single.total[3]).toBe(0);
    const grouped = sobolJansen(f, {dimension: 4, groups: [[0, 1], [2], [3]], n: 8192, seed: 99});
    const exactGrouped = [5 / 14, 9 / 14, 0];
    for (let g = 0; g < 3; g++) {
      expect(Math.abs(grouped.first[g]! - exactGrouped[g]!)).toBeLessThan(0.05);
      expect(Math.abs(grouped.total[g]! - exactGrouped[g]!)).toBeLessThan(0.05);
    }
    expect(grouped.evaluations).toBe(8192 * 5);
  });

  it("is deterministic by seed and rejects bad designs", () => {
    const f = (u: Float64Array) => u[0]! * u[1]!;
    expect(sobolJansen(f, {dimension: 2, n: 500, seed: 3})).toEqual(sobolJansen(f, {dimension: 2, n: 500, seed: 3}));
    expect(sobolJansen(f, {dimension: 2, n: 500, seed: 4}).first).not.toEqual(sobolJansen(f, {dimension: 2, n: 500, seed: 3}).first);
    expect(() => sobolJansen(f, {dimension: 2, n: 1, seed: 3})).toThrow(/n must be an integer from 2 to 20000/);
    expect(() => sobolJansen(f, {dimension: 2, n: 10, seed: 3, groups: [[0], [0, 1]]})).toThrow(/disjoint/);
    expect(() => sobolJansen(f, {dimension: 2, n: 10, seed: 3, groups: [[2]]})).toThrow(/groups\[0\]/);
    expect(() => sobolJansen(() => NaN, {dimension: 2, n: 10, seed: 3})).toThrow(/non-finite/);
  });

  it("on a ranking: one group per varied input; KPI weights that cannot matter get ST = 0", () => {
    // matrix3: one KPI per dimension, so a KPI weight never changes D(d) (Y does not depend on it);
    // the order flips only with the dimension weights.
    const ctx = createUncertaintyContext(matrix3, M3, {kind: "nomination", year: 2022, seed: 17, noise: 0.25, vary: {aggregation: true}});
    expect(ctx.groups.map((g) => g.id)).toEqual(["dimension:a", "dimension:b", "kpis:a", "kpis:b", "aggregation"]);
    const s = sobolIndices(ctx, {n: 2000, bootstrap: 50});
    expect(s.evaluations).toBe(2000 * 7);
    const by = Object.fromEntries(s.indices.map((x) => [x.id, x]));
    expect(by["kpis:a"]!.total).toBe(0);
    expect(by["kpis:b"]!.total).toBe(0);
    expect(by["dimension:a"]!.total).toBeGreaterThan(0.2);
    expect(by["dimension:b"]!.total).toBeGreaterThan(0.2);
    // Geometric (c = 2): log-totals 0101 = Wa ln 3, 0102 = Wb ln 3, 0103 = (Wa + Wb) ln 2, all / (Wa + Wb),
    // so 0103 (average in both) beats 0101 always and 0102 unless Wb/Wa > ln 2 / ln 1.5 = 1.71: the
    // aggregation changes the order (nominal, arithmetic: 0102, 0103, 0101). Y is 0, 2/3 or 4/3.
    expect(by["aggregation"]!.total).toBeGreaterThan(0.2);
    expect(s.mean).toBeGreaterThan(0);
    expect(s.mean).toBeLessThan(4 / 3);
    expect(sobolIndices(ctx, {n: 2000, bootstrap: 50})).toEqual(s);
    const seen: number[] = [];
    sobolIndices(ctx, {n: 100, bootstrap: 0}, {chunkSize: 350, onProgress: (done) => seen.push(done)});
    expect(seen).toEqual([350, 700]);
    // Nothing varied: no groups, no indices.
    const none = createUncertaintyContext(matrix3, M3, {kind: "nomination", year: 2022, vary: {dimensionWeights: false, kpiWeights: false}});
    expect(none.groups).toEqual([]);
    expect(sobolIndices(none, {n: 10}).indices).toEqual([]);
  });

  it("improvement groups include window and measure when varied", () => {
    const c = randomCase(71, 15);
    const ctx = createUncertaintyContext(c.matrix, c.model, {kind: "improvement", year: 2022, vary: {kpiWeights: false, window: true, method: ["theil-sen", "national"], winsorise: true}});
    expect(ctx.groups.map((g) => g.id)).toEqual(["dimension:a", "dimension:b", "dimension:c", "winsorise", "window", "method"]);
    const s = sobolIndices(ctx, {n: 100, bootstrap: 20});
    for (const x of s.indices) {
      expect(Number.isFinite(x.first) && Number.isFinite(x.total)).toBe(true);
      expect(x.totalBand[0]).toBeLessThanOrEqual(x.totalBand[1]);
    }
  });
});
