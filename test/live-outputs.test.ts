/**
 * The built outputs in live mode (no snapshot) against the local fake Kolada:
 * one fetch per build however many loaders run at once, a model change always
 * reaches models.json, and an API failure shows in the manifest as a warning.
 */
import {readFileSync, writeFileSync} from "node:fs";
import path from "node:path";
import {afterAll, afterEach, beforeEach, describe, expect, it, vi} from "vitest";
import {snapshotDirFromEnv} from "../loaders/config.ts";
import {ensureOutputs, type Manifest} from "../loaders/outputs.ts";
import {startFakeKolada, type FakeKolada} from "./helpers/fake-kolada.ts";
import {removeTempDirs, tempDir} from "./helpers/temp.ts";

const MAP = path.join(snapshotDirFromEnv()!, "geo/kommuner.topojson");
const FAST = {clientOptions: {maxRetries: 1, baseDelayMs: 1, timeoutMs: 500}, fromYear: 2021, toYear: 2022};
let fake: FakeKolada;

beforeEach(async () => {
  fake = await startFakeKolada();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await fake.close();
});
afterAll(removeTempDirs);

/** A models dir with one one-KPI model of the given weight. */
function modelsDir(weight: number, dir = tempDir()): string {
  const model = {
    name: "Live test",
    dimensions: [{id: "effekt", label: "Effekt", weight: 1}],
    indicators: [{kpi: "N15428", dimension: "effekt", direction: "higher_better", weight}]
  };
  writeFileSync(path.join(dir, "live.json"), JSON.stringify(model));
  return dir;
}

const env = (models: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  KOLADA_API_URL: fake.baseUrl,
  KVALITETSKOMMUN_MODELS_DIR: models,
  KOMMUN_MAP_FILE: MAP,
  ...extra
});
const read = (dir: string, file: string) => readFileSync(path.join(dir, file), "utf8");
/** A Parquet file's bytes (compared as bytes: as UTF-8 text, different invalid sequences would read the same). */
function parquetBytes(dir: string, file: string): Buffer {
  const bytes = readFileSync(path.join(dir, file));
  // "PAR1" at both ends: a whole Parquet file.
  expect(bytes.subarray(0, 4).toString("latin1")).toBe("PAR1");
  expect(bytes.subarray(-4).toString("latin1")).toBe("PAR1");
  return bytes;
}

describe("live outputs", () => {
  it("six loaders at once fetch once and emit the same outputs", async () => {
    const cacheDir = tempDir();
    const models = modelsDir(1);
    const dirs = await Promise.all(Array.from({length: 6}, () => ensureOutputs(env(models), cacheDir, FAST)));
    expect(new Set(dirs).size).toBe(1);
    // The main fetch (the model's KPI and the population) once; the library's batches of award candidates each once.
    const dataUrls = fake.requests.filter((r) => r.url.includes("/data/")).map((r) => r.url);
    expect(dataUrls.filter((u) => u.includes("N01951,N15428")).length).toBe(1);
    expect(new Set(dataUrls).size).toBe(dataUrls.length);
    const manifest = JSON.parse(read(dirs[0]!, "manifest.json")) as Manifest;
    expect(manifest.source).toMatchObject({kind: "live", location: fake.baseUrl});
    expect(manifest.source.warning).toBeUndefined();
  });

  it("a model change reaches models.json even when the values are the same", async () => {
    const cacheDir = tempDir();
    const models = modelsDir(1);
    const first = await ensureOutputs(env(models), cacheDir, FAST);
    expect(JSON.parse(read(first, "models.json"))[0].model.indicators[0].weight).toBe(1);
    modelsDir(3, models);
    const second = await ensureOutputs(env(models), cacheDir, FAST);
    expect(second).not.toBe(first);
    expect(JSON.parse(read(second, "models.json"))[0].model.indicators[0].weight).toBe(3);
    expect(parquetBytes(second, "values.parquet").equals(parquetBytes(first, "values.parquet"))).toBe(true);
  });

  it("when the API fails, the manifest says the cache was used, with the warning, and the old outputs stay", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const cacheDir = tempDir();
    const models = modelsDir(1);
    const good = await ensureOutputs(env(models), cacheDir, FAST);
    const goodManifest = read(good, "manifest.json");
    fake.addFault({times: Infinity, fault: {kind: "status", status: 503}});
    const stale = await ensureOutputs(env(models, {KOLADA_CACHE_TTL_HOURS: "0"}), cacheDir, FAST);
    const manifest = JSON.parse(read(stale, "manifest.json")) as Manifest;
    expect(stale).not.toBe(good);
    expect(manifest.source.kind).toBe("cache");
    expect(manifest.source.warning).toMatch(/^Kolada API failed \(.*503.*\); using the cached data from \d{4}-\d{2}-\d{2}\.$/);
    expect(parquetBytes(stale, "values.parquet").equals(parquetBytes(good, "values.parquet"))).toBe(true);
    expect(read(good, "manifest.json")).toBe(goodManifest);
  });

  it("a second loader right after a failure does not ask the API again", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const cacheDir = tempDir();
    const models = modelsDir(1);
    await ensureOutputs(env(models), cacheDir, FAST);
    fake.addFault({times: Infinity, fault: {kind: "status", status: 503}});
    fake.reset();
    fake.addFault({times: Infinity, fault: {kind: "status", status: 503}});
    await ensureOutputs(env(models, {KOLADA_CACHE_TTL_HOURS: "0"}), cacheDir, FAST);
    const afterFirst = fake.requests.length;
    expect(afterFirst).toBeGreaterThan(0);
    await ensureOutputs(env(models, {KOLADA_CACHE_TTL_HOURS: "0"}), cacheDir, FAST);
    expect(fake.requests.length).toBe(afterFirst);
  });
});

