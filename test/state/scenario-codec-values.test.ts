/**
 * What a valid scenario is (src/lib/state/scenario-codec.ts): the values at
 * each bound are accepted and read back exactly, weights are completed from
 * the model in its order, the file text is exact, a page's state becomes a
 * scenario, and what the loaded data lacks is named. Every scenario is built
 * inside its test from hand-written JSON.
 */
import {describe, expect, it} from "vitest";
import {makeScenario, parseScenario, parseScenarioFile, scenarioDataProblems, scenarioFileText, type Scenario, type ScenarioContext} from "../../src/lib/state/scenario-codec.ts";
import {fileText, rawImprovement, rawModel, rawNomination, SAVED_AT, type Raw} from "./raw-scenarios.ts";

/** The scenario `raw` reads as, or a failed test naming its problems. */
function parsed(raw: unknown): Scenario {
  const result = parseScenario(raw);
  if ("problems" in result) throw new Error(result.problems.join("; "));
  return result.scenario;
}

/** The settings a nomination scenario changed by `tamper` reads back with. */
function nominationSettings(tamper: (r: Raw) => void): unknown {
  const r = rawNomination();
  tamper(r);
  return parsed(r).settings;
}

function improvementSettings(tamper: (r: Raw) => void): unknown {
  const r = rawImprovement();
  tamper(r);
  return parsed(r).settings;
}

const CTX: ScenarioContext = {
  years: Array.from({length: 13}, (_, i) => 2010 + i),
  kpis: new Set(["N00001", "N00002", "N00003"]),
  counties: new Set(["01", "12", "24"]),
  groups: new Set(["A1", "B3", "C8"])
};

describe("a valid scenario", () => {
  it("reads back a nomination scenario exactly, with the model as it was", () => {
    expect(parseScenario(rawNomination())).toEqual({scenario: rawNomination()});
  });

  it("reads back an improvement scenario exactly", () => {
    expect(parseScenario(rawImprovement())).toEqual({scenario: rawImprovement()});
  });

  it("accepts top N from 1 to 290 and both row choices", () => {
    expect(nominationSettings((r) => (r.settings.top = 1))).toMatchObject({top: 1});
    expect(nominationSettings((r) => (r.settings.top = 290))).toMatchObject({top: 290});
    expect(nominationSettings((r) => (r.settings.rader = "alla"))).toMatchObject({rader: "alla"});
  });

  it("accepts both windows and a steady band from 0 to 1 in steps of 0.05, with rounding noise", () => {
    expect(improvementSettings((r) => (r.settings.window = 4))).toMatchObject({window: 4});
    for (const steady of [0, 0.05, 0.55, 1, 0.1 + 0.2]) expect(improvementSettings((r) => (r.settings.steady = steady))).toMatchObject({steady});
  });

  it("accepts a weight of 0 and of 5, and keeps each weight given", () => {
    expect(nominationSettings((r) => (r.settings.dw = {a: 0, b: 5}))).toMatchObject({dw: {a: 0, b: 5}});
    expect(nominationSettings((r) => (r.settings.w = {N00001: 0, N00002: 4.5, N00003: 0.1}))).toMatchObject({w: {N00001: 0, N00002: 4.5, N00003: 0.1}});
  });

  it("gives an absent weight the model's own, in the model's order", () => {
    const settings = nominationSettings((r) => {
      r.settings.dw = {b: 3};
      r.settings.w = {N00003: 0, N00001: 2};
    }) as Scenario["settings"];
    expect(settings.dw).toEqual({a: 1, b: 3});
    expect(Object.keys(settings.w)).toEqual(["N00001", "N00002", "N00003"]);
    expect(settings.w).toEqual({N00001: 2, N00002: 2, N00003: 0});
  });

  it("trims the name, and accepts one of 80 characters", () => {
    expect(parsed(rawNomination("  Effekt dubbelt\n")).name).toBe("Effekt dubbelt");
    expect(parsed(rawNomination("x".repeat(80))).name).toBe("x".repeat(80));
    expect(parsed(rawNomination("E")).name).toBe("E");
  });
});

describe("the file text", () => {
  it("is the format name, the version and the scenarios, indented by two spaces, with a final line break", () => {
    const s = parsed(rawNomination("E"));
    const text = scenarioFileText([s]);
    expect(text.startsWith('{\n  "format": "kvalitetskommun-scenarier",\n  "version": 1,\n  "scenarios": [\n    {\n      "name": "E",\n      "page": "nominering",\n')).toBe(true);
    expect(text.endsWith('      "saved": "2026-12-01T09:30:00.000Z"\n    }\n  ]\n}\n')).toBe(true);
    expect(JSON.parse(text)).toEqual({format: "kvalitetskommun-scenarier", version: 1, scenarios: [rawNomination("E")]});
    expect(scenarioFileText([])).toBe('{\n  "format": "kvalitetskommun-scenarier",\n  "version": 1,\n  "scenarios": []\n}\n');
  });

  it("reads back as the same scenarios", () => {
    const scenarios = [parsed(rawNomination()), parsed(rawImprovement())];
    expect(parseScenarioFile(scenarioFileText(scenarios))).toEqual({scenarios});
    expect(parseScenarioFile(fileText([rawNomination(), rawImprovement()]))).toEqual({scenarios: [rawNomination(), rawImprovement()]});
  });
});

describe("a scenario from a page's state", () => {
  it("takes the name, page, model and URL state, leaves the page's edited model out and dates it", () => {
    const {settings} = rawNomination();
    const made = makeScenario("Ny", "nominering", rawModel() as never, {...settings, edited: null}, new Date(SAVED_AT));
    expect(made).toEqual({scenario: {name: "Ny", page: "nominering", model: rawModel(), settings, saved: SAVED_AT}});
  });

  it("is checked like an imported one", () => {
    const {settings} = rawImprovement();
    expect(makeScenario(" ", "utveckling", rawModel() as never, {...settings, steady: 0.52}, new Date(SAVED_AT))).toEqual({
      problems: ["name: får inte vara tomt", "settings.steady: ska vara ett tal 0–1 i steg om 0,05"]
    });
  });
});

describe("what the data lacks", () => {
  const problems = (tamper: (r: Raw) => void, base: () => Raw = rawNomination) => {
    const r = base();
    tamper(r);
    return scenarioDataProblems(parsed(r), CTX);
  };

  it("nothing for a scenario inside the data, at its first and last year", () => {
    expect(problems(() => {})).toEqual([]);
    expect(problems((r) => (r.settings.year = 2010))).toEqual([]);
    expect(problems((r) => (r.settings.year = 2012), rawImprovement)).toEqual([]);
    expect(problems((r) => Object.assign(r.settings, {lan: ["01", "24"], grupp: ["B3"]}))).toEqual([]);
  });

  it("names a year after the data's last or before its first", () => {
    expect(problems((r) => (r.settings.year = 2023))).toEqual(["settings.year: 2023 finns inte i data (2010–2022)"]);
    expect(problems((r) => (r.settings.year = 2009))).toEqual(["settings.year: 2009 finns inte i data (2010–2022)"]);
    expect(problems((r) => (r.settings.year = 2023), rawImprovement)).toEqual(["settings.year: 2023 finns inte i data (2012–2022)"]);
  });

  it("names every unknown county and municipality group", () => {
    expect(problems((r) => (r.settings.lan = ["01", "98", "99"]))).toEqual(["settings.lan: okänt län 98, 99"]);
    expect(problems((r) => (r.settings.grupp = ["Z9", "B3", "Z8"]))).toEqual(["settings.grupp: okänd kommungrupp Z9, Z8"]);
    expect(problems((r) => Object.assign(r.settings, {lan: ["99"], grupp: ["Z9"]}))).toEqual(["settings.lan: okänt län 99", "settings.grupp: okänd kommungrupp Z9"]);
  });
});
