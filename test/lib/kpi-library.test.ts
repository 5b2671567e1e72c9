/**
 * The browser's KPI library API (src/lib/data/kpi-library.ts) run in Node on
 * the files built from the real snapshot: the metadata as the page reads it,
 * and `ensureKpiValues` merging a KPI outside the default model into the
 * workbench's matrix with exactly the snapshot's values (independent DuckDB
 * SQL), missing values missing, existing rows untouched; concurrent adds
 * share one fetch; a failed or bad fetch leaves the workbench as it was.
 */
import {readFileSync} from "node:fs";
import path from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {snapshotDirFromEnv} from "../../loaders/config.ts";
import {sqlString} from "../../loaders/duckdb.ts";
import {LIBRARY_INDEX, LIBRARY_VALUES_DIR} from "../../loaders/library.ts";
import {ensureOutputs, libraryDirOf} from "../../loaders/outputs.ts";
import {ensureKpiValues, libraryFromColumns, loadKpiLibrary, searchKpis, type KpiLibrary, type KpiLibrarySource} from "../../src/lib/data/kpi-library.ts";
import {libraryValueFileNames} from "../../src/lib/data/kpi-library-layout.ts";
import {decodeParquet, type DecodedColumns} from "../../src/lib/data/parquet.ts";
import {workbenchFromDecoded, type Workbench} from "../../src/lib/data/workbench.ts";
import type {ManifestInfo} from "../../src/components/source-note.ts";
import {sql} from "../helpers/duckdb.ts";
import {removeTempDirs, tempDir} from "../helpers/temp.ts";

const SNAPSHOT = snapshotDirFromEnv()!;
const VALUES = sqlString(path.join(SNAPSHOT, "values/kolada_1994-2022_long.parquet"));
/** Outside the default model (skk-standard), in different value files. */
const OUTSIDE = ["N21826", "N00712", "U00200"];

let outputs: string;
let libraryDir: string;
let library: KpiLibrary;

const decode = async (file: string): Promise<DecodedColumns> => {
  const bytes = readFileSync(file);
  return decodeParquet(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
};

/** The site's files as a source whose fetch reads the built files and counts the requests. */
function localSource(fail: (url: string) => Response | undefined = () => undefined): KpiLibrarySource & {requests: string[]} {
  const requests: string[] = [];
  const valueFiles = Object.fromEntries(libraryValueFileNames().map((name) => [name, `lib:${LIBRARY_VALUES_DIR}/${name}`]));
  return {
    index: `lib:${LIBRARY_INDEX}`,
    valueFiles,
    requests,
    fetch: async (url: string) => {
      requests.push(url);
      await new Promise((resolve) => setTimeout(resolve, 5)); // a fetch takes a while: calls overlap
      const failure = fail(url);
      if (failure) return failure;
      return new Response(readFileSync(path.join(libraryDir, url.slice("lib:".length))));
    }
  };
}

async function workbench(): Promise<Workbench> {
  const read = (name: string) => JSON.parse(readFileSync(path.join(outputs, name), "utf8"));
  return workbenchFromDecoded(
    read("manifest.json") as ManifestInfo,
    read("models.json"),
    await decode(path.join(outputs, "values.parquet")),
    await decode(path.join(outputs, "municipalities.parquet")),
    await decode(path.join(outputs, "kpis.parquet"))
  );
}

beforeAll(async () => {
  const cacheDir = tempDir("kkw-libapi-");
  outputs = await ensureOutputs({...process.env, KOLADA_SNAPSHOT_DIR: SNAPSHOT}, cacheDir);
  libraryDir = libraryDirOf(outputs, cacheDir);
  library = libraryFromColumns(await decode(path.join(libraryDir, LIBRARY_INDEX)));
}, 300_000);
afterAll(removeTempDirs);

describe("loadKpiLibrary", () => {
  it("reads every KPI with its metadata, suggestion and coverage, once per source", async () => {
    const source = localSource();
    const loaded = await loadKpiLibrary(source);
    expect(await loadKpiLibrary(source)).toBe(loaded);
    expect(source.requests).toEqual([`lib:${LIBRARY_INDEX}`]);
    expect(loaded.kpis.length).toBe(1968);
    expect(loaded.years).toEqual(Array.from({length: 13}, (_, i) => 2010 + i));
    expect(loaded.operatingAreas.length).toBe(16);
    const n21826 = loaded.byId.get("N21826")!;
    expect(n21826).toMatchObject({operatingArea: "Hälso- och sjukvård", unit: "timmar/hemtjänsttagare", catalogue: "v3", suggestion: null, hasValues: true});
    expect(n21826.coverage!.find((c) => c.year === 2022)).toEqual({year: 2022, municipalities: 278});
    expect(loaded.byId.get("U11404")!.suggestion).toEqual({direction: "higher_better", basis: "documented", note: "0=sämst, 100=bäst", dimension: "resultatkvalitet"});
    expect(loaded.byId.get("N00712")!.catalogue).toBe("v2");
  });

  it("retries after a failed fetch, and says which file failed", async () => {
    let failing = true;
    const source = localSource(() => (failing ? new Response("nope", {status: 404}) : undefined));
    await expect(loadKpiLibrary(source)).rejects.toThrow(`Kunde inte hämta nyckeltalsbiblioteket (lib:${LIBRARY_INDEX}, HTTP 404).`);
    failing = false;
    expect((await loadKpiLibrary(source)).kpis.length).toBe(1968);
  });

  it("names a missing column of a malformed index", () => {
    expect(() => libraryFromColumns({length: 0, columns: {id: [], title: []}, types: {}})).toThrow(/saknar kolumnen description, operating_area/);
  });

  it("finds a KPI by a word of its title (searchKpis re-exported)", () => {
    expect(searchKpis(library, "hemtjänsttimmar").map((h) => h.kpi.id)).toContain("N21826");
  });
});

describe("ensureKpiValues", () => {
  it("adds a KPI outside the model with exactly the snapshot's values; a missing value stays missing; nothing else changes", async () => {
    const wb = await workbench();
    const before = wb.matrix;
    const copy = Float64Array.from(before.values);
    const national = Float64Array.from(before.national);
    for (const id of OUTSIDE) expect(before.kpiIndex.has(id)).toBe(false);

    const matrix = await ensureKpiValues(wb, OUTSIDE, {source: localSource(), library});
    expect(wb.matrix).toBe(matrix);
    expect(matrix).not.toBe(before);
    expect(matrix.years).toEqual(before.years);
    expect(matrix.municipalities).toBe(before.municipalities);
    expect(matrix.kpis).toEqual([...before.kpis, ...OUTSIDE]);
    // Every KPI the page had keeps its row, values and index.
    for (const [kpi, k] of before.kpiIndex) expect(matrix.kpiIndex.get(kpi)).toBe(k);
    expect(Object.is(copy.length, before.values.length) && matrix.values.subarray(0, copy.length).every((v, i) => Object.is(v, copy[i]))).toBe(true);
    expect(matrix.national.subarray(0, national.length).every((v, i) => Object.is(v, national[i]))).toBe(true);
    expect(Array.from(before.values).every((v, i) => Object.is(v, copy[i]))).toBe(true); // the old matrix is not modified

    const nY = matrix.years.length;
    const nM = matrix.municipalities.length;
    for (const kpi of OUTSIDE) {
      const rows = await sql<{municipality: string; year: number; value: number}>(
        `SELECT municipality_id AS municipality, CAST(year AS INTEGER) AS year, value FROM read_parquet(${VALUES})
         WHERE kpi = '${kpi}' AND gender = 'T' AND year >= 2010 AND area_level IN ('kommun', 'riket') AND value IS NOT NULL AND isfinite(value)`
      );
      const expected = new Map(rows.map((r) => [`${r.municipality} ${r.year}`, r.value]));
      const k = matrix.kpiIndex.get(kpi)!;
      let present = 0;
      let missing = 0;
      for (let t = 0; t < nY; t++) {
        const year = matrix.years[t]!;
        for (let m = 0; m < nM; m++) {
          const want = expected.get(`${matrix.municipalities[m]!.code} ${year}`);
          const got = matrix.values[(k * nY + t) * nM + m]!;
          if (want === undefined) {
            expect(Number.isNaN(got), `${kpi} ${matrix.municipalities[m]!.code} ${year} is missing in the snapshot`).toBe(true);
            missing++;
          } else {
            expect(got).toBe(want);
            present++;
          }
        }
        const riket = expected.get(`0000 ${year}`);
        const gotRiket = matrix.national[k * nY + t]!;
        if (riket === undefined) expect(Number.isNaN(gotRiket)).toBe(true);
        else expect(gotRiket).toBe(riket);
      }
      expect(present).toBe(rows.filter((r) => r.municipality !== "0000").length);
      expect(missing).toBeGreaterThan(0); // each of these KPIs lacks some municipality-years
    }
    expect(wb.kpis.get("N21826")).toMatchObject({id: "N21826", unit: "timmar/hemtjänsttagare"});
    expect(wb.kpis.get("N21826")!.title).toMatch(/^Beviljade antal hemtjänsttimmar/);
  });

  it("costs nothing for KPIs already loaded", async () => {
    const wb = await workbench();
    const source = localSource();
    const before = wb.matrix;
    expect(await ensureKpiValues(wb, ["N15428", "N01951"], {source})).toBe(before);
    expect(source.requests).toEqual([]);
  });

  it("fetches a file once for two quick adds of the same KPI, and once for two KPIs sharing the file", async () => {
    const wb = await workbench();
    const source = localSource();
    const [a, b] = await Promise.all([ensureKpiValues(wb, ["N21826"], {source, library}), ensureKpiValues(wb, ["N21826"], {source, library})]);
    expect(source.requests).toEqual([`lib:library/${library.byId.get("N21826")!.file}`]);
    expect(wb.matrix.kpis.filter((k) => k === "N21826").length).toBe(1);
    expect(a.kpiIndex.has("N21826") && b.kpiIndex.has("N21826")).toBe(true);

    const file = library.byId.get("N21826")!.file!;
    const neighbours = library.kpis.filter((k) => k.file === file && k.id !== "N21826" && !wb.matrix.kpiIndex.has(k.id)).map((k) => k.id);
    expect(neighbours.length).toBeGreaterThanOrEqual(2);
    await Promise.all([ensureKpiValues(wb, [neighbours[0]!], {source, library}), ensureKpiValues(wb, [neighbours[1]!], {source, library})]);
    expect(source.requests.length).toBe(1); // the decoded file is kept: no second fetch
    expect(neighbours.slice(0, 2).every((id) => wb.matrix.kpiIndex.has(id))).toBe(true);
  });

  it("a failed fetch rejects with the file's name and leaves the workbench unchanged; a later call retries", async () => {
    const wb = await workbench();
    const good = library.byId.get("N21826")!.file!;
    const bad = library.byId.get("U00200")!.file!;
    expect(good).not.toBe(bad);
    let failing = true;
    const source = localSource((url) => (failing && url.endsWith(bad) ? new Response("", {status: 503}) : undefined));
    const before = wb.matrix;
    const titles = new Map(wb.kpis);
    await expect(ensureKpiValues(wb, ["N21826", "U00200"], {source, library})).rejects.toThrow(
      `Kunde inte hämta värdefilen ${bad} i nyckeltalsbiblioteket (lib:library/${bad}, HTTP 503).`
    );
    expect(wb.matrix).toBe(before); // all or nothing: N21826 was fetched but not merged
    expect(new Map(wb.kpis)).toEqual(titles);
    failing = false;
    await ensureKpiValues(wb, ["N21826", "U00200"], {source, library});
    expect(wb.matrix.kpiIndex.has("U00200") && wb.matrix.kpiIndex.has("N21826")).toBe(true);
  });

  it("a network error or a file that is not Parquet is named, and changes nothing", async () => {
    const wb = await workbench();
    const before = wb.matrix;
    const file = library.byId.get("N21826")!.file!;
    const offline: KpiLibrarySource = {...localSource(), fetch: () => Promise.reject(new TypeError("Failed to fetch"))};
    await expect(ensureKpiValues(wb, ["N21826"], {source: offline, library})).rejects.toThrow(`Kunde inte hämta värdefilen ${file} i nyckeltalsbiblioteket (lib:library/${file}): Failed to fetch`);
    const garbage: KpiLibrarySource = {...localSource(), fetch: async () => new Response("<html>not parquet</html>")};
    await expect(ensureKpiValues(wb, ["N21826"], {source: garbage, library})).rejects.toThrow(`Kunde inte läsa värdefilen ${file} i nyckeltalsbiblioteket (lib:library/${file}) som Parquet`);
    expect(wb.matrix).toBe(before);
  });

  it("rejects an id the library lacks, or a KPI without values in this build, before fetching anything", async () => {
    const wb = await workbench();
    const source = localSource();
    await expect(ensureKpiValues(wb, ["N21826", "X99999"], {source, library})).rejects.toThrow("Nyckeltalet X99999 finns inte i nyckeltalsbiblioteket.");
    const partial: KpiLibrary = {...library, byId: new Map([...library.byId].map(([id, k]) => [id, id === "N21826" ? {...k, file: null, hasValues: false, coverage: null} : k]))};
    await expect(ensureKpiValues(wb, ["N21826"], {source, library: partial})).rejects.toThrow(/^Värdena för N21826 finns inte i den här versionen av verktyget/);
    expect(source.requests).toEqual([]);
    expect(wb.matrix.kpiIndex.has("N21826")).toBe(false);
  });
});
