/**
 * The scenarios command on the real Kolada snapshot. Every model is also
 * ranked by the `rank` command (whose ranking is checked against SQL in
 * cli-rank.test.ts); the rank columns must equal `rank`'s, and the
 * membership, Kendall's τ, Spearman's ρ and the Jaccard overlap are computed
 * independently in DuckDB SQL over `rank`'s CSV files. The models: the
 * default, the default with other weights, and a model of KPIs outside the
 * default model taken from Kolada's award-candidate list.
 */
import {execFile} from "node:child_process";
import {readFileSync, writeFileSync} from "node:fs";
import path from "node:path";
import {promisify} from "node:util";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {parseCsv} from "./helpers/csv.ts";
import {REPO_ROOT} from "../loaders/config.ts";
import {main as rankMain} from "../cli/rank.ts";
import {main, modelIds, parseScenariosArgs} from "../cli/scenarios.ts";
import {UsageError} from "../cli/args.ts";
import {parseModel, type Model} from "../src/engine/index.ts";
import {makeScenario, scenarioFileText, type ImprovementSettings, type NominationSettings, type Scenario} from "../src/lib/state/scenario-codec.ts";
import {sql} from "./helpers/duckdb.ts";
import {removeTempDirs, tempDir} from "./helpers/temp.ts";

const SNAPSHOT = path.resolve(REPO_ROOT, process.env.KOLADA_SNAPSHOT_DIR ?? "../shared/kolada");
const env = {...process.env, KOLADA_SNAPSHOT_DIR: SNAPSHOT};
const SKK = path.join(REPO_ROOT, "data/models/skk-standard.json");
const tmp = tempDir("scenarios-test-");
const lit = (s: string) => `'${s.replaceAll("'", "''")}'`;

type Run = {code: number; stdout: string; stderr: string};

async function run(argv: string[]): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, {env, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s)});
  return {code, stdout, stderr};
}


function writeModel(name: string, model: Model): string {
  const file = path.join(tmp, `${name}.json`);
  writeFileSync(file, JSON.stringify(model, null, 2));
  return file;
}

const skk = JSON.parse(readFileSync(SKK, "utf8")) as Model;
/** The default model with effekt at 2 and resultatkvalitet at 0.5. */
const reweighted: Model = {
  ...skk,
  name: "SKK omviktad",
  dimensions: skk.dimensions.map((d) => ({...d, weight: d.id === "effekt" ? 2 : d.id === "resultatkvalitet" ? 0.5 : d.weight}))
};
let candidate: Model;
let files: string[];
const YEAR = 2021;
const TOP = 12;
let rankCsv: Map<string, string>;

beforeAll(async () => {
  // Every third award candidate with a direction, outside the default model: KPIs the default model does not use.
  const inSkk = new Set(skk.indicators.map((i) => i.kpi));
  const rows = await sql<{kpi: string; dim: string; dir: string}>(
    `SELECT kpi_id AS kpi, award_dimension_proposal AS dim, direction AS dir
     FROM read_csv(${lit(path.join(SNAPSHOT, "kpis/award_candidate_kpis.csv"))})
     WHERE direction IN ('higher_better', 'lower_better') AND award_dimension_proposal <> 'context' AND in_ddf_snapshot
     ORDER BY kpi_id`
  );
  const picked = rows.filter((r) => !inSkk.has(r.kpi)).filter((_, i) => i % 3 === 0);
  const dims = [...new Set(picked.map((r) => r.dim))];
  candidate = {
    name: "Kandidatmodell",
    dimensions: dims.map((id, i) => ({id, label: id, weight: 1 + (i % 2)})),
    indicators: picked.map((r, i) => ({kpi: r.kpi, dimension: r.dim, direction: r.dir as "higher_better", weight: [1, 2, 0.5][i % 3]!}))
  };
  files = [SKK, writeModel("omviktad", reweighted), writeModel("kandidater", candidate)];
  // The rank command's CSV per model, for the SQL reference.
  rankCsv = new Map();
  for (const [i, file] of files.entries()) {
    let stdout = "";
    let stderr = "";
    const code = await rankMain(["--model", file, "--year", String(YEAR)], {env, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s)});
    expect(code, stderr).toBe(0);
    const out = path.join(tmp, `rank-${i}.csv`);
    writeFileSync(out, stdout);
    rankCsv.set(modelIds(files)[i]!, out);
  }
}, 120_000);

afterAll(() => removeTempDirs());

/** `rank`'s ranks of every model, as one SQL relation (model, code, rank; NULL = unranked). */
function ranksSql(): string {
  return [...rankCsv]
    .map(([id, file]) => `SELECT ${lit(id)} AS model, municipality_code AS code, rank FROM read_csv(${lit(file)}, header = true, types = {'municipality_code': 'VARCHAR', 'rank': 'INTEGER'})`)
    .join(" UNION ALL ");
}

describe("scenarios --format csv", () => {
  let out: Run;
  beforeAll(async () => {
    out = await run(["--models", ...files, "--year", String(YEAR), "--top", String(TOP)]);
  }, 120_000);

  it("has the columns: code, name, one rank per model (by file name), count, membership", () => {
    expect(out.stderr).toBe("");
    expect(out.code).toBe(0);
    expect(parseCsv(out.stdout).header).toEqual(["municipality_code", "municipality_name", "rank_skk-standard", "rank_omviktad", "rank_kandidater", "in_top_n_count", "membership"]);
  });

  it("has one row per municipality in any top N, with membership, counts and ranks equal to SQL over the rank command's output", async () => {
    const expected = await sql<{code: string; cnt: bigint; membership: string; ranks: (number | null)[]}>(`
      WITH r AS (${ranksSql()}),
      counted AS (SELECT code, count(*) FILTER (WHERE rank <= ${TOP}) AS cnt FROM r GROUP BY code)
      SELECT c.code, c.cnt,
             CASE WHEN c.cnt = 3 THEN 'alla' WHEN c.cnt = 1 THEN 'en' ELSE 'flera' END AS membership,
             [(SELECT rank FROM r WHERE r.code = c.code AND model = 'skk-standard'),
              (SELECT rank FROM r WHERE r.code = c.code AND model = 'omviktad'),
              (SELECT rank FROM r WHERE r.code = c.code AND model = 'kandidater')] AS ranks
      FROM counted c WHERE c.cnt > 0 ORDER BY c.code`);
    const rows = parseCsv(out.stdout).rows;
    const got = rows
      .map((r) => ({code: r[0]!, cnt: Number(r[5]), membership: r[6]!, ranks: r.slice(2, 5).map((x) => (x === "" ? null : Number(x)))}))
      .sort((a, b) => (a.code < b.code ? -1 : 1));
    expect(got).toEqual(expected.map((e) => ({code: e.code, cnt: Number(e.cnt), membership: e.membership, ranks: e.ranks})));
    // Every word occurs with these models, so each branch is checked.
    expect(new Set(got.map((g) => g.membership))).toEqual(new Set(["alla", "flera", "en"]));
    // At least one row where a model does not rank the municipality (the candidate model's coverage differs).
    expect(rows.length).toBeGreaterThan(TOP);
  });

  it("names the municipalities as the rank command does", () => {
    const rankNames = new Map(parseCsv(readFileSync(rankCsv.get("skk-standard")!, "utf8")).rows.map((r) => [r[1]!, r[2]!]));
    for (const r of parseCsv(out.stdout).rows) expect(r[1]).toBe(rankNames.get(r[0]!));
  });

  it("sorts by count (descending), then the best rank in any model, then code", () => {
    const rows = parseCsv(out.stdout).rows;
    const key = (r: string[]) => [-Number(r[5]), Math.min(...r.slice(2, 5).filter((x) => x !== "").map(Number)), r[0]!] as const;
    const sorted = [...rows].sort((a, b) => {
      const [p, q] = [key(a), key(b)];
      return p[0] - q[0] || p[1] - q[1] || (p[2] < q[2] ? -1 : 1);
    });
    expect(rows).toEqual(sorted);
  });
});

describe("scenarios --format json", () => {
  let json: {
    year: number;
    top_n: number;
    models: {id: string; file: string; column: string}[];
    municipalities: {municipality_code: string; ranks: Record<string, number | null>; in_top_n_count: number; membership: string}[];
    pairs: {a: string; b: string; kendall_tau_b: number; spearman_rho: number; n_common: number; jaccard_top_n: number; top_n_both: number; top_n_either: number}[];
  };
  let csv: string;
  beforeAll(async () => {
    const out = await run(["--models", ...files, "--year", String(YEAR), "--top", String(TOP), "--format", "json"]);
    expect(out.code, out.stderr).toBe(0);
    json = JSON.parse(out.stdout);
    csv = (await run(["--models", ...files, "--year", String(YEAR), "--top", String(TOP)])).stdout;
  }, 120_000);

  it("holds the CSV's rows", () => {
    expect(json.year).toBe(YEAR);
    expect(json.top_n).toBe(TOP);
    expect(json.models.map((m) => m.column)).toEqual(["rank_skk-standard", "rank_omviktad", "rank_kandidater"]);
    const rows = parseCsv(csv).rows;
    expect(json.municipalities.map((m) => [m.municipality_code, ...json.models.map((x) => (m.ranks[x.id] === null ? "" : String(m.ranks[x.id]))), String(m.in_top_n_count), m.membership])).toEqual(
      rows.map((r) => [r[0], ...r.slice(2)])
    );
  });

  it("has every pair's τ, ρ and Jaccard equal to SQL over the rank command's output", async () => {
    expect(json.pairs.map((p) => [p.a, p.b])).toEqual([
      ["skk-standard", "omviktad"],
      ["skk-standard", "kandidater"],
      ["omviktad", "kandidater"]
    ]);
    for (const p of json.pairs) {
      // Ranked by both; ranks have no ties, so τ = (concordant − discordant) / (n(n−1)/2), ρ = Pearson of the re-ranked ranks.
      const [ref] = await sql<{n: bigint; tau: number; rho: number; both: bigint; either: bigint}>(`
        WITH r AS (${ranksSql()}),
        c AS (SELECT a.code, a.rank AS ra, b.rank AS rb FROM r a JOIN r b ON a.code = b.code
              WHERE a.model = ${lit(p.a)} AND b.model = ${lit(p.b)} AND a.rank IS NOT NULL AND b.rank IS NOT NULL),
        tau AS (SELECT sum(sign(p.ra - q.ra) * sign(p.rb - q.rb)) AS s FROM c p JOIN c q ON p.code < q.code),
        rr AS (SELECT rank() OVER (ORDER BY ra) AS xa, rank() OVER (ORDER BY rb) AS xb FROM c),
        ta AS (SELECT code FROM r WHERE model = ${lit(p.a)} AND rank <= ${TOP}),
        tb AS (SELECT code FROM r WHERE model = ${lit(p.b)} AND rank <= ${TOP})
        SELECT (SELECT count(*) FROM c) AS n,
               (SELECT s FROM tau) / ((SELECT count(*) FROM c) * ((SELECT count(*) FROM c) - 1) / 2) AS tau,
               (SELECT corr(xa, xb) FROM rr) AS rho,
               (SELECT count(*) FROM ta JOIN tb USING (code)) AS both,
               (SELECT count(*) FROM (SELECT code FROM ta UNION SELECT code FROM tb)) AS either`);
      expect(p.n_common).toBe(Number(ref!.n));
      expect(p.kendall_tau_b).toBeCloseTo(ref!.tau, 12);
      expect(p.spearman_rho).toBeCloseTo(ref!.rho, 12);
      expect([p.top_n_both, p.top_n_either]).toEqual([Number(ref!.both), Number(ref!.either)]);
      expect(p.jaccard_top_n).toBe(Number(ref!.both) / Number(ref!.either));
    }
    // The candidate model ranks other municipalities: its pairs are over fewer than the default's 285.
    expect(json.pairs[1]!.n_common).toBeLessThan(json.pairs[0]!.n_common);
  }, 60_000);
});

describe("file names and defaults", () => {
  it("gives two files of the same name distinct columns, and top N defaults to 10", async () => {
    const copy = path.join(tempDir("scenarios-copy-"), "skk-standard.json");
    writeFileSync(copy, readFileSync(SKK));
    const out = await run(["--models", SKK, copy, "--year", "2022"]);
    expect(out.code, out.stderr).toBe(0);
    const {header, rows} = parseCsv(out.stdout);
    expect(header.slice(2, 4)).toEqual(["rank_skk-standard", "rank_skk-standard_2"]);
    // The same model twice: exactly its top 10, all "alla", equal ranks.
    expect(rows).toHaveLength(10);
    for (const r of rows) expect([r[2], r[4], r[5]]).toEqual([r[3], "2", "alla"]);
    expect(rows.map((r) => Number(r[2]))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  }, 60_000);

  it("accepts --models=FILE followed by more files", () => {
    expect(parseScenariosArgs(["--models=a.json", "b.json", "--year", "2022"]).models).toEqual(["a.json", "b.json"]);
    expect(parseScenariosArgs(["--year", "2022", "--models", "a.json", "b.json", "c.json", "--top", "5"])).toEqual({models: ["a.json", "b.json", "c.json"], year: 2022, top: 5, format: "csv"});
  });
});

describe("errors", () => {
  const usage: [string[], string][] = [
    [["--year", "2022"], "--models FILE FILE... (or --scenarios FILE) is required"],
    [["--models", "a.json", "b.json", "--scenarios", "s.json"], "give --models or --scenarios, not both"],
    [["--models", "a.json", "b.json", "--year", "2022", "--pick", "1,2"], "--pick applies to --scenarios only"],
    [["--scenarios", "s.json", "--pick", "2"], "--pick needs at least two scenarios to compare (got 1)"],
    [["--scenarios", "s.json", "--pick", "0,1"], '--pick must be scenario positions 1, 2, … separated by commas (got "0,1")'],
    [["--models", "a.json", "--year", "2022"], "--models needs at least two files to compare (got 1)"],
    [["--models", "--year", "2022"], "--models needs a value"],
    [["--models", "a.json", "b.json", "--models", "c.json", "--year", "2022"], "--models is given twice"],
    [["--models", "a.json", "b.json"], "--year Y is required"],
    [["--models", "a.json", "b.json", "--year", "22"], '--year must be a four-digit year (got "22")'],
    [["--models", "a.json", "b.json", "--year", "2022", "--top", "0"], '--top must be a whole number from 1 to 290 (got "0")'],
    [["--models", "a.json", "b.json", "--year", "2022", "--format", "xlsx"], '--format must be one of csv, json (got "xlsx")'],
    [["--models", "a.json", "b.json", "--year", "2022", "--kind", "improvement"], "unknown option --kind"]
  ];
  for (const [argv, message] of usage)
    it(`exits 2 with the usage: ${message}`, async () => {
      expect(() => parseScenariosArgs(argv)).toThrow(UsageError);
      const out = await run(argv);
      expect(out.code).toBe(2);
      expect(out.stderr).toContain(`scenarios: ${message}\n`);
      expect(out.stderr).toContain("usage: npm run --silent scenarios");
      expect(out.stdout).toBe("");
    });

  it("--help prints the usage and exits 0", async () => {
    const out = await run(["--help"]);
    expect(out).toMatchObject({code: 0, stdout: ""});
    expect(out.stderr).toContain("usage:");
  });

  it("exits 1 naming a file that cannot be read", async () => {
    const missing = path.join(tmp, "finns-inte.json");
    const out = await run(["--models", SKK, missing, "--year", "2022"]);
    expect(out.code).toBe(1);
    expect(out.stderr).toContain(missing);
    expect(out.stderr).toContain("ENOENT");
    expect(out.stdout).toBe("");
  });

  it("exits 1 naming the file and the field of an invalid model", async () => {
    const bad = writeModel("negativ", {...skk, indicators: skk.indicators.map((ind, i) => (i === 3 ? {...ind, weight: -1} : ind))});
    const out = await run(["--models", SKK, bad, "--year", "2022"]);
    expect(out.code).toBe(1);
    expect(out.stderr).toContain(bad);
    expect(out.stderr).toContain("indicators[3].weight: must not be negative");
  });

  it("exits 1 naming a file that is not JSON", async () => {
    const bad = path.join(tmp, "trasig.json");
    writeFileSync(bad, "{not json");
    const out = await run(["--models", bad, SKK, "--year", "2022"]);
    expect(out.code).toBe(1);
    expect(out.stderr).toContain(`${bad}:\n  - not valid JSON`);
  });

  it("exits 1 naming a model that ranks nobody", async () => {
    const zero = writeModel("nollvikter", {...skk, dimensions: skk.dimensions.map((d) => ({...d, weight: 0}))});
    const out = await run(["--models", SKK, zero, "--year", "2022"]);
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/^scenarios: .*nollvikter\.json: nothing could be ranked \(2022\): /);
    expect(out.stdout).toBe("");
  });

  it("exits 1 for a year outside the data", async () => {
    const out = await run(["--models", SKK, files[1]!, "--year", "1999"]);
    expect(out).toEqual({code: 1, stdout: "", stderr: "scenarios: year 1999 is not in the data (years 2010-2022)\n"});
  });
});

describe("scenarios --scenarios FILE (the Scenarier page's export)", () => {
  const base: NominationSettings = {model: "skk-standard", year: 2020, norm: "zscore", agg: "arithmetic", wins: false, scope: "all", top: 8, lan: [], grupp: [], dw: {}, w: {}, rader: "topp"};
  const improvement: ImprovementSettings = {model: "skk-standard", year: 2021, window: 3, method: "theil-sen", steady: 0, agg: "arithmetic", wins: false, scope: "all", top: 8, lan: [], grupp: [], dw: {effekt: 2}, w: {}, rader: "topp"};
  let file: string;
  let scenarios: Scenario[];

  beforeAll(() => {
    const model = parseModel(skk);
    const made = [
      makeScenario("Standard", "nominering", model, base, new Date("2026-12-01T09:00:00Z")),
      makeScenario("Min–max, inom kommungrupp", "nominering", model, {...base, norm: "minmax", scope: "kommungrupp", dw: {resultatkvalitet: 3}}, new Date("2026-12-01T09:01:00Z")),
      makeScenario("Utveckling 3 år", "utveckling", model, improvement, new Date("2026-12-01T09:02:00Z"))
    ];
    scenarios = made.map((m) => ("scenario" in m ? m.scenario : (() => { throw new Error(m.problems.join("; ")); })()));
    file = path.join(tmp, "scenarier.json");
    writeFileSync(file, scenarioFileText(scenarios));
  });

  /** The rank command's CSV of a scenario (its weights written into the model file, its method as flags). */
  async function rankOf(s: Scenario, year: number): Promise<string> {
    const weighted = {...s.model, dimensions: s.model.dimensions.map((d) => ({...d, weight: s.settings.dw[d.id]!})), indicators: s.model.indicators.map((i) => ({...i, weight: s.settings.w[i.kpi]!}))};
    const modelFile = writeModel(`rank-${s.name.replace(/\W+/g, "-")}`, weighted);
    const flags =
      s.page === "nominering"
        ? ["--normalisation", s.settings.norm, ...(s.settings.scope === "kommungrupp" ? ["--group", "kommungrupp"] : [])]
        : ["--kind", "improvement", "--window", String(s.settings.window), "--method", s.settings.method];
    let stdout = "";
    let stderr = "";
    const code = await rankMain(["--model", modelFile, "--year", String(year), ...flags], {env, stdout: (x) => (stdout += x), stderr: (x) => (stderr += x)});
    expect(code, stderr).toBe(0);
    const out = path.join(tmp, `rank-${s.name.replace(/\W+/g, "-")}.csv`);
    writeFileSync(out, stdout);
    return out;
  }

  it("ranks each scenario as its page does (method, weights, scope), in the first scenario's year and top N: membership equals SQL over the rank command's output", async () => {
    const out = await run(["--scenarios", file, "--format", "json"]);
    expect(out.code, out.stderr).toBe(0);
    const json = JSON.parse(out.stdout);
    expect([json.year, json.top_n]).toEqual([2020, 8]);
    expect(json.models.map((m: {id: string; page: string}) => [m.id, m.page])).toEqual([
      ["Standard", "nominering"],
      ["Min–max, inom kommungrupp", "nominering"],
      ["Utveckling 3 år", "utveckling"]
    ]);
    const csvFiles = await Promise.all(scenarios.map((sc) => rankOf(sc, 2020)));
    // Top N: the page's mark, rank (within the group when grouping) <= N; the ranks shown: overall.
    const relation = csvFiles
      .map((f, i) => {
        const grouped = scenarios[i]!.page === "nominering" && scenarios[i]!.settings.scope === "kommungrupp";
        return `SELECT ${i} AS s, municipality_code AS code, ${grouped ? "overall_rank" : "rank"} AS overall, rank AS shown FROM read_csv(${lit(f)}, header = true, types = {'municipality_code': 'VARCHAR', 'rank': 'INTEGER'${grouped ? ", 'overall_rank': 'INTEGER'" : ""}})`;
      })
      .join(" UNION ALL ");
    const expected = await sql<{code: string; cnt: bigint; ranks: (number | null)[]}>(`
      WITH r AS (${relation}),
      counted AS (SELECT code, count(*) FILTER (WHERE shown <= 8) AS cnt FROM r GROUP BY code)
      SELECT c.code, c.cnt, [(SELECT overall FROM r WHERE r.code = c.code AND s = 0), (SELECT overall FROM r WHERE r.code = c.code AND s = 1), (SELECT overall FROM r WHERE r.code = c.code AND s = 2)] AS ranks
      FROM counted c WHERE c.cnt > 0 ORDER BY c.code`);
    const got = [...json.municipalities]
      .sort((a: {municipality_code: string}, b: {municipality_code: string}) => (a.municipality_code < b.municipality_code ? -1 : 1))
      .map((m: {municipality_code: string; in_top_n_count: number; ranks: Record<string, number | null>}) => ({code: m.municipality_code, cnt: m.in_top_n_count, ranks: Object.values(m.ranks)}));
    expect(got).toEqual(expected.map((e) => ({code: e.code, cnt: Number(e.cnt), ranks: e.ranks})));
    // The grouped scenario nominates N per kommungrupp: far more than 8.
    expect(json.municipalities.filter((m: {in_top_n: Record<string, boolean>}) => m.in_top_n["Min–max, inom kommungrupp"]).length).toBeGreaterThan(8 * 5);
  }, 120_000);

  it("--pick, --year and --top choose what is compared", async () => {
    const out = await run(["--scenarios", file, "--pick", "3,1", "--year", "2022", "--top", "5"]);
    expect(out.code, out.stderr).toBe(0);
    const {header} = parseCsv(out.stdout);
    expect(header).toEqual(["municipality_code", "municipality_name", "rank_Utveckling 3 år", "rank_Standard", "in_top_n_count", "membership"]);
  }, 60_000);

  it("exits 1 naming the scenario and the field of an invalid file, or positions it lacks", async () => {
    const bad = JSON.parse(scenarioFileText(scenarios));
    bad.scenarios[1].settings.top = 0;
    const badFile = path.join(tmp, "fel-scenarier.json");
    writeFileSync(badFile, JSON.stringify(bad));
    const out = await run(["--scenarios", badFile]);
    expect(out).toEqual({code: 1, stdout: "", stderr: `scenarios: ${badFile}:\n  - Scenario 2 (”Min–max, inom kommungrupp”): settings.top: ska vara minst 1\n`});
    const outside = await run(["--scenarios", file, "--pick", "1,4"]);
    expect(outside).toEqual({code: 1, stdout: "", stderr: `scenarios: ${file} has 3 scenarios: --pick 4 is not among them\n`});
    const early = await run(["--scenarios", file, "--year", "2009"]);
    expect(early.code).toBe(1);
    expect(early.stderr).toContain("Scenario 1 (”Standard”): settings.year: 2009 finns inte i data (2010–2022)");
    const missing = await run(["--scenarios", path.join(tmp, "saknas.json")]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("saknas.json: cannot read the file: ENOENT");
  }, 60_000);
});

describe("npm run scenarios", () => {
  it("runs as the package script", async () => {
    const exec = promisify(execFile);
    const {stdout} = await exec("npm", ["run", "--silent", "scenarios", "--", "--models", SKK, files[1]!, "--year", "2022", "--top", "3"], {cwd: REPO_ROOT, env});
    const {header, rows} = parseCsv(stdout);
    expect(header).toEqual(["municipality_code", "municipality_name", "rank_skk-standard", "rank_omviktad", "in_top_n_count", "membership"]);
    expect(rows.length).toBeGreaterThanOrEqual(3);
  }, 60_000);
});
