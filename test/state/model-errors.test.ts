/**
 * The Swedish model messages (src/lib/state/model-errors.ts): every rule with
 * its own wording, the type names, and the anchors: a message that only
 * contains a known one (text before or after it) is shown as it is.
 */
import {describe, expect, it} from "vitest";
import {ModelError} from "../../src/engine/model.ts";
import {swedishIssue, swedishModelIssues} from "../../src/lib/state/model-errors.ts";

/** [English message, Swedish message]; ids of more than one character, so a rule's `(".*")` must take them whole. */
const RULES: [string, string][] = [
  ["must be a finite number", "måste vara ett ändligt tal"],
  ["must be a number", "måste vara ett tal"],
  ["must not be negative", "får inte vara negativ"],
  ["must not be empty", "får inte vara tom"],
  ["must be a Kolada KPI id such as N15428", "måste vara ett Kolada-id för ett nyckeltal, som N15428"],
  ['must be "higher_better" or "lower_better"', 'måste vara "higher_better" eller "lower_better"'],
  ["must list at least one dimension", "måste ha minst en dimension"],
  ["must list at least one indicator", "måste ha minst ett nyckeltal"],
  ['duplicate dimension "miljo"', 'dimensionen "miljo" finns två gånger'],
  ['unknown dimension "skola" (known: "a", "bc")', 'okänd dimension "skola" (modellen har "a", "bc")'],
  ['duplicate KPI "N15428"', 'nyckeltalet "N15428" finns två gånger'],
  ["not valid JSON: Unexpected token } in JSON", "filen är inte giltig JSON (Unexpected token } in JSON)"],
  ['KPI "N00001" is missing from the data', 'nyckeltalet "N00001" saknas i data'],
  ["Invalid input: expected number, received undefined", "saknas (ska vara ett tal)"],
  ["Invalid input: expected string, received number", "ska vara text, inte ett tal"],
  ['Invalid option: expected one of "higher_better"|"lower_better"', 'ogiltigt värde; tillåtna värden är "higher_better", "lower_better"']
];

describe("swedishIssue", () => {
  it("translates each known message, keeping the field path", () => {
    for (const [english, swedish] of RULES) {
      expect(swedishIssue(`indicators[3].weight: ${english}`)).toBe(`indicators[3].weight: ${swedish}`);
    }
  });

  it("translates a message without a path (a file that is not JSON)", () => {
    expect(swedishIssue("not valid JSON: Unexpected end\nof input")).toBe("filen är inte giltig JSON (Unexpected end\nof input)");
  });

  it("leaves a message that only contains a known one, before or after other text, as it is", () => {
    for (const [english] of RULES) {
      expect(swedishIssue(`name: so it ${english}`)).toBe(`name: so it ${english}`);
      // A rule ending in "(.*)" takes any text after it, except, for the options, a second line.
      if (english.startsWith("not valid JSON") || english.startsWith("Invalid option")) continue;
      expect(swedishIssue(`name: ${english}, says the file`)).toBe(`name: ${english}, says the file`);
    }
    expect(swedishIssue('direction: Invalid option: expected one of "a"|"b"\nand more')).toBe('direction: Invalid option: expected one of "a"|"b"\nand more');
    expect(swedishIssue("not valid JSON: a\nb")).toBe("filen är inte giltig JSON (a\nb)");
  });

  it("names every JSON type in Swedish, and an unknown type as it is", () => {
    const types: [string, string][] = [
      ["string", "text"],
      ["number", "ett tal"],
      ["object", "ett objekt"],
      ["array", "en lista"],
      ["boolean", "sant eller falskt"],
      ["null", "null"],
      ["undefined", "inget värde"],
      ["bigint", "bigint"]
    ];
    for (const [type, swedish] of types) {
      expect(swedishIssue(`w: Invalid input: expected ${type}, received undefined`)).toBe(`w: saknas (ska vara ${swedish})`);
      // "received undefined" is the rule for a missing value (above).
      if (type !== "undefined") expect(swedishIssue(`w: Invalid input: expected boolean, received ${type}`)).toBe(`w: ska vara sant eller falskt, inte ${swedish}`);
    }
  });

  it("leaves an unknown message as it is", () => {
    expect(swedishIssue("weight: must be odd")).toBe("weight: must be odd");
  });
});

describe("swedishModelIssues", () => {
  it("translates every issue of a ModelError, in order", () => {
    const error = new ModelError("modellen", ["dimensions: must list at least one dimension", "indicators[0].kpi: must be a Kolada KPI id such as N15428"]);
    expect(swedishModelIssues(error)).toEqual(["dimensions: måste ha minst en dimension", "indicators[0].kpi: måste vara ett Kolada-id för ett nyckeltal, som N15428"]);
  });
});
