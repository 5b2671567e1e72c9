/**
 * The rank command on the real Kolada snapshot, checked against the default
 * method computed independently in DuckDB SQL over the award-KPI Parquet file
 * (the loaders read the full-catalogue file, so the data path differs too).
 */
import {execFile} from "node:child_process";
import {existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import path from "node:path";
import {fileURLToPath} from "node:url";
import {promisify} from "node:util";
import {DuckDBInstance, type DuckDBConnection} from "@duckdb/node-api";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {parseCsvObjects} from "./helpers/csv.ts";
import {main, parseArgs} from "../cli/rank.ts";
import {loadDataset} from "../loaders/dataset.ts";
import {
  buildMatrix,
  parseModelText,
  prepareImprovement,
  prepareNomination,
  score,
  type ImprovementOptions,
  type NominationOptions,
  type RankOptions,
  type ScoreResult,
  type ValueMatrix
} from "../src/engine/index.ts";
import type {Model} from "../src/engine/model.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SNAPSHOT = process.env.KOLADA_SNAPSHOT_DIR ? path.resolve(process.env.KOLADA_SNAPSHOT_DIR) : path.resolve(ROOT, "../shared/kolada");
const env = {...process.env, KOLADA_SNAPSHOT_DIR: SNAPSHOT};
const SKK = path.join(ROOT, "data/models/skk-standard.json");
const tmp = mkdtempSync(path.join(tmpdir(), "rank-test-"));

async function run(argv: string[]): Promise<{code: number; stdout: string; stderr: string}> {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, {env, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s)});
  return {code, stdout, stderr};
}


let db: DuckDBConnection;
const q = async <T>(sql: string): Promise<T[]> => (await db.runAndReadAll(sql)).getRowObjectsJS() as T[];
const lit = (s: string) => `'${s.replaceAll("'", "''")}'`;

beforeAll(async () => {
  db = await (await DuckDBInstance.create(":memory:")).connect();
});
afterAll(() => {
  db?.closeSync();
  rmSync(tmp, {recursive: true, force: true});
});

/** A model from the candidate list: every KPI with a direction and an award dimension, varied weights. */
async function candidateModel(): Promise<Model> {
  const rows = await q<{kpi: string; dim: string; dir: string}>(
    `SELECT kpi_id AS kpi, award_dimension_proposal AS dim, direction AS dir
     FROM read_csv(${lit(path.join(SNAPSHOT, "kpis/award_candidate_kpis.csv"))})
     WHERE direction IN ('higher_better', 'lower_better') AND award_dimension_proposal <> 'context' AND in_ddf_snapshot
     ORDER BY kpi_id`
  );
  const dims = ["resursåtgång", "effektivitet", "effekt", "resultatkvalitet"];
  return {
    name: "candidate test model",
    dimensions: dims.map((id, i) => ({id, label: id, weight: [1, 2, 1.5, 3][i]!})),
    indicators: rows.map((r, i) => ({kpi: r.kpi, dimension: r.dim, direction: r.dir as "higher_better", weight: [1, 2, 0.5, 0, 1][i % 5]!}))
  };
}

interface Expected {
  code: string;
  score: number | null;
  rank: number | null;
  has: number;
  dims: Record<string, number | null>;
  steadiness: number | null;
}

/**
 * The default method in SQL. Nomination: z over year Y. Improvement: the
 * Theil-Sen slope (median of pairwise slopes) over the window's years present,
 * >= 3 years, divided by the first year's sample sd.
 */
async function expectedSql(model: Model, kind: "nomination" | "improvement", year: number, window = 4): Promise<Expected[]> {
  const values = lit(path.join(SNAPSHOT, "values/award_kpis_2010-2022_long.parquet"));
  const muns = lit(path.join(SNAPSHOT, "meta/municipalities_290.csv"));
  const modelRows = model.indicators.map((i) => `(${lit(i.kpi)}, ${lit(i.dimension)}, ${i.direction === "higher_better" ? 1 : -1}, ${i.weight})`).join(",");
  const dimRows = model.dimensions.map((d) => `(${lit(d.id)}, ${d.weight})`).join(",");
  const from = kind === "nomination" ? year : year - window + 1;
  const perKpi =
    kind === "nomination"
      ? `st AS (SELECT kpi, count(*) n, avg(value) mean, stddev_samp(value) sd, min(value) mn, max(value) mx FROM x WHERE year = ${year} GROUP BY kpi),
         v AS (SELECT x.kpi, x.m, mo.s * (x.value - st.mean) / st.sd AS v FROM x JOIN st USING (kpi) JOIN mo USING (kpi)
               WHERE x.year = ${year} AND st.n >= 3 AND st.mx > st.mn),
         spanok AS (SELECT kpi FROM mo),
         steady AS (SELECT NULL::VARCHAR AS m, NULL::DOUBLE AS steadiness WHERE false),`
      : `st AS (SELECT kpi, count(*) n, stddev_samp(value) sd, min(value) mn, max(value) mx FROM x WHERE year = ${from} GROUP BY kpi),
         a AS (SELECT x.kpi, x.m, x.year, mo.s * x.value AS a FROM x JOIN mo USING (kpi)),
         enough AS (SELECT kpi, m FROM a GROUP BY kpi, m HAVING count(*) >= 3),
         spans AS (SELECT kpi, m FROM a GROUP BY kpi, m HAVING count(*) >= 3 AND min(year) = ${from} AND max(year) = ${year}),
         spanok AS (SELECT s.kpi FROM spans s JOIN x ON x.kpi = s.kpi AND x.m = s.m AND x.year = ${from}
                    GROUP BY s.kpi HAVING count(*) >= 3 AND max(x.value) > min(x.value)),
         ts AS (SELECT p.kpi, p.m, median((q.a - p.a) / (q.year - p.year)) AS slope
                FROM a p JOIN a q ON p.kpi = q.kpi AND p.m = q.m AND p.year < q.year
                JOIN enough e ON e.kpi = p.kpi AND e.m = p.m GROUP BY p.kpi, p.m),
         v AS (SELECT ts.kpi, ts.m, ts.slope / st.sd AS v FROM ts JOIN st USING (kpi)
               WHERE st.n >= 3 AND st.mx > st.mn AND ts.kpi IN (SELECT kpi FROM spanok)),
         steady AS (SELECT p.m, avg(CASE WHEN q.a - p.a > 0 THEN 1.0 ELSE 0.0 END) AS steadiness
                    FROM a p JOIN a q ON p.kpi = q.kpi AND p.m = q.m AND q.year = p.year + 1
                    JOIN v ON v.kpi = p.kpi AND v.m = p.m JOIN mo ON mo.kpi = p.kpi WHERE mo.w > 0 GROUP BY p.m),`;
  const sql = `
    WITH mo(kpi, dim, s, w) AS (VALUES ${modelRows}),
    dims(dim, dw) AS (VALUES ${dimRows}),
    muns AS (SELECT municipality_code AS m FROM read_csv(${muns}, types = {'municipality_code': 'VARCHAR'})),
    x AS (SELECT kpi, municipality_id AS m, year, value FROM read_parquet(${values})
          WHERE gender = 'T' AND area_level = 'kommun' AND year BETWEEN ${from} AND ${year}
            AND kpi IN (SELECT kpi FROM mo) AND municipality_id IN (SELECT m FROM muns)),
    ${perKpi}
    usable AS (SELECT st.kpi FROM st JOIN mo USING (kpi) WHERE st.n >= 3 AND st.mx > st.mn AND mo.w > 0 AND st.kpi IN (SELECT kpi FROM spanok)),
    nu AS (SELECT count(*) AS u FROM usable),
    vw AS (SELECT v.m, mo.dim, mo.w, v.v FROM v JOIN mo USING (kpi) WHERE v.kpi IN (SELECT kpi FROM usable)),
    d AS (SELECT m, dim, sum(w * v) / sum(w) AS score FROM vw GROUP BY m, dim),
    cov AS (SELECT muns.m, count(vw.v) AS has FROM muns LEFT JOIN vw USING (m) GROUP BY muns.m),
    tot AS (SELECT d.m, sum(dims.dw * d.score) / sum(dims.dw) AS total, count(*) AS nd FROM d JOIN dims USING (dim) WHERE dims.dw > 0 GROUP BY d.m),
    ok AS (SELECT tot.m, tot.total FROM tot JOIN cov USING (m)
           WHERE 3 * cov.has >= 2 * (SELECT u FROM nu) AND tot.nd = (SELECT count(*) FROM dims WHERE dw > 0)),
    ranked AS (SELECT m, total, row_number() OVER (ORDER BY total DESC, m) AS rk FROM ok)
    SELECT cov.m AS code, ranked.total AS score, ranked.rk AS rank, cov.has AS has,
           (SELECT map(list(dim), list(score)) FROM d WHERE d.m = cov.m) AS dims, steady.steadiness
    FROM cov LEFT JOIN ranked USING (m) LEFT JOIN steady USING (m) ORDER BY cov.m`;
  const rows = await q<{code: string; score: number | null; rank: number | null; has: number; dims: {key: string; value: number}[] | null; steadiness: number | null}>(sql);
  return rows.map((r) => ({
    code: r.code,
    score: r.score,
    rank: r.rank === null ? null : Number(r.rank),
    has: Number(r.has),
    dims: Object.fromEntries((r.dims ?? []).map((e) => [e.key, e.value])),
    steadiness: r.steadiness
  }));
}

/** Compares the command's CSV with the SQL reference. */
function compare(csv: Record<string, string>[], expected: Expected[], model: Model, kind: "nomination" | "improvement") {
  expect(csv.length).toBe(290);
  const byCode = new Map(expected.map((e) => [e.code, e]));
  const ranked = csv.filter((r) => r.rank !== "");
  expect(ranked.length).toBeGreaterThan(200);
  // Ranked first, in rank order; then the unranked with a reason.
  expect(ranked.map((r) => Number(r.rank))).toEqual(ranked.map((_, i) => i + 1));
  expect(csv.slice(0, ranked.length).every((r) => r.rank !== "")).toBe(true);
  for (const row of csv) {
    const e = byCode.get(row.municipality_code!)!;
    expect(e, row.municipality_code).toBeDefined();
    expect(row.rank === "" ? null : Number(row.rank), row.municipality_code).toBe(e.rank);
    expect(Number(row.coverage_n), row.municipality_code).toBe(e.has);
    for (const d of model.dimensions) {
      const got = row[`dim_${d.id}`]!;
      const want = e.dims[d.id] ?? null;
      if (want === null) expect(got).toBe("");
      else expect(Number(got)).toBeCloseTo(want, 10);
    }
    if (e.rank !== null) {
      // The reference itself must be complete for ranked municipalities.
      expect(Object.keys(e.dims).length).toBeGreaterThanOrEqual(model.dimensions.filter((d) => d.weight > 0).length);
      if (kind === "improvement") expect(e.steadiness).not.toBeNull();
    }
    if (e.rank === null) {
      expect(row.score).toBe("");
      expect(row.status).toMatch(/^otillräckliga data: /);
    } else {
      expect(Number(row.score)).toBeCloseTo(e.score!, 10);
      expect(row.status).toBe("rankad");
    }
    if (kind === "improvement" && e.steadiness !== null) expect(Number(row.steadiness)).toBeCloseTo(e.steadiness, 12);
  }
}

describe("rank command on the real snapshot", () => {
  let model: Model;
  let modelFile: string;
  beforeAll(async () => {
    model = await candidateModel();
    modelFile = path.join(tmp, "candidate.json");
    writeFileSync(modelFile, JSON.stringify(model));
  });

  it("has the snapshot", () => {
    expect(existsSync(path.join(SNAPSHOT, "values/award_kpis_2010-2022_long.parquet"))).toBe(true);
  });

  for (const year of [2022, 2019]) {
    it(`nomination ${year} equals the SQL reference`, async () => {
      const out = await run(["--model", modelFile, "--year", String(year)]);
      expect(out.stderr).toBe("");
      expect(out.code).toBe(0);
      const header = out.stdout.slice(0, out.stdout.indexOf("\n")).split(",");
      expect(header.slice(0, 4)).toEqual(["rank", "municipality_code", "municipality_name", "score"]);
      expect(header.at(-1)).toBe("status");
      compare(parseCsvObjects(out.stdout).rows, await expectedSql(model, "nomination", year), model, "nomination");
    }, 60_000);
  }

  for (const [year, window] of [
    [2022, 4],
    [2021, 3]
  ] as const) {
    it(`improvement ${year}, window ${window}, equals the SQL reference`, async () => {
      const out = await run(["--model", modelFile, "--year", String(year), "--kind", "improvement", "--window", String(window)]);
      expect(out.stderr).toBe("");
      expect(out.code).toBe(0);
      compare(parseCsvObjects(out.stdout).rows, await expectedSql(model, "improvement", year, window), model, "improvement");
    }, 60_000);
  }

  it("has the default model, data/models/skk-standard.json", () => {
    // Fails (never skips) when the model file is renamed or removed: the site, the e2e tests and these comparisons depend on it.
    expect(existsSync(SKK), SKK).toBe(true);
  });

  it("skk-standard 2022, both kinds, equals the SQL reference", async () => {
    expect(existsSync(SKK), SKK).toBe(true);
    const skk = JSON.parse(readFileSync(SKK, "utf8")) as Model;
    for (const kind of ["nomination", "improvement"] as const) {
      const out = await run(["--model", SKK, "--year", "2022", "--kind", kind]);
      expect(out.stderr).toBe("");
      compare(parseCsvObjects(out.stdout).rows, await expectedSql(skk, kind, 2022), skk, kind);
    }
  }, 120_000);

  it("writes JSON with the source, the left-out KPIs and every row", async () => {
    const out = await run(["--model", modelFile, "--year", "2012", "--format", "json", "--window", "3"]);
    expect(out.code).toBe(0);
    const json = JSON.parse(out.stdout);
    expect(json.source.kind).toBe("snapshot");
    // The snapshot by its folder's name, never this machine's path: the same command gives the same JSON anywhere.
    expect(json.source.location).toBe(path.basename(path.resolve(ROOT, process.env.KOLADA_SNAPSHOT_DIR ?? "../shared/kolada")));
    expect(out.stdout).not.toContain(path.sep + "shared" + path.sep);
    expect(json.rows).toHaveLength(290);
    expect(json.leftOut.length).toBeGreaterThan(0);
    expect(json.leftOut[0]).toMatchObject({code: expect.stringMatching(/too_few_values|no_spread/), year: 2012});
    const csv = parseCsvObjects((await run(["--model", modelFile, "--year", "2012"])).stdout).rows;
    expect(csv.map((r) => r.municipality_code)).toEqual(json.rows.map((r: {code: string}) => r.code));
  }, 60_000);
});

/** A row of the command's JSON or of the engine's result, in the JSON's terms. */
interface ComparableRow {
  code: string;
  rank: number | null;
  overallRank: number | null;
  group: string | null;
  score: number | null;
  steadiness: number | null;
  status: string;
  reasons: unknown[];
  coverage: unknown;
  dimensionScores: Record<string, number | null>;
}

const comparable = (r: ComparableRow): ComparableRow => ({
  code: r.code,
  rank: r.rank,
  overallRank: r.overallRank,
  group: r.group,
  score: r.score,
  steadiness: r.steadiness,
  status: r.status,
  reasons: r.reasons,
  coverage: r.coverage,
  dimensionScores: r.dimensionScores
});

/** The engine's rows as the JSON writes them (dimension scores by dimension id). */
function engineRows(result: ScoreResult): ComparableRow[] {
  const dims = result.prepared.dimensions.map((d) => d.id);
  return result.rows.map((r) => comparable({...r, reasons: r.reasons, dimensionScores: Object.fromEntries(dims.map((d, i) => [d, r.dimensionScores[i]!]))}));
}

/**
 * Each method flag of the rank command, on skk-standard 2022: the command's
 * JSON equals, row by row and score by score, the engine's own result for the
 * same option computed here (prepareNomination / prepareImprovement + score
 * on the same data), and that result differs from the default method's where
 * the option should change something. A flag the command ignored would give
 * the default's rows and fail both checks.
 */
describe("rank command: every method flag reaches the engine", () => {
  let skk: Model;
  let matrix: ValueMatrix;
  let nominationDefault: ScoreResult;
  let improvementDefault: ScoreResult;

  beforeAll(async () => {
    expect(existsSync(SKK), SKK).toBe(true);
    skk = parseModelText(readFileSync(SKK, "utf8"), SKK);
    const kpis = skk.indicators.map((i) => i.kpi);
    const data = await loadDataset({env, kpis, models: [{id: "skk-standard", file: SKK, model: skk}]});
    matrix = buildMatrix({municipalities: data.municipalities, values: data.values, kpis});
    nominationDefault = score(prepareNomination(matrix, skk, 2022));
    improvementDefault = score(prepareImprovement(matrix, skk, 2022));
  }, 60_000);

  async function json(flags: string[]): Promise<{method: Record<string, unknown>; notes: unknown[]; window: unknown; rows: ComparableRow[]}> {
    const out = await run(["--model", SKK, "--year", "2022", "--format", "json", ...flags]);
    expect(out.stderr).toBe("");
    expect(out.code).toBe(0);
    return JSON.parse(out.stdout);
  }

  /** How a result differs from the default method's: scores, or only ranks (grouping), or who is ranked (min steadiness). */
  type Change = "none" | "scores" | "ranks only" | "fewer ranked";

  function change(result: ScoreResult, base: ScoreResult): Change {
    const baseScore = new Map(base.rows.map((r) => [r.code, r.score]));
    const baseRank = new Map(base.rows.map((r) => [r.code, r.rank]));
    const rankedNow = result.rows.filter((r) => r.rank !== null);
    const ranked = base.rows.filter((r) => r.rank !== null).length;
    if (rankedNow.length < ranked && rankedNow.every((r) => r.score === baseScore.get(r.code))) return "fewer ranked";
    if (result.rows.some((r) => r.score !== baseScore.get(r.code))) return "scores";
    if (result.rows.some((r) => r.rank !== baseRank.get(r.code))) return "ranks only";
    return "none";
  }

  const nominationCases: [string[], NominationOptions, RankOptions, Change][] = [
    [["--normalisation", "zscore"], {normalisation: "zscore"}, {}, "none"],
    [["--normalisation", "minmax"], {normalisation: "minmax"}, {}, "scores"],
    [["--normalisation", "percentile"], {normalisation: "percentile"}, {}, "scores"],
    [["--normalisation", "goalposts"], {normalisation: "goalposts"}, {}, "scores"],
    [["--aggregation", "geometric"], {aggregation: "geometric"}, {}, "scores"],
    [["--winsorise"], {winsorise: true}, {}, "scores"],
    [["--group", "kommungrupp"], {}, {grouping: "kommungrupp"}, "ranks only"],
    [["--group", "main-group"], {}, {grouping: "mainGroup"}, "ranks only"]
  ];

  it.each(nominationCases)("nomination %j: the output is the engine's result for that option", async (flags, options, rankOptions, expected) => {
    const out = await json(flags);
    const result = score(prepareNomination(matrix, skk, 2022, options), undefined, rankOptions);
    expect(out.rows.map(comparable)).toEqual(engineRows(result));
    expect(change(result, nominationDefault)).toBe(expected);
    expect(out.method).toMatchObject({
      normalisation: options.normalisation ?? "zscore",
      aggregation: options.aggregation ?? "arithmetic",
      winsorise: options.winsorise ?? false,
      grouping: rankOptions.grouping ?? "none",
      geometricShift: options.aggregation === "geometric" ? result.shift : null
    });
    expect(out.notes).toEqual(result.prepared.notes);
    if (options.winsorise) expect(out.notes.length).toBeGreaterThan(0);
  }, 60_000);

  const improvementCases: [string[], ImprovementOptions, RankOptions, Change][] = [
    [["--method", "theil-sen"], {method: "theil-sen"}, {}, "none"],
    [["--method", "national"], {method: "national"}, {}, "scores"],
    [["--method", "regression"], {method: "regression"}, {}, "scores"],
    [["--window", "3"], {window: 3}, {}, "scores"],
    [["--window", "4"], {window: 4}, {}, "none"],
    [["--aggregation", "geometric"], {aggregation: "geometric"}, {}, "scores"],
    [["--winsorise"], {winsorise: true}, {}, "scores"],
    [["--group", "kommungrupp"], {}, {grouping: "kommungrupp"}, "ranks only"],
    [["--min-steadiness", "0.5"], {}, {minSteadiness: 0.5}, "fewer ranked"]
  ];

  it.each(improvementCases)("improvement %j: the output is the engine's result for that option", async (flags, options, rankOptions, expected) => {
    const out = await json(["--kind", "improvement", ...flags]);
    const result = score(prepareImprovement(matrix, skk, 2022, options), undefined, rankOptions);
    expect(out.rows.map(comparable)).toEqual(engineRows(result));
    expect(change(result, improvementDefault)).toBe(expected);
    expect(out.method).toMatchObject({
      improvement: options.method ?? "theil-sen",
      aggregation: options.aggregation ?? "arithmetic",
      winsorise: options.winsorise ?? false,
      grouping: rankOptions.grouping ?? "none",
      minSteadiness: rankOptions.minSteadiness ?? null
    });
    expect(out.window).toEqual({from: 2022 - (options.window ?? 4) + 1, to: 2022, length: options.window ?? 4});
    expect(out.notes).toEqual(result.prepared.notes);
    if (rankOptions.minSteadiness !== undefined) {
      // Those left out are exactly the default's ranked municipalities below the minimum, each with the reason.
      const below = improvementDefault.rows.filter((r) => r.rank !== null && r.steadiness! < 0.5).map((r) => r.code);
      expect(below.length).toBeGreaterThan(0);
      const leftOut = out.rows.filter((r) => r.rank === null && improvementDefault.rows.find((d) => d.code === r.code)!.rank !== null);
      expect(leftOut.map((r) => r.code).sort()).toEqual(below.sort());
      for (const r of leftOut) expect(JSON.stringify(r.reasons)).toMatch(/stadighet [\d.]+ % under kravet 50 %/);
    }
  }, 60_000);

  it("the default method's output is the engine's default result, both kinds", async () => {
    expect((await json([])).rows.map(comparable)).toEqual(engineRows(nominationDefault));
    expect((await json(["--kind", "improvement"])).rows.map(comparable)).toEqual(engineRows(improvementDefault));
  }, 60_000);
});

describe("rank command errors", () => {
  const good = path.join(tmp, "good.json");
  writeFileSync(good, JSON.stringify({name: "g", dimensions: [{id: "a", label: "A", weight: 1}], indicators: [{kpi: "N15428", dimension: "a", direction: "higher_better", weight: 1}]}));

  it.each([
    [[], /--model FILE is required/],
    [["--model", good], /--year Y is required/],
    [["--model", good, "--year", "22"], /--year must be a four-digit year/],
    [["--model", good, "--year", "2022", "--kind", "best"], /--kind must be one of nomination, improvement/],
    [["--model", good, "--year", "2022", "--window", "5"], /--window must be one of 3, 4/],
    [["--model", good, "--year", "2022", "--format", "xml"], /--format must be one of csv, json/],
    [["--model", good, "--year", "2022", "--colour", "red"], /unknown option --colour/],
    [["--model", good, "--year", "2022", "--foo"], /unknown option --foo/],
    [["--model", good, "--year"], /--year needs a value/],
    [["--model", good, "--year", "2022", "extra"], /unexpected argument "extra"/],
    [["--model", good, "--year", "2022", "--kind", "improvement", "--normalisation", "minmax"], /--normalisation applies to --kind nomination only/],
    [["--model", good, "--year", "2022", "--kind", "improvement", "--min-steadiness", "2"], /--min-steadiness must be a number from 0 to 1/]
  ])("bad arguments %j exit 2 naming the problem", async (argv, message) => {
    const out = await run(argv);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(message);
    expect(out.stdout).toBe("");
  });

  it("accepts and ignores --window for nomination", () => {
    expect(parseArgs(["--model", "m.json", "--year", "2022", "--window", "3"]).kind).toBe("nomination");
  });

  it("a missing or invalid model exits 1 naming the file and field", async () => {
    const missing = await run(["--model", path.join(tmp, "nope.json"), "--year", "2022"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nope\.json[\s\S]*cannot read the file: ENOENT/);
    const bad = path.join(tmp, "bad.json");
    writeFileSync(bad, JSON.stringify({name: "b", dimensions: [{id: "a", label: "A", weight: 1}], indicators: [{kpi: "N15428", dimension: "a", direction: "up", weight: -1}]}));
    const out = await run(["--model", bad, "--year", "2022"]);
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/indicators\[0\]\.direction/);
    expect(out.stderr).toMatch(/indicators\[0\]\.weight: must not be negative/);
    const syntax = path.join(tmp, "syntax.json");
    writeFileSync(syntax, "{");
    expect((await run(["--model", syntax, "--year", "2022"])).stderr).toMatch(/not valid JSON/);
  });

  it("an infinite weight (1e400 in JSON) is named as not finite", async () => {
    const inf = path.join(tmp, "inf.json");
    writeFileSync(inf, readFileSync(good, "utf8").replace('"weight":1}]', '"weight":1e400}]'));
    const out = await run(["--model", inf, "--year", "2022"]);
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/dimensions\[0\]\.weight: must be a finite number/);
  });

  it.each([
    ["every dimension weight is 0", {dimensions: [{id: "a", label: "A", weight: 0}], kpis: [["N15428", "a", 1]]}, "2022", /nothing could be ranked \(2022\): alla dimensionsvikter är 0/],
    [
      "a weighted dimension has no weighted KPI",
      {dimensions: [{id: "a", label: "A", weight: 1}, {id: "b", label: "Bee", weight: 1}], kpis: [["N15428", "a", 1], ["N15419", "b", 0]]},
      "2022",
      /nothing could be ranked \(2022\): dimensionen Bee har vikt men inga användbara KPI:er med vikt > 0/
    ],
    ["no KPI has values in the year", {dimensions: [{id: "a", label: "A", weight: 1}], kpis: [["U21468", "a", 1]]}, "2021", /nothing could be ranked \(2021\): ingen av modellens KPI:er har användbara värden år 2021/]
  ])("nothing ranked (%s) exits 1 saying why, with nothing on stdout", async (_case, spec, year, message) => {
    const file = path.join(tmp, `nothing-${year}-${spec.dimensions.length}-${spec.dimensions[0]!.weight}.json`);
    writeFileSync(
      file,
      JSON.stringify({name: "n", dimensions: spec.dimensions, indicators: spec.kpis.map(([kpi, dimension, weight]) => ({kpi, dimension, direction: "higher_better", weight}))})
    );
    const out = await run(["--model", file, "--year", year]);
    expect(out.stderr).toMatch(message);
    expect(out.code).toBe(1);
    expect(out.stdout).toBe("");
  }, 60_000);

  it("a KPI the data lacks, or a year outside the data, exits 1", async () => {
    const unknown = path.join(tmp, "unknown.json");
    writeFileSync(unknown, JSON.stringify({name: "u", dimensions: [{id: "a", label: "A", weight: 1}], indicators: [{kpi: "N99999", dimension: "a", direction: "higher_better", weight: 1}]}));
    const out = await run(["--model", unknown, "--year", "2022"]);
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/N99999.*missing from the data/);
    const late = await run(["--model", good, "--year", "2030"]);
    expect(late.code).toBe(1);
    expect(late.stderr).toMatch(/year 2030 is not in the data \(years 2010-2022\)/);
    const early = await run(["--model", good, "--year", "2011", "--kind", "improvement"]);
    expect(early.stderr).toMatch(/window 2008-2011 is not covered/);
  }, 60_000);

  it("runs as a command: CSV on stdout and exit 0, non-zero with a message on error", async () => {
    const exec = promisify(execFile);
    const tsx = path.join(ROOT, "node_modules/.bin/tsx");
    const ok = await exec(tsx, ["cli/rank.ts", "--model", good, "--year", "2022"], {cwd: ROOT, env});
    expect(ok.stdout.split("\n")[0]).toBe("rank,municipality_code,municipality_name,score,dim_a,coverage_n,coverage_of,status");
    expect(ok.stdout.trim().split("\n")).toHaveLength(291);
    const failed = await exec(tsx, ["cli/rank.ts", "--model", good, "--year", "2022", "--kind", "x"], {cwd: ROOT, env}).catch((e) => e);
    expect(failed.code).toBe(2);
    expect(failed.stderr).toMatch(/--kind must be one of/);
  }, 60_000);
});
