/**
 * The KPI library built from the real snapshot (loaders/library*.ts), checked
 * against independent DuckDB SQL over the snapshot's own files: every KPI
 * with kommun values is listed once with its catalogue metadata, the
 * candidate list's suggestions keep their basis, the coverage per year and
 * the values are exactly the snapshot's (nothing invented, nothing lost, a
 * missing value never 0), each KPI sits in the file the index names, and the
 * files fit the size budget.
 */
import {createHash} from "node:crypto";
import {readdirSync, readFileSync, statSync, utimesSync, writeFileSync} from "node:fs";
import path from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {placeLibraryFiles} from "../cli/kpi-library-files.ts";
import {snapshotDirFromEnv} from "../loaders/config.ts";
import {sqlString} from "../loaders/duckdb.ts";
import {candidateSuggestion, LIBRARY_FILES_MANIFEST, LIBRARY_INDEX, LIBRARY_VALUES_DIR, type LibraryFilesManifest} from "../loaders/library.ts";
import {ensureOutputs, libraryDirOf, outputsDate, type Manifest} from "../loaders/outputs.ts";
import {coverageColumn, LIBRARY_VALUE_FILE_COUNT, libraryValueFileName, libraryValueFileNames, libraryValueFileOf} from "../src/lib/data/kpi-library-layout.ts";
import {sql} from "./helpers/duckdb.ts";
import {removeTempDirs, tempDir} from "./helpers/temp.ts";

const SNAPSHOT = snapshotDirFromEnv()!;
const VALUES = sqlString(path.join(SNAPSHOT, "values/kolada_1994-2022_long.parquet"));
const CATALOGUE = sqlString(path.join(SNAPSHOT, "kpis/kolada_kpi_catalogue_v3.csv"));
const CANDIDATES = sqlString(path.join(SNAPSHOT, "kpis/award_candidate_kpis.csv"));
const env = {...process.env, KOLADA_SNAPSHOT_DIR: SNAPSHOT};

let cacheDir: string;
let outputs: string;
let dir: string;
let files: LibraryFilesManifest;
const INDEX = () => sqlString(path.join(dir, LIBRARY_INDEX));
const ALL_VALUE_FILES = () => sqlString(path.join(dir, LIBRARY_VALUES_DIR, "*.parquet"));

beforeAll(async () => {
  cacheDir = tempDir("kkw-lib-");
  outputs = await ensureOutputs(env, cacheDir);
  dir = libraryDirOf(outputs, cacheDir);
  files = JSON.parse(readFileSync(path.join(dir, LIBRARY_FILES_MANIFEST), "utf8"));
}, 300_000);
afterAll(removeTempDirs);

describe("the library's layout", () => {
  it("spreads n KPIs over the 256 files in order, about equally, every file used once there are enough KPIs", () => {
    expect(libraryValueFileName(0)).toBe("v000.parquet");
    expect(libraryValueFileName(255)).toBe("v255.parquet");
    expect(() => libraryValueFileName(256)).toThrow(RangeError);
    for (const n of [1, 3, 255, 256, 257, 1968, 5000]) {
      const counts = new Map<string, number>();
      let previous = "";
      for (let i = 0; i < n; i++) {
        const file = libraryValueFileOf(i, n);
        expect(file >= previous).toBe(true); // consecutive KPIs, consecutive files
        previous = file;
        counts.set(file, (counts.get(file) ?? 0) + 1);
      }
      const sizes = [...counts.values()];
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      expect(counts.size).toBe(Math.min(n, LIBRARY_VALUE_FILE_COUNT));
    }
  });

  it("reads the candidate list's basis: documented with its wording, inferred, or none", () => {
    expect(candidateSuggestion({id: "U11404", direction: "higher_better", basis: "documented: 0=sämst, 100=bäst", dimension: "resultatkvalitet"})).toEqual({
      id: "U11404",
      direction: "higher_better",
      basis: "documented",
      note: "0=sämst, 100=bäst",
      dimension: "resultatkvalitet",
      title: null
    });
    expect(candidateSuggestion({id: "X", direction: "lower_better", basis: "inferred", dimension: " effekt "})).toMatchObject({direction: "lower_better", basis: "inferred", note: null, dimension: "effekt"});
    expect(candidateSuggestion({id: "X", direction: "context_no_direction", basis: "-", dimension: "context"})).toMatchObject({direction: "none", basis: null, note: null});
    expect(candidateSuggestion({id: "X", direction: "sideways", basis: null, dimension: null})).toMatchObject({direction: null, basis: null, dimension: null});
  });
});

describe("kpi-library.parquet from the snapshot", () => {
  it("lists every KPI with kommun values once: 1 968", async () => {
    const [row] = await sql<{n: number; ids: number; missing: number; extra: number}>(
      `WITH lib AS (SELECT id FROM read_parquet(${INDEX()})),
            snap AS (SELECT DISTINCT kpi AS id FROM read_parquet(${VALUES}) WHERE area_level = 'kommun')
       SELECT (SELECT count(*) FROM lib)::INT n, (SELECT count(DISTINCT id) FROM lib)::INT ids,
              (SELECT count(*) FROM (SELECT id FROM snap EXCEPT SELECT id FROM lib))::INT missing,
              (SELECT count(*) FROM (SELECT id FROM lib EXCEPT SELECT id FROM snap))::INT extra`
    );
    expect(row).toEqual({n: 1968, ids: 1968, missing: 0, extra: 0});
    expect(files.kpis).toBe(1968);
    expect(files.kpis_with_values).toBe(1968);
    expect(files.mode).toBe("snapshot");
  });

  it("has the v3 catalogue's title, description, operating area and gender split for every KPI the catalogue knows", async () => {
    const [row] = await sql<{known: number; differ: number}>(
      `SELECT count(*)::INT known,
              count(*) FILTER (WHERE l.title IS DISTINCT FROM c.title OR coalesce(l.description, '') IS DISTINCT FROM coalesce(c.description, '')
                               OR l.operating_area IS DISTINCT FROM nullif(c.operating_area, '')
                               OR l.is_divided_by_gender IS DISTINCT FROM (upper(c.is_divided_by_gender) = 'TRUE')
                               OR l.catalogue IS DISTINCT FROM 'v3')::INT differ
       FROM read_parquet(${INDEX()}) l JOIN read_csv(${CATALOGUE}, all_varchar = true) c ON c.id = l.id`
    );
    expect(row).toEqual({known: 1968 - 41, differ: 0});
    const [kpi] = await sql<{title: string; unit: string | null; operating_area: string}>(`SELECT title, unit, operating_area FROM read_parquet(${INDEX()}) WHERE id = 'N21826'`);
    expect(kpi).toEqual({
      title: "Beviljade antal hemtjänsttimmar per brukare och månad för timregistrerade hemtjänsttagare 65+ i ordinärt boende, timmar/hemtjänsttagare",
      unit: "timmar/hemtjänsttagare",
      operating_area: "Hälso- och sjukvård"
    });
    const [share] = await sql<{unit: string | null}>(`SELECT unit FROM read_parquet(${INDEX()}) WHERE id = 'N15428'`);
    expect(share!.unit).toBe("%");
  });

  it("titles the 41 KPIs the v3 catalogue lacks from Kolada's v2 KPI groups, without inventing a description", async () => {
    const rows = await sql<{id: string; title: string; description: string | null; catalogue: string | null; operating_area: string | null}>(
      `SELECT id, title, description, catalogue, operating_area FROM read_parquet(${INDEX()})
       WHERE id NOT IN (SELECT id FROM read_csv(${CATALOGUE}, all_varchar = true)) ORDER BY id`
    );
    expect(rows.length).toBe(41);
    expect(rows.every((r) => r.catalogue === "v2" && (r.description ?? "") === "" && r.operating_area === null && r.title !== r.id)).toBe(true);
    expect(rows.find((r) => r.id === "N00712")!.title).toBe("Förvärvsarbetande eller studerande skyddsbehövande och anhöriga (flyktingar) 20-64 år, andel (%)");
  });

  it("carries the candidate list's direction and dimension as suggestions with their basis, and nothing for other KPIs", async () => {
    const [row] = await sql<{suggested: number; candidates: number; differ: number; others: number}>(
      `WITH c AS (SELECT kpi_id AS id,
                         CASE direction WHEN 'context_no_direction' THEN 'none' ELSE direction END AS direction,
                         CASE WHEN direction_basis LIKE 'documented%' THEN 'documented' WHEN direction_basis LIKE 'inferred%' THEN 'inferred' END AS basis,
                         CASE WHEN direction_basis LIKE 'documented%' THEN trim(regexp_replace(direction_basis, '^documented:?', '')) END AS note,
                         award_dimension_proposal AS dimension
                  FROM read_csv(${CANDIDATES}, all_varchar = true)),
            l AS (SELECT * FROM read_parquet(${INDEX()}))
       SELECT (SELECT count(*) FROM l WHERE suggested_direction IS NOT NULL)::INT suggested,
              (SELECT count(*) FROM c JOIN l USING (id))::INT candidates,
              (SELECT count(*) FROM c JOIN l USING (id)
               WHERE l.suggested_direction IS DISTINCT FROM c.direction OR l.direction_basis IS DISTINCT FROM c.basis
                  OR l.direction_note IS DISTINCT FROM c.note OR l.suggested_dimension IS DISTINCT FROM c.dimension)::INT differ,
              (SELECT count(*) FROM l WHERE id NOT IN (SELECT id FROM c) AND (suggested_direction IS NOT NULL OR suggested_dimension IS NOT NULL))::INT "others"`
    );
    expect(row!.differ).toBe(0);
    expect(row!.others).toBe(0);
    expect(row!.suggested).toBe(row!.candidates);
    expect(row!.candidates).toBeGreaterThan(80);
    const [u11404] = await sql(`SELECT suggested_direction, direction_basis, direction_note, suggested_dimension FROM read_parquet(${INDEX()}) WHERE id = 'U11404'`);
    expect(u11404).toEqual({suggested_direction: "higher_better", direction_basis: "documented", direction_note: "0=sämst, 100=bäst", suggested_dimension: "resultatkvalitet"});
  });

  it("counts, per KPI and year, the municipalities with a gender-T value exactly as the snapshot has them", async () => {
    expect(files.years).toEqual(Array.from({length: 13}, (_, i) => 2010 + i));
    const [row] = await sql<{cells: number; differ: number; zeros: number}>(
      `WITH lib AS (SELECT id, unnest(list_value(${files.years.map((y) => `struct_pack(year := ${y}, n := ${coverageColumn(y)})`).join(", ")})) AS c
                    FROM read_parquet(${INDEX()})),
            l AS (SELECT id, c.year AS year, c.n AS n FROM lib),
            s AS (SELECT kpi AS id, year, count(DISTINCT municipality_id) AS n FROM read_parquet(${VALUES})
                  WHERE area_level = 'kommun' AND gender = 'T' AND year >= 2010 AND value IS NOT NULL AND isfinite(value) GROUP BY ALL)
       SELECT count(*)::INT cells, count(*) FILTER (WHERE l.n IS DISTINCT FROM coalesce(s.n, 0))::INT differ,
              count(*) FILTER (WHERE l.n = 0)::INT zeros
       FROM l LEFT JOIN s USING (id, year)`
    );
    expect(row!.cells).toBe(1968 * 13);
    expect(row!.differ).toBe(0);
    expect(row!.zeros).toBeGreaterThan(0); // years without values count 0 municipalities (the KPI has values in the build)
  }, 60_000);
});

describe("the value files", () => {
  it("hold exactly the snapshot's gender-T values of kommuner and Riket from 2010: none added, none lost, none NULL", async () => {
    const [row] = await sql<{lib: number; snap: number; onlyLib: number; onlySnap: number; nulls: number; genders: number}>(
      `WITH l AS (SELECT kpi, municipality_code, year, gender, value FROM read_parquet(${ALL_VALUE_FILES()})),
            s AS (SELECT kpi, municipality_id AS municipality_code, CAST(year AS INTEGER) AS year, gender, value FROM read_parquet(${VALUES})
                  WHERE gender = 'T' AND year >= 2010 AND area_level IN ('kommun', 'riket') AND value IS NOT NULL AND isfinite(value)
                    AND kpi IN (SELECT DISTINCT kpi FROM read_parquet(${VALUES}) WHERE area_level = 'kommun'))
       SELECT (SELECT count(*) FROM l)::INT lib, (SELECT count(*) FROM s)::INT snap,
              (SELECT count(*) FROM (SELECT * FROM l EXCEPT ALL SELECT * FROM s))::INT "onlyLib",
              (SELECT count(*) FROM (SELECT * FROM s EXCEPT ALL SELECT * FROM l))::INT "onlySnap",
              (SELECT count(*) FROM l WHERE value IS NULL OR NOT isfinite(value))::INT "nulls",
              (SELECT count(DISTINCT gender) FROM l)::INT genders`
    );
    expect(row!.lib).toBe(row!.snap);
    expect(row!.lib).toBeGreaterThan(3_000_000);
    expect(row).toMatchObject({onlyLib: 0, onlySnap: 0, nulls: 0, genders: 1});
  }, 120_000);

  it("put each KPI in the file the index names, and every file holds about eight KPIs", async () => {
    const [row] = await sql<{misplaced: number; files: number}>(
      `WITH v AS (SELECT DISTINCT kpi, regexp_extract(filename, '[^/]+$') AS file FROM read_parquet(${ALL_VALUE_FILES()}, filename = true))
       SELECT count(*) FILTER (WHERE l.file IS DISTINCT FROM v.file)::INT misplaced, count(DISTINCT v.file)::INT files
       FROM v JOIN read_parquet(${INDEX()}) l ON l.id = v.kpi`
    );
    expect(row).toEqual({misplaced: 0, files: 256});
    const perFile = Object.entries(files.files).filter(([name]) => name.startsWith("library/")).map(([, f]) => f.kpis!);
    expect(perFile.length).toBe(256);
    expect(perFile.reduce((a, b) => a + b, 0)).toBe(1968);
    expect(Math.min(...perFile)).toBeGreaterThanOrEqual(7);
    expect(Math.max(...perFile)).toBeLessThanOrEqual(8);
  });

  it("are listed in kpi-library-files.json with their bytes and sha256, and the main manifest lists that file and the index", () => {
    const sha = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");
    for (const name of libraryValueFileNames()) {
      const file = path.join(dir, LIBRARY_VALUES_DIR, name);
      expect(files.files[`library/${name}`], name).toMatchObject({bytes: statSync(file).size, sha256: sha(file)});
    }
    expect(files.files[LIBRARY_INDEX]).toEqual({bytes: statSync(path.join(dir, LIBRARY_INDEX)).size, sha256: sha(path.join(dir, LIBRARY_INDEX))});
    const manifest = JSON.parse(readFileSync(path.join(outputs, "manifest.json"), "utf8")) as Manifest;
    for (const name of [LIBRARY_INDEX, LIBRARY_FILES_MANIFEST]) {
      expect(manifest.files[name]).toEqual({bytes: statSync(path.join(outputs, name)).size, sha256: sha(path.join(outputs, name))});
      expect(readFileSync(path.join(outputs, name)).equals(readFileSync(path.join(dir, name)))).toBe(true);
    }
    const valueBytes = libraryValueFileNames().reduce((n, name) => n + statSync(path.join(dir, LIBRARY_VALUES_DIR, name)).size, 0);
    expect(manifest.library).toMatchObject({mode: "snapshot", kpis: 1968, kpis_with_values: 1968, value_files: 256, value_bytes: valueBytes});
    // The main manifest stays small: every page loads it at start.
    expect(statSync(path.join(outputs, "manifest.json")).size).toBeLessThan(4000);
  });

  it("together with the index and its manifest take at most 40 MB", () => {
    const total = Object.values(files.files).reduce((n, f) => n + f.bytes, 0) + statSync(path.join(dir, LIBRARY_FILES_MANIFEST)).size;
    expect(total).toBeLessThanOrEqual(40 * 1024 * 1024);
    console.log(`KPI library: ${(total / 1e6).toFixed(1)} MB (${Object.keys(files.files).length + 1} files)`);
  });
});

describe("cli/kpi-library-files.ts", () => {
  it("puts the 256 value files into the site with the data's date, rewrites only changed files and removes others", async () => {
    const target = tempDir("kkw-site-lib-");
    writeFileSync(path.join(target, "v999.parquet"), "stale");
    const envDated = {...env, KVALITETSKOMMUN_OUTPUT_MTIME: ""};
    expect(await placeLibraryFiles(target, envDated, cacheDir)).toBe(256);
    const names = readdirSync(target).sort();
    expect(names).toEqual(libraryValueFileNames());
    const date = outputsDate(outputs).getTime();
    for (const name of names) {
      expect(readFileSync(path.join(target, name)).equals(readFileSync(path.join(dir, LIBRARY_VALUES_DIR, name)))).toBe(true);
      expect(statSync(path.join(target, name)).mtimeMs).toBe(date);
    }
    utimesSync(path.join(target, "v000.parquet"), new Date(), new Date());
    writeFileSync(path.join(target, "v001.parquet"), "changed");
    expect(await placeLibraryFiles(target, envDated, cacheDir)).toBe(1);
    expect(statSync(path.join(target, "v000.parquet")).mtimeMs).toBe(date);
  });
});
