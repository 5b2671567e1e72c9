/** The rank over the years (src/engine/rank-history.ts). */
import {describe, expect, it} from "vitest";
import {
  buildMatrix,
  defaultWeights,
  prepareImprovement,
  prepareNomination,
  rankHistories,
  rankHistoriesInSteps,
  rankHistoryFor,
  score,
  type RankHistoryStep
} from "../../src/engine/index.ts";
import {model, municipalities, rowsForSeries} from "./fixtures.ts";

describe("rankHistories", () => {
  // 6 municipalities, 2 KPIs, 2016-2022; 0106 has data only from 2020.
  const codes = ["0101", "0102", "0103", "0104", "0105", "0106"];
  const years = [2016, 2017, 2018, 2019, 2020, 2021, 2022];
  const series = (base: number, step: number, from = 0) => years.map((_, t) => (t < from ? null : base + step * t));
  const rows = rowsForSeries(years, {
    N00001: {"0101": series(10, 1), "0102": series(20, -1), "0103": series(15, 0.5), "0104": series(12, 2), "0105": series(18, 0), "0106": series(30, 1, 4)},
    N00002: {"0101": series(5, 0), "0102": series(3, 0.2), "0103": series(4, -0.3), "0104": series(6, 0.1), "0105": series(2, 0.5), "0106": series(1, 0, 4)}
  });
  const matrix = buildMatrix({municipalities: municipalities(codes), values: rows});
  const m = model(
    [
      ["a", 1],
      ["b", 1]
    ],
    [
      ["N00001", "a", "higher_better", 1],
      ["N00002", "b", "lower_better", 1]
    ]
  );

  it("ranks every year (nomination) and every 4-year window the data covers (improvement), like score()", () => {
    const h = rankHistories(matrix, m);
    expect(h.nomination.map((r) => r.year)).toEqual(years);
    expect(h.improvement.map((r) => [r.from, r.year])).toEqual([
      [2016, 2019],
      [2017, 2020],
      [2018, 2021],
      [2019, 2022]
    ]);
    for (const r of h.nomination) {
      const direct = score(prepareNomination(matrix, m, r.year), defaultWeights(m));
      expect([...r.rank]).toEqual([...direct.ranks.overall]);
      expect(r.ranked).toBe(direct.rows.filter((x) => x.rank !== null).length);
    }
    const direct = score(prepareImprovement(matrix, m, 2022, {window: 4}), defaultWeights(m));
    expect([...h.improvement.at(-1)!.rank]).toEqual([...direct.ranks.overall]);
  });

  it("reads one municipality's ranks, null where it is not ranked", () => {
    const h = rankHistories(matrix, m);
    const late = rankHistoryFor(h, codes.indexOf("0106"));
    expect(late.nomination.map((p) => p.rank === null)).toEqual([true, true, true, true, false, false, false]);
    // 0106 has 3 years (2020-2022) only in the last window.
    expect(late.improvement.map((p) => p.rank === null)).toEqual([true, true, true, false]);
    expect(late.nomination[0]).toEqual({kind: "nomination", year: 2016, from: 2016, rank: null, of: 5});
    const first = rankHistoryFor(h, 0);
    expect(first.nomination.every((p) => p.rank !== null && p.rank >= 1 && p.rank <= p.of)).toBe(true);
  });

  it("gives the same result in steps, pausing after each year with how far it has come", async () => {
    const steps: RankHistoryStep[] = [];
    const h = await rankHistoriesInSteps(matrix, m, {}, async (step) => void steps.push(step));
    expect(steps).toEqual(years.map((year, i) => ({year, done: i + 1, total: years.length})));
    const direct = rankHistories(matrix, m);
    expect(h.nomination.map((r) => [r.year, [...r.rank]])).toEqual(direct.nomination.map((r) => [r.year, [...r.rank]]));
    expect(h.improvement.map((r) => [r.year, [...r.rank]])).toEqual(direct.improvement.map((r) => [r.year, [...r.rank]]));
  });

  it("leaves out years in which nobody is ranked, and supports a 3-year window", () => {
    const sparse = buildMatrix({municipalities: municipalities(codes), values: rows.filter((r) => r.year !== 2018)});
    const h = rankHistories(sparse, m, {window: 3});
    expect(h.nomination.map((r) => r.year)).toEqual([2016, 2017, 2019, 2020, 2021, 2022]);
    // Windows 2016-2018 and 2017-2019 have only two years per municipality; 2018-2020 starts in an empty year.
    expect(h.improvement.map((r) => [r.from, r.year])).toEqual([
      [2019, 2021],
      [2020, 2022]
    ]);
  });

  it("takes well under 200 ms for 13 years of 290 municipalities and 26 KPIs", () => {
    // Stryker's instrumented code is many times slower: a smaller case in the mutation run.
    const big = Array.from({length: process.env.MUTATION_RUN === "1" ? 40 : 290}, (_, i) => String(1000 + i));
    const yrs = Array.from({length: 13}, (_, t) => 2010 + t);
    const kpis = Array.from({length: 26}, (_, k) => `N${String(k).padStart(5, "0")}`);
    let seed = 1;
    const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const values = kpis.flatMap((kpi) => big.flatMap((municipality) => yrs.map((year) => ({kpi, municipality, year, value: rand() * 100}))));
    const mx = buildMatrix({municipalities: municipalities(big), values});
    const mm = model(
      [
        ["a", 1],
        ["b", 1]
      ],
      kpis.map((k, i) => [k, i % 2 ? "a" : "b", i % 3 ? "higher_better" : "lower_better", 1] as [string, string, "higher_better" | "lower_better", number])
    );
    rankHistories(mx, mm); // warm-up
    const t0 = performance.now();
    const h = rankHistories(mx, mm);
    const ms = performance.now() - t0;
    expect(h.nomination).toHaveLength(13);
    expect(h.improvement).toHaveLength(10);
    if (process.env.MUTATION_RUN !== "1") expect(ms).toBeLessThan(200);
  });
});
