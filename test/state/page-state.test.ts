/**
 * The pages' URL specs and the browser glue, to the letter: every default of
 * each page's state, the parameters in order as a link writes them, the
 * Swedish notices of the robustness settings, profile and explore specifics,
 * the ranking store, and page-state.ts with a stand-in window (deferred URL
 * writes, the model read first, the pagehide flush). Hand-written expectations
 * on a three-municipality workbench.
 */
import {afterEach, beforeEach, describe, expect, it, vi} from "vitest";
import {buildMatrix, parseModel, type ValueRow} from "../../src/engine/index.ts";
import type {MunicipalityInfo, Workbench} from "../../src/lib/data/workbench.ts";
import {parseExploreState, withSql} from "../../src/lib/state/explore-state.ts";
import {effectiveEndYear, improvementSpec} from "../../src/lib/state/improvement-state.ts";
import {nominationSpec} from "../../src/lib/state/nomination-state.ts";
import {DEFAULT_MUNICIPALITY, municipalityParam, profileSpec} from "../../src/lib/state/profile-state.ts";
import {commonSpec, matchesFilters, rankingStore, SCOPE_GROUPING, SCOPE_LABELS, SCOPES, tableRowLimit, TOP_ROWS, TOP_ROWS_PER_GROUP, WEIGHT_RANGE, type CommonState} from "../../src/lib/state/ranking-state.ts";
import {robustnessSpec} from "../../src/lib/state/robustness-state.ts";
import {defaultState, formatState, parseState} from "../../src/lib/state/url-state.ts";

const YEARS = [2016, 2017, 2018, 2019, 2020];

function municipality(code: string, kommungrupp: string): MunicipalityInfo {
  return {code, name: `Kommun ${code}`, county: `Län ${code.slice(0, 2)}`, countyCode: code.slice(0, 2), kommungrupp, kommungruppName: `Grupp ${kommungrupp}`, mainGroup: `Huvudgrupp ${kommungrupp[0]}`, population: 1000};
}

/** Three municipalities (counties 24, 01, 12; groups B3, A1, B3), KPI N00001 missing in 2020, three models. */
function workbench(codes = ["2480", "0180", "1284"]): Workbench {
  const groups = ["B3", "A1", "B3"];
  const municipalities = codes.map((c, i) => municipality(c, groups[i]!));
  const values: ValueRow[] = [];
  for (const year of YEARS) {
    municipalities.forEach((m, i) => {
      if (year < 2020) values.push({kpi: "N00001", municipality: m.code, year, value: i + year / 1000});
      values.push({kpi: "N00002", municipality: m.code, year, value: 10 - i});
    });
  }
  const model = (name: string, a: number, kpis: [string, number][]) =>
    parseModel({
      name,
      dimensions: [
        {id: "a", label: "A", weight: a},
        {id: "b", label: "B", weight: 1}
      ],
      indicators: kpis.map(([kpi, weight], i) => ({kpi, dimension: i ? "b" : "a", direction: "higher_better", weight}))
    });
  return {
    manifest: {source: {kind: "snapshot", location: "", date: "2024-08"}, attribution: "", row_counts: {values: values.length, municipalities: 3, kpis: 2}, years: YEARS},
    models: [
      {id: "other", model: model("other", 2, [["N00001", 1.5], ["N00002", 0.5]])},
      {id: "skk-standard", model: model("standard", 1, [["N00001", 1], ["N00002", 2]])},
      {id: "one-kpi", model: model("one", 1, [["N00001", 1]])}
    ],
    municipalities,
    kpis: new Map(),
    matrix: buildMatrix({municipalities, values})
  };
}

const wb = workbench();
const COMMON_DEFAULTS = {model: "skk-standard", scope: "all", top: 10, lan: [], grupp: [], dw: {a: 1, b: 1}, w: {N00001: 1, N00002: 2}, rader: "topp", edited: null};

describe("each page's defaults", () => {
  it("Nominering: the latest year with the model's data, z-scores, arithmetic, no winsorising", () => {
    expect(defaultState(nominationSpec(wb, "skk-standard"))).toStrictEqual({...COMMON_DEFAULTS, year: 2020, norm: "zscore", agg: "arithmetic", wins: false});
    // The weights and the default year follow the chosen model; the model parameter's own default does not.
    expect(defaultState(nominationSpec(wb, "one-kpi"))).toStrictEqual({...COMMON_DEFAULTS, dw: {a: 1, b: 1}, w: {N00001: 1}, year: 2019, norm: "zscore", agg: "arithmetic", wins: false});
  });

  it("Utveckling: window 4, Theil-Sen, no steadiness floor", () => {
    expect(defaultState(improvementSpec(wb, "other"))).toStrictEqual({...COMMON_DEFAULTS, dw: {a: 2, b: 1}, w: {N00001: 1.5, N00002: 0.5}, year: 2020, window: 4, method: "theil-sen", steady: 0, agg: "arithmetic", wins: false});
  });

  it("Robusthet: the robustness command's defaults", () => {
    expect(defaultState(robustnessSpec(wb, "skk-standard"))).toStrictEqual({
      ...COMMON_DEFAULTS,
      kind: "nomination",
      year: 2020,
      norm: "zscore",
      agg: "arithmetic",
      wins: false,
      window: 4,
      method: "theil-sen",
      draws: 1000,
      noise: 0.25,
      vary: ["dimension_weights", "kpi_weights"],
      seed: 1,
      bounds: {lo: 0.5, hi: 2}
    });
  });

  it("Kommunprofil: Stockholm, else the first municipality", () => {
    expect(defaultState(profileSpec(wb, "one-kpi"))).toStrictEqual({kommun: DEFAULT_MUNICIPALITY, model: "skk-standard", year: 2019});
    expect(DEFAULT_MUNICIPALITY).toBe("0180");
    expect(defaultState(profileSpec(workbench(["2480", "0181", "1284"]), "skk-standard")).kommun).toBe("2480");
  });

  it("the model parameter defaults to skk-standard, else the first model", () => {
    const noStandard = {...wb, models: wb.models.filter((m) => m.id !== "skk-standard")};
    expect(defaultState(nominationSpec(noStandard, "one-kpi")).model).toBe("other");
    expect(defaultState(profileSpec(noStandard, "one-kpi")).model).toBe("other");
  });
});

describe("a page's link", () => {
  it("writes the parameters in a fixed order, the model first", () => {
    const spec = nominationSpec(wb, "skk-standard");
    expect(decodeURIComponent(formatState(defaultState(spec), spec))).toBe("model=skk-standard&year=2020&norm=zscore&agg=arithmetic&wins=0&scope=all&top=10&lan=&grupp=&dw=a:1,b:1&w=N00001:1,N00002:2&rader=topp");
    const imp = improvementSpec(wb, "skk-standard");
    expect(decodeURIComponent(formatState({...defaultState(imp), window: 3, steady: 0.35}, imp))).toBe("model=skk-standard&year=2020&window=3&method=theil-sen&steady=0.35&agg=arithmetic&wins=0&scope=all&top=10&lan=&grupp=&dw=a:1,b:1&w=N00001:1,N00002:2&rader=topp");
    const rob = robustnessSpec(wb, "skk-standard");
    expect(decodeURIComponent(formatState({...defaultState(rob), vary: ["kpi_weights", "window"], bounds: {lo: 0, hi: Infinity}}, rob))).toBe(
      "model=skk-standard&kind=nomination&year=2020&norm=zscore&agg=arithmetic&wins=0&window=4&method=theil-sen&draws=1000&noise=0.25&vary=kpi_weights,window&seed=1&bounds=0,inf&scope=all&top=10&lan=&grupp=&dw=a:1,b:1&w=N00001:1,N00002:2&rader=topp"
    );
    expect(formatState({kommun: "1284", model: "other", year: 2017}, profileSpec(wb, "other"))).toBe("kommun=1284&model=other&year=2017");
  });

  it("lists the counties and kommungrupper of the data, sorted, for the filters", () => {
    const spec = commonSpec(wb, "skk-standard");
    expect(parseState("lan=01,12,24&grupp=A1,B3", spec).notices).toEqual([]);
    expect(parseState("lan=02", spec).notices).toEqual(["Ogiltigt värde för ”lan” (02): okänt värde 02. Standardvärdet används."]);
    expect(parseState("grupp=C8", spec).notices).toEqual(["Ogiltigt värde för ”grupp” (C8): okänt värde C8. Standardvärdet används."]);
    expect(parseState("model=nope&scope=mainGroup&rader=alla", spec)).toEqual({
      state: {...COMMON_DEFAULTS, scope: "mainGroup", rader: "alla"},
      notices: ["Ogiltigt värde för ”model” (nope): ska vara ett av other, skk-standard, one-kpi. Standardvärdet används."]
    });
    expect(parseState("scope=x&rader=x", spec).notices).toEqual([
      "Ogiltigt värde för ”scope” (x): ska vara ett av all, kommungrupp, mainGroup. Standardvärdet används.",
      "Ogiltigt värde för ”rader” (x): ska vara ett av topp, alla. Standardvärdet används."
    ]);
  });

  it("Robusthet: each analysis setting's notice in Swedish", () => {
    const spec = robustnessSpec(wb, "skk-standard");
    const notice = (key: string, raw: string) => parseState(new URLSearchParams([[key, raw]]).toString(), spec).notices;
    expect(notice("draws", "0")).toEqual(["Ogiltigt värde för ”draws” (0): ska vara ett heltal 1–20000. Standardvärdet används."]);
    expect(notice("noise", "2")).toEqual(["Ogiltigt värde för ”noise” (2): ska vara ett tal 0–1. Standardvärdet används."]);
    expect(notice("vary", "x")).toEqual(["Ogiltigt värde för ”vary” (x): ska vara en lista av dimension_weights, kpi_weights, normalisation, aggregation, winsorise, window, method. Standardvärdet används."]);
    expect(notice("seed", "-1")).toEqual(["Ogiltigt värde för ”seed” (-1): ska vara ett heltal 0–4294967295. Standardvärdet används."]);
    expect(notice("bounds", "2,1")).toEqual(["Ogiltigt värde för ”bounds” (2,1): ska ha formen LÅG,HÖG med 0 ≤ LÅG ≤ HÖG (eller 0,inf). Standardvärdet används."]);
    expect(notice("window", "5")).toEqual(["Ogiltigt värde för ”window” (5): ska vara ett av 3, 4. Standardvärdet används."]);
    expect(notice("kind", "x")).toEqual(["Ogiltigt värde för ”kind” (x): ska vara ett av nomination, improvement. Standardvärdet används."]);
    // The year runs over the data's years, both ends included.
    expect(notice("year", "2021")).toEqual(["Ogiltigt värde för ”year” (2021): ska vara ett heltal 2016–2020. Standardvärdet används."]);
    expect(parseState("year=2020", spec)).toMatchObject({state: {year: 2020}, notices: []});
    expect(parseState("year=2016", spec)).toMatchObject({state: {year: 2016}, notices: []});
    expect(parseState("kind=improvement&vary=&window=3&wins=1&method=national&norm=minmax&agg=geometric", spec).state).toMatchObject({kind: "improvement", vary: [], window: 3, wins: true, method: "national", norm: "minmax", agg: "geometric"});
  });

  it("Utveckling: the window is 3 or 4, written as digits; the end year starts two years into the data", () => {
    const spec = improvementSpec(wb, "skk-standard");
    expect(parseState("window=3", spec).state.window).toBe(3);
    expect(parseState("window=04", spec).notices).toEqual(["Ogiltigt värde för ”window” (04): ska vara ett av 3, 4. Standardvärdet används."]);
    expect(spec.window.format(3)).toBe("3");
    expect(parseState("year=2018&method=regression&wins=1", spec).state).toMatchObject({year: 2018, method: "regression", wins: true});
    expect(parseState("year=2017", spec).notices).toEqual(["Ogiltigt värde för ”year” (2017): ska vara ett heltal 2018–2020. Standardvärdet används."]);
    expect(parseState("year=2020", nominationSpec(wb, "skk-standard")).notices).toEqual([]);
    expect(parseState("year=2015", nominationSpec(wb, "skk-standard")).notices).toEqual(["Ogiltigt värde för ”year” (2015): ska vara ett heltal 2016–2020. Standardvärdet används."]);
  });

  it("Kommunprofil: a known code; the notice names the format", () => {
    const spec = profileSpec(wb, "skk-standard");
    expect(parseState("kommun=1284&year=2016", spec).state).toEqual({kommun: "1284", model: "skk-standard", year: 2016});
    expect(parseState("kommun=0114", spec).notices).toEqual(["Ogiltigt värde för ”kommun” (0114): ska vara en kommuns fyrsiffriga kod, t.ex. 0180 för Stockholm. Standardvärdet används."]);
    const p = municipalityParam(["0001"], "0001");
    expect(p.default).toBe("0001");
    expect(p.format("0001")).toBe("0001");
  });
});

describe("effectiveEndYear", () => {
  it("moves an end year forward until the window starts in the data's first year", () => {
    expect(effectiveEndYear({year: 2011, window: 4}, 2010)).toBe(2013);
    expect(effectiveEndYear({year: 2011, window: 3}, 2010)).toBe(2012);
    expect(effectiveEndYear({year: 2013, window: 4}, 2010)).toBe(2013);
    expect(effectiveEndYear({year: 2020, window: 4}, 2010)).toBe(2020);
  });
});

describe("ranking-state constants and rules", () => {
  it("has the scopes, their labels and groupings, and the weight range", () => {
    expect(SCOPES).toEqual(["all", "kommungrupp", "mainGroup"]);
    expect(SCOPE_LABELS).toEqual({all: "Alla kommuner", kommungrupp: "Inom kommungrupp", mainGroup: "Bäst per huvudgrupp"});
    expect(SCOPE_GROUPING).toEqual({all: "none", kommungrupp: "kommungrupp", mainGroup: "mainGroup"});
    expect(WEIGHT_RANGE).toEqual({max: 5, step: 0.1});
    expect([TOP_ROWS, TOP_ROWS_PER_GROUP]).toEqual([20, 10]);
  });

  it("row limits at the edges", () => {
    const s = {rader: "topp", scope: "all", top: 20} as const;
    expect(tableRowLimit(s)).toBe(20);
    expect(tableRowLimit({...s, top: 19})).toBe(20);
    expect(tableRowLimit({...s, scope: "kommungrupp", top: 10})).toBe(10);
    expect(tableRowLimit({...s, scope: "kommungrupp", top: 11})).toBe(11);
    expect(tableRowLimit({...s, scope: "kommungrupp", top: 9})).toBe(10);
  });

  it("a county filter alone, a group filter alone", () => {
    const row = {code: "1284", kommungrupp: "B3"} as Parameters<typeof matchesFilters>[1];
    expect(matchesFilters({lan: ["12"], grupp: []}, row)).toBe(true);
    expect(matchesFilters({lan: ["01"], grupp: []}, row)).toBe(false);
    expect(matchesFilters({lan: [], grupp: ["B3"]}, row)).toBe(true);
    expect(matchesFilters({lan: [], grupp: ["A1"]}, row)).toBe(false);
    expect(matchesFilters({lan: ["2"], grupp: []}, row)).toBe(false);
  });
});

/** A stand-in for the browser's window: location, history and event listeners. */
function fakeWindow(search: string) {
  const url = new URL(`https://example.test/nominering${search}`);
  const listeners: Record<string, (() => void)[]> = {};
  const writes: {state: unknown; title: string; url: string}[] = [];
  return {
    location: {
      get search() {
        return url.search;
      },
      get href() {
        return url.href;
      }
    },
    history: {
      state: {page: 1},
      replaceState(state: unknown, title: string, next: URL) {
        writes.push({state, title, url: String(next)});
        url.search = new URL(next).search;
      }
    },
    addEventListener(type: string, f: () => void) {
      (listeners[type] ??= []).push(f);
    },
    listeners,
    writes
  };
}

describe("page-state.ts in a browser", () => {
  let win: ReturnType<typeof fakeWindow>;
  const setWindow = (search: string) => {
    win = fakeWindow(search);
    vi.stubGlobal("window", win);
  };
  beforeEach(() => {
    vi.useFakeTimers();
    vi.resetModules();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });
  const load = () => import("../../src/lib/state/page-state.ts");

  it("reads the model first, then the page's state with that model's spec", async () => {
    setWindow("?model=other&year=2017&dw=a:3&bogus=1");
    const {initialPageState, readPageState, requestedModelId} = await load();
    expect(requestedModelId(wb.models, "?model=other")).toBe("other");
    expect(requestedModelId(wb.models, "?model=nope")).toBe("skk-standard");
    expect(requestedModelId(wb.models, "")).toBe("skk-standard");
    const specFor = vi.fn((id: string) => nominationSpec(wb, id));
    const page = initialPageState(wb.models, specFor);
    expect(specFor.mock.calls).toEqual([["other"]]);
    expect(page.state).toStrictEqual({...defaultState(nominationSpec(wb, "other")), model: "other", year: 2017, dw: {a: 3, b: 1}});
    expect(page.notices).toEqual(["Okänd parameter ”bogus” ignorerades."]);
    expect(page.spec).toBe(specFor.mock.results[0]!.value);
    expect(readPageState(page.spec).state).toStrictEqual(page.state);
  });

  it("writes the URL 250 ms after the last change, keeping the history state; flushes at once on pagehide", async () => {
    setWindow("?year=2017");
    const {flushPageState, writePageState} = await load();
    expect(win.listeners.pagehide).toEqual([flushPageState]);
    const spec = profileSpec(wb, "skk-standard");
    writePageState({kommun: "1284", model: "skk-standard", year: 2018}, spec);
    vi.advanceTimersByTime(200);
    writePageState({kommun: "2480", model: "skk-standard", year: 2018}, spec);
    vi.advanceTimersByTime(249);
    expect(win.writes).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(win.writes).toEqual([{state: {page: 1}, title: "", url: "https://example.test/nominering?kommun=2480&model=skk-standard&year=2018"}]);
    writePageState({kommun: "0180", model: "skk-standard", year: 2016}, spec);
    win.listeners.pagehide![0]!();
    expect(win.writes.at(-1)!.url).toBe("https://example.test/nominering?kommun=0180&model=skk-standard&year=2016");
    // Nothing pending: neither the timer nor another flush writes again.
    vi.advanceTimersByTime(1000);
    flushPageState();
    expect(win.writes).toHaveLength(2);
  });

  it("registers no listener without a window", async () => {
    vi.stubGlobal("window", undefined);
    await expect(load()).resolves.toBeDefined();
  });

  it("the ranking store: patches, a new model with its own weights, saving to the URL", async () => {
    setWindow("?model=other&top=5&dw=a:4");
    await load();
    const store = rankingStore<CommonState>(wb, (choice) => commonSpec(wb, choice));
    expect(store.state).toStrictEqual({...COMMON_DEFAULTS, model: "other", top: 5, dw: {a: 4, b: 1}, w: {N00001: 1.5, N00002: 0.5}});
    expect(store.notices).toEqual([]);
    expect(store.apply({top: 7, model: "other"})).toBe(false);
    expect(store.state).toMatchObject({model: "other", top: 7, dw: {a: 4, b: 1}});
    expect(store.apply({model: "skk-standard", lan: ["01"]})).toBe(true);
    expect(store.state).toStrictEqual({...COMMON_DEFAULTS, top: 7, lan: ["01"]});
    store.save();
    vi.advanceTimersByTime(250);
    expect(win.writes.at(-1)!.url).toBe(`https://example.test/nominering?${formatState(store.state, commonSpec(wb, "skk-standard"))}`);
  });
});

describe("Utforska's state", () => {
  it("reads each table's model from its own prefix, and its weights with that model", () => {
    const s = parseExploreState("?nom.model=other&nom.dw=a:3&utv.w=N00002:4", wb);
    expect(s.nomination).toMatchObject({model: "other", dw: {a: 3, b: 1}, w: {N00001: 1.5, N00002: 0.5}});
    expect(s.improvement).toMatchObject({model: "skk-standard", dw: {a: 1, b: 1}, w: {N00001: 1, N00002: 4}});
    expect(defaultState(s.nominationSpec).model).toBe("skk-standard");
    expect(s.nominationSpec.dw.default).toEqual({a: 2, b: 1});
    expect(s.improvementSpec.dw.default).toEqual({a: 1, b: 1});
    expect(s.notices).toEqual([]);
  });

  it("holds exactly the pages' parameters, unprefixed", () => {
    const s = parseExploreState("", wb);
    expect(s.nomination).toStrictEqual(defaultState(nominationSpec(wb, "skk-standard")));
    expect(s.improvement).toStrictEqual(defaultState(improvementSpec(wb, "skk-standard")));
  });

  it("takes a query of exactly 20000 characters and names the limit above it", () => {
    expect(parseExploreState(`?sql=${"x".repeat(20_000)}`, wb).sql).toHaveLength(20_000);
    expect(parseExploreState(`?sql=${"x".repeat(20_001)}`, wb).notices).toEqual([`Ogiltigt värde för ”sql” (${"x".repeat(40)}…): frågan får vara högst 20000 tecken. Standardvärdet används.`]);
  });

  it("withSql keeps a query with its own spacing and removes a blank one", () => {
    expect(withSql("a=1&sql=old", "  SELECT 2 ")).toBe("a=1&sql=++SELECT+2+");
    expect(withSql("a=1&sql=old", " \n ")).toBe("a=1");
    expect(withSql("", "")).toBe("");
  });
});
