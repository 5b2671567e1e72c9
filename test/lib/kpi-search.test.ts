/**
 * The KPI search's matching and ranking (src/lib/data/kpi-search.ts) on a
 * hand-made library whose expected order follows from the rules in the
 * module comment, plus properties on the real index: every hit contains every
 * query word somewhere, and a KPI's own id finds it first.
 */
import {readFileSync} from "node:fs";
import path from "node:path";
import {describe, expect, it} from "vitest";
import type {KpiLibrary, KpiLibraryEntry} from "../../src/lib/data/kpi-library-types.ts";
import {foldText, matchQuality, normaliseText, queryWords, searchKpis} from "../../src/lib/data/kpi-search.ts";

function entry(id: string, title: string, more: Partial<KpiLibraryEntry> = {}, coverage2022 = 290): KpiLibraryEntry {
  return {
    id,
    title,
    description: "",
    operatingArea: null,
    unit: null,
    isDividedByGender: false,
    catalogue: "v3",
    suggestion: null,
    hasValues: true,
    file: "v000.parquet",
    coverage: [
      {year: 2021, municipalities: 290},
      {year: 2022, municipalities: coverage2022}
    ],
    ...more
  };
}

function libraryOf(kpis: KpiLibraryEntry[]): KpiLibrary {
  return {kpis, byId: new Map(kpis.map((k) => [k.id, k])), years: [2021, 2022], operatingAreas: []};
}

const ids = (library: KpiLibrary, query: string) => searchKpis(library, query).map((h) => h.kpi.id);

describe("text normalisation", () => {
  it("lower-cases with Swedish rules, keeps å ä ö, folds them only on request", () => {
    expect(normaliseText("  ÄLDREOMSORG  Och\tHemtjänst ")).toBe("äldreomsorg och hemtjänst");
    expect(normaliseText("A\u030Angermanland")).toBe("ångermanland"); // decomposed Å → NFC å
    expect(foldText("Åtgärder för äldre, Öland, café")).toBe("atgarder for aldre, oland, cafe");
    expect(queryWords("  Skola, skola  (N15428) ")).toEqual(["skola", "n15428"]);
    expect(queryWords(" ,. ")).toEqual([]);
  });

  it("rates a whole word above the start of a word above the inside of a word", () => {
    expect(matchQuality("elever i grundskola", "skola")).toBe(0.4);
    expect(matchQuality("skolans elever", "skola")).toBe(0.7);
    expect(matchQuality("grundskola och skola", "skola")).toBe(1);
    expect(matchQuality("andel (%)", "andel")).toBe(1);
    expect(matchQuality("förskola", "gymnasium")).toBe(0);
  });
});

describe("searchKpis", () => {
  const library = libraryOf([
    entry("N00001", "Elever i grundskola, andel (%)"),
    entry("N00002", "Skolans lokaler, kr/elev"),
    entry("N00003", "Skola, kostnad per elev"),
    entry("N00004", "Kostnad för hemtjänst", {description: "Avser skola och omsorg"}),
    entry("N00005", "Kostnad för bibliotek", {operatingArea: "Skola och utbildning"}),
    entry("U00405", "Nöjdhet med äldreomsorgen, andel (%)", {operatingArea: "Äldre och funktionshinder"}),
    entry("N15428", "Elever i åk 9 som uppnått kunskapskraven i alla ämnen, andel (%)")
  ]);

  it("ranks a whole title word, then the start of a title word, then inside a word, then the operating area, then the description", () => {
    expect(ids(library, "skola")).toEqual(["N00003", "N00002", "N00001", "N00005", "N00004"]);
  });

  it("finds a KPI by its id first, also from the start of an id, in any case", () => {
    expect(ids(library, "n15428")[0]).toBe("N15428");
    expect(ids(library, "U004")).toEqual(["U00405"]);
    expect(searchKpis(library, "N15428")[0]!.matchedIn).toEqual(["id"]);
  });

  it("needs every word of the query somewhere, in any order and field", () => {
    expect(ids(library, "kostnad skola")).toEqual(["N00003", "N00005", "N00004"]);
    expect(ids(library, "elev skola kostnad")).toEqual(["N00003"]);
    expect(ids(library, "skola gymnasium")).toEqual([]);
  });

  it("is case-insensitive and finds Swedish letters from a query typed without them, ranked below an exact match", () => {
    expect(ids(library, "ÄLDREOMSORGEN")).toEqual(["U00405"]);
    expect(ids(library, "aldreomsorgen")).toEqual(["U00405"]);
    const exact = searchKpis(library, "nöjdhet")[0]!.score;
    const folded = searchKpis(library, "nojdhet")[0]!.score;
    expect(folded).toBeLessThan(exact);
    expect(folded).toBeGreaterThan(0);
    // å is its own letter: "ar" is not "år"/"åk".
    expect(ids(library, "ak")).toEqual(["N15428"]); // only by folding ("åk" → "ak")
  });

  it("adds a bonus when the whole query stands in the title as written", () => {
    const lib = libraryOf([entry("A1", "Kostnad för elev per år"), entry("A2", "Elev kostnad för år")]);
    expect(ids(lib, "kostnad för elev")).toEqual(["A1", "A2"]);
  });

  it("breaks ties by coverage in the latest year, then the shorter title, then the id", () => {
    const lib = libraryOf([
      entry("B3", "Avfall per invånare, kg", {}, 250),
      entry("B1", "Avfall per invånare, kg, totalt", {}, 290),
      entry("B2", "Avfall per invånare, kg", {}, 290),
      entry("B0", "Avfall per invånare, kg", {}, 290)
    ]);
    expect(ids(lib, "avfall")).toEqual(["B0", "B2", "B1", "B3"]);
  });

  it("gives nothing for an empty query and honours the limit", () => {
    expect(searchKpis(library, "   ")).toEqual([]);
    expect(searchKpis(library, "skola", {limit: 2}).map((h) => h.kpi.id)).toEqual(["N00003", "N00002"]);
  });
});

describe("searchKpis on the real library's metadata", () => {
  // The snapshot's catalogue as a library (no build needed: the search reads only metadata).
  const catalogue = readFileSync(path.join(process.env.KOLADA_SNAPSHOT_DIR ?? "../shared/kolada", "kpis/kolada_kpi_catalogue_v3.csv"), "utf8");
  const kpis: KpiLibraryEntry[] = [];
  const re = /^"([^"]+)","((?:[^"]|"")*)","((?:[^"]|"")*)",(?:TRUE|FALSE),"[^"]*","[^"]*","((?:[^"]|"")*)"/gm;
  for (const m of catalogue.matchAll(re)) kpis.push(entry(m[1]!, m[2]!.replaceAll('""', '"'), {description: m[3]!.replaceAll('""', '"'), operatingArea: m[4]!.replaceAll('""', '"') || null}));
  const library = libraryOf(kpis);

  it("reads the catalogue", () => {
    expect(kpis.length).toBeGreaterThan(5000);
  });

  it("every hit contains every query word (as written or folded) in some field", () => {
    for (const query of ["hemtjänst", "elever åk 9", "kostnad skola", "aldre", "nöjd medborgar", "U11"]) {
      const words = queryWords(query);
      const hits = searchKpis(library, query);
      expect(hits.length, query).toBeGreaterThan(0);
      for (const {kpi} of hits) {
        const text = [kpi.id, kpi.title, kpi.operatingArea ?? "", kpi.description].join(" ");
        for (const w of words) expect(normaliseText(text).includes(w) || foldText(text).includes(foldText(w)), `${query}: ${kpi.id}`).toBe(true);
      }
    }
  });

  it("finds every KPI first by its own id", () => {
    for (const kpi of kpis.filter((_, i) => i % 97 === 0)) expect(ids(library, kpi.id)[0]).toBe(kpi.id);
  });
});
