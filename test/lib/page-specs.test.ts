/**
 * The bounds of every numeric URL parameter, through the pages' own specs
 * (nominationSpec, improvementSpec, profileSpec, robustnessSpec) on a small
 * workbench with the real data's years (2010–2022): for each integer, decimal
 * and weight parameter the minimum and maximum are accepted and one step
 * below and above is rejected with a notice naming the parameter, the whole
 * state then being the defaults. The Granskning page reads nominationSpec.
 */
import {describe, expect, it} from "vitest";
import {buildMatrix, parseModel, type ValueRow} from "../../src/engine/index.ts";
import type {MunicipalityInfo, Workbench} from "../../src/lib/data/workbench.ts";
import {improvementSpec} from "../../src/lib/state/improvement-state.ts";
import {nominationSpec} from "../../src/lib/state/nomination-state.ts";
import {profileSpec} from "../../src/lib/state/profile-state.ts";
import {robustnessSpec} from "../../src/lib/state/robustness-state.ts";
import {defaultState, parseState, type Spec} from "../../src/lib/state/url-state.ts";

const YEARS = Array.from({length: 13}, (_, i) => 2010 + i);

function municipality(code: string, kommungrupp: string): MunicipalityInfo {
  return {code, name: `Kommun ${code}`, county: `Län ${code.slice(0, 2)}`, countyCode: code.slice(0, 2), kommungrupp, kommungruppName: `Grupp ${kommungrupp}`, mainGroup: `Huvudgrupp ${kommungrupp[0]}`, population: 1000};
}

/** Three municipalities, two KPIs with values every year, the default model and one whose dimension weight (7.5) is above the sliders' 5. */
function workbench(): Workbench {
  const municipalities = [municipality("0180", "A1"), municipality("1284", "B3"), municipality("2480", "B3")];
  const values: ValueRow[] = [];
  for (const year of YEARS) {
    municipalities.forEach((m, i) => {
      values.push({kpi: "N00001", municipality: m.code, year, value: i + year / 1000});
      values.push({kpi: "N00002", municipality: m.code, year, value: 10 - i});
    });
  }
  const model = (name: string, weight: number) =>
    parseModel({
      name,
      dimensions: [
        {id: "a", label: "A", weight},
        {id: "b", label: "B", weight: 1}
      ],
      indicators: [
        {kpi: "N00001", dimension: "a", direction: "higher_better", weight: 1},
        {kpi: "N00002", dimension: "b", direction: "lower_better", weight: 2}
      ]
    });
  return {
    manifest: {source: {kind: "snapshot", location: "", date: "2024-08"}, attribution: "", row_counts: {values: values.length, municipalities: 3, kpis: 2}, years: YEARS},
    models: [
      {id: "skk-standard", model: model("standard", 1)},
      {id: "heavy", model: model("heavy", 7.5)}
    ],
    municipalities,
    kpis: new Map(),
    matrix: buildMatrix({municipalities, values})
  };
}

const wb = workbench();

/** Reads one parameter through a page's spec. */
function read<S>(spec: Spec<S>, key: keyof S & string, raw: string) {
  return parseState(new URLSearchParams([[key, raw]]).toString(), spec);
}

function expectAccepted<S>(spec: Spec<S>, key: keyof S & string, raw: string, value: unknown): void {
  const {state, notices} = read(spec, key, raw);
  expect(notices, `${key}=${raw}`).toEqual([]);
  expect(state[key], `${key}=${raw}`).toEqual(value);
}

function expectRejected<S>(spec: Spec<S>, key: keyof S & string, raw: string): void {
  const {state, notices} = read(spec, key, raw);
  expect(notices, `${key}=${raw}`).toHaveLength(1);
  expect(notices[0]).toMatch(new RegExp(`^Ogiltigt värde för ”${key}” .*Standardvärdet används\\.$`));
  expect(state, `${key}=${raw}`).toEqual(defaultState(spec));
}

/** [parameter, raw text, the value read] for accepted texts; [parameter, raw text] for rejected ones. */
type Bounds = {accept: [string, string, unknown][]; reject: [string, string][]};

/** The parameters Nominering, Utveckling and Robusthet share (ranking-state.ts): top N and the weight maps (0–5). */
const common: Bounds = {
  accept: [
    ["top", "1", 1],
    ["top", "290", 290],
    ["dw", "a:0", {a: 0, b: 1}],
    ["dw", "a:5", {a: 5, b: 1}],
    ["dw", "b:5,a:0", {a: 0, b: 5}],
    ["w", "N00001:0", {N00001: 0, N00002: 2}],
    ["w", "N00002:5", {N00001: 1, N00002: 5}],
    ["w", "N00001:4.9999999", {N00001: 4.9999999, N00002: 2}]
  ],
  reject: [
    ["top", "0"],
    ["top", "291"],
    ["top", "-1"],
    ["dw", "a:5.0000001"],
    ["dw", "a:5.1"],
    ["dw", "a:50"],
    ["dw", "a:-0.1"],
    ["dw", "a:-0"],
    ["w", "N00002:5.0000001"],
    ["w", "N00001:-0.1"]
  ]
};

const pages: [string, Spec<any>, Bounds][] = [
  [
    "Nominering (and Granskning): nominationSpec",
    nominationSpec(wb, "skk-standard"),
    {
      accept: [
        ["year", "2010", 2010],
        ["year", "2022", 2022],
        ...common.accept
      ],
      reject: [["year", "2009"], ["year", "2023"], ["year", "2030"], ...common.reject]
    }
  ],
  [
    "Utvecklingskommun: improvementSpec",
    improvementSpec(wb, "skk-standard"),
    {
      accept: [
        // The first end year whose 3-year window starts in the data's first year.
        ["year", "2012", 2012],
        ["year", "2022", 2022],
        ["steady", "0", 0],
        ["steady", "0.05", 0.05],
        ["steady", "0.95", 0.95],
        ["steady", "1", 1],
        ["window", "3", 3],
        ["window", "4", 4],
        ...common.accept
      ],
      reject: [
        ["year", "2011"],
        ["year", "2023"],
        ["steady", "1.05"],
        ["steady", "1.0000001"],
        ["steady", "7"],
        ["steady", "-0.05"],
        ["steady", "0.97"],
        ["window", "2"],
        ["window", "5"],
        ...common.reject
      ]
    }
  ],
  [
    "Kommunprofil: profileSpec",
    profileSpec(wb, "skk-standard"),
    {
      accept: [
        ["year", "2010", 2010],
        ["year", "2022", 2022],
        ["kommun", "2480", "2480"]
      ],
      reject: [
        ["year", "2009"],
        ["year", "2023"],
        ["year", "2030"],
        ["kommun", "9999"]
      ]
    }
  ],
  [
    "Robusthet: robustnessSpec",
    robustnessSpec(wb, "skk-standard"),
    {
      accept: [
        ["year", "2010", 2010],
        ["year", "2022", 2022],
        ["draws", "1", 1],
        ["draws", "20000", 20000],
        ["noise", "0", 0],
        ["noise", "1", 1],
        ["seed", "0", 0],
        ["seed", "4294967295", 4294967295],
        ["bounds", "0,0.1", {lo: 0, hi: 0.1}],
        ["bounds", "2,2", {lo: 2, hi: 2}],
        ["bounds", "0,inf", {lo: 0, hi: Infinity}],
        ["window", "3", 3],
        ...common.accept
      ],
      reject: [
        ["year", "2009"],
        ["year", "2023"],
        ["draws", "0"],
        ["draws", "20001"],
        ["noise", "1.0000001"],
        ["noise", "1.05"],
        ["noise", "-0.05"],
        ["seed", "-1"],
        ["seed", "4294967296"],
        ["bounds", "-0.5,2"],
        ["bounds", "2.1,2"],
        ["bounds", "0,0"],
        ["bounds", "0.5,inf"],
        ["window", "5"],
        ...common.reject
      ]
    }
  ]
];

describe.each(pages)("%s", (_name, spec, bounds) => {
  it.each(bounds.accept)("accepts %s=%s", (key, raw, value) => expectAccepted(spec, key, raw, value));
  it.each(bounds.reject)("rejects %s=%s with a notice naming it, keeping every default", (key, raw) => expectRejected(spec, key, raw));
});

describe("a link with several parameters out of bounds", () => {
  it("gets one notice per bad parameter and keeps the good ones", () => {
    const spec = improvementSpec(wb, "skk-standard");
    const {state, notices} = parseState("year=2030&steady=7&top=291&dw=a:5.0000001&window=3&w=N00001:5", spec);
    expect(notices.map((n) => /”(\w+)”/.exec(n)?.[1])).toEqual(["year", "steady", "top", "dw"]);
    expect(state).toEqual({...defaultState(spec), window: 3, w: {N00001: 5, N00002: 2}});
  });
});

describe("weights above the sliders' maximum", () => {
  it("accept a model's own default weight (7.5) but nothing else above 5", () => {
    for (const spec of [nominationSpec(wb, "heavy"), improvementSpec(wb, "heavy"), robustnessSpec(wb, "heavy")] as Spec<{dw: Record<string, number>}>[]) {
      expect(spec.dw.default).toEqual({a: 7.5, b: 1});
      expectAccepted(spec, "dw", "a:7.5", {a: 7.5, b: 1});
      expectAccepted(spec, "dw", "a:5", {a: 5, b: 1});
      expectRejected(spec, "dw", "a:7.4");
      expectRejected(spec, "dw", "a:7.6");
      expectRejected(spec, "dw", "b:7.5");
    }
  });
});

describe("the defaults the bounds fall back to", () => {
  it("are the data's last year, top 10, the model's weights, and the robustness settings", () => {
    expect(defaultState(nominationSpec(wb, "skk-standard"))).toMatchObject({year: 2022, top: 10, dw: {a: 1, b: 1}, w: {N00001: 1, N00002: 2}});
    expect(defaultState(improvementSpec(wb, "skk-standard"))).toMatchObject({year: 2022, window: 4, steady: 0, top: 10});
    expect(defaultState(profileSpec(wb, "skk-standard"))).toEqual({kommun: "0180", model: "skk-standard", year: 2022});
    expect(defaultState(robustnessSpec(wb, "skk-standard"))).toMatchObject({year: 2022, draws: 1000, noise: 0.25, seed: 1, bounds: {lo: 0.5, hi: 2}});
  });
});
