/**
 * Scenarios as data: the codec (what a valid scenario and file are, Swedish
 * messages naming the scenario and the field), the localStorage store (a
 * corrupt entry is set aside, never dropped or overwritten; import is all or
 * nothing; another tab's saves survive) and the links (each reads back as
 * exactly the scenario's settings through the page's own URL spec).
 */
import {describe, expect, it} from "vitest";
import {scenarioLink} from "../../src/lib/scenarios/link.ts";
import {improvementSpec} from "../../src/lib/state/improvement-state.ts";
import {nominationSpec} from "../../src/lib/state/nomination-state.ts";
import type {Model} from "../../src/engine/index.ts";
import {resolveModelChoice} from "../../src/lib/state/model-state.ts";
import {
  makeScenario,
  nextScenarioName,
  parseScenarioFile,
  scenarioDataProblems,
  scenarioFileText,
  type Scenario,
  type ScenarioContext
} from "../../src/lib/state/scenario-codec.ts";
import {addScenario, ASIDE_KEY_PREFIX, importScenarios, readScenarios, removeScenario, SCENARIO_STORAGE_KEY} from "../../src/lib/state/scenario-store.ts";
import {scenariosPageSpec} from "../../src/lib/state/scenarios-page-state.ts";
import {formatStateCompact, parseState} from "../../src/lib/state/url-state.ts";
import {improvementScenario, MemoryStorage, nominationScenario, SAVED, testWorkbench, YEARS} from "./scenario-fixtures.ts";

const wb = testWorkbench();
const ctx: ScenarioContext = {
  years: wb.matrix.years,
  kpis: new Set(wb.matrix.kpis),
  counties: new Set(wb.municipalities.map((m) => m.countyCode)),
  groups: new Set(wb.municipalities.map((m) => m.kommungrupp))
};
const now = () => new Date("2026-12-02T10:00:00.000Z");

/** A file of raw scenario objects (JSON round trip, so they can be tampered with). */
function fileOf(scenarios: unknown[]): string {
  // "1e400" stands for a number JSON can write but not hold: it reads as Infinity.
  return JSON.stringify({format: "kvalitetskommun-scenarier", version: 1, scenarios}).replaceAll('"1e400"', "1e400");
}
const raw = (s: Scenario): Record<string, any> => JSON.parse(JSON.stringify(s));

describe("scenario codec", () => {
  const a = nominationScenario(wb, "Effekt dubbelt", {dw: {a: 2, b: 1}, norm: "minmax", scope: "kommungrupp", lan: ["01"], top: 5});
  const b = improvementScenario(wb, "Utveckling 3 år", {window: 3, method: "national", steady: 0.55, year: 2021});

  it("keeps the page's whole state and the full model, and a file reads back as the same scenarios", () => {
    expect(a).toMatchObject({name: "Effekt dubbelt", page: "nominering", saved: SAVED.toISOString(), model: wb.models[0]!.model});
    expect(a.settings).toEqual({model: "skk-standard", year: 2022, norm: "minmax", agg: "arithmetic", wins: false, scope: "kommungrupp", top: 5, lan: ["01"], grupp: [], dw: {a: 2, b: 1}, w: {N00001: 1, N00002: 2, N00003: 1}, rader: "topp"});
    const text = scenarioFileText([a, b]);
    expect(parseScenarioFile(text)).toEqual({scenarios: [a, b]});
    expect(scenarioFileText((parseScenarioFile(text) as {scenarios: Scenario[]}).scenarios)).toBe(text);
  });

  it("gives an absent weight the model's own weight, in model order", () => {
    const r = raw(a);
    r.settings.dw = {b: 3};
    r.settings.w = {N00003: 0};
    const parsed = parseScenarioFile(fileOf([r]));
    expect(parsed).toMatchObject({scenarios: [{settings: {dw: {a: 1, b: 3}, w: {N00001: 1, N00002: 2, N00003: 0}}}]});
    expect(Object.keys((parsed as {scenarios: Scenario[]}).scenarios[0]!.settings.dw)).toEqual(["a", "b"]);
  });

  it("accepts a weight above the sliders' 5 only when it is the model's own", () => {
    expect("scenarios" in parseScenarioFile(scenarioFileText([nominationScenario(wb, "tung", {}, "heavy")]))).toBe(true);
    const r = raw(a);
    r.settings.dw.a = 7.5;
    expect(parseScenarioFile(fileOf([r]))).toEqual({errors: ["Scenario 1 (”Effekt dubbelt”): settings.dw.a: ska vara högst 5 (reglagens gräns) eller modellens egen vikt 1"]});
  });

  const tampered: [string, (r: Record<string, any>) => void, string][] = [
    ["a negative dimension weight", (r) => (r.settings.dw.a = -1), "settings.dw.a: får inte vara negativ"],
    ["a weight that is text", (r) => (r.settings.w.N00002 = "2"), "settings.w.N00002: ska vara ett tal"],
    ["a weight of 1e400 (Infinity)", (r) => (r.settings.w.N00002 = "1e400"), "settings.w.N00002: ska vara ett ändligt tal"],
    ["an unknown dimension", (r) => (r.settings.dw.x = 1), "settings.dw.x: okänd dimension (modellen har: a, b)"],
    ["an unknown KPI weight", (r) => (r.settings.w.N99999 = 1), "settings.w.N99999: okänd KPI (modellen har: N00001, N00002, N00003)"],
    ["a negative weight in the model", (r) => (r.model.indicators[1].weight = -2), "model.indicators[1].weight: får inte vara negativ"],
    ["a KPI in an unknown dimension", (r) => (r.model.indicators[0].dimension = "q"), "model.indicators[0].dimension: okänd dimension ”q” (modellen har: a, b)"],
    ["a bad KPI id", (r) => (r.model.indicators[2].kpi = "abc"), "model.indicators[2].kpi: ska vara ett nyckeltals-id i Kolada, t.ex. N15428"],
    ["an unknown page", (r) => (r.page = "robusthet"), "page: ska vara ”nominering” eller ”utveckling”"],
    ["top N 0", (r) => (r.settings.top = 0), "settings.top: ska vara minst 1"],
    ["top N 2.5", (r) => (r.settings.top = 2.5), "settings.top: ska vara ett heltal"],
    ["an unknown normalisation", (r) => (r.settings.norm = "rank"), 'settings.norm: ska vara ett av "zscore", "minmax", "percentile", "goalposts"'],
    ["no name", (r) => delete r.name, "name: saknas"],
    ["a blank name", (r) => (r.name = "   "), "name: får inte vara tomt"],
    ["an unknown field", (r) => (r.settings.vikt = 1), "settings: okänt fält ”vikt”"],
    ["a date that is not ISO", (r) => (r.saved = "igår"), "saved: ska vara datum och tid i UTC (ISO 8601, t.ex. 2026-12-01T09:30:00.000Z)"],
    ["winsorising as a string", (r) => (r.settings.wins = "1"), "settings.wins: ska vara true eller false"]
  ];
  for (const [what, tamper, message] of tampered)
    it(`names the scenario and the field of ${what}`, () => {
      const r = raw(a);
      tamper(r);
      const label = typeof r.name === "string" && r.name.trim() ? "Scenario 2 (”Effekt dubbelt”)" : "Scenario 2";
      expect(parseScenarioFile(fileOf([raw(b), r]))).toEqual({errors: [`${label}: ${message}`]});
    });

  it("checks an improvement scenario's own fields", () => {
    const r = raw(b);
    r.settings.window = 5;
    r.settings.steady = 0.33;
    expect(parseScenarioFile(fileOf([r]))).toEqual({errors: ["Scenario 1 (”Utveckling 3 år”): settings.window: ska vara ett av 3, 4; settings.steady: ska vara ett tal 0–1 i steg om 0,05"]});
  });

  it("refuses a name used twice in one file, naming both", () => {
    expect(parseScenarioFile(fileOf([raw(a), raw(b), raw(a)]))).toEqual({errors: ["Scenario 3 (”Effekt dubbelt”): name: namnet används redan av scenario 1"]});
  });

  it("refuses what is not a scenario file", () => {
    expect(parseScenarioFile("{inte json")).toMatchObject({errors: [expect.stringMatching(/^Filen är inte giltig JSON \(/)]});
    expect(parseScenarioFile(JSON.stringify({format: "modell", version: 1, scenarios: []}))).toEqual({errors: ['Filen är ingen scenariofil: format: ska vara "kvalitetskommun-scenarier".']});
    expect(parseScenarioFile(JSON.stringify({format: "kvalitetskommun-scenarier", version: 2, scenarios: []}))).toEqual({errors: ["Filen är ingen scenariofil: version: ska vara 1."]});
    expect(parseScenarioFile(JSON.stringify([]))).toEqual({errors: ["Filen är ingen scenariofil: ska vara ett objekt."]});
  });

  it("names what keeps a valid scenario from being ranked with this data", () => {
    const r = raw(a);
    r.settings.year = 2009;
    r.settings.lan = ["01", "99"];
    r.model.indicators[2].kpi = "N77777";
    r.settings.w = {N00001: 1, N00002: 2, N77777: 1};
    const parsed = parseScenarioFile(fileOf([r])) as {scenarios: Scenario[]};
    expect(scenarioDataProblems(parsed.scenarios[0]!, ctx)).toEqual([
      "settings.year: 2009 finns inte i data (2010–2022)",
      "model.indicators[2].kpi: nyckeltalet N77777 finns inte i data",
      "settings.lan: okänt län 99"
    ]);
    // An improvement window needs two years before its end.
    expect(scenarioDataProblems(improvementScenario(wb, "u", {year: 2012}), ctx)).toEqual([]);
    const early = raw(b);
    early.settings.year = 2011;
    expect(scenarioDataProblems((parseScenarioFile(fileOf([early])) as {scenarios: Scenario[]}).scenarios[0]!, ctx)).toEqual(["settings.year: 2011 finns inte i data (2012–2022)"]);
  });

  it("proposes the next free default name", () => {
    expect(nextScenarioName([])).toBe("Scenario 1");
    expect(nextScenarioName([{name: "Scenario 2"}, {name: "x"}])).toBe("Scenario 3");
    expect(nextScenarioName([{name: "Scenario 2"}])).toBe("Scenario 3");
  });
});

describe("scenario store", () => {
  const a = nominationScenario(wb, "A", {dw: {a: 2, b: 1}});
  const b = nominationScenario(wb, "B", {norm: "minmax"});
  const c = improvementScenario(wb, "C");

  it("is empty at first, and saves and reads back scenarios in order", () => {
    const storage = new MemoryStorage();
    expect(readScenarios(storage)).toEqual({scenarios: [], notices: [], writable: true});
    expect(addScenario(storage, a)).toMatchObject({ok: true, message: "Sparat som ”A” (1 scenario sparat)."});
    expect(addScenario(storage, b)).toMatchObject({ok: true, message: "Sparat som ”B” (2 scenarier sparade)."});
    expect(readScenarios(storage)).toEqual({scenarios: [a, b], notices: [], writable: true});
  });

  it("refuses a name in use and changes nothing", () => {
    const storage = new MemoryStorage();
    addScenario(storage, a);
    const before = storage.snapshot();
    expect(addScenario(storage, {...b, name: "A"})).toEqual({ok: false, errors: ["Det finns redan ett scenario som heter ”A”. Välj ett annat namn."]});
    expect(storage.snapshot()).toEqual(before);
  });

  it("reads afresh before writing: another tab's save survives", () => {
    const storage = new MemoryStorage();
    addScenario(storage, a);
    // Another tab adds B directly.
    storage.setItem(SCENARIO_STORAGE_KEY, scenarioFileText([a, b]));
    addScenario(storage, c);
    expect(readScenarios(storage).scenarios.map((s) => s.name)).toEqual(["A", "B", "C"]);
  });

  it("removes a scenario by name", () => {
    const storage = new MemoryStorage();
    addScenario(storage, a);
    addScenario(storage, b);
    expect(removeScenario(storage, "A")).toMatchObject({ok: true, message: "”A” är borttaget."});
    expect(readScenarios(storage).scenarios).toEqual([b]);
    expect(removeScenario(storage, "A")).toEqual({ok: false, errors: ["Det finns inget scenario som heter ”A”."]});
  });

  it("sets an unreadable entry aside unchanged, with a notice naming the key, and starts afresh", () => {
    const storage = new MemoryStorage();
    storage.setItem(SCENARIO_STORAGE_KEY, "{trasig");
    const read = readScenarios(storage, now);
    const key = `${ASIDE_KEY_PREFIX}2026-12-02T10:00:00.000Z`;
    expect(read.scenarios).toEqual([]);
    expect(read.writable).toBe(true);
    expect(read.notices).toHaveLength(1);
    expect(read.notices[0]).toMatch(/^De sparade scenarierna kunde inte läsas: Filen är inte giltig JSON/);
    expect(read.notices[0]).toContain(`under nyckeln ”${key}”`);
    expect(storage.getItem(key)).toBe("{trasig");
    // Read once more: nothing new to report, and the copy is still there.
    expect(readScenarios(storage, now)).toEqual({scenarios: [], notices: [], writable: true});
    expect(storage.getItem(key)).toBe("{trasig");
  });

  it("a second set-aside never overwrites the first", () => {
    const storage = new MemoryStorage();
    storage.setItem(SCENARIO_STORAGE_KEY, "första");
    readScenarios(storage, now);
    storage.setItem(SCENARIO_STORAGE_KEY, "andra");
    readScenarios(storage, now);
    expect(storage.getItem(`${ASIDE_KEY_PREFIX}2026-12-02T10:00:00.000Z`)).toBe("första");
    expect(storage.getItem(`${ASIDE_KEY_PREFIX}2026-12-02T10:00:00.000Z-2`)).toBe("andra");
  });

  it("sets an invalid scenario aside, keeps the valid ones, and names the scenario and the field", () => {
    const storage = new MemoryStorage();
    const bad = raw(b);
    bad.settings.top = 999;
    storage.setItem(SCENARIO_STORAGE_KEY, fileOf([raw(a), bad, raw(c)]));
    const read = readScenarios(storage, now);
    expect(read.scenarios).toEqual([a, c]);
    const key = `${ASIDE_KEY_PREFIX}2026-12-02T10:00:00.000Z`;
    expect(read.notices).toEqual([`Ett sparat scenario kunde inte läsas och har lagts undan oförändrat under nyckeln ”${key}”: Scenario 2 (”B”): settings.top: ska vara högst 290.`]);
    expect(JSON.parse(storage.getItem(key)!)).toEqual([bad]);
    expect(readScenarios(storage, now)).toEqual({scenarios: [a, c], notices: [], writable: true});
  });

  it("when the copy cannot be made, writes nothing and refuses to save", () => {
    const storage = new MemoryStorage();
    storage.setItem(SCENARIO_STORAGE_KEY, "{trasig");
    storage.failOn = (key) => key.startsWith(ASIDE_KEY_PREFIX);
    const read = readScenarios(storage, now);
    expect(read.writable).toBe(false);
    expect(read.notices[0]).toMatch(/inte heller läggas undan; inget sparas förrän lagringen har plats\.$/);
    const saved = addScenario(storage, a, now);
    expect(saved.ok).toBe(false);
    expect(storage.snapshot()).toEqual({[SCENARIO_STORAGE_KEY]: "{trasig"});
  });

  it("a full storage changes nothing and says so", () => {
    const storage = new MemoryStorage();
    addScenario(storage, a);
    const before = storage.snapshot();
    storage.failOn = () => true;
    expect(addScenario(storage, b)).toEqual({ok: false, errors: ["Webbläsarens lagring är full eller blockerad; inget har ändrats."]});
    expect(storage.snapshot()).toEqual(before);
    expect(readScenarios(null)).toMatchObject({scenarios: [], writable: false});
  });

  it("export then import into an empty browser gives the same scenarios and the same file", () => {
    const from = new MemoryStorage();
    for (const s of [a, b, c]) addScenario(from, s);
    const exported = scenarioFileText(readScenarios(from).scenarios);
    const to = new MemoryStorage();
    expect(importScenarios(to, exported, ctx)).toMatchObject({ok: true, message: "3 scenarier importerade."});
    expect(scenarioFileText(readScenarios(to).scenarios)).toBe(exported);
    // Importing it again: every scenario is already there.
    expect(importScenarios(to, exported, ctx)).toMatchObject({ok: true, message: "0 scenarier importerade, 3 fanns redan."});
    expect(readScenarios(to).scenarios).toHaveLength(3);
  });

  it("an import with any problem changes nothing and names every problem", () => {
    const storage = new MemoryStorage();
    addScenario(storage, a);
    const before = storage.snapshot();
    const bad = raw(c);
    bad.settings.method = "linjär";
    const badYear = raw(b);
    badYear.settings.year = 1990;
    expect(importScenarios(storage, fileOf([raw(b), bad]), ctx)).toEqual({ok: false, errors: ['Scenario 2 (”C”): settings.method: ska vara ett av "theil-sen", "national", "regression"']});
    expect(importScenarios(storage, fileOf([badYear]), ctx)).toEqual({ok: false, errors: ["Scenario 1 (”B”): settings.year: 1990 finns inte i data (2010–2022)"]});
    expect(importScenarios(storage, fileOf([raw(b), raw({...c, name: "A"} as Scenario)]), ctx)).toEqual({
      ok: false,
      errors: ["Scenario 2 (”A”): name: det finns redan ett sparat scenario med det namnet men andra inställningar; byt namn i filen eller ta bort det sparade först"]
    });
    expect(importScenarios(storage, "[]", ctx)).toEqual({ok: false, errors: ["Filen är ingen scenariofil: ska vara ett objekt."]});
    expect(storage.snapshot()).toEqual(before);
  });
});

describe("scenario links", () => {
  it("read back through the page's own URL spec as exactly the scenario's settings", () => {
    const cases: Scenario[] = [
      nominationScenario(wb, "n", {dw: {a: 1.2345678901234567, b: 0}, w: {N00001: 0.1, N00002: 5, N00003: 2.5}, norm: "percentile", agg: "geometric", wins: true, scope: "mainGroup", top: 17, lan: ["01", "12"], grupp: ["B3"], rader: "alla", year: 2015}),
      improvementScenario(wb, "u", {window: 3, method: "regression", steady: 0.35, year: 2019, scope: "kommungrupp"}),
      nominationScenario(wb, "tung", {}, "heavy")
    ];
    for (const s of cases) {
      const link = scenarioLink(s, wb);
      if (!("href" in link)) throw new Error(link.reason);
      expect(link.edited).toBe(false);
      const [page, query] = link.href.split("?");
      expect(page).toBe(`./${s.page}.html`);
      expect(new URLSearchParams(query).has("edited")).toBe(false);
      const spec = s.page === "nominering" ? nominationSpec(wb, s.settings.model) : improvementSpec(wb, s.settings.model);
      expect(parseState(query!, spec as never)).toEqual({state: {...s.settings, edited: null}, notices: []});
    }
  });

  it("carry a model that differs from its preset whole, and the page reads it back exactly", async () => {
    const s = nominationScenario(wb, "n", {dw: {a: 2, b: 1}});
    const edited: Model = {
      ...s.model,
      name: "Egen modell",
      indicators: s.model.indicators.filter((i) => i.kpi !== "N00003").map((i) => (i.kpi === "N00002" ? {...i, direction: "higher_better" as const} : i))
    };
    const made = makeScenario("egen", "nominering", edited, {...s.settings, w: {N00001: 1, N00002: 3}, edited}, SAVED);
    if ("problems" in made) throw new Error(made.problems.join("; "));
    // The page's `edited` is not kept twice: the scenario's model is it.
    expect(Object.keys(made.scenario.settings)).not.toContain("edited");
    const link = scenarioLink(made.scenario, wb);
    if (!("href" in link)) throw new Error(link.reason);
    expect(link.edited).toBe(true);
    const query = link.href.split("?")[1]!;
    // What Nominering does with a link: resolve its model, then read the rest with the spec of that model.
    const resolved = await resolveModelChoice(wb, `?${query}`, async () => undefined);
    expect(resolved.notices).toEqual([]);
    expect(resolved.choice.preset).toBe("skk-standard");
    expect(resolved.choice.edited).toEqual(edited);
    expect(parseState(query, nominationSpec(wb, resolved.choice))).toEqual({state: {...made.scenario.settings, edited}, notices: []});
  });

  it("say when the model is not a preset here", () => {
    const s = nominationScenario(wb, "n");
    expect(scenarioLink({...s, settings: {...s.settings, model: "annan"}} as Scenario, wb)).toEqual({reason: "modellen ”annan” finns inte bland den här webbplatsens modeller"});
  });
});

describe("Scenarier's URL", () => {
  const spec = scenariosPageSpec(YEARS, 3);
  it("reads the compared positions (1-based in the link), the year and the top N; absent ones follow the scenarios", () => {
    expect(parseState("val=1,3&year=2015&top=7", spec)).toEqual({state: {val: [0, 2], year: 2015, top: 7}, notices: []});
    expect(parseState("", spec)).toEqual({state: {val: null, year: null, top: null}, notices: []});
    expect(parseState("val=3,1,3", spec).state.val).toEqual([2, 0]);
    expect(formatStateCompact({val: [0, 2], year: null, top: 12}, spec)).toBe("val=1%2C3&top=12");
  });
  it("refuses positions, years and top N outside their bounds, naming each", () => {
    for (const [query, name] of [["val=0", "val"], ["val=4", "val"], ["val=1,x", "val"], ["year=2009", "year"], ["year=2023", "year"], ["top=0", "top"], ["top=291", "top"]] as const) {
      const {state, notices} = parseState(query, spec);
      expect(notices, query).toHaveLength(1);
      expect(notices[0]).toMatch(new RegExp(`^Ogiltigt värde för ”${name}”`));
      expect(state).toEqual({val: null, year: null, top: null});
    }
    expect(parseState("val=1", scenariosPageSpec(YEARS, 0)).notices).toEqual(["Ogiltigt värde för ”val” (1): det finns inga sparade scenarier. Standardvärdet används."]);
  });
});
