/**
 * The audit command on the real Kolada snapshot: its columns, its exit codes,
 * and its drop-one figures against independent re-rankings without each KPI
 * (the engine on a reduced model, and for some KPIs DuckDB SQL over the
 * award-KPI Parquet file, a different data path from the loaders').
 */
import {execFile} from "node:child_process";
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import path from "node:path";
import {fileURLToPath} from "node:url";
import {promisify} from "node:util";
import {DuckDBInstance, type DuckDBConnection} from "@duckdb/node-api";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {CSV_COLUMNS, main} from "../cli/audit.ts";
import {loadDataset} from "../loaders/dataset.ts";
import {buildMatrix, prepareNomination, score, type Model, type ScoreResult, type ValueMatrix} from "../src/engine/index.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SNAPSHOT = process.env.KOLADA_SNAPSHOT_DIR ? path.resolve(process.env.KOLADA_SNAPSHOT_DIR) : path.resolve(ROOT, "../shared/kolada");
const env = {...process.env, KOLADA_SNAPSHOT_DIR: SNAPSHOT};
const SKK = path.join(ROOT, "data/models/skk-standard.json");
const tmp = mkdtempSync(path.join(tmpdir(), "audit-test-"));
const HEADER = "kpi,dimension,coverage,mean,sd,skew,kurtosis,outlier_flag,r_dimension,r_total,weight_share,drop_mean_abs_rank_shift,drop_max_abs_rank_shift,drop_top_n_changes";

async function run(argv: string[]): Promise<{code: number; stdout: string; stderr: string}> {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, {env, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s)});
  return {code, stdout, stderr};
}

/** The CSV has no quoted fields (KPI ids, dimension ids and numbers). */
function parseCsv(text: string): {header: string[]; rows: Record<string, string>[]} {
  const [head, ...lines] = text.trimEnd().split("\n");
  const header = head!.split(",");
  return {header, rows: lines.map((l) => Object.fromEntries(l.split(",").map((v, i) => [header[i]!, v])))};
}

let db: DuckDBConnection;
const q = async <T>(sql: string): Promise<T[]> => (await db.runAndReadAll(sql)).getRowObjectsJS() as T[];
const lit = (s: string) => `'${s.replaceAll("'", "''")}'`;

let skk: Model;
let matrix: ValueMatrix;
beforeAll(async () => {
  db = await (await DuckDBInstance.create(":memory:")).connect();
  skk = JSON.parse(readFileSync(SKK, "utf8")) as Model;
  const data = await loadDataset({env, kpis: skk.indicators.map((i) => i.kpi), models: [{id: "t", file: SKK, model: skk}]});
  matrix = buildMatrix({municipalities: data.municipalities, values: data.values, kpis: skk.indicators.map((i) => i.kpi)});
});
afterAll(() => {
  db?.closeSync();
  rmSync(tmp, {recursive: true, force: true});
});

/** Drop-one figures from two rank maps (code → overall rank, absent = unranked), written out here. */
function shifts(withIt: Map<string, number>, without: Map<string, number>, n: number) {
  const d: number[] = [];
  for (const [code, a] of withIt) if (without.has(code)) d.push(Math.abs(a - without.get(code)!));
  const top = (m: Map<string, number>) => new Set([...m].filter(([, r]) => r <= n).map(([c]) => c));
  const ta = top(withIt);
  const tb = top(without);
  const entered = [...tb].filter((c) => !ta.has(c)).length;
  const left = [...ta].filter((c) => !tb.has(c)).length;
  return {mean: d.length ? d.reduce((s, x) => s + x, 0) / d.length : null, max: d.length ? Math.max(...d) : null, changes: Math.max(entered, left)};
}

const ranksOf = (r: ScoreResult) => new Map(r.rows.filter((x) => x.overallRank !== null).map((x) => [x.code, x.overallRank!]));

/** The default nomination ranking in SQL (product.md steps 1-6): code → rank of the ranked. */
async function sqlRanks(model: Model, year: number): Promise<Map<string, number>> {
  const values = lit(path.join(SNAPSHOT, "values/award_kpis_2010-2022_long.parquet"));
  const muns = lit(path.join(SNAPSHOT, "meta/municipalities_290.csv"));
  const modelRows = model.indicators.map((i) => `(${lit(i.kpi)}, ${lit(i.dimension)}, ${i.direction === "higher_better" ? 1 : -1}, ${i.weight})`).join(",");
  const dimRows = model.dimensions.map((d) => `(${lit(d.id)}, ${d.weight})`).join(",");
  const rows = await q<{code: string; rank: bigint}>(`
    WITH mo(kpi, dim, s, w) AS (VALUES ${modelRows}),
    dims(dim, dw) AS (VALUES ${dimRows}),
    muns AS (SELECT municipality_code AS m FROM read_csv(${muns}, types = {'municipality_code': 'VARCHAR'})),
    x AS (SELECT kpi, municipality_id AS m, value FROM read_parquet(${values})
          WHERE gender = 'T' AND area_level = 'kommun' AND year = ${year}
            AND kpi IN (SELECT kpi FROM mo) AND municipality_id IN (SELECT m FROM muns)),
    st AS (SELECT kpi, count(*) n, avg(value) mean, stddev_samp(value) sd, min(value) mn, max(value) mx FROM x GROUP BY kpi),
    usable AS (SELECT st.kpi FROM st JOIN mo USING (kpi) WHERE st.n >= 3 AND st.mx > st.mn AND mo.w > 0),
    v AS (SELECT x.m, mo.dim, mo.w, mo.s * (x.value - st.mean) / st.sd AS v FROM x JOIN st USING (kpi) JOIN mo USING (kpi)
          WHERE x.kpi IN (SELECT kpi FROM usable)),
    d AS (SELECT m, dim, sum(w * v) / sum(w) AS score FROM v GROUP BY m, dim),
    cov AS (SELECT muns.m, count(v.v) AS has FROM muns LEFT JOIN v USING (m) GROUP BY muns.m),
    tot AS (SELECT d.m, sum(dims.dw * d.score) / sum(dims.dw) AS total, count(*) AS nd FROM d JOIN dims USING (dim) WHERE dims.dw > 0 GROUP BY d.m),
    ok AS (SELECT tot.m, tot.total FROM tot JOIN cov USING (m)
           WHERE 3 * cov.has >= 2 * (SELECT count(*) FROM usable) AND tot.nd = (SELECT count(*) FROM dims WHERE dw > 0))
    SELECT m AS code, row_number() OVER (ORDER BY total DESC, m) AS rank FROM ok`);
  return new Map(rows.map((r) => [r.code, Number(r.rank)]));
}

describe("audit command on the real snapshot", () => {
  let csv: {header: string[]; rows: Record<string, string>[]};
  beforeAll(async () => {
    const out = await run(["--model", SKK, "--year", "2022"]);
    expect(out.stderr).toBe("");
    expect(out.code).toBe(0);
    csv = parseCsv(out.stdout);
  }, 60_000);

  it("prints exactly the agreed columns, one row per KPI in model order", () => {
    expect(csv.header.join(",")).toBe(HEADER);
    expect(csv.header).toEqual([...CSV_COLUMNS]);
    expect(csv.rows.map((r) => r.kpi)).toEqual(skk.indicators.map((i) => i.kpi));
    expect(csv.rows.map((r) => r.dimension)).toEqual(skk.indicators.map((i) => i.dimension));
    for (const r of csv.rows) {
      expect(Object.keys(r)).toHaveLength(14);
      expect(Number(r.coverage)).toBeGreaterThan(0.6);
      expect(Number(r.coverage)).toBeLessThanOrEqual(1);
      expect(["true", "false"]).toContain(r.outlier_flag);
      expect(Math.abs(Number(r.r_total))).toBeLessThanOrEqual(1);
      expect(Math.abs(Number(r.r_dimension))).toBeLessThanOrEqual(1);
      expect(r.drop_mean_abs_rank_shift).not.toBe("");
    }
    expect(csv.rows.reduce((s, r) => s + Number(r.weight_share), 0)).toBeCloseTo(1, 12);
  });

  it("drop-one equals an independent engine re-ranking without each KPI (top 10)", () => {
    const base = ranksOf(score(prepareNomination(matrix, skk, 2022)));
    for (const row of csv.rows) {
      const reduced: Model = {...skk, indicators: skk.indicators.filter((i) => i.kpi !== row.kpi)};
      const e = shifts(base, ranksOf(score(prepareNomination(matrix, reduced, 2022))), 10);
      expect(Number(row.drop_mean_abs_rank_shift), row.kpi).toBeCloseTo(e.mean!, 12);
      expect(Number(row.drop_max_abs_rank_shift), row.kpi).toBe(e.max);
      expect(Number(row.drop_top_n_changes), row.kpi).toBe(e.changes);
    }
    // Some KPI changes the top 10, so the comparison is not of zeros only.
    expect(csv.rows.some((r) => Number(r.drop_top_n_changes) > 0)).toBe(true);
  });

  it("drop-one equals the DuckDB SQL ranking without the KPI, for the KPIs that move the most", async () => {
    const base = await sqlRanks(skk, 2022);
    const byShift = [...csv.rows].sort((a, b) => Number(b.drop_max_abs_rank_shift) - Number(a.drop_max_abs_rank_shift));
    const chosen = [byShift[0]!, csv.rows.find((r) => Number(r.drop_top_n_changes) > 0)!, csv.rows[0]!];
    for (const row of chosen) {
      const reduced: Model = {...skk, indicators: skk.indicators.filter((i) => i.kpi !== row.kpi)};
      const e = shifts(base, await sqlRanks(reduced, 2022), 10);
      expect(Number(row.drop_mean_abs_rank_shift), row.kpi).toBeCloseTo(e.mean!, 12);
      expect(Number(row.drop_max_abs_rank_shift), row.kpi).toBe(e.max);
      expect(Number(row.drop_top_n_changes), row.kpi).toBe(e.changes);
    }
  }, 60_000);

  it("--top N changes the top-N count only", async () => {
    const out = await run(["--model", SKK, "--year", "2022", "--top", "30"]);
    expect(out.code).toBe(0);
    const rows = parseCsv(out.stdout).rows;
    const base = ranksOf(score(prepareNomination(matrix, skk, 2022)));
    rows.forEach((row, i) => {
      expect(row.drop_mean_abs_rank_shift).toBe(csv.rows[i]!.drop_mean_abs_rank_shift);
      const reduced: Model = {...skk, indicators: skk.indicators.filter((x) => x.kpi !== row.kpi)};
      expect(Number(row.drop_top_n_changes), row.kpi).toBe(shifts(base, ranksOf(score(prepareNomination(matrix, reduced, 2022))), 30).changes);
    });
  }, 60_000);

  it("JSON adds the correlation matrix, alpha and drop-one per dimension, and the flags", async () => {
    const out = await run(["--model", SKK, "--year", "2022", "--format", "json"]);
    expect(out.code).toBe(0);
    const json = JSON.parse(out.stdout);
    expect(json.source.kind).toBe("snapshot");
    expect(json.topN).toBe(10);
    const ids = skk.indicators.map((i) => i.kpi);
    expect(json.correlations.kpis).toEqual(ids);
    expect(json.correlations.method).toBe("spearman");
    const r = json.correlations.r as (number | null)[][];
    ids.forEach((_, a) => {
      expect(r[a]![a]).toBe(1);
      ids.forEach((_, b) => expect(r[a]![b]).toBe(r[b]![a]));
    });
    expect(json.kpis.map((k: {kpi: string}) => k.kpi)).toEqual(ids);
    expect(json.dimensions.map((d: {id: string}) => d.id)).toEqual(skk.dimensions.map((d) => d.id));
    const base = ranksOf(score(prepareNomination(matrix, skk, 2022)));
    for (const d of json.dimensions) {
      expect(d.alpha).toBeGreaterThan(-1);
      expect(d.alpha).toBeLessThanOrEqual(1);
      const reduced: Model = {...skk, dimensions: skk.dimensions.filter((x) => x.id !== d.id), indicators: skk.indicators.filter((i) => i.dimension !== d.id)};
      const e = shifts(base, ranksOf(score(prepareNomination(matrix, reduced, 2022))), 10);
      expect(d.drop.meanAbsRankShift, d.id).toBeCloseTo(e.mean!, 12);
      expect(d.drop.maxAbsRankShift, d.id).toBe(e.max);
      expect(d.drop.topNChanges, d.id).toBe(e.changes);
    }
    expect(Array.isArray(json.flags)).toBe(true);
    for (const f of json.flags) expect(f.code).toMatch(/^(double_counting|direction_conflict|outlier|influence_high|influence_low)$/);
    // U31402 is strongly skewed in 2022: the JRC rule flags it in both outputs.
    expect(json.flags.some((f: {code: string; kpis: string[]}) => f.code === "outlier" && f.kpis[0] === "U31402")).toBe(true);
    expect(csv.rows.find((x) => x.kpi === "U31402")!.outlier_flag).toBe("true");
  }, 60_000);

  it("leaves a missing figure empty, never 0", async () => {
    // In 2010 most of the model's KPIs have no value at all.
    const out = await run(["--model", SKK, "--year", "2010"]);
    expect(out.code).toBe(0);
    const empty = parseCsv(out.stdout).rows.filter((r) => r.coverage === "0");
    expect(empty.length).toBeGreaterThan(0);
    for (const r of empty) {
      for (const c of ["mean", "sd", "skew", "kurtosis", "outlier_flag", "r_dimension", "r_total"]) expect(r[c], `${r.kpi} ${c}`).toBe("");
      expect(r.weight_share).toBe("0");
    }
  }, 60_000);

  it("audits an improvement ranking too", async () => {
    const out = await run(["--model", SKK, "--year", "2022", "--kind", "improvement", "--window", "3"]);
    expect(out.code).toBe(0);
    expect(parseCsv(out.stdout).rows).toHaveLength(skk.indicators.length);
  }, 60_000);
});

describe("audit command errors", () => {
  const good = path.join(tmp, "good.json");
  writeFileSync(good, JSON.stringify({name: "g", dimensions: [{id: "a", label: "A", weight: 1}], indicators: [{kpi: "N15428", dimension: "a", direction: "higher_better", weight: 1}]}));
  const invalid = path.join(tmp, "invalid.json");
  writeFileSync(invalid, JSON.stringify({name: "b", dimensions: [{id: "a", label: "A", weight: 1}], indicators: [{kpi: "N15428", dimension: "a", direction: "up", weight: -1}]}));
  const syntax = path.join(tmp, "syntax.json");
  writeFileSync(syntax, "{");

  it.each([
    [[], /--model FILE is required/],
    [["--model", good], /--year Y is required/],
    [["--model", good, "--year", "22"], /--year must be a four-digit year \(got "22"\)/],
    [["--model", good, "--year", "2022", "--format", "xml"], /--format must be one of csv, json \(got "xml"\)/],
    [["--model", good, "--year", "2022", "--colour", "red"], /unknown option --colour/],
    [["--model", good, "--year", "2022", "--colour"], /unknown option --colour/],
    [["--model", good, "--year", "2022", "--colour=red"], /unknown option --colour/],
    [["--model", good, "--year"], /--year needs a value/],
    [["--model", good, "--year", "--top", "5"], /--year needs a value/],
    [["--model", good, "--year", "2022", "--top"], /--top needs a value/],
    [["--model=", "--year", "2022"], /--model needs a value/],
    [["--model", good, "--year", "2022", "--top", "0"], /--top must be a whole number from 1 to 290 \(got "0"\)/],
    [["--model", good, "--year", "2022", "--top", "1e1"], /--top must be a whole number/],
    [["--model", good, "--year", "2022", "--top", "5", "--top", "6"], /--top is given twice/],
    [["--model", good, "--year", "2022", "extra"], /unexpected argument "extra"/]
  ])("bad arguments %j exit 2 naming the problem", async (argv, message) => {
    const out = await run(argv);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(message);
    expect(out.stderr).toMatch(/^audit: /);
    expect(out.stdout).toBe("");
  });

  it.each([
    [["--model", path.join(tmp, "nope.json"), "--year", "2022"], /nope\.json[\s\S]*cannot read the file: ENOENT/],
    [["--model", invalid, "--year", "2022"], /indicators\[0\]\.weight: must not be negative/],
    [["--model", syntax, "--year", "2022"], /not valid JSON/]
  ])("a missing or invalid model %j exits 1 naming the file and field, as rank does", async (argv, message) => {
    const out = await run(argv);
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(message);
    expect(out.stderr).toMatch(/^audit: /);
    expect(out.stdout).toBe("");
  });

  it("--help prints the usage and exits 0", async () => {
    const out = await run(["--help"]);
    expect(out.code).toBe(0);
    expect(out.stderr).toMatch(/^usage: npm run --silent audit -- --model FILE --year Y/);
  });

  it("a data problem exits 1 naming it", async () => {
    const late = await run(["--model", good, "--year", "2030"]);
    expect(late.code).toBe(1);
    expect(late.stderr).toMatch(/year 2030 is not in the data \(years 2010-2022\)/);
    const unknown = path.join(tmp, "unknown.json");
    writeFileSync(unknown, JSON.stringify({name: "u", dimensions: [{id: "a", label: "A", weight: 1}], indicators: [{kpi: "N99999", dimension: "a", direction: "higher_better", weight: 1}]}));
    const missing = await run(["--model", unknown, "--year", "2022"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/N99999.*missing from the data/);
    expect(missing.stdout).toBe("");
  }, 60_000);

  it("runs as a command: CSV on stdout and exit 0; exit 2 for an unknown last option; exit 1 for a data problem", async () => {
    const exec = promisify(execFile);
    const tsx = path.join(ROOT, "node_modules/.bin/tsx");
    const ok = await exec(tsx, ["cli/audit.ts", "--model", good, "--year", "2022"], {cwd: ROOT, env});
    const lines = ok.stdout.trim().split("\n");
    expect(lines[0]).toBe(HEADER);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^N15428,a,/);
    const bad = await exec(tsx, ["cli/audit.ts", "--model", good, "--year", "2022", "--bogus"], {cwd: ROOT, env}).catch((e) => e);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown option --bogus/);
    const data = await exec(tsx, ["cli/audit.ts", "--model", good, "--year", "2031"], {cwd: ROOT, env}).catch((e) => e);
    expect(data.code).toBe(1);
    expect(data.stderr).toMatch(/year 2031 is not in the data/);
  }, 60_000);
});
