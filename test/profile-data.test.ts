/** The Kommunprofil's pure functions, on small hand-computed cases. */
import {describe, expect, it} from "vitest";
import {buildMatrix, defaultWeights, prepareImprovement, prepareNomination, score} from "../src/engine/index.ts";
import {
  colourClass,
  formatValue,
  kpiContributions,
  kpiProfiles,
  medianTable,
  percentileOf,
  placeOf,
  rankHistories,
  rankHistoryFor,
  strengthsAndWeaknesses,
  type KpiProfile
} from "../src/engine/profile.ts";
import {municipalityParam} from "../src/lib/state/profile-state.ts";
import {parseState} from "../src/lib/state/url-state.ts";
import {model, municipalities, rowsForSeries} from "./engine/fixtures.ts";

describe("percentileOf", () => {
  it("is the share of municipalities the value is at least as good as (itself included), higher better", () => {
    const v = [1, 2, 3, 4];
    expect(v.map((x) => percentileOf(v, x, "higher_better"))).toEqual([25, 50, 75, 100]);
  });

  it("aligns the direction for lower_better", () => {
    const v = [1, 2, 3, 4];
    expect(v.map((x) => percentileOf(v, x, "lower_better"))).toEqual([100, 75, 50, 25]);
  });

  it("gives tied municipalities the same, highest percentile of their tie group", () => {
    const v = [1, 2, 2, 3];
    // Higher better: a 2 is at least as good as 1, 2, 2 → 3/4.
    expect(v.map((x) => percentileOf(v, x, "higher_better"))).toEqual([25, 75, 75, 100]);
    // Lower better: a 2 is at least as good as 2, 2, 3 → 3/4.
    expect(v.map((x) => percentileOf(v, x, "lower_better"))).toEqual([100, 75, 75, 25]);
    // Everybody equal: everybody is at the top.
    expect(percentileOf([5, 5, 5], 5, "higher_better")).toBe(100);
  });

  it("skips missing values (NaN) in the column and counts only municipalities with a value", () => {
    expect(percentileOf([NaN, 10, 20, NaN], 10, "higher_better")).toBe(50);
    expect(percentileOf([NaN, 10, 20, NaN], 10, "lower_better")).toBe(100);
    expect(percentileOf(Float64Array.from([30, NaN, 10, 20, 40]), 30, "higher_better")).toBe(75);
  });

  it("is null when the value is missing or nobody has a value", () => {
    expect(percentileOf([1, 2, 3], null, "higher_better")).toBeNull();
    expect(percentileOf([1, 2, 3], NaN, "higher_better")).toBeNull();
    expect(percentileOf([NaN, NaN], 1, "higher_better")).toBeNull();
  });
});

describe("colourClass", () => {
  it("is green above 75, red at 25 or below, yellow between, grey when missing", () => {
    expect(colourClass(100)).toBe("green");
    expect(colourClass(75.0001)).toBe("green");
    expect(colourClass(75)).toBe("yellow");
    expect(colourClass(50)).toBe("yellow");
    expect(colourClass(25.0001)).toBe("yellow");
    expect(colourClass(25)).toBe("red");
    expect(colourClass(100 / 290)).toBe("red");
    expect(colourClass(null)).toBe("grey");
    expect(colourClass(undefined)).toBe("grey");
    expect(colourClass(NaN)).toBe("grey");
  });

  it("puts exactly the best and worst quarter in green and red when n is divisible by 4", () => {
    const classes = (n: number, direction: "higher_better" | "lower_better") => {
      const v = Array.from({length: n}, (_, i) => i + 1);
      const c = v.map((x) => colourClass(percentileOf(v, x, direction)));
      return {green: c.filter((x) => x === "green").length, yellow: c.filter((x) => x === "yellow").length, red: c.filter((x) => x === "red").length};
    };
    expect(classes(4, "higher_better")).toEqual({green: 1, yellow: 2, red: 1});
    expect(classes(8, "lower_better")).toEqual({green: 2, yellow: 4, red: 2});
    expect(classes(288, "higher_better")).toEqual({green: 72, yellow: 144, red: 72});
    // 290/4 = 72.5: the boundary falls between two municipalities.
    expect(classes(290, "higher_better")).toEqual({green: 73, yellow: 145, red: 72});
  });

  it("classifies by direction: the lowest value is green when lower is better", () => {
    const v = [10, 20, 30, 40];
    expect(colourClass(percentileOf(v, 10, "lower_better"))).toBe("green");
    expect(colourClass(percentileOf(v, 10, "higher_better"))).toBe("red");
  });
});

describe("placeOf", () => {
  it("is 1 + the number strictly better, ties sharing the better place", () => {
    const v = [1, 2, 2, 3, NaN];
    expect(v.slice(0, 4).map((x) => placeOf(v, x, "higher_better"))).toEqual([4, 2, 2, 1]);
    expect(v.slice(0, 4).map((x) => placeOf(v, x, "lower_better"))).toEqual([1, 2, 2, 4]);
    expect(placeOf(v, null, "higher_better")).toBeNull();
  });
});

// A small data set: 5 municipalities in two kommungrupper, 2 KPIs, 2020-2022, plus Riket.
const CODES = ["0101", "0102", "0103", "0104", "0105"];
const GROUPS = ["A1", "A1", "A1", "B3", "B3"];
const YEARS = [2020, 2021, 2022];
function smallMatrix() {
  const rows = rowsForSeries(YEARS, {
    N00001: {
      "0101": [10, 12, 14],
      "0102": [20, 20, 20],
      "0103": [30, null, 30],
      "0104": [40, 40, 40],
      "0105": [null, null, null],
      "0000": [25, 26, 27]
    },
    N00002: {
      "0101": [5, 5, 5],
      "0102": [4, 4, 4],
      "0103": [3, 3, 3],
      "0104": [2, 2, 2],
      "0105": [1, 1, 1]
    }
  });
  return buildMatrix({municipalities: municipalities(CODES, GROUPS), values: rows});
}
const SMALL_MODEL = model(
  [
    ["a", 1],
    ["b", 1]
  ],
  [
    ["N00001", "a", "higher_better", 1],
    ["N00002", "b", "lower_better", 1]
  ]
);

describe("medianTable", () => {
  it("takes medians per year over the municipalities with a value, nationally and per kommungrupp", () => {
    const t = medianTable(smallMatrix(), ["N00001", "N00002"]);
    // N00001 2020: 10, 20, 30, 40 → (20 + 30) / 2; 2021: 12, 20, 40 → 20; 2022: 14, 20, 30, 40 → 25.
    expect([...t.national.get("N00001")!]).toEqual([25, 20, 25]);
    // A1 = 0101-0103: 2020 10, 20, 30 → 20; 2021 12, 20 → 16; 2022 14, 20, 30 → 20. B3: only 0104 has values.
    expect([...t.byGroup.get("N00001")!.get("A1")!]).toEqual([20, 16, 20]);
    expect([...t.byGroup.get("N00001")!.get("B3")!]).toEqual([40, 40, 40]);
    expect([...t.byGroup.get("N00002")!.get("B3")!]).toEqual([1.5, 1.5, 1.5]);
  });

  it("gives NaN for a KPI the matrix lacks", () => {
    const t = medianTable(smallMatrix(), ["NOPE"]);
    expect([...t.national.get("NOPE")!].every(Number.isNaN)).toBe(true);
  });
});

describe("kpiProfiles", () => {
  it("gives value, percentile, class, place, medians, Riket and trend per model KPI, in model order", () => {
    const matrix = smallMatrix();
    const rows = kpiProfiles(matrix, SMALL_MODEL, "0101", 2022, medianTable(matrix, ["N00001", "N00002"]), (k) => `Titel ${k}`);
    expect(rows.map((r) => r.kpi)).toEqual(["N00001", "N00002"]);
    const [k1, k2] = rows as [KpiProfile, KpiProfile];
    // N00001 2022: 14 among 14, 20, 30, 40, higher better → 1 of 4 = 25 → red, place 4.
    expect(k1).toMatchObject({title: "Titel N00001", value: 14, percentile: 25, colour: "red", place: 4, n: 4, nationalMedian: 25, groupMedian: 20, riket: 27});
    expect(k1.trend).toEqual({years: YEARS, value: [10, 12, 14], nationalMedian: [25, 20, 25], groupMedian: [20, 16, 20], riket: [25, 26, 27]});
    // N00002: 5 among 1..5, lower better → at least as good as only itself → 20 → red, place 5; no Riket.
    expect(k2).toMatchObject({value: 5, percentile: 20, colour: "red", place: 5, n: 5, nationalMedian: 3, riket: null});
  });

  it("marks a missing value grey with no percentile", () => {
    const matrix = smallMatrix();
    const [k1, k2] = kpiProfiles(matrix, SMALL_MODEL, "0105", 2021, medianTable(matrix, ["N00001", "N00002"])) as [KpiProfile, KpiProfile];
    expect(k1).toMatchObject({value: null, percentile: null, colour: "grey", place: null, n: 3});
    // 0105 has the lowest N00002 (lower better): the best.
    expect(k2).toMatchObject({value: 1, percentile: 100, colour: "green", place: 1});
  });

  it("rejects an unknown municipality or year", () => {
    const matrix = smallMatrix();
    const medians = medianTable(matrix, ["N00001"]);
    expect(() => kpiProfiles(matrix, SMALL_MODEL, "9999", 2022, medians)).toThrow(/unknown municipality/);
    expect(() => kpiProfiles(matrix, SMALL_MODEL, "0101", 2030, medians)).toThrow(/not in the data/);
  });
});

describe("strengthsAndWeaknesses", () => {
  const row = (order: number, percentile: number | null) => ({order, percentile, colour: colourClass(percentile)});

  it("lists the green KPIs best first and the red KPIs worst first; ties keep model order", () => {
    const rows = [row(0, 80), row(1, 20), row(2, 99), row(3, 50), row(4, 80), row(5, 5), row(6, null), row(7, 25), row(8, 76)];
    const {strengths, weaknesses} = strengthsAndWeaknesses(rows);
    expect(strengths.map((r) => r.order)).toEqual([2, 0, 4, 8]);
    expect(weaknesses.map((r) => r.order)).toEqual([5, 1, 7]);
  });

  it("cuts each list to the limit and leaves out missing and middle values", () => {
    const rows = [row(0, 90), row(1, 95), row(2, 100), row(3, 10), row(4, 50), row(5, null)];
    const {strengths, weaknesses} = strengthsAndWeaknesses(rows, 2);
    expect(strengths.map((r) => r.order)).toEqual([2, 1]);
    expect(weaknesses.map((r) => r.order)).toEqual([3]);
    expect(strengthsAndWeaknesses([row(0, 50), row(1, null)])).toEqual({strengths: [], weaknesses: []});
  });
});

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
    const big = Array.from({length: 290}, (_, i) => String(1000 + i));
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
    expect(ms).toBeLessThan(200);
  });
});

describe("kpiContributions", () => {
  it("sums to the total, sorted by contribution descending, with the rank", () => {
    const matrix = smallMatrix();
    const result = score(prepareNomination(matrix, SMALL_MODEL, 2022), defaultWeights(SMALL_MODEL));
    const c = kpiContributions(result, "0104");
    expect(c.total).not.toBeNull();
    const sum = c.kpis.reduce((s, k) => s + (k.contribution ?? 0), 0);
    expect(sum).toBeCloseTo(c.total!, 12);
    const values = c.kpis.map((k) => k.contribution!);
    expect([...values].sort((a, b) => b - a)).toEqual(values);
    expect(c.rank).toBe(result.rows.find((r) => r.code === "0104")!.rank);
    // 0104: N00001 = 40 (best), N00002 = 2 (second best, lower better): both positive.
    expect(values.every((v) => v > 0)).toBe(true);
  });

  it("gives the reasons and no contributions for an unranked municipality", () => {
    const matrix = smallMatrix();
    const result = score(prepareNomination(matrix, SMALL_MODEL, 2022), defaultWeights(SMALL_MODEL));
    const c = kpiContributions(result, "0105");
    expect(c.total).toBeNull();
    expect(c.reasons.length).toBeGreaterThan(0);
    expect(c.kpis.every((k) => k.contribution === null)).toBe(true);
    expect(c.kpis.map((k) => k.kpi)).toEqual(["N00001", "N00002"]);
  });
});

describe("formatValue", () => {
  it("writes Swedish numbers with at most one decimal (two below 1) and the unit", () => {
    expect(formatValue(67.19686009)).toBe("67,2");
    expect(formatValue(12)).toBe("12");
    expect(formatValue(4523.44)).toBe("4\u00a0523,4");
    expect(formatValue(-18.5039)).toBe("\u221218,5");
    expect(formatValue(0.456)).toBe("0,46");
    expect(formatValue(89.73607038, "%")).toBe("89,7\u00a0%");
    expect(formatValue(null, "%")).toBe("–");
    expect(formatValue(NaN)).toBe("–");
  });
});

describe("municipalityParam", () => {
  it("accepts a known code and reports anything else without echoing HTML", () => {
    const spec = {kommun: municipalityParam(["0180", "1284"], "0180")};
    expect(parseState("?kommun=1284", spec)).toEqual({state: {kommun: "1284"}, notices: []});
    const bad = parseState("?kommun=%3Cscript%3E", spec);
    expect(bad.state.kommun).toBe("0180");
    expect(bad.notices).toHaveLength(1);
    expect(bad.notices[0]).toContain("fyrsiffriga kod");
    const unknown = parseState("?kommun=9999&foo=1", spec);
    expect(unknown.state.kommun).toBe("0180");
    expect(unknown.notices).toHaveLength(2);
  });
});
