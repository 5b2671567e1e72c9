/**
 * Data source selection (loaders/source.ts): live API against the local fake Kolada, the raw
 * cache (TTL, stale fallback, never overwritten by a failed or partial fetch), the error when
 * no source works, snapshot errors, model KPIs missing from the data, and snapshot mode.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ModelError, parseModel } from "../src/engine/model.ts";
import { snapshotDirFromEnv } from "../loaders/config.ts";
import { loadDataset } from "../loaders/dataset.ts";
import type { LiveRaw } from "../loaders/live.ts";
import type { ModelFile } from "../loaders/models.ts";
import { SNAPSHOT_FILES } from "../loaders/snapshot.ts";
import { loadKoladaDataset, type LoadOptions } from "../loaders/source.ts";
import type { KoladaDataset, ValueRecord } from "../loaders/types.ts";
import { startFakeKolada, type FakeKolada } from "./helpers/fake-kolada.ts";
import { removeTempDirs, tempDir } from "./helpers/temp.ts";

let fake: FakeKolada;

// A fresh fake per test: a failed load may leave retries in flight, and they must not be
// counted as requests of the next test.
beforeEach(async () => {
  fake = await startFakeKolada();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await fake.close();
});
afterAll(removeTempDirs);

/** A one-dimension test model with the given KPIs. */
function modelFile(kpis: string[], id = "t"): ModelFile {
  return {
    id,
    file: `${id}.json`,
    model: parseModel({
      name: `Test ${id}`,
      dimensions: [{ id: "effekt", label: "Effekt", weight: 1 }],
      indicators: kpis.map((kpi) => ({ kpi, dimension: "effekt", direction: "higher_better", weight: 1 })),
    }),
  };
}

const MODELS = [modelFile(["N15428"])];

/** Options for a live load against the fake (no KOLADA_SNAPSHOT_DIR in env). */
function live(cacheDir: string, env: NodeJS.ProcessEnv = {}, extra: Partial<LoadOptions> = {}): LoadOptions {
  return {
    env: { KOLADA_API_URL: fake.baseUrl, ...env },
    cacheDir,
    models: MODELS,
    fromYear: 2021,
    toYear: 2022,
    clientOptions: { maxRetries: 1, baseDelayMs: 1, timeoutMs: 500 },
    ...extra,
  };
}

const NO_TTL = { KOLADA_CACHE_TTL_HOURS: "0" };
const rawFile = (cacheDir: string) => path.join(cacheDir, "live", "raw.json");
const isData = (url: URL) => url.pathname.includes("/data/");
const dataRequests = () => fake.requests.map((r) => r.url).filter((u) => u.includes("/data/"));

type DataEnvelope = { values: Array<{ kpi: string; municipality: string; period: number; values: Array<{ value: number | null }> }> };

/** A transform adding `delta` to every value of a data page (keeps next_url). */
function shiftValues(delta: number) {
  return (body: unknown) => {
    const page = structuredClone(body) as DataEnvelope;
    for (const row of page.values) for (const v of row.values) if (v.value !== null) v.value += delta;
    return page;
  };
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  return error as Error;
}

const v = (kpi: string, municipality_code: string, year: number, value: number): ValueRecord => ({
  kpi,
  municipality_code,
  year,
  gender: "T",
  value,
});

describe("live API", () => {
  it("returns kind live with the fake's values (a null stays absent), mapped municipalities, and writes raw.json", async () => {
    const cacheDir = tempDir();
    // Kolada answers null for a missing value: Höganäs N15428 2022.
    fake.addFault({
      match: isData,
      fault: {
        kind: "transform",
        transform: (body) => {
          const page = structuredClone(body) as DataEnvelope;
          const row = page.values.find((r) => r.kpi === "N15428" && r.municipality === "1284" && r.period === 2022);
          row!.values[0]!.value = null;
          return page;
        },
      },
    });

    const dataset = await loadKoladaDataset(live(cacheDir));

    const raw = JSON.parse(readFileSync(rawFile(cacheDir), "utf8")) as LiveRaw;
    expect(Date.now() - Date.parse(raw.fetchedAt)).toBeLessThan(60_000);
    expect(dataset.source).toEqual({ kind: "live", location: fake.baseUrl, date: raw.fetchedAt.slice(0, 10) });
    expect(dataRequests()).toEqual(["/v3/data/kpi/N01951,N15428/year/2021,2022?per_page=5000"]);
    // The fake synthesises 0.5, 1.5, ... for kpi x municipality x year (gender T); the nulled row is absent, not 0.
    expect(dataset.values).toEqual([
      v("N01951", "0180", 2021, 0.5),
      v("N01951", "0180", 2022, 1.5),
      v("N01951", "1284", 2021, 2.5),
      v("N01951", "1284", 2022, 3.5),
      v("N15428", "0180", 2021, 4.5),
      v("N15428", "0180", 2022, 5.5),
      v("N15428", "1284", 2021, 6.5),
    ]);

    expect(dataset.municipalities).toHaveLength(290);
    const byCode = new Map(dataset.municipalities.map((m) => [m.code, m]));
    expect(byCode.get("0180")).toEqual({
      code: "0180",
      name: "Stockholm",
      countyCode: "01",
      county: "Stockholms län",
      kommungrupp: "A1",
      kommungruppName: "Storstäder",
      mainGroup: "Storstäder och storstadsnära kommuner",
      population: 2, // the synthetic 1.5, rounded: population is a head count
      populationYear: 2022,
    });
    expect(byCode.get("1284")).toMatchObject({ name: "Höganäs", county: "Skåne län", kommungrupp: "B4", population: 4 });
    expect(byCode.get("1480")).toMatchObject({ name: "Göteborg", countyCode: "14", county: "Västra Götalands län", kommungrupp: "A1", population: null });
    expect(dataset.municipalities.filter((m) => !/^[ABC][1-9]$/.test(m.kommungrupp) || !m.county)).toEqual([]);
    expect(byCode.has("0000")).toBe(false); // Riket and regions are not municipalities

    expect(dataset.kpis.map((k) => k.id)).toEqual(["N01951", "N15428"]);
    expect(dataset.kpis[1]).toMatchObject({
      title: "Elever i åk 9 som är behöriga till yrkesprogram, hemkommun, andel (%)",
      unit: "%",
      direction: "higher_better",
      dimension: "effekt",
    });

    expect(raw).toMatchObject({ baseUrl: fake.baseUrl, kpiIds: ["N01951", "N15428"], years: [2021, 2022] });
    expect(raw.data).toHaveLength(8);
    // The raw cache keeps the API's null; only the normalised data set drops it.
    expect(raw.data.find((r) => r.kpi === "N15428" && r.municipality === "1284" && r.year === 2022)?.value).toBeNull();
    expect(raw.groups.map((g) => g.id).sort()).toEqual(["G92786", "G92787", "G92788", "G92789", "G92790", "G92791", "G92792", "G92793", "G92794"]);
  });

  it("reuses the cache within the TTL without asking the API, and asks again when the cache lacks a KPI", async () => {
    const cacheDir = tempDir();
    const first = await loadKoladaDataset(live(cacheDir));
    expect(fake.requests.length).toBeGreaterThan(0);
    const bytes = readFileSync(rawFile(cacheDir));
    fake.reset();

    const second = await loadKoladaDataset(live(cacheDir, { KOLADA_CACHE_TTL_HOURS: "1" }));
    expect(fake.requests).toEqual([]);
    expect(second).toEqual(first);
    expect(second.source.kind).toBe("live");
    expect(readFileSync(rawFile(cacheDir)).equals(bytes)).toBe(true);

    // A KPI the cache does not cover forces a fetch even within the TTL.
    const wider = await loadKoladaDataset(live(cacheDir, {}, { models: [modelFile(["N15428", "N15419"])] }));
    expect(dataRequests()).toEqual(["/v3/data/kpi/N01951,N15419,N15428/year/2021,2022?per_page=5000"]);
    expect(new Set(wider.values.map((r) => r.kpi))).toEqual(new Set(["N01951", "N15419", "N15428"]));
  });

  it("with TTL 0 asks the API again and refreshes raw.json", async () => {
    const cacheDir = tempDir();
    fake.addFault({ match: isData, fault: { kind: "transform", transform: shiftValues(1000) } });
    await loadKoladaDataset(live(cacheDir));
    expect(JSON.parse(readFileSync(rawFile(cacheDir), "utf8")).data[0].value).toBe(1000.5);
    fake.reset();

    const fresh = await loadKoladaDataset(live(cacheDir, NO_TTL));
    expect(dataRequests()).toHaveLength(1);
    expect(fresh.source.kind).toBe("live");
    expect(fresh.values[0]?.value).toBe(0.5);
    expect(JSON.parse(readFileSync(rawFile(cacheDir), "utf8")).data[0].value).toBe(0.5);
  });
});

describe("stale cache", () => {
  /** Fills the cache with values shifted by +1000, so cached data differs from a fresh fetch. */
  async function primeCache(cacheDir: string, extra: Partial<LoadOptions> = {}) {
    fake.addFault({ match: isData, times: Infinity, fault: { kind: "transform", transform: shiftValues(1000) } });
    const primed = await loadKoladaDataset(live(cacheDir, {}, extra));
    expect(primed.source.kind).toBe("live");
    expect(primed.values.every((r) => r.value > 1000)).toBe(true);
    fake.reset();
    return { primed, bytes: readFileSync(rawFile(cacheDir)) };
  }

  it("uses the cache with a warning when every request fails (500), and leaves raw.json byte-identical", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const cacheDir = tempDir();
    const { primed, bytes } = await primeCache(cacheDir);
    fake.addFault({ times: Infinity, fault: { kind: "status", status: 500 } });

    const dataset = await loadKoladaDataset(live(cacheDir, NO_TTL));

    expect(fake.requests.length).toBeGreaterThan(0); // the TTL of 0 made it ask the API
    expect(dataset.source.kind).toBe("cache");
    expect(dataset.source.location).toBe(fake.baseUrl);
    expect(dataset.source.warning).toMatch(/^Kolada API failed \(.*HTTP 500.*\); using the cached data from \d{4}-\d{2}-\d{2}\.$/);
    expect(dataset.source.warning).toContain(primed.source.date);
    expect(warn).toHaveBeenCalledWith(dataset.source.warning);
    expect(dataset.values).toEqual(primed.values);
    expect(dataset.municipalities).toEqual(primed.municipalities);
    expect(readFileSync(rawFile(cacheDir)).equals(bytes)).toBe(true);
  });

  it("does not serve a cache that lacks a model's KPI when the API fails: the error names the KPI, raw.json stays", async () => {
    const cacheDir = tempDir();
    const { bytes } = await primeCache(cacheDir);
    fake.addFault({ times: Infinity, fault: { kind: "status", status: 500 } });

    const wider = live(cacheDir, NO_TTL, { models: [modelFile(["N15428", "N15419"])] });
    await expect(loadKoladaDataset(wider)).rejects.toThrow(/HTTP 500[\s\S]*does not fit[\s\S]*lacks N15419[\s\S]*KOLADA_SNAPSHOT_DIR/);
    expect(readFileSync(rawFile(cacheDir)).equals(bytes)).toBe(true);
  });

  it("a partial fetch (the data request of one KPI batch fails) never overwrites the cache", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const cacheDir = tempDir();
    // 2 model/page KPIs + 25 extra = 27 KPIs: two data batches (25 + 2 KPIs).
    const extraKpis = Array.from({ length: 25 }, (_, i) => `X${String(i).padStart(5, "0")}`);
    const { primed, bytes } = await primeCache(cacheDir, { extraKpis });
    const lastBatch = (url: URL) => isData(url) && url.pathname.includes("X00024");
    fake.addFault({ match: lastBatch, times: Infinity, fault: { kind: "status", status: 500 } });

    const dataset = await loadKoladaDataset(live(cacheDir, NO_TTL, { extraKpis }));

    const data = dataRequests();
    expect(data.some((u) => u.startsWith("/v3/data/kpi/N01951,N15428,X00000,"))).toBe(true); // first batch asked
    expect(data.some((u) => u.startsWith("/v3/data/kpi/X00023,X00024/"))).toBe(true); // the failing batch
    expect(dataset.source.kind).toBe("cache");
    expect(dataset.source.warning).toContain("HTTP 500");
    expect(dataset.source.warning).toContain("X00024");
    // The old cached values (+1000), not a mix with the first batch's fresh values.
    expect(dataset.values).toEqual(primed.values);
    expect(dataset.values).toHaveLength(27 * 2 * 2);
    expect(readFileSync(rawFile(cacheDir)).equals(bytes)).toBe(true);
  });

  it("malformed JSON on page 2 of the data never overwrites the cache", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const cacheDir = tempDir();
    // per_page 3: the 8 data rows come in 3 pages.
    const paged = { clientOptions: { maxRetries: 1, baseDelayMs: 1, timeoutMs: 500, perPage: 3 } };
    const { primed, bytes } = await primeCache(cacheDir, paged);
    fake.addFault({
      match: (url) => isData(url) && url.searchParams.get("page") === "2",
      times: Infinity,
      fault: { kind: "malformed-json" },
    });

    const dataset = await loadKoladaDataset(live(cacheDir, NO_TTL, paged));

    expect(dataRequests().filter((u) => u.includes("page=2"))).toHaveLength(1); // page 1 was fine
    expect(dataset.source.kind).toBe("cache");
    expect(dataset.source.warning).toContain("Malformed JSON");
    expect(dataset.source.warning).toContain("page=2");
    expect(dataset.values).toEqual(primed.values);
    expect(readFileSync(rawFile(cacheDir)).equals(bytes)).toBe(true);
  });
});

describe("no working source", () => {
  it("rejects naming KOLADA_SNAPSHOT_DIR and the API URL when the API is unreachable and there is no cache", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const apiUrl = `http://127.0.0.1:${port}/v3/`;
    const cacheDir = tempDir();

    const error = await rejection(loadKoladaDataset({ ...live(cacheDir), env: { KOLADA_API_URL: apiUrl } }));

    expect(error.message).toContain("KOLADA_SNAPSHOT_DIR");
    expect(error.message).toContain(`the API at ${apiUrl} failed`);
    expect(error.message).toContain("network error");
    expect(error.message).toContain(`no cache in ${cacheDir}`);
    expect(existsSync(path.join(cacheDir, "live"))).toBe(false);
  });

  it("rejects naming the path when KOLADA_SNAPSHOT_DIR does not exist", async () => {
    const missing = path.join(tempDir(), "no-such-snapshot");
    const error = await rejection(loadKoladaDataset({ ...live(tempDir()), env: { KOLADA_SNAPSHOT_DIR: missing } }));
    expect(error.message).toBe(`KOLADA_SNAPSHOT_DIR=${missing} does not exist.`);
    expect(fake.requests).toEqual([]); // snapshot mode never falls back to the API
  });

  it("rejects naming the missing file of an incomplete snapshot", async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "README.md"), "# not a snapshot\n");
    const load = () => loadKoladaDataset({ ...live(tempDir()), env: { KOLADA_SNAPSHOT_DIR: dir } });

    let error = await rejection(load());
    expect(error.message).toContain(dir);
    expect(error.message).toContain(`lacks ${SNAPSHOT_FILES.values}`);

    // With the values file present, the next missing file is named instead.
    mkdirSync(path.join(dir, "values"));
    writeFileSync(path.join(dir, SNAPSHOT_FILES.values), "");
    error = await rejection(load());
    expect(error.message).toContain(`lacks ${SNAPSHOT_FILES.municipalities}`);
  });
});

describe("model KPIs missing from the data", () => {
  it("live: a KPI without rows is a ModelError naming indicators[i].kpi", async () => {
    // The fake synthesises rows for any KPI; drop N99999's rows as the real API would.
    fake.addFault({
      match: isData,
      fault: {
        kind: "transform",
        transform: (body) => {
          const page = structuredClone(body) as DataEnvelope;
          page.values = page.values.filter((r) => r.kpi !== "N99999");
          return page;
        },
      },
    });
    const models = [modelFile(["N15428", "N99999"], "broken")];

    const error = await rejection(loadKoladaDataset(live(tempDir(), {}, { models })));

    expect(error).toBeInstanceOf(ModelError);
    expect((error as ModelError).source).toBe("broken.json");
    expect((error as ModelError).issues).toEqual(['indicators[1].kpi: KPI "N99999" is missing from the data']);
  });

  it("snapshot: a KPI absent from the snapshot is a ModelError naming indicators[i].kpi", async () => {
    const models = [modelFile(["N99999", "N15428"], "snap")];
    const error = await rejection(loadKoladaDataset({ env: process.env, models, fromYear: 2022 }));
    expect(error).toBeInstanceOf(ModelError);
    expect((error as ModelError).issues).toEqual(['indicators[0].kpi: KPI "N99999" is missing from the data']);
    expect(error.message).toContain("snap.json");
  });
});

describe("snapshot mode", () => {
  it("reads the snapshot from process.env.KOLADA_SNAPSHOT_DIR; loadDataset keeps only gender T", async () => {
    const snapshotDir = snapshotDirFromEnv(process.env);
    expect(snapshotDir).toBeDefined();
    const options: LoadOptions = { env: process.env, models: MODELS, fromYear: 2021, cacheDir: tempDir() };

    const dataset: KoladaDataset = await loadKoladaDataset(options);

    expect(dataset.source.kind).toBe("snapshot");
    expect(dataset.source.location).toBe(snapshotDir);
    expect(dataset.municipalities).toHaveLength(290);
    expect(dataset.municipalities.find((m) => m.code === "0180")).toMatchObject({
      name: "Stockholm",
      kommungrupp: "A1",
      population: 984748,
    });
    expect(dataset.values.find((r) => r.kpi === "N01951" && r.municipality_code === "0180" && r.year === 2022 && r.gender === "T")?.value).toBe(984748);
    expect(new Set(dataset.values.map((r) => r.kpi))).toEqual(new Set(["N01951", "N15428"]));
    expect(dataset.values.every((r) => r.year >= 2021 && r.year <= 2022 && Number.isFinite(r.value))).toBe(true);
    expect(fake.requests).toEqual([]);

    const genders = new Set(dataset.values.map((r) => r.gender));
    expect(genders).toEqual(new Set(["T", "K", "M"]));
    const totals = dataset.values.filter((r) => r.gender === "T");

    const engine = await loadDataset(options);

    expect(engine.source.kind).toBe("snapshot");
    expect(engine.values).toHaveLength(totals.length);
    expect(engine.values.length).toBeLessThan(dataset.values.length);
    expect(engine.values).toEqual(totals.map((r) => ({ kpi: r.kpi, municipality: r.municipality_code, year: r.year, value: r.value })));
  });
});
