/**
 * The Workshop page's URL parameters (src/lib/state/workshop-state.ts,
 * workshopSpec): the defaults a bare link gets, the collected codes (`forslag`),
 * the participant's name (`namn`), the year range the data has, a link's
 * `edited` on a page without an edited model, and the proposal link's query.
 * The spec is built inside each test, so each test is what reaches it.
 */
import {describe, expect, it} from "vitest";
import type {Model} from "../../src/engine/index.ts";
import {defaultState, formatState, formatStateCompact, parseState} from "../../src/lib/state/url-state.ts";
import {NO_EDITED_MODEL, proposalQuery, workshopSpec} from "../../src/lib/state/workshop-state.ts";
import {testWorkbench} from "../lib/scenario-fixtures.ts";

/** The fixture workbench: years 2010–2022 with data in every year; models skk-standard and heavy (dimensions a, b; KPIs N00001–N00003). */
function spec() {
  const wb = testWorkbench();
  return workshopSpec(wb.models, wb.matrix, "skk-standard");
}

const CODE_NOTICE = (raw: string) => `Ogiltigt värde för ”forslag” (${raw}): ska vara förslagskoder (KK-…) åtskilda med komma. Standardvärdet används.`;

describe("workshopSpec: a bare link", () => {
  it("is the facilitator's view of the default workshop: no codes, no name, KPI weights and projector off", () => {
    const s = spec();
    expect(defaultState(s)).toEqual({
      roll: "ledare",
      model: "skk-standard",
      edited: null,
      year: 2022,
      top: 10,
      kpi: false,
      forslag: [],
      metod: "mean",
      projektor: false,
      namn: "",
      dw: {a: 1, b: 1},
      w: {N00001: 1, N00002: 2, N00003: 1}
    });
  });

  it("is written without `edited` (no edited model), with an empty name and code list", () => {
    const s = spec();
    expect(formatState(defaultState(s), s)).toBe(
      "roll=ledare&model=skk-standard&year=2022&top=10&kpi=0&forslag=&metod=mean&projektor=0&namn=&dw=a%3A1%2Cb%3A1&w=N00001%3A1%2CN00002%3A2%2CN00003%3A1"
    );
  });
});

describe("workshopSpec: the collected codes (forslag)", () => {
  it("reads an empty parameter as no codes, without a notice", () => {
    const r = parseState("forslag=", spec());
    expect(r.notices).toEqual([]);
    expect(r.state.forslag).toEqual([]);
  });

  it("reads codes separated by commas, spaces around them dropped", () => {
    const r = parseState("forslag=KK-AB12-CD34%2C%20KK-EF56%20", spec());
    expect(r.notices).toEqual([]);
    expect(r.state.forslag).toEqual(["KK-AB12-CD34", "KK-EF56"]);
  });

  it("writes the codes separated by commas, and reads them back as the same list", () => {
    const s = spec();
    expect(s.forslag.format(["KK-AB12", "KK-CD34"])).toBe("KK-AB12,KK-CD34");
    const state = {...defaultState(s), forslag: ["KK-AB12", "KK-CD34"]};
    expect(parseState(formatState(state, s), s).state.forslag).toEqual(["KK-AB12", "KK-CD34"]);
  });

  it.each([
    ["text before the KK-", "xKK-AB12"],
    ["a character after the code", "KK-AB12/x"],
    ["one bad code among good ones", "KK-AB12,hej"],
    ["an empty entry", "KK-AB12,,KK-CD34"]
  ])("rejects the whole list for %s, saying what a list looks like", (_case, raw) => {
    const r = parseState(`forslag=${encodeURIComponent(raw)}`, spec());
    expect(r.notices).toEqual([CODE_NOTICE(raw)]);
    expect(r.state.forslag).toEqual([]);
  });
});

describe("workshopSpec: the participant's name (namn)", () => {
  it("keeps a name of exactly 40 characters", () => {
    const r = parseState(`namn=${"å".repeat(40)}`, spec());
    expect(r.notices).toEqual([]);
    expect(r.state.namn).toBe("å".repeat(40));
  });

  it("rejects 41 characters, saying the limit", () => {
    const r = parseState(`namn=${"b".repeat(41)}`, spec());
    expect(r.notices).toEqual([`Ogiltigt värde för ”namn” (${"b".repeat(40)}…): högst 40 tecken. Standardvärdet används.`]);
    expect(r.state.namn).toBe("");
  });
});

describe("workshopSpec: the year", () => {
  it("takes any year the data has, the first and the last included", () => {
    const s = spec();
    for (const year of [2010, 2016, 2021, 2022]) {
      const r = parseState(`year=${year}`, s);
      expect(r.notices).toEqual([]);
      expect(r.state.year).toBe(year);
    }
  });

  it("rejects a year after the data, naming the data's range", () => {
    const r = parseState("year=2023", spec());
    expect(r.notices).toEqual(["Ogiltigt värde för ”year” (2023): ska vara ett heltal 2010–2022. Standardvärdet används."]);
  });
});

describe("workshopSpec: flags", () => {
  it("reads kpi and projektor as 1 or 0", () => {
    const s = spec();
    expect(parseState("kpi=1&projektor=1", s).state).toMatchObject({kpi: true, projektor: true});
    expect(parseState("kpi=0&projektor=0", s).state).toMatchObject({kpi: false, projektor: false});
  });
});

describe("NO_EDITED_MODEL", () => {
  it("refuses a link's edited model with a notice and keeps the preset", () => {
    const r = parseState("edited=abc", spec());
    expect(r.notices).toEqual(["Ogiltigt värde för ”edited” (abc): den ändrade modellen kunde inte läsas; den förvalda modellen används. Standardvärdet används."]);
    expect(r.state.edited).toBeNull();
  });

  it("is left out of a written link, compact or not", () => {
    const only = {edited: NO_EDITED_MODEL};
    const state: {edited: Model | null} = {edited: null};
    expect(formatState(state, only)).toBe("");
    expect(formatStateCompact(state, only, ["edited"])).toBe("");
  });
});

describe("proposalQuery", () => {
  it("without an edited model's text has no edited parameter", () => {
    expect(proposalQuery({model: "heavy", year: 2020, top: 3, kpi: true}, "KK-AB12")).toBe("model=heavy&year=2020&top=3&kpi=1&forslag=KK-AB12");
  });
});
