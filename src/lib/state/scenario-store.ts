/**
 * Saved scenarios in the browser's localStorage: one entry (the scenario file
 * format of scenario-codec.ts) under {@link SCENARIO_STORAGE_KEY}.
 *
 * Nothing is ever silently dropped or overwritten:
 * - every change reads the entry afresh first (another tab may have saved
 *   since), and writes only whole, validated lists;
 * - an entry that cannot be read (not JSON, not a scenario file) is copied
 *   unchanged to a key of its own, `kvalitetskommun:scenarier:undanlagt:<time>`,
 *   before anything is written over it; a scenario in it that is invalid is
 *   copied there the same way (the valid ones stay); each time gives a notice
 *   naming the problem and the key;
 * - if that copy cannot be made (storage full or blocked), nothing is written
 *   at all and saving is refused until it can be.
 * The functions take the storage as an argument (the browser passes
 * `window.localStorage`; the tests a map), so they run in Node too.
 */
import {
  nextScenarioName,
  parseEnvelope,
  parseScenarioEntries,
  parseScenarioFile,
  sameScenario,
  scenarioDataProblems,
  scenarioFileText,
  scenarioLabel,
  type Scenario,
  type ScenarioContext
} from "./scenario-codec.js";

export const SCENARIO_STORAGE_KEY = "kvalitetskommun:scenarier";
export const ASIDE_KEY_PREFIX = "kvalitetskommun:scenarier:undanlagt:";

/** The part of the Web Storage API used here. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export interface StoredScenarios {
  scenarios: Scenario[];
  /** Plain-text Swedish notices: what was set aside and where, or why storage cannot be used. */
  notices: string[];
  /** False when saving would overwrite something not yet set aside (or storage is unavailable). */
  writable: boolean;
}

export type StoreResult = {ok: true; stored: StoredScenarios; message: string} | {ok: false; errors: string[]};

/** A fresh key for a set-aside copy: the time, and a counter if that key is taken. */
function asideKey(storage: KeyValueStorage, now: Date): string {
  const base = `${ASIDE_KEY_PREFIX}${now.toISOString()}`;
  let key = base;
  for (let k = 2; storage.getItem(key) !== null; k++) key = `${base}-${k}`;
  return key;
}

/** Copies `text` to a new aside key; the key, or null when storage refused. */
function setAside(storage: KeyValueStorage, text: string, now: Date): string | null {
  try {
    const key = asideKey(storage, now);
    storage.setItem(key, text);
    return storage.getItem(key) === text ? key : null;
  } catch {
    return null;
  }
}

/**
 * The saved scenarios. Reading repairs the entry only after setting aside
 * what it cannot read (see the module comment); `now` dates the aside keys.
 */
export function readScenarios(storage: KeyValueStorage | null, now: () => Date = () => new Date()): StoredScenarios {
  if (!storage) return {scenarios: [], notices: ["Webbläsarens lagring (localStorage) går inte att använda här, så scenarier kan inte sparas."], writable: false};
  let text: string | null;
  try {
    text = storage.getItem(SCENARIO_STORAGE_KEY);
  } catch {
    return {scenarios: [], notices: ["Webbläsarens lagring (localStorage) går inte att läsa, så scenarier kan inte sparas."], writable: false};
  }
  if (text === null) return {scenarios: [], notices: [], writable: true};
  const envelope = parseEnvelope(text);
  if ("error" in envelope) {
    const key = setAside(storage, text, now());
    if (key === null) return {scenarios: [], notices: [`De sparade scenarierna kunde inte läsas (${envelope.error}) och inte heller läggas undan; inget sparas förrän lagringen har plats.`], writable: false};
    const repaired = write(storage, []);
    return {scenarios: [], notices: [`De sparade scenarierna kunde inte läsas: ${envelope.error} De har lagts undan oförändrade i webbläsarens lagring under nyckeln ”${key}”.`], writable: repaired};
  }
  const {valid, invalid} = parseScenarioEntries(envelope.entries);
  if (!invalid.length) return {scenarios: valid, notices: [], writable: true};
  const key = setAside(storage, `${JSON.stringify(invalid.map((i) => i.raw), null, 2)}\n`, now());
  const problems = invalid.map((i) => i.message);
  if (key === null) return {scenarios: valid, notices: [...problems.map((p) => `Ett sparat scenario kunde inte läsas: ${p}.`), "Det kunde inte läggas undan; inget sparas förrän lagringen har plats."], writable: false};
  const repaired = write(storage, valid);
  return {
    scenarios: valid,
    notices: problems.map((p) => `Ett sparat scenario kunde inte läsas och har lagts undan oförändrat under nyckeln ”${key}”: ${p}.`),
    writable: repaired
  };
}

/** Writes the list; false when storage refused (quota, private mode). */
function write(storage: KeyValueStorage, scenarios: readonly Scenario[]): boolean {
  try {
    storage.setItem(SCENARIO_STORAGE_KEY, scenarioFileText(scenarios));
    return true;
  } catch {
    return false;
  }
}

/** Reads afresh, applies `change` to the list and writes it, unless reading left something unsafe or `change` refuses. */
function update(storage: KeyValueStorage | null, change: (scenarios: Scenario[]) => {scenarios: Scenario[]; message: string} | {errors: string[]}, now?: () => Date): StoreResult {
  const current = readScenarios(storage, now);
  if (!current.writable || !storage) return {ok: false, errors: current.notices.length ? current.notices : ["Scenarierna kan inte sparas i den här webbläsaren."]};
  const next = change([...current.scenarios]);
  if ("errors" in next) return {ok: false, errors: next.errors};
  if (!write(storage, next.scenarios)) return {ok: false, errors: ["Webbläsarens lagring är full eller blockerad; inget har ändrats."]};
  return {ok: true, stored: {scenarios: next.scenarios, notices: current.notices, writable: true}, message: next.message};
}

/** Adds one scenario (already validated by the codec). A name in use is refused. */
export function addScenario(storage: KeyValueStorage | null, scenario: Scenario, now?: () => Date): StoreResult {
  return update(
    storage,
    (scenarios) =>
      scenarios.some((s) => s.name === scenario.name)
        ? {errors: [`Det finns redan ett scenario som heter ”${scenario.name}”. Välj ett annat namn.`]}
        : {scenarios: [...scenarios, scenario], message: `Sparat som ”${scenario.name}” (${scenarios.length + 1 === 1 ? "1 scenario sparat" : `${scenarios.length + 1} scenarier sparade`}).`},
    now
  );
}

/** Removes the scenario with this name. */
export function removeScenario(storage: KeyValueStorage | null, name: string, now?: () => Date): StoreResult {
  return update(
    storage,
    (scenarios) => {
      const kept = scenarios.filter((s) => s.name !== name);
      return kept.length === scenarios.length ? {errors: [`Det finns inget scenario som heter ”${name}”.`]} : {scenarios: kept, message: `”${name}” är borttaget.`};
    },
    now
  );
}

/**
 * Imports a scenario file: every scenario must be valid and rankable with
 * this data, or nothing changes and every problem is named. A scenario equal
 * to a saved one is already there (skipped); one whose name is taken by a
 * different saved scenario is a problem.
 */
export function importScenarios(storage: KeyValueStorage | null, text: string, ctx: ScenarioContext, now?: () => Date): StoreResult {
  const parsed = parseScenarioFile(text);
  if ("errors" in parsed) return {ok: false, errors: parsed.errors};
  const dataErrors = parsed.scenarios.flatMap((s, i) => {
    const problems = scenarioDataProblems(s, ctx);
    return problems.length ? [`${scenarioLabel(i, s)}: ${problems.join("; ")}`] : [];
  });
  if (dataErrors.length) return {ok: false, errors: dataErrors};
  return update(
    storage,
    (scenarios) => {
      const errors: string[] = [];
      const added: Scenario[] = [];
      let already = 0;
      parsed.scenarios.forEach((s, i) => {
        const saved = scenarios.find((x) => x.name === s.name);
        if (!saved) added.push(s);
        else if (sameScenario(saved, s)) already++;
        else errors.push(`${scenarioLabel(i, s)}: name: det finns redan ett sparat scenario med det namnet men andra inställningar; byt namn i filen eller ta bort det sparade först`);
      });
      if (errors.length) return {errors};
      const message = `${added.length} ${added.length === 1 ? "scenario" : "scenarier"} importerade${already ? `, ${already} fanns redan` : ""}.`;
      return {scenarios: [...scenarios, ...added], message};
    },
    now
  );
}

export {nextScenarioName, scenarioFileText};
