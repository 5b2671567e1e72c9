/**
 * Collecting workshop proposals (src/lib/state/workshop-state.ts) on a small
 * model, with hand-computed results: which proposals rank nobody (weights the
 * proposal leaves out are the model's), pasted lines (blank lines, a link with
 * an empty `forslag`, the rejected lines to correct), proposal files (weights
 * at the ends of 0–5, a weight a code cannot hold, the name), the proposal file
 * text, names cut to what a code holds, and the Swedish file messages.
 */
import {describe, expect, it} from "vitest";
import type {Model} from "../../src/engine/index.ts";
import {encodeProposal, workshopId, type WorkshopDefinition} from "../../src/lib/state/proposal-codec.ts";
import {collectFile, collectFromUrl, collectText, fitName, proposalFile, proposalName, proposalProblem, rejectionText, swedishIssue} from "../../src/lib/state/workshop-state.ts";
import {model} from "../engine/fixtures.ts";
import {testModel} from "../lib/scenario-fixtures.ts";

/** Dimensions a ("Effekt", 1) and b ("Resursåtgång", 1); KPIs N00001 (a, 1), N00002 (b, 2), N00003 (a, 1). */
const W: WorkshopDefinition = {model: testModel("standard"), year: 2022, top: 10, allowKpiWeights: false};
const WK: WorkshopDefinition = {...W, allowKpiWeights: true};
const anna = encodeProposal(W, {name: "Anna", dimensions: {a: 1, b: 2}});
const noName = encodeProposal(W, {name: "", dimensions: {a: 3, b: 1}});
const zero = encodeProposal(W, {name: "Noll", dimensions: {a: 0, b: 0}});

describe("proposalProblem: weights the proposal leaves out are the model's", () => {
  /** Dimension a has weight 0 in the model, b 1; KPI N00001 (a) has weight 0, N00002 (a) and N00003 (b) 1. Labels A, B. */
  const M: Model = model(
    [
      ["a", 0],
      ["b", 1]
    ],
    [
      ["N00001", "a", "higher_better", 0],
      ["N00002", "a", "higher_better", 1],
      ["N00003", "b", "lower_better", 1]
    ]
  );

  it("a left-out dimension takes the model's weight", () => {
    expect(proposalProblem(M, {name: "", dimensions: {}})).toBeNull();
    expect(proposalProblem(M, {name: "", dimensions: {a: 0}})).toBeNull();
    expect(proposalProblem(M, {name: "", dimensions: {b: 0}})).toBe("alla dimensionsvikter är 0 (ingen kommun kan rankas)");
  });

  it("a left-out KPI takes the model's weight", () => {
    expect(proposalProblem(M, {name: "", dimensions: {a: 1, b: 1}, indicators: {}})).toBeNull();
    expect(proposalProblem(M, {name: "", dimensions: {a: 1, b: 1}, indicators: {N00002: 0}})).toBe("A har vikt men alla nyckeltal där har vikt 0 (ingen kommun kan rankas)");
  });

  it("one KPI above 0 is enough for a dimension", () => {
    expect(proposalProblem(M, {name: "", dimensions: {a: 1, b: 1}, indicators: {N00001: 0, N00002: 2, N00003: 1}})).toBeNull();
  });

  it("a dimension switched off (weight 0) may have all its KPIs at 0", () => {
    expect(proposalProblem(M, {name: "", dimensions: {a: 0, b: 1}, indicators: {N00001: 0, N00002: 0, N00003: 1}})).toBeNull();
  });

  it("names every weighted dimension whose KPIs are all 0, separated by commas", () => {
    expect(proposalProblem(M, {name: "", dimensions: {a: 1, b: 1}, indicators: {N00001: 0, N00002: 0, N00003: 0}})).toBe(
      "A, B har vikt men alla nyckeltal där har vikt 0 (ingen kommun kan rankas)"
    );
  });
});

describe("proposalName", () => {
  it("is the name without spaces around it, else Förslag and the position counted from 1", () => {
    expect(proposalName({name: " Anna ", dimensions: {}}, 0)).toBe("Anna");
    expect(proposalName({name: "", dimensions: {}}, 1)).toBe("Förslag 2");
    expect(proposalName({name: "   ", dimensions: {}}, 0)).toBe("Förslag 1");
  });
});

describe("collectText: lines", () => {
  it("skips blank and space-only lines, and names a link whose forslag is empty by its line", () => {
    const r = collectText(W, [], [anna, "   ", "  https://example.org/kk/workshop.html?model=skk-standard&forslag=  "].join("\n"));
    expect(r.collected.map((c) => c.proposal.name)).toEqual(["Anna"]);
    expect(r.rejected).toEqual([{where: "Rad 3", error: "länken har inget förslag (parametern forslag saknas)"}]);
    expect(r.rejectedLines).toEqual(["https://example.org/kk/workshop.html?model=skk-standard&forslag="]);
  });

  it("returns a duplicate's and an unusable proposal's lines to correct, naming an unnamed twin by its position", () => {
    const r = collectText(W, [], [anna, noName, anna, ` ${noName} `, zero].join("\n"));
    expect(r.collected.map((c) => c.code)).toEqual([anna, noName]);
    expect(r.rejected.map(rejectionText)).toEqual([
      "Rad 3 (Anna): samma förslag som Anna (redan inlagt)",
      "Rad 4: samma förslag som Förslag 2 (redan inlagt)",
      "Rad 5 (Noll): alla dimensionsvikter är 0 (ingen kommun kan rankas)"
    ]);
    expect(r.rejectedLines).toEqual([anna, noName, zero]);
  });

  it("returns a link with several bad codes once, without the spaces around it", () => {
    const line = `https://example.org/kk/workshop.html?forslag=KK-0000,KK-0000-0000`;
    const r = collectText(W, [], `  ${line}  `);
    expect(r.rejected.map(rejectionText)).toEqual(["Rad 1, förslag 1: ofullständig kod (för kort)", "Rad 1, förslag 2: ofullständig kod (för kort)"]);
    expect(r.rejectedLines).toEqual([line]);
  });
});

describe("collectFromUrl", () => {
  it("has no lines to return", () => {
    expect(collectFromUrl(W, [anna, "KK-0000"])).toEqual({
      collected: [{code: anna, proposal: {name: "Anna", dimensions: {a: 1, b: 2}}}],
      rejected: [{where: "Förslag 2 i länken", error: "ofullständig kod (för kort)"}],
      rejectedLines: []
    });
  });
});

describe("collectFile", () => {
  it("accepts the weights at the ends of the sliders, 0 and 5, and has no lines to return", () => {
    expect(collectFile(W, [], "ends.json", JSON.stringify({name: "Kant", dimensions: {a: 0, b: 5}}))).toEqual({
      collected: [{code: encodeProposal(W, {name: "Kant", dimensions: {a: 0, b: 5}}), proposal: {name: "Kant", dimensions: {a: 0, b: 5}}}],
      rejected: [],
      rejectedLines: []
    });
  });

  it("rejects a weight just off a step of 0.1 (1e-7), which a code would round to 0", () => {
    expect(collectFile(W, [], "x.json", '{"dimensions": {"a": 1e-7}}')).toEqual({
      collected: [],
      rejected: [{where: "x.json", error: "dimensions.a = 1e-7: workshopen håller vikter 0–5 i steg om 0,1 (som reglagen)"}],
      rejectedLines: []
    });
  });

  it("keeps the file's KPI weights when the workshop allows them, the others from the model", () => {
    const r = collectFile(WK, [], "kpi.json", JSON.stringify({name: "Kim", indicators: {N00002: 3.5}}));
    expect(r.rejected).toEqual([]);
    expect(r.collected.map((c) => c.proposal)).toEqual([{name: "Kim", dimensions: {a: 1, b: 1}, indicators: {N00001: 1, N00002: 3.5, N00003: 1}}]);
  });

  it("names the participant without the spaces around the name", () => {
    const r = collectFile(W, [], "eva.json", JSON.stringify({name: "  Eva  ", workshop: "ABCDEF"}));
    expect(r.rejected.map(rejectionText)).toEqual([`eva.json (Eva): annan workshop (filen gäller workshop ABCDEF, den här är ${workshopId(W)})`]);
  });

  it("names a proposal whose name is only spaces by its file, without .json at the end only", () => {
    const name = (fileName: string) => collectFile(W, [], fileName, JSON.stringify({name: "   ", dimensions: {a: 2}})).collected[0]!.proposal.name;
    expect(name("grupp-3.json")).toBe("grupp-3");
    expect(name("GRUPP.JSON")).toBe("GRUPP");
    expect(name("svar.json.txt")).toBe("svar.json.txt");
  });

  it.each([
    ["broken JSON", "{", "inte giltig JSON"],
    ["a weight in quotes", '{"dimensions": {"a": "1"}}', "dimensions.a: ska vara ett tal"],
    ["a weight too large for a double", '{"dimensions": {"a": 1e400}}', "dimensions.a: ska vara ett ändligt tal"],
    ["a name that is a number", '{"name": 5}', "name: ska vara text"],
    ["a list instead of an object", "[1]", "filen: ska vara ett JSON-objekt"],
    ["dimensions as a list", '{"dimensions": [1]}', "dimensions: ska vara ett objekt {dimension: vikt}"],
    ["indicators as text", '{"indicators": "N00001"}', "indicators: ska vara ett objekt {nyckeltal: vikt}"],
    ["two unknown dimensions", '{"dimensions": {"x": 1, "y": 2}}', "annan modell: dimensions.x: okänd dimension i workshopens modell (den har a, b); dimensions.y: okänd dimension i workshopens modell (den har a, b)"]
  ])("rejects %s with the Swedish message and no lines to return", (_case, content, error) => {
    expect(collectFile(W, [], "x.json", content)).toEqual({collected: [], rejected: [{where: "x.json", error}], rejectedLines: []});
  });
});

describe("proposalFile", () => {
  it("writes the trimmed name, the workshop, the weights and the KPI weights, and ends with a newline", () => {
    const text = proposalFile(WK, {name: "  Bo ", dimensions: {a: 0, b: 1.5}, indicators: {N00001: 1, N00002: 0.5, N00003: 0}});
    expect(text).toBe(
      `{\n  "name": "Bo",\n  "workshop": "${workshopId(WK)}",\n  "dimensions": {\n    "a": 0,\n    "b": 1.5\n  },\n  "indicators": {\n    "N00001": 1,\n    "N00002": 0.5,\n    "N00003": 0\n  }\n}\n`
    );
  });

  it("leaves out a name of only spaces, and the KPI weights when there are none", () => {
    expect(proposalFile(W, {name: "   ", dimensions: {a: 1, b: 2}})).toBe(`{\n  "workshop": "${workshopId(W)}",\n  "dimensions": {\n    "a": 1,\n    "b": 2\n  }\n}\n`);
  });
});

describe("fitName", () => {
  it("keeps 40 characters of 3 bytes (exactly 120 bytes)", () => {
    expect(fitName("€".repeat(40))).toBe("€".repeat(40));
  });

  it("drops characters from the end until the name is at most 120 bytes", () => {
    expect(fitName("🎉".repeat(40))).toBe("🎉".repeat(30));
    expect(fitName(`Anna ${"🎉".repeat(35)}`)).toBe(`Anna ${"🎉".repeat(28)}`);
  });
});

describe("swedishIssue", () => {
  it.each([
    ["dimensions.a: must not be negative", "dimensions.a: får inte vara negativ"],
    ["dimensions.a: must be a finite number", "dimensions.a: ska vara ett ändligt tal"],
    ["dimensions.a: must be a number", "dimensions.a: ska vara ett tal"],
    ['dimensions.kvalitet: unknown dimension for model "SKK standard (förslag)" (known: resursatgang, effekt)', "dimensions.kvalitet: okänd dimension i workshopens modell (den har resursatgang, effekt)"],
    ['indicators.N99999: KPI not in model "SKK standard"', "indicators.N99999: nyckeltalet finns inte i workshopens modell"],
    ["dimension: unknown field (allowed: name, dimensions, indicators, workshop)", "dimension: okänt fält (tillåtna: name, dimensions, indicators, workshop)"],
    ["dimensions: must be an object of dimension id: weight", "dimensions: ska vara ett objekt {dimension: vikt}"],
    ["indicators: must be an object of KPI id: weight", "indicators: ska vara ett objekt {nyckeltal: vikt}"],
    ["(file): must be an object", "filen: ska vara ett JSON-objekt"],
    ["not valid JSON: Unexpected end of JSON input", "inte giltig JSON"],
    ["name: Invalid input: expected string, received number", "name: ska vara text"]
  ])("translates %s", (english, swedish) => {
    expect(swedishIssue(english)).toBe(swedish);
  });

  it("translates (file) and not valid JSON only at the start (a field may be named so)", () => {
    expect(swedishIssue("a(file): unknown field (allowed: name, dimensions, indicators, workshop)")).toBe("a(file): okänt fält (tillåtna: name, dimensions, indicators, workshop)");
    expect(swedishIssue("dimensions.not valid JSON: must be a number")).toBe("dimensions.not valid JSON: ska vara ett tal");
  });
});
