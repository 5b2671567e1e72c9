/**
 * The Scenarier page's pure parts: a scenario ranks as its page ranks it
 * (checked against the rank command's function, which takes the weights in
 * the model file instead of a weights object), the comparison, the
 * differences in words (hand-written sentences), and the bump chart's summary
 * and label spacing.
 */
import {describe, expect, it} from "vitest";
import {rank as cliRank, parseArgs} from "../../cli/rank.ts";
import {bumpSummary, dodge} from "../../src/components/bump-chart.ts";
import {comparableRanking, compareScenarioRankings, type Model} from "../../src/engine/index.ts";
import {compareScenarios, rankScenario, scenarioLetter} from "../../src/lib/scenarios/comparison.ts";
import {scenarioDifferences} from "../../src/lib/scenarios/differences.ts";
import type {Scenario} from "../../src/lib/state/scenario-codec.ts";
import {improvementScenario, nominationScenario, testWorkbench} from "./scenario-fixtures.ts";

const wb = testWorkbench();
const titleOf = (kpi: string) => wb.kpis.get(kpi)?.title;

/** The scenario's weights written into its model, as a model file for `rank --model` would hold them. */
function weightedModel(s: Scenario): Model {
  return {
    ...s.model,
    dimensions: s.model.dimensions.map((d) => ({...d, weight: s.settings.dw[d.id]!})),
    indicators: s.model.indicators.map((i) => ({...i, weight: s.settings.w[i.kpi]!}))
  };
}

const valueRows = () => {
  const rows: {kpi: string; municipality: string; year: number; value: number}[] = [];
  const m = wb.matrix;
  m.kpis.forEach((kpi, k) =>
    m.years.forEach((year, t) =>
      m.municipalities.forEach((mun, i) => {
        const v = m.values[(k * m.years.length + t) * m.municipalities.length + i]!;
        if (!Number.isNaN(v)) rows.push({kpi, municipality: mun.code, year, value: v});
      })
    )
  );
  return rows;
};

describe("rankScenario", () => {
  const cases: [string, Scenario, string[]][] = [
    ["nomination, reweighted, min-max, geometric, winsorised", nominationScenario(wb, "n", {dw: {a: 2.5, b: 0.5}, w: {N00001: 0, N00002: 1, N00003: 3}, norm: "minmax", agg: "geometric", wins: true, year: 2016}), ["--year", "2016", "--normalisation", "minmax", "--aggregation", "geometric", "--winsorise"]],
    ["nomination within kommungrupp", nominationScenario(wb, "g", {scope: "kommungrupp", dw: {a: 1, b: 3}}), ["--year", "2022", "--group", "kommungrupp"]],
    ["improvement, 3 years, regression-adjusted, steadiness 0.3", improvementScenario(wb, "u", {window: 3, method: "regression", steady: 0.3, year: 2020, w: {N00001: 2, N00002: 1, N00003: 1}}), ["--year", "2020", "--kind", "improvement", "--window", "3", "--method", "regression", "--min-steadiness", "0.3"]]
  ];
  for (const [what, scenario, argv] of cases)
    it(`ranks as the rank command does: ${what}`, () => {
      const ours = rankScenario(wb.matrix, scenario, scenario.settings.year);
      const theirs = cliRank(parseArgs(["--model", "m.json", ...argv]), weightedModel(scenario), wb.municipalities, valueRows());
      const strip = (r: typeof ours) => r.rows.map((row) => [row.code, row.rank, row.overallRank, row.score]);
      expect(strip(ours)).toEqual(strip(theirs));
      expect(ours.rows.some((r) => r.rank !== null)).toBe(true);
    });

  it("moves an improvement window that would start before the data, and says so", () => {
    const s = improvementScenario(wb, "u", {window: 4, year: 2012});
    const result = compareScenarios(wb.matrix, [s, nominationScenario(wb, "n")], {year: 2011, top: 2});
    expect(result.results[0]!.prepared.window).toEqual({from: 2010, to: 2013, length: 4});
    expect(result.notes).toEqual(["A: fönstret 2010–2013 (det kan inte börja före 2010)."]);
  });
});

describe("compareScenarios", () => {
  it("is the engine's comparison of the scenarios' rankings, in the chosen year and top N", () => {
    const a = nominationScenario(wb, "A");
    const b = nominationScenario(wb, "B", {dw: {a: 0, b: 1}});
    const c = nominationScenario(wb, "C", {scope: "kommungrupp"});
    const result = compareScenarios(wb.matrix, [a, b, c], {year: 2018, top: 1});
    const expected = compareScenarioRankings([a, b, c].map((s) => comparableRanking(rankScenario(wb.matrix, s, 2018), 1)));
    expect(result.comparison).toEqual(expected);
    // C ranks within kommungrupp (A1, B3, C8): three municipalities in its top 1.
    expect(result.comparison.membership.filter((m) => m.inTop[2]).length).toBe(3);
    expect(result.year).toBe(2018);
    expect([0, 1, 2, 25].map(scenarioLetter)).toEqual(["A", "B", "C", "Z"]);
  });

  it("notes a scenario that ranks nobody", () => {
    const none = nominationScenario(wb, "noll", {dw: {a: 0, b: 0}});
    expect(compareScenarios(wb.matrix, [nominationScenario(wb, "A"), none], {year: 2022, top: 2}).notes).toEqual(["B rangordnar ingen kommun år 2022."]);
  });
});

describe("scenarioDifferences", () => {
  const a = nominationScenario(wb, "A");

  it("says when nothing differs (top N, filters and rows do not count)", () => {
    expect(scenarioDifferences(a, nominationScenario(wb, "B", {top: 3, lan: ["01"], rader: "alla"}), "B", titleOf, 2022)).toEqual(["B har samma inställningar som A"]);
  });

  it("names weights and methods in Swedish", () => {
    const b = nominationScenario(wb, "B", {dw: {a: 2, b: 1}, w: {N00001: 1, N00002: 0.5, N00003: 1}, norm: "minmax", agg: "geometric", wins: true, scope: "mainGroup", year: 2021});
    expect(scenarioDifferences(a, b, "B", titleOf, 2022)).toEqual([
      "B väger effekt 2 i stället för 1",
      "B väger N00002 (Nettokostnadsavvikelse) 0,5 i stället för 2",
      "B använder min–max i stället för z-poäng",
      "B använder geometriskt medel i stället för aritmetiskt medel",
      "B winsoriserar extremvärden (JRC-regeln), A gör det inte",
      "B rangordnar bäst per huvudgrupp i stället för alla kommuner tillsammans",
      "B sparades med år 2021, A med 2022 (här jämförs båda år 2022)"
    ]);
    expect(scenarioDifferences(b, a, "C", titleOf, 2022)).toContain("C winsoriserar inte extremvärden, A gör det (JRC-regeln)");
  });

  it("names a different model: its name, dimensions, KPIs, directions and placement", () => {
    const model = {
      ...a.model,
      name: "Annan modell",
      dimensions: [...a.model.dimensions, {id: "c", label: "Resultatkvalitet", weight: 1}],
      indicators: [
        {kpi: "N00001", dimension: "b", direction: "higher_better" as const, weight: 1},
        {kpi: "N00002", dimension: "b", direction: "higher_better" as const, weight: 2},
        {kpi: "N00009", dimension: "c", direction: "higher_better" as const, weight: 1}
      ]
    };
    const b = {...a, name: "B", model} as Scenario;
    expect(scenarioDifferences(a, b, "B", titleOf, 2022)).toEqual([
      "B använder modellen ”Annan modell” i stället för ”standard”",
      "B har dimensionen ”Resultatkvalitet” som A saknar",
      "B har med nyckeltalet N00009 som A saknar",
      "B saknar nyckeltalet N00003 (Nöjdhet)",
      "B lägger N00001 (Elever med godkända betyg) i resursåtgång i stället för effekt",
      "B räknar N00002 (Nettokostnadsavvikelse) som högre är bättre i stället för lägre är bättre"
    ]);
  });

  it("names the kind and the improvement settings", () => {
    const u = improvementScenario(wb, "U", {window: 3, method: "regression", steady: 0.5});
    expect(scenarioDifferences(a, u, "B", titleOf, 2022)).toEqual([
      "B rangordnar utveckling (Utvecklingskommun) i stället för nivå (Nominering)",
      "B använder ett fönster på 3 år och mäter utvecklingen med justering för regression mot medelvärdet, stadighet minst 0,5"
    ]);
    const v = improvementScenario(wb, "V", {window: 4, method: "theil-sen", steady: 0});
    expect(scenarioDifferences(u, v, "C", titleOf, 2022)).toEqual([
      "C använder ett fönster på 4 år i stället för 3",
      "C mäter utvecklingen med Theil–Sen-lutning i stället för justering för regression mot medelvärdet",
      "C kräver stadighet minst 0 i stället för 0,5"
    ]);
    expect(scenarioDifferences(u, nominationScenario(wb, "N", {norm: "percentile"}), "D", titleOf, 2022)).toEqual([
      "D rangordnar nivå (Nominering) i stället för utveckling (Utvecklingskommun)",
      "D använder percentilrang"
    ]);
  });
});

describe("bump chart helpers", () => {
  const names = new Map([
    ["0001", "Ett"],
    ["0002", "Två"],
    ["0003", "Tre"]
  ]);
  const rows = [
    {code: "0001", inTop: [true, true], ranks: [1, 2], count: 2, membership: "alla" as const},
    {code: "0002", inTop: [false, true], ranks: [40, 1], count: 1, membership: "en" as const},
    {code: "0003", inTop: [true, false], ranks: [2, null], count: 1, membership: "en" as const}
  ];

  it("summarises the chart in words: how many, in all, the widest move, the gaps", () => {
    expect(bumpSummary({rows, letters: ["A", "B"], names, top: 2})).toBe(
      "Rangen i scenario A–B för de 3 kommuner som finns i något scenarios topp 2; 1 av dem finns i alla topplistor. Störst skillnad: Två, rang 1 i B och 40 i A. 1 kommun rankas inte i alla scenarier (avbrott i linjen)."
    );
  });

  it("spaces labels at least the gap apart, in order, inside the bounds, as close as it can", () => {
    expect(dodge([50, 10, 12, 13], 10, 0, 100)).toEqual([50, 10, 20, 30]);
    expect(dodge([100, 99, 98], 10, 0, 100)).toEqual([100, 90, 80]);
    const random = Array.from({length: 30}, (_, i) => (i * 37) % 300);
    const placed = dodge(random, 8, 0, 400);
    const sorted = random.map((y, i) => ({y, p: placed[i]!})).sort((p, q) => p.y - q.y || 0);
    for (let k = 1; k < sorted.length; k++) expect(sorted[k]!.p - sorted[k - 1]!.p).toBeGreaterThanOrEqual(8 - 1e-9);
    for (const p of placed) expect(p >= 0 && p <= 400).toBe(true);
  });
});
