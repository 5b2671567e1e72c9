/**
 * The loaders' outputs built from the real snapshot: shapes, spot values,
 * missing values kept missing, manifest hashes, cache reuse, determinism.
 */
import {createHash} from "node:crypto";
import {execFileSync} from "node:child_process";
import {closeSync, mkdtempSync, openSync, readFileSync, statSync, writeFileSync, cpSync, mkdirSync} from "node:fs";
import {tmpdir} from "node:os";
import path from "node:path";
import {beforeAll, describe, expect, it} from "vitest";
import {MODELS_DIR, REPO_ROOT, snapshotDirFromEnv} from "../loaders/config.ts";
import {sqlString} from "../loaders/duckdb.ts";
import {ensureOutputs, outputsDate, type Manifest} from "../loaders/outputs.ts";
import {readModels} from "../loaders/models.ts";
import {sql} from "./helpers/duckdb.ts";

const SNAPSHOT = snapshotDirFromEnv()!;
const SNAPSHOT_VALUES = sqlString(path.join(SNAPSHOT, "values/kolada_1994-2022_long.parquet"));
const env = {...process.env, KOLADA_SNAPSHOT_DIR: SNAPSHOT};

let dir: string;
let manifest: Manifest;
const file = (name: string) => sqlString(path.join(dir, name));

beforeAll(async () => {
  dir = await ensureOutputs(env, mkdtempSync(path.join(tmpdir(), "kkw-out-")));
  manifest = JSON.parse(readFileSync(path.join(dir, "manifest.json"), "utf8"));
});

describe("municipalities.parquet", () => {
  it("has the 290 municipalities, each once, with county and SKR kommungrupp", async () => {
    const [row] = await sql<{n: number; codes: number; groups: number; mains: number; counties: number; nulls: number}>(
      `SELECT count(*)::INT n, count(DISTINCT code)::INT codes, count(DISTINCT kommungrupp)::INT "groups",
              count(DISTINCT main_group)::INT mains, count(DISTINCT county)::INT counties,
              count(*) FILTER (WHERE kommungrupp IS NULL OR kommungrupp = '' OR population IS NULL)::INT "nulls"
       FROM read_parquet(${file("municipalities.parquet")})`
    );
    expect(row).toEqual({n: 290, codes: 290, groups: 9, mains: 3, counties: 21, nulls: 0});
  });

  it("has Stockholm in kommungrupp A1 with its 2022 population", async () => {
    const rows = await sql(`SELECT name, kommungrupp, county, population FROM read_parquet(${file("municipalities.parquet")}) WHERE code = '0180'`);
    expect(rows).toEqual([{name: "Stockholm", kommungrupp: "A1", county: "Stockholms län", population: 984748}]);
  });
});

describe("values.parquet", () => {
  it("has N01951 for Stockholm 2022 = 984 748 and the national sum 10 521 556", async () => {
    const [row] = await sql<{sthlm: number; total: number; riket: number}>(
      `SELECT max(value) FILTER (WHERE municipality_code = '0180') sthlm,
              sum(value) FILTER (WHERE municipality_code <> '0000') total,
              max(value) FILTER (WHERE municipality_code = '0000') riket
       FROM read_parquet(${file("values.parquet")}) WHERE kpi = 'N01951' AND year = 2022 AND gender = 'T'`
    );
    expect(row!.sthlm).toBe(984748);
    expect(row!.total).toBe(10521556);
    expect(row!.riket).toBe(10521556);
  });

  it("holds exactly the snapshot's present values: none added (no zero for a missing value), none lost", async () => {
    const kpis = manifest.kpis.map((k) => sqlString(k)).join(",");
    const [row] = await sql<{out: number; snap: number; extra: number; missing: number; differing: number}>(
      `WITH built AS (SELECT * FROM read_parquet(${file("values.parquet")})),
            snap AS (SELECT kpi, municipality_id AS municipality_code, year::INT AS year, gender, value
                     FROM read_parquet(${SNAPSHOT_VALUES})
                     WHERE kpi IN (${kpis}) AND year >= 2010 AND area_level IN ('kommun', 'riket') AND value IS NOT NULL)
       SELECT (SELECT count(*) FROM built)::INT "out", (SELECT count(*) FROM snap)::INT snap,
              (SELECT count(*) FROM built ANTI JOIN snap USING (kpi, municipality_code, year, gender))::INT extra,
              (SELECT count(*) FROM snap ANTI JOIN built USING (kpi, municipality_code, year, gender))::INT missing,
              (SELECT count(*) FROM built JOIN snap USING (kpi, municipality_code, year, gender) WHERE built.value <> snap.value)::INT differing`
    );
    expect(row!.out).toBeGreaterThan(100_000);
    expect(row).toEqual({out: row!.snap, snap: row!.snap, extra: 0, missing: 0, differing: 0});
  });

  it("has no NULL or NaN value and only kommuner and Riket from 2010", async () => {
    const [row] = await sql<{bad: number; areas: number; minYear: number}>(
      `SELECT count(*) FILTER (WHERE value IS NULL OR isnan(value))::INT bad,
              count(DISTINCT municipality_code)::INT areas, min(year)::INT "minYear"
       FROM read_parquet(${file("values.parquet")})`
    );
    expect(row).toEqual({bad: 0, areas: 291, minYear: 2010});
  });

  it("covers every KPI of every model in data/models", () => {
    for (const {model} of readModels(MODELS_DIR)) {
      for (const ind of model.indicators) expect(manifest.kpis).toContain(ind.kpi);
    }
  });
});

describe("kpis.parquet", () => {
  it("has title, unit and the model's direction and dimension for model KPIs", async () => {
    const rows = await sql<{id: string; title: string; unit: string | null; direction: string | null; dimension: string | null}>(
      `SELECT id, title, unit, direction, dimension FROM read_parquet(${file("kpis.parquet")}) ORDER BY id`
    );
    expect(rows.map((r) => r.id)).toEqual(manifest.kpis);
    const population = rows.find((r) => r.id === "N01951")!;
    expect(population).toMatchObject({title: "Invånare totalt, antal", unit: "antal", direction: null});
    for (const {model} of readModels(MODELS_DIR)) {
      for (const ind of model.indicators) {
        const row = rows.find((r) => r.id === ind.kpi)!;
        expect(row.title.length).toBeGreaterThan(5);
        expect([row.direction, row.dimension]).toEqual([ind.direction, ind.dimension]);
      }
    }
  });
});

describe("manifest.json", () => {
  it("records the source, row counts, years and a sha256 of every output", async () => {
    expect(manifest.source).toMatchObject({kind: "snapshot", date: "2024-08"});
    expect(manifest.attribution).toBe("Egen bearbetning av data från Kolada (RKA)");
    expect(manifest.years).toEqual([2010, 2011, 2012, 2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022]);
    for (const [name, {sha256, bytes}] of Object.entries(manifest.files)) {
      const content = readFileSync(path.join(dir, name));
      expect(content.length, name).toBe(bytes);
      expect(createHash("sha256").update(content).digest("hex"), name).toBe(sha256);
    }
    const [counts] = await sql<{values: number; municipalities: number; kpis: number}>(
      `SELECT (SELECT count(*) FROM read_parquet(${file("values.parquet")}))::INT "values",
              (SELECT count(*) FROM read_parquet(${file("municipalities.parquet")}))::INT municipalities,
              (SELECT count(*) FROM read_parquet(${file("kpis.parquet")}))::INT kpis`
    );
    expect(manifest.row_counts).toEqual(counts);
  });

  it("holds nothing of the build's time or machine: the snapshot by its folder's name, no build timestamp", () => {
    expect(manifest.source.location).toBe(path.basename(SNAPSHOT));
    expect(Object.keys(manifest)).not.toContain("generated_at");
    expect(JSON.stringify(manifest)).not.toContain(SNAPSHOT);
  });

  it("dates the outputs (their mtime in the built site) by the snapshot's month, 00:00 UTC", () => {
    expect(outputsDate(dir).toISOString()).toBe("2024-08-01T00:00:00.000Z");
  });
});

describe("a data loader's output file", () => {
  /** Runs src/data/manifest.json.ts as Framework does, stdout open on a file; returns that file's mtime. */
  function loaderOutputMtime(extraEnv: NodeJS.ProcessEnv): number {
    const out = path.join(mkdtempSync(path.join(tmpdir(), "kkw-loader-")), "manifest.json");
    const fd = openSync(out, "w");
    try {
      execFileSync(path.join(REPO_ROOT, "node_modules/.bin/tsx"), [path.join(REPO_ROOT, "src/data/manifest.json.ts")], {
        env: {...env, KOLADA_CACHE_DIR: path.dirname(path.dirname(dir)), ...extraEnv},
        stdio: ["ignore", fd, "inherit"]
      });
    } finally {
      closeSync(fd);
    }
    expect(readFileSync(out, "utf8")).toBe(readFileSync(path.join(dir, "manifest.json"), "utf8"));
    return statSync(out).mtimeMs;
  }

  it("gets the data's date as mtime (Framework writes it into the pages), or the write time with KVALITETSKOMMUN_OUTPUT_MTIME=now", () => {
    expect(loaderOutputMtime({})).toBe(Date.parse("2024-08-01T00:00:00Z"));
    expect(loaderOutputMtime({KVALITETSKOMMUN_OUTPUT_MTIME: "now"})).toBeGreaterThan(Date.now() - 60_000);
  }, 30_000);
});

describe("output cache", () => {
  it("reuses the outputs when nothing changed, and builds byte-identical files from the same inputs", async () => {
    const cacheDir = path.dirname(path.dirname(dir));
    const before = statSync(path.join(dir, "values.parquet")).mtimeMs;
    const t0 = performance.now();
    expect(await ensureOutputs(env, cacheDir)).toBe(dir);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(statSync(path.join(dir, "values.parquet")).mtimeMs).toBe(before);

    // A cold build in a new cache, KPI library included (its files' sha256 are in the manifest): 10–40 s here.
    const other = await ensureOutputs(env, mkdtempSync(path.join(tmpdir(), "kkw-out-")));
    expect(readFileSync(path.join(other, "manifest.json"), "utf8")).toBe(readFileSync(path.join(dir, "manifest.json"), "utf8"));
  }, 120_000);

  it("keeps the last good outputs when a model file turns bad, and names the file and field", async () => {
    const cacheDir = path.dirname(path.dirname(dir));
    const modelsDir = mkdtempSync(path.join(tmpdir(), "kkw-models-"));
    mkdirSync(modelsDir, {recursive: true});
    cpSync(MODELS_DIR, modelsDir, {recursive: true});
    const good = await ensureOutputs({...env, KVALITETSKOMMUN_MODELS_DIR: modelsDir}, cacheDir);
    const goodBytes = readFileSync(path.join(good, "values.parquet"));
    const model = JSON.parse(readFileSync(path.join(modelsDir, "skk-standard.json"), "utf8"));
    model.indicators[0].weight = -1;
    writeFileSync(path.join(modelsDir, "skk-standard.json"), JSON.stringify(model));
    await expect(ensureOutputs({...env, KVALITETSKOMMUN_MODELS_DIR: modelsDir}, cacheDir)).rejects.toThrow(
      /skk-standard\.json[\s\S]*indicators\[0\]\.weight: must not be negative/
    );
    expect(readFileSync(path.join(good, "values.parquet"))).toEqual(goodBytes);
  });
});
