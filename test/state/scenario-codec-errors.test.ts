/**
 * A malformed scenario (src/lib/state/scenario-codec.ts): every kind of
 * problem gets its own Swedish message naming the field, the scenario is
 * named by its position and (trimmed, shortened) name, and the model's
 * English messages are translated only when the whole message is one of
 * them. Every scenario is built inside its test from hand-written JSON.
 */
import {describe, expect, it} from "vitest";
import {parseScenario, parseScenarioEntries, parseScenarioFile, scenarioLabel} from "../../src/lib/state/scenario-codec.ts";
import {fileText, rawImprovement, rawNomination, type Raw} from "./raw-scenarios.ts";

/** The problems of a nomination scenario changed by `tamper`. */
function problemsOf(tamper: (r: Raw) => void, base: () => Raw = rawNomination): unknown {
  const r = base();
  tamper(r);
  return parseScenario(r);
}

describe("scenario fields of the wrong type", () => {
  const cases: [string, (r: Raw) => void, string][] = [
    ["a name that is a number", (r) => (r.name = 5), "name: ska vara en text"],
    ["a county list that is a text", (r) => (r.settings.lan = "01"), "settings.lan: ska vara en lista"],
    ["settings that are a number", (r) => (r.settings = 5), "settings: ska vara ett objekt"],
    ["dimension weights that are a list", (r) => (r.settings.dw = [2, 1]), "settings.dw: ska vara ett objekt"],
    ["winsorising as a text", (r) => (r.settings.wins = "ja"), "settings.wins: ska vara true eller false"],
    ["a model description that is a number", (r) => (r.model.description = 5), "model.description: ska vara en text"],
    ["top N as a text", (r) => (r.settings.top = "5"), "settings.top: ska vara ett tal"],
    ["top N that is infinite", (r) => (r.settings.top = Infinity), "settings.top: ska vara ett ändligt tal"],
    ["top N 2.5", (r) => (r.settings.top = 2.5), "settings.top: ska vara ett heltal"],
    ["a dimension weight that is infinite", (r) => (r.settings.dw.a = Infinity), "settings.dw.a: ska vara ett ändligt tal"],
    ["a KPI weight as a text", (r) => (r.settings.w.N00001 = "1"), "settings.w.N00001: ska vara ett tal"]
  ];
  for (const [what, tamper, message] of cases)
    it(`names the field and the type it needs: ${what}`, () => {
      expect(problemsOf(tamper)).toEqual({problems: [message]});
    });

  it("calls a missing entry missing and a non-object entry not an object", () => {
    expect(parseScenario(undefined)).toEqual({problems: ["saknas"]});
    expect(parseScenario(null)).toEqual({problems: ["ska vara ett objekt"]});
    expect(parseScenario("Effekt dubbelt")).toEqual({problems: ["ska vara ett objekt"]});
  });
});

describe("scenario values out of bounds", () => {
  const cases: [string, (r: Raw) => void, string][] = [
    ["a negative dimension weight", (r) => (r.settings.dw.b = -0.5), "settings.dw.b: får inte vara negativ"],
    ["a negative KPI weight", (r) => (r.settings.w.N00003 = -1), "settings.w.N00003: får inte vara negativ"],
    ["top N 0", (r) => (r.settings.top = 0), "settings.top: ska vara minst 1"],
    ["top N 291 (more than there are municipalities)", (r) => (r.settings.top = 291), "settings.top: ska vara högst 290"],
    ["rows that are neither the top nor all", (r) => (r.settings.rader = "några"), 'settings.rader: ska vara ett av "topp", "alla"'],
    ["an empty model id", (r) => (r.settings.model = ""), "settings.model: får inte vara tomt"],
    ["a blank name", (r) => (r.name = "  "), "name: får inte vara tomt"],
    ["a name of 81 characters", (r) => (r.name = "x".repeat(81)), "name: får ha högst 80 tecken"],
    ["a weight above the sliders' 5 that is not the model's own", (r) => (r.settings.dw.b = 5.5), "settings.dw.b: ska vara högst 5 (reglagens gräns) eller modellens egen vikt 1"],
    ["a weight for a dimension the model lacks", (r) => (r.settings.dw.c = 1), "settings.dw.c: okänd dimension (modellen har: a, b)"]
  ];
  for (const [what, tamper, message] of cases)
    it(`names the field and its bound: ${what}`, () => {
      expect(problemsOf(tamper)).toEqual({problems: [message]});
    });

  it("checks an improvement scenario's window, steady band and model id", () => {
    const improvement = (tamper: (r: Raw) => void) => problemsOf(tamper, rawImprovement);
    expect(improvement((r) => (r.settings.window = 5))).toEqual({problems: ["settings.window: ska vara ett av 3, 4"]});
    expect(improvement((r) => (r.settings.steady = -0.05))).toEqual({problems: ["settings.steady: ska vara minst 0"]});
    expect(improvement((r) => (r.settings.steady = 1.05))).toEqual({problems: ["settings.steady: ska vara högst 1"]});
    expect(improvement((r) => (r.settings.steady = 0.33))).toEqual({problems: ["settings.steady: ska vara ett tal 0–1 i steg om 0,05"]});
    // 5e-11 is 1e-9 of a step (exactly, in floating point): the tolerance for rounding noise is exclusive.
    expect(improvement((r) => (r.settings.steady = 5e-11))).toEqual({problems: ["settings.steady: ska vara ett tal 0–1 i steg om 0,05"]});
    expect(improvement((r) => (r.settings.model = ""))).toEqual({problems: ["settings.model: får inte vara tomt"]});
    expect(improvement((r) => (r.settings.norm = "zscore"))).toEqual({problems: ["settings: okänt fält ”norm”"]});
  });

  it("names one unknown field, or several", () => {
    expect(problemsOf((r) => (r.vikt = 1))).toEqual({problems: ["okänt fält ”vikt”"]});
    expect(problemsOf((r) => Object.assign(r, {vikt: 1, farg: "röd"}))).toEqual({problems: ["okända fält ”vikt”, ”farg”"]});
  });

  it("names a missing or unknown page", () => {
    expect(problemsOf((r) => delete r.page)).toEqual({problems: ["page: ska vara ”nominering” eller ”utveckling”"]});
    expect(problemsOf((r) => (r.page = "Nominering"))).toEqual({problems: ["page: ska vara ”nominering” eller ”utveckling”"]});
  });
});

describe("the model's messages in Swedish", () => {
  const model = (tamper: (m: Raw) => void) => problemsOf((r) => tamper(r.model));

  it("translates each of the model's own rules, keeping the ids whole", () => {
    expect(model((m) => (m.name = ""))).toEqual({problems: ["model.name: får inte vara tomt"]});
    expect(model((m) => (m.indicators[0].weight = Infinity))).toEqual({problems: ["model.indicators[0].weight: ska vara ett ändligt tal"]});
    expect(model((m) => (m.indicators[0].weight = "1"))).toEqual({problems: ["model.indicators[0].weight: ska vara ett tal"]});
    expect(model((m) => (m.dimensions[1].weight = -1))).toEqual({problems: ["model.dimensions[1].weight: får inte vara negativ"]});
    expect(model((m) => (m.indicators = []))).toEqual({problems: ["model.indicators: ska ha minst ett nyckeltal"]});
    expect(model((m) => (m.indicators[1].kpi = "n2"))).toEqual({problems: ["model.indicators[1].kpi: ska vara ett nyckeltals-id i Kolada, t.ex. N15428"]});
    expect(model((m) => (m.indicators[0].direction = "up"))).toEqual({problems: ["model.indicators[0].direction: ska vara ”higher_better” eller ”lower_better”"]});
    expect(model((m) => (m.indicators[2].kpi = "N00001"))).toEqual({problems: ["model.indicators[2].kpi: nyckeltalet ”N00001” finns två gånger"]});
    expect(model((m) => (m.indicators[0].dimension = "effekt"))).toEqual({problems: ["model.indicators[0].dimension: okänd dimension ”effekt” (modellen har: a, b)"]});
    expect(
      model((m) => {
        m.dimensions = [
          {id: "effekt", label: "Effekt", weight: 1},
          {id: "effekt", label: "Effekt igen", weight: 1}
        ];
        for (const i of m.indicators) i.dimension = "effekt";
      })
    ).toEqual({problems: ["model.dimensions[1].id: dimensionen ”effekt” finns två gånger"]});
  });

  it("says that a model without dimensions has none, and that its indicators' dimensions are unknown", () => {
    expect(model((m) => (m.dimensions = []))).toEqual({
      problems: [
        "model.dimensions: ska ha minst en dimension",
        "model.indicators[0].dimension: okänd dimension ”a” (modellen har: )",
        "model.indicators[1].dimension: okänd dimension ”b” (modellen har: )",
        "model.indicators[2].dimension: okänd dimension ”a” (modellen har: )"
      ]
    });
  });

  it("translates only a whole message: an id that contains a model message, or a line break, is shown as it is", () => {
    const twoKpis = (kpi: string) =>
      model((m) => {
        m.indicators[0].kpi = kpi;
        m.indicators[1].kpi = kpi;
      });
    const badKpi = (i: number) => `model.indicators[${i}].kpi: ska vara ett nyckeltals-id i Kolada, t.ex. N15428`;
    // The whole "duplicate KPI" message is translated; the message inside the id is not.
    expect(twoKpis('x must be "higher_better" or "lower_better')).toEqual({
      problems: [badKpi(0), badKpi(1), 'model.indicators[1].kpi: nyckeltalet ”x must be "higher_better" or "lower_better” finns två gånger']
    });
    expect(twoKpis('x duplicate dimension "y')).toEqual({problems: [badKpi(0), badKpi(1), 'model.indicators[1].kpi: nyckeltalet ”x duplicate dimension "y” finns två gånger']});
    // An id with a line break: no rule matches the whole message, so it stays in English.
    expect(twoKpis('N00001"\nX')).toEqual({problems: [badKpi(0), badKpi(1), 'model.indicators[1].kpi: duplicate KPI "N00001"\nX"']});
    const twoDimensions = (id: string) =>
      model((m) => {
        m.dimensions[0].id = id;
        m.dimensions[1].id = id;
        for (const i of m.indicators) i.dimension = id;
      });
    expect(twoDimensions('a"\nb')).toEqual({problems: ['model.dimensions[1].id: duplicate dimension "a"\nb"']});
    expect(twoDimensions('x\nduplicate KPI "y')).toEqual({problems: ['model.dimensions[1].id: duplicate dimension "x\nduplicate KPI "y"']});
    expect(twoDimensions('x\nduplicate dimension "y')).toEqual({problems: ['model.dimensions[1].id: duplicate dimension "x\nduplicate dimension "y"']});
    expect(twoDimensions('x\nmust be "higher_better" or "lower_better')).toEqual({problems: ['model.dimensions[1].id: duplicate dimension "x\nmust be "higher_better" or "lower_better"']});
    // The known dimensions of an "unknown dimension" message with a line break.
    expect(
      model((m) => {
        m.dimensions[0].id = "a)";
        m.dimensions[1].id = "b\nc";
        m.indicators = [{kpi: "N00001", dimension: "q", direction: "higher_better", weight: 1}];
      })
    ).toEqual({problems: ['model.indicators[0].dimension: unknown dimension "q" (known: a), b\nc)']});
  });

  it("leaves the scenario's own message as it is when a dimension id reads like a model message", () => {
    const r = rawNomination();
    r.model.dimensions.push({id: 'unknown dimension "x" (known: y', label: "Konstig", weight: 1});
    r.settings.dw = {c: 1};
    expect(parseScenario(r)).toEqual({problems: ['settings.dw.c: okänd dimension (modellen har: a, b, unknown dimension "x" (known: y)']});
  });
});

describe("how a message names the scenario", () => {
  it("by its position, and its name trimmed when it has one", () => {
    const spaced = rawNomination("  Effekt dubbelt  ");
    spaced.settings.top = 0;
    const unnamed = rawImprovement();
    delete unnamed.name;
    expect(parseScenarioFile(fileText([rawImprovement(), spaced, unnamed, null]))).toEqual({
      errors: ["Scenario 2 (”Effekt dubbelt”): settings.top: ska vara minst 1", "Scenario 3: name: saknas", "Scenario 4: ska vara ett objekt"]
    });
  });

  it("shortens a name that is too long to its first 80 characters", () => {
    const name = `${"A".repeat(80)}BCDEFGHIJK`;
    expect(parseScenarioFile(fileText([rawNomination(`  ${name}`)]))).toEqual({errors: [`Scenario 1 (”${"A".repeat(80)}”): name: får ha högst 80 tecken`]});
  });

  it("names no scenario for an entry that is missing, not an object, or has a blank or non-text name", () => {
    expect(scenarioLabel(0, undefined)).toBe("Scenario 1");
    expect(scenarioLabel(1, null)).toBe("Scenario 2");
    expect(scenarioLabel(2, "Effekt dubbelt")).toBe("Scenario 3");
    expect(scenarioLabel(3, {name: " "})).toBe("Scenario 4");
    expect(scenarioLabel(4, {name: 7})).toBe("Scenario 5");
    expect(parseScenarioEntries([undefined]).invalid).toEqual([{index: 0, raw: undefined, message: "Scenario 1: saknas"}]);
  });

  it("joins several problems of one scenario with semicolons", () => {
    const r = rawNomination();
    r.settings.top = 0;
    r.settings.rader = "alla rader";
    expect(parseScenarioFile(fileText([r]))).toEqual({errors: ['Scenario 1 (”Effekt dubbelt”): settings.top: ska vara minst 1; settings.rader: ska vara ett av "topp", "alla"']});
  });
});

describe("a file that is not a scenario file", () => {
  it("names every problem of the envelope, joined with semicolons", () => {
    expect(parseScenarioFile(JSON.stringify({format: "kvalitetskommun-modell", version: 2, scenarios: []}))).toEqual({
      errors: ['Filen är ingen scenariofil: format: ska vara "kvalitetskommun-scenarier"; version: ska vara 1.']
    });
    expect(parseScenarioFile(JSON.stringify({format: "kvalitetskommun-scenarier", version: 1, scenarios: {}}))).toEqual({errors: ["Filen är ingen scenariofil: scenarios: ska vara en lista."]});
    expect(parseScenarioFile(JSON.stringify({format: "kvalitetskommun-scenarier", version: 1, scenarios: [], extra: true}))).toEqual({errors: ["Filen är ingen scenariofil: okänt fält ”extra”."]});
  });

  it("accepts the envelope with its exact format name and version", () => {
    expect(parseScenarioFile('{"format": "kvalitetskommun-scenarier", "version": 1, "scenarios": []}')).toEqual({scenarios: []});
  });
});

describe("a model with its own weight above 5", () => {
  it("accepts that weight but no other above 5", () => {
    const r = rawNomination();
    r.model.dimensions[0].weight = 7.5;
    r.settings.dw = {a: 7.5, b: 1};
    expect(parseScenario(r)).toMatchObject({scenario: {settings: {dw: {a: 7.5, b: 1}}}});
    r.settings.dw = {a: 7.4, b: 1};
    expect(parseScenario(r)).toEqual({problems: ["settings.dw.a: ska vara högst 5 (reglagens gräns) eller modellens egen vikt 7.5"]});
  });
});

