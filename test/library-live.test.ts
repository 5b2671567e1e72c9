/**
 * The KPI library in live mode, against the local fake Kolada (whose KPI list
 * is the 40 KKiK KPIs, all for kommuner): metadata for every KPI, values for
 * the models' KPIs and the award candidates by default and for every KPI with
 * KOLADA_LIBRARY=all, each batch fetched once and then cached, and an API
 * failure that leaves the build working with a warning.
 */
import {readFileSync, writeFileSync} from "node:fs";
import path from "node:path";
import {afterAll, afterEach, beforeEach, describe, expect, it, vi} from "vitest";
import {snapshotDirFromEnv} from "../loaders/config.ts";
import {sqlString} from "../loaders/duckdb.ts";
import {LIBRARY_FILES_MANIFEST, LIBRARY_INDEX, type LibraryFilesManifest} from "../loaders/library.ts";
import {libraryModeFromEnv} from "../loaders/library-live.ts";
import {ensureOutputs, libraryDirOf, type Manifest} from "../loaders/outputs.ts";
import {sql} from "./helpers/duckdb.ts";
import {readFixture, FIXTURES, startFakeKolada, type FakeKolada} from "./helpers/fake-kolada.ts";
import {removeTempDirs, tempDir} from "./helpers/temp.ts";

const SNAPSHOT = snapshotDirFromEnv()!;
const MAP = path.join(SNAPSHOT, "geo/kommuner.topojson");
/** A short candidate list: the header and the first three candidates of the snapshot's (all KKiK KPIs, so on the fake's list). */
let CANDIDATES = "";
const FAST = {clientOptions: {maxRetries: 0, baseDelayMs: 1, timeoutMs: 2000}, fromYear: 2021, toYear: 2022};
/** The fake's KPI list. */
const LISTED = FIXTURES.kpiParts.flatMap((name) => readFixture(name).values.map((k) => String(k.id))).sort();
let fake: FakeKolada;

beforeEach(async () => {
  fake = await startFakeKolada();
  if (!CANDIDATES) {
    CANDIDATES = path.join(tempDir(), "candidates.csv");
    const lines = readFileSync(path.join(SNAPSHOT, "kpis/award_candidate_kpis.csv"), "utf8").split("\n");
    writeFileSync(CANDIDATES, `${lines.slice(0, 4).join("\n")}\n`);
  }
});
afterEach(async () => {
  vi.restoreAllMocks();
  await fake.close();
});
afterAll(removeTempDirs);

function modelsDir(): string {
  const dir = tempDir();
  const model = {
    name: "Live test",
    dimensions: [{id: "effekt", label: "Effekt", weight: 1}],
    indicators: [{kpi: "N15428", dimension: "effekt", direction: "higher_better", weight: 1}]
  };
  writeFileSync(path.join(dir, "live.json"), JSON.stringify(model));
  return dir;
}

const env = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  KOLADA_API_URL: fake.baseUrl,
  KVALITETSKOMMUN_MODELS_DIR: modelsDir(),
  KOMMUN_MAP_FILE: MAP,
  KOLADA_AWARD_CANDIDATES_FILE: CANDIDATES,
  ...extra
});

interface IndexRow {
  id: string;
  file: string | null;
  suggested_direction: string | null;
  n_2022: number | null;
}

async function index(dir: string): Promise<IndexRow[]> {
  return sql<IndexRow>(`SELECT id, file, suggested_direction, n_2022 FROM read_parquet(${sqlString(path.join(dir, LIBRARY_INDEX))}) ORDER BY id`);
}

async function candidateIds(): Promise<string[]> {
  return (await sql<{id: string}>(`SELECT kpi_id AS id FROM read_csv(${sqlString(CANDIDATES)}, all_varchar = true) ORDER BY 1`)).map((r) => r.id);
}

const libraryDataUrls = (f: FakeKolada) => f.requests.map((r) => r.url).filter((u) => u.includes("/data/") && !u.includes("N01951,N15428"));

describe("the live library", () => {
  it("lists every KPI of Kolada's list, with values for the model's KPI and the award candidates only, each batch fetched once", async () => {
    const cacheDir = tempDir();
    const dir = await ensureOutputs(env(), cacheDir, FAST);
    const manifest = JSON.parse(readFileSync(path.join(dir, "manifest.json"), "utf8")) as Manifest;
    expect(manifest.library.mode).toBe("candidates");
    expect(manifest.library.warning).toBeUndefined();
    const rows = await index(dir);
    const candidates = await candidateIds();
    expect(candidates.length).toBe(3);
    const ids = rows.map((r) => r.id);
    for (const id of [...LISTED, ...candidates, "N15428", "N01951"]) expect(ids).toContain(id);
    const withValues = new Set(rows.filter((r) => r.file !== null).map((r) => r.id));
    expect(withValues).toEqual(new Set([...candidates, "N15428", "N01951"]));
    // Without values: no file and unknown coverage (null), never a coverage of 0.
    const without = rows.filter((r) => r.file === null);
    expect(without.length).toBeGreaterThan(0);
    expect(without.every((r) => r.n_2022 === null)).toBe(true);
    // The fake synthesises values for 0180 and 1284: two municipalities per candidate and year.
    expect(rows.filter((r) => candidates.includes(r.id) && r.id !== "N15428").every((r) => r.n_2022 === 2)).toBe(true);
    const batches = libraryDataUrls(fake);
    expect(batches.length).toBe(Math.ceil(candidates.filter((c) => c !== "N15428" && c !== "N01951").length / 25));
    expect(new Set(batches).size).toBe(batches.length);

    // A second build within the TTL asks the API nothing more for the library.
    fake.reset();
    const again = await ensureOutputs(env(), cacheDir, FAST);
    expect(libraryDataUrls(fake)).toEqual([]);
    expect(fake.requests.filter((r) => /\/v3\/kpi(\?|$)/.test(r.url))).toEqual([]);
    expect(readFileSync(path.join(again, LIBRARY_INDEX)).equals(readFileSync(path.join(dir, LIBRARY_INDEX)))).toBe(true);
  });

  it("with KOLADA_LIBRARY=all fetches the values of every KPI on Kolada's list", async () => {
    const cacheDir = tempDir();
    const dir = await ensureOutputs(env({KOLADA_LIBRARY: "all"}), cacheDir, FAST);
    const manifest = JSON.parse(readFileSync(path.join(dir, "manifest.json"), "utf8")) as Manifest;
    expect(manifest.library.mode).toBe("all");
    const rows = await index(dir);
    const withValues = new Set(rows.filter((r) => r.file !== null).map((r) => r.id));
    for (const id of LISTED) expect(withValues.has(id), id).toBe(true);
    const files = JSON.parse(readFileSync(path.join(libraryDirOf(dir, cacheDir), LIBRARY_FILES_MANIFEST), "utf8")) as LibraryFilesManifest;
    expect(files.mode).toBe("all");
    expect(files.kpis_with_values).toBe(withValues.size);
    // All 256 value files exist, most of them empty here (fewer KPIs than files), each a valid Parquet file.
    const valueFiles = Object.entries(files.files).filter(([name]) => name.startsWith("library/"));
    expect(valueFiles.length).toBe(256);
    expect(valueFiles.filter(([, f]) => f.kpis === 0).length).toBe(256 - withValues.size);
    const [counted] = await sql<{n: number}>(`SELECT count(DISTINCT kpi)::INT AS n FROM read_parquet(${sqlString(path.join(libraryDirOf(dir, cacheDir), "library", "*.parquet"))})`);
    expect(counted!.n).toBe(withValues.size);
  });

  it("an API failure for the library never stops the build: the KPIs lack values and the manifest says why", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const cacheDir = tempDir();
    // Every library batch fails; the main fetch (N01951,N15428) and the KPI list work.
    fake.addFault({times: Infinity, match: (url) => url.pathname.includes("/data/") && !url.pathname.includes("N01951,N15428"), fault: {kind: "status", status: 503}});
    const dir = await ensureOutputs(env(), cacheDir, FAST);
    const manifest = JSON.parse(readFileSync(path.join(dir, "manifest.json"), "utf8")) as Manifest;
    expect(manifest.source.kind).toBe("live");
    expect(manifest.library.warning).toMatch(/^KPI library: .*failed .*503/);
    expect(manifest.library.warning).toMatch(/no values for \d+ KPIs/);
    const rows = await index(dir);
    const withValues = rows.filter((r) => r.file !== null).map((r) => r.id);
    expect(withValues.sort()).toEqual(["N01951", "N15428"]);
    // After the failure the other loaders of the build do not ask again.
    const asked = libraryDataUrls(fake).length;
    expect(asked).toBe(1);
    await ensureOutputs(env(), cacheDir, FAST);
    expect(libraryDataUrls(fake).length).toBe(asked);
  });

  it("KOLADA_LIBRARY must be unset or all", () => {
    expect(libraryModeFromEnv({})).toBe("candidates");
    expect(libraryModeFromEnv({KOLADA_LIBRARY: "all"})).toBe("all");
    expect(() => libraryModeFromEnv({KOLADA_LIBRARY: "alla"})).toThrow(/KOLADA_LIBRARY=alla is not understood/);
  });
});
