/**
 * Model validation messages in Swedish. The engine's ModelError (model.ts)
 * names each offending field in English for the CLI and the build
 * (`indicators[3].weight: must not be negative`); the pages show the same
 * field path with the message translated (`indicators[3].weight: får inte
 * vara negativ`). A message this table does not know is shown as it is.
 */
import {ModelError} from "../../engine/model.js";

const TYPES: Record<string, string> = {
  string: "text",
  number: "ett tal",
  object: "ett objekt",
  array: "en lista",
  boolean: "sant eller falskt",
  null: "null",
  undefined: "inget värde"
};

const RULES: [RegExp, (...groups: string[]) => string][] = [
  [/^must be a finite number$/, () => "måste vara ett ändligt tal"],
  [/^must be a number$/, () => "måste vara ett tal"],
  [/^must not be negative$/, () => "får inte vara negativ"],
  [/^must not be empty$/, () => "får inte vara tom"],
  [/^must be a Kolada KPI id such as N15428$/, () => "måste vara ett Kolada-id för ett nyckeltal, som N15428"],
  [/^must be "higher_better" or "lower_better"$/, () => "måste vara \"higher_better\" eller \"lower_better\""],
  [/^must list at least one dimension$/, () => "måste ha minst en dimension"],
  [/^must list at least one indicator$/, () => "måste ha minst ett nyckeltal"],
  [/^duplicate dimension (".*")$/, (id) => `dimensionen ${id} finns två gånger`],
  [/^unknown dimension (".*") \(known: (.*)\)$/, (id, known) => `okänd dimension ${id} (modellen har ${known})`],
  [/^duplicate KPI (".*")$/, (id) => `nyckeltalet ${id} finns två gånger`],
  [/^not valid JSON: (.*)$/s, (why) => `filen är inte giltig JSON (${why})`],
  [/^KPI (".*") is missing from the data$/, (id) => `nyckeltalet ${id} saknas i data`],
  [/^Invalid input: expected (\w+), received undefined$/, (type) => `saknas (ska vara ${TYPES[type] ?? type})`],
  [/^Invalid input: expected (\w+), received (\w+)$/, (type, got) => `ska vara ${TYPES[type] ?? type}, inte ${TYPES[got] ?? got}`],
  [/^Invalid option: expected one of (.*)$/, (options) => `ogiltigt värde; tillåtna värden är ${options.replaceAll("|", ", ")}`]
];

/** One issue `path: message` with the message in Swedish. */
export function swedishIssue(issue: string): string {
  // A field path (`indicators[3].weight`, `(model)`) has no spaces; "not valid JSON: …" has no path.
  const m0 = /^([\w().[\]]+): (.*)$/s.exec(issue);
  const [path, message] = m0 ? [m0[1]!, m0[2]!] : ["", issue];
  for (const [pattern, say] of RULES) {
    const m = pattern.exec(message);
    if (m) return `${path ? `${path}: ` : ""}${say(...m.slice(1))}`;
  }
  return issue;
}

/** Every issue of a model error, in Swedish, each naming its field. */
export function swedishModelIssues(error: ModelError): string[] {
  return error.issues.map(swedishIssue);
}
