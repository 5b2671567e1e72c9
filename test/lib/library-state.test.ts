/**
 * The Nyckeltal page's URL parameters (lib/state/library-state.ts): the search
 * text, the operating area and the KPI round-trip; a text that is too long or
 * holds control characters, an unknown area or an unknown KPI id is ignored
 * with a notice naming the parameter, and the rest of the link still applies.
 */
import {describe, expect, it} from "vitest";
import type {KpiLibrary, KpiLibraryEntry} from "../../src/lib/data/kpi-library-types.ts";
import {librarySpec, MAX_QUERY_LENGTH} from "../../src/lib/state/library-state.ts";
import {formatState, parseState} from "../../src/lib/state/url-state.ts";

const kpi = (id: string, operatingArea: string): KpiLibraryEntry => ({
  id,
  title: `Titel ${id}`,
  description: "",
  operatingArea,
  unit: null,
  isDividedByGender: false,
  catalogue: "v3",
  suggestion: null,
  hasValues: true,
  file: "v000.parquet",
  coverage: [{year: 2022, municipalities: 290}]
});
const kpis = [kpi("N00001", "Äldre och funktionshinder"), kpi("U00002", "Kultur och fritid")];
const library: KpiLibrary = {kpis, byId: new Map(kpis.map((k) => [k.id, k])), years: [2022], operatingAreas: ["Kultur och fritid", "Äldre och funktionshinder"]};
const spec = librarySpec(library);

describe("the Nyckeltal page's link", () => {
  it("round-trips text, area and KPI, including Swedish letters and symbols", () => {
    const state = {q: "äldre & omsorg 65+ \"kvinnor\"", omrade: "Äldre och funktionshinder", kpi: "N00001"};
    const search = formatState(state, spec);
    expect(parseState(search, spec)).toEqual({state, notices: []});
  });

  it("accepts a text of the maximum length and rejects one character more, keeping the other parameters", () => {
    const long = "a".repeat(MAX_QUERY_LENGTH);
    expect(parseState(`q=${long}&kpi=U00002`, spec)).toEqual({state: {q: long, omrade: "", kpi: "U00002"}, notices: []});
    const parsed = parseState(`q=${long}a&kpi=U00002`, spec);
    expect(parsed.state).toEqual({q: "", omrade: "", kpi: "U00002"});
    expect(parsed.notices).toEqual([`Ogiltigt värde för ”q” (${"a".repeat(40)}…): högst ${MAX_QUERY_LENGTH} tecken. Standardvärdet används.`]);
  });

  it("rejects control characters, an unknown area and an unknown KPI, each with a notice", () => {
    const parsed = parseState(`q=a%00b&omrade=Skola&kpi=X99999`, spec);
    expect(parsed.state).toEqual({q: "", omrade: "", kpi: ""});
    expect(parsed.notices.map((n) => n.slice(0, 24))).toEqual(["Ogiltigt värde för ”q” (", "Ogiltigt värde för ”omra", "Ogiltigt värde för ”kpi”"]);
    expect(parsed.notices[0]).toContain("styrtecken");
  });
});
