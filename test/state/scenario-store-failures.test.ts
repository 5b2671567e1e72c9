/**
 * The scenario store (src/lib/state/scenario-store.ts) when storage is
 * missing, unreadable, full or silently drops writes, and its exact keys and
 * messages: a problem is named exactly, nothing is overwritten that was not
 * first set aside, and a refused change leaves the storage as it was.
 * Scenarios are built inside each test from hand-written JSON.
 */
import {describe, expect, it} from "vitest";
import {parseScenario, type Scenario, type ScenarioContext} from "../../src/lib/state/scenario-codec.ts";
import {addScenario, importScenarios, readScenarios, removeScenario, type KeyValueStorage} from "../../src/lib/state/scenario-store.ts";
import {MemoryStorage} from "../lib/scenario-fixtures.ts";
import {fileText, rawImprovement, rawNomination, type Raw} from "./raw-scenarios.ts";

// The keys are written out here (not imported) so that a test notices when they change.
const KEY = "kvalitetskommun:scenarier";
const ASIDE = "kvalitetskommun:scenarier:undanlagt:2026-12-02T10:00:00.000Z";
const now = () => new Date("2026-12-02T10:00:00.000Z");

const CTX: ScenarioContext = {
  years: Array.from({length: 13}, (_, i) => 2010 + i),
  kpis: new Set(["N00001", "N00002", "N00003"]),
  counties: new Set(["01", "12", "24"]),
  groups: new Set(["A1", "B3", "C8"])
};

function scenario(raw: Raw): Scenario {
  const result = parseScenario(raw);
  if ("problems" in result) throw new Error(result.problems.join("; "));
  return result.scenario;
}

/** Storage whose reads throw (a browser that blocks localStorage access). */
class UnreadableStorage implements KeyValueStorage {
  written = 0;
  getItem(): string | null {
    throw new DOMException("blocked", "SecurityError");
  }
  setItem(): void {
    this.written++;
  }
}

/** Storage that accepts writes to matching keys without error but keeps nothing. */
class ForgetfulStorage extends MemoryStorage {
  constructor(readonly forgets: (key: string) => boolean) {
    super();
  }
  override setItem(key: string, value: string): void {
    if (!this.forgets(key)) super.setItem(key, value);
  }
}

describe("where the scenarios are kept", () => {
  it("reads and writes one entry under kvalitetskommun:scenarier", () => {
    const storage = new MemoryStorage();
    storage.setItem(KEY, fileText([rawNomination("A")]));
    expect(readScenarios(storage)).toEqual({scenarios: [rawNomination("A")], notices: [], writable: true});
    expect(addScenario(storage, scenario(rawImprovement("B")))).toEqual({
      ok: true,
      stored: {scenarios: [rawNomination("A"), rawImprovement("B")], notices: [], writable: true},
      message: "Sparat som ”B” (2 scenarier sparade)."
    });
    expect(Object.keys(storage.snapshot())).toEqual([KEY]);
    expect(JSON.parse(storage.getItem(KEY)!)).toEqual({format: "kvalitetskommun-scenarier", version: 1, scenarios: [rawNomination("A"), rawImprovement("B")]});
  });

  it("sets an unreadable entry aside under kvalitetskommun:scenarier:undanlagt:<time>, then -2, -3", () => {
    const storage = new MemoryStorage();
    for (const text of ["första", "andra", "tredje"]) {
      storage.setItem(KEY, text);
      readScenarios(storage, now);
    }
    expect(storage.snapshot()).toEqual({
      [KEY]: '{\n  "format": "kvalitetskommun-scenarier",\n  "version": 1,\n  "scenarios": []\n}\n',
      [ASIDE]: "första",
      [`${ASIDE}-2`]: "andra",
      [`${ASIDE}-3`]: "tredje"
    });
  });

  it("after a repair, a save reports the notices of that read and writable storage", () => {
    const storage = new MemoryStorage();
    storage.setItem(KEY, JSON.stringify({format: "kvalitetskommun-scenarier", version: 2, scenarios: []}));
    expect(addScenario(storage, scenario(rawNomination("A")), now)).toEqual({
      ok: true,
      stored: {
        scenarios: [rawNomination("A")],
        notices: [`De sparade scenarierna kunde inte läsas: Filen är ingen scenariofil: version: ska vara 1. De har lagts undan oförändrade i webbläsarens lagring under nyckeln ”${ASIDE}”.`],
        writable: true
      },
      message: "Sparat som ”A” (1 scenario sparat)."
    });
  });
});

describe("storage that cannot be used", () => {
  it("without storage: says so, and refuses to save with that reason", () => {
    const notice = "Webbläsarens lagring (localStorage) går inte att använda här, så scenarier kan inte sparas.";
    expect(readScenarios(null)).toEqual({scenarios: [], notices: [notice], writable: false});
    expect(addScenario(null, scenario(rawNomination()))).toEqual({ok: false, errors: [notice]});
    expect(removeScenario(null, "Effekt dubbelt")).toEqual({ok: false, errors: [notice]});
  });

  it("storage that cannot be read: says so, and refuses to save without writing anything", () => {
    const storage = new UnreadableStorage();
    const notice = "Webbläsarens lagring (localStorage) går inte att läsa, så scenarier kan inte sparas.";
    expect(readScenarios(storage)).toEqual({scenarios: [], notices: [notice], writable: false});
    expect(addScenario(storage, scenario(rawNomination()))).toEqual({ok: false, errors: [notice]});
    expect(importScenarios(storage, fileText([rawNomination()]), CTX)).toEqual({ok: false, errors: [notice]});
    expect(storage.written).toBe(0);
  });

  it("storage that takes the set-aside copy without keeping it: the entry is kept and saving is refused", () => {
    const storage = new ForgetfulStorage((key) => key.startsWith("kvalitetskommun:scenarier:undanlagt:"));
    const entry = JSON.stringify({format: "kvalitetskommun-modell"});
    storage.setItem(KEY, entry);
    const notice =
      'De sparade scenarierna kunde inte läsas (Filen är ingen scenariofil: format: ska vara "kvalitetskommun-scenarier"; version: ska vara 1; scenarios: saknas.) och inte heller läggas undan; inget sparas förrän lagringen har plats.';
    expect(readScenarios(storage, now)).toEqual({scenarios: [], notices: [notice], writable: false});
    expect(addScenario(storage, scenario(rawNomination()), now)).toEqual({ok: false, errors: [notice]});
    expect(storage.snapshot()).toEqual({[KEY]: entry});
  });

  it("an invalid saved scenario that cannot be set aside: the valid ones are read, nothing is written, saving is refused", () => {
    const storage = new MemoryStorage();
    const bad = rawNomination("B");
    bad.settings.top = 0;
    bad.settings.rader = "x";
    const worse = rawImprovement("C");
    worse.settings.window = 5;
    const entry = fileText([rawNomination("A"), bad, worse]);
    storage.setItem(KEY, entry);
    storage.failOn = (key) => key.startsWith("kvalitetskommun:scenarier:undanlagt:");
    const notices = [
      'Ett sparat scenario kunde inte läsas: Scenario 2 (”B”): settings.top: ska vara minst 1; settings.rader: ska vara ett av "topp", "alla".',
      "Ett sparat scenario kunde inte läsas: Scenario 3 (”C”): settings.window: ska vara ett av 3, 4.",
      "Det kunde inte läggas undan; inget sparas förrän lagringen har plats."
    ];
    expect(readScenarios(storage, now)).toEqual({scenarios: [rawNomination("A")], notices, writable: false});
    expect(addScenario(storage, scenario(rawImprovement("D")), now)).toEqual({ok: false, errors: notices});
    expect(storage.snapshot()).toEqual({[KEY]: entry});
  });
});

describe("import messages", () => {
  it("counts one scenario in the singular, several in the plural, and those already there", () => {
    const storage = new MemoryStorage();
    expect(importScenarios(storage, fileText([rawNomination("A")]), CTX)).toMatchObject({ok: true, message: "1 scenario importerade."});
    expect(importScenarios(storage, fileText([rawNomination("A"), rawImprovement("B")]), CTX)).toMatchObject({ok: true, message: "1 scenario importerade, 1 fanns redan."});
    expect(importScenarios(storage, fileText([rawNomination("C"), rawImprovement("D")]), CTX)).toMatchObject({ok: true, message: "2 scenarier importerade."});
    expect(readScenarios(storage).scenarios.map((s) => s.name)).toEqual(["A", "B", "C", "D"]);
  });

  it("names every data problem of a scenario, joined with semicolons, and changes nothing", () => {
    const storage = new MemoryStorage();
    addScenario(storage, scenario(rawNomination("A")));
    const before = storage.snapshot();
    const r = rawImprovement("B");
    r.settings.year = 2011;
    r.settings.lan = ["99"];
    expect(importScenarios(storage, fileText([rawNomination("X"), r]), CTX)).toEqual({
      ok: false,
      errors: ["Scenario 2 (”B”): settings.year: 2011 finns inte i data (2012–2022); settings.lan: okänt län 99"]
    });
    expect(storage.snapshot()).toEqual(before);
  });
});
