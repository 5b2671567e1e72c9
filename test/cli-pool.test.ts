/**
 * `rank --weights FILE` and `pool`: each flag's output is the engine's result,
 * bad files exit 1 naming the file and the field, bad arguments exit 2, and a
 * pooled model round-trips through `rank --model` (real snapshot).
 */
import {execFile} from "node:child_process";
import {readFileSync, writeFileSync} from "node:fs";
import path from "node:path";
import {fileURLToPath} from "node:url";
import {promisify} from "node:util";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {main as poolMain, parsePoolArgs} from "../cli/pool.ts";
import {main as rankMain, parseArgs} from "../cli/rank.ts";
import {loadDataset} from "../loaders/dataset.ts";
import {
  applyWeights,
  buildMatrix,
  parseModel,
  parseModelText,
  pooledWeights,
  poolProposals,
  POOL_METHODS,
  prepareNomination,
  score,
  type Model,
  type Proposal,
  type ScoreResult,
  type ValueMatrix
} from "../src/engine/index.ts";
import {removeTempDirs, tempDir} from "./helpers/temp.ts";
import {UsageError} from "../cli/args.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SNAPSHOT = process.env.KOLADA_SNAPSHOT_DIR ? path.resolve(process.env.KOLADA_SNAPSHOT_DIR) : path.resolve(ROOT, "../shared/kolada");
const env = {...process.env, KOLADA_SNAPSHOT_DIR: SNAPSHOT};
const SKK = path.join(ROOT, "data/models/skk-standard.json");
const tmp = tempDir("pool-test-");
afterAll(removeTempDirs);

const skk: Model = parseModelText(readFileSync(SKK, "utf8"), SKK);
const kpi = (i: number) => skk.indicators[i]!.kpi;

function file(name: string, content: unknown): string {
  const f = path.join(tmp, name);
  writeFileSync(f, typeof content === "string" ? content : JSON.stringify(content));
  return f;
}

async function rank(argv: string[]): Promise<{code: number; stdout: string; stderr: string}> {
  let stdout = "";
  let stderr = "";
  const code = await rankMain(argv, {env, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s)});
  return {code, stdout, stderr};
}

function pool(argv: string[]): {code: number; stdout: string; stderr: string} {
  let stdout = "";
  let stderr = "";
  const code = poolMain(argv, {stdout: (s) => (stdout += s), stderr: (s) => (stderr += s)});
  return {code, stdout, stderr};
}

// Three proposals as a workshop would send them.
const proposals: Proposal[] = [
  {name: "Anna", dimensions: {resursatgang: 1, effektivitet: 2, effekt: 3, resultatkvalitet: 1}, indicators: {[kpi(0)]: 2, [kpi(5)]: 0.5}},
  {name: "Bo", dimensions: {resursatgang: 0, effektivitet: 1, effekt: 1, resultatkvalitet: 4}},
  {dimensions: {resursatgang: 2.5, effektivitet: 0.3, effekt: 1, resultatkvalitet: 1}, indicators: {[kpi(1)]: 0, [kpi(20)]: 4}}
];
const proposalFiles = proposals.map((p, i) => file(`p${i + 1}.json`, p));

/** What a comparison needs of a row: code, rank, score, dimension scores. */
const rowsOf = (rows: {code: string; rank: number | null; score: number | null; dimensionScores: unknown}[]) =>
  rows.map((r) => ({code: r.code, rank: r.rank, score: r.score, dims: Array.isArray(r.dimensionScores) ? r.dimensionScores : Object.values(r.dimensionScores as object)}));

describe("pool", () => {
  it.each(POOL_METHODS)("--method %s prints the engine's pooled model, which validates", (method) => {
    const out = pool(["--model", SKK, "--proposals", ...proposalFiles, "--method", method]);
    expect(out.stderr).toBe("");
    expect(out.code).toBe(0);
    const printed = JSON.parse(out.stdout);
    // Unnamed proposals are named by their file.
    expect(printed).toEqual(poolProposals(skk, proposals.map((p, i) => ({...p, name: p.name ?? `p${i + 1}.json`})), method));
    expect(parseModel(printed)).toEqual(printed);
    expect(printed.name).toMatch(/poolade vikter/);
  });

  it("the default method is mean, and --proposals=FILE works for one file", () => {
    const mean = pool(["--model", SKK, "--proposals", ...proposalFiles, "--method", "mean"]).stdout;
    expect(pool(["--model", SKK, "--proposals", ...proposalFiles]).stdout).toBe(mean);
    expect(pool(["--proposals", ...proposalFiles, "--model", SKK]).stdout).toBe(mean);
    const one = JSON.parse(pool(["--model", SKK, `--proposals=${proposalFiles[0]}`]).stdout) as Model;
    expect(one.dimensions.map((d) => d.weight)).toEqual([1 / 7, 2 / 7, 3 / 7, 1 / 7]);
  });

  it.each([
    ["a negative weight", {dimensions: {effekt: -1}}, /bad\.json:\n {2}- dimensions\.effekt: must not be negative/],
    ["an unknown dimension", {dimensions: {kvalitet: 1}}, /dimensions\.kvalitet: unknown dimension for model "SKK standard \(förslag\)"/],
    ["an unknown KPI", {indicators: {N99999: 1}}, /indicators\.N99999: KPI not in model/],
    ["a non-finite weight", '{"indicators": {"' + kpi(0) + '": 1e400}}', new RegExp(`indicators\\.${kpi(0)}: must be a finite number`)],
    ["a misspelt field", {weights: {}}, /weights: unknown field/],
    ["broken JSON", "{", /bad\.json:\n {2}- not valid JSON/],
    ["every dimension 0", {dimensions: {resursatgang: 0, effektivitet: 0, effekt: 0, resultatkvalitet: 0}}, /bad\.json:\n {2}- dimensions: every dimension weight is 0/]
  ])("a proposal with %s exits 1 naming the file and the field", (_case, content, message) => {
    const bad = file("bad.json", content);
    const out = pool(["--model", SKK, "--proposals", proposalFiles[0]!, bad]);
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(message);
    expect(out.stdout).toBe("");
  });

  it("an unreadable proposal or a bad model exits 1 naming the file", () => {
    const missing = pool(["--model", SKK, "--proposals", path.join(tmp, "nope.json")]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nope\.json:\n {2}- cannot read the file: ENOENT/);
    const badModel = file("badmodel.json", {name: "x", dimensions: [], indicators: []});
    const out = pool(["--model", badModel, "--proposals", proposalFiles[0]!]);
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/badmodel\.json:\n {2}- dimensions: must list at least one dimension/);
  });

  it("proposals that cannot be pooled exit 1 saying why", () => {
    const only = (d: string) => file(`only-${d}.json`, {dimensions: {resursatgang: 0, effektivitet: 0, effekt: 0, resultatkvalitet: 0, [d]: 1}});
    const out = pool(["--model", SKK, "--proposals", only("effekt"), only("resursatgang"), "--method", "geomean"]);
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/geomean: every dimension has weight 0 in at least one proposal/);
  });

  it.each([
    [[], /--model FILE is required/],
    [["--model", SKK], /--proposals FILE\.\.\. is required/],
    [["--model", SKK, "--proposals"], /--proposals needs at least one file/],
    [["--model", SKK, "--proposals", "--method", "mean"], /--proposals needs at least one file/],
    [["--model", SKK, "--proposals", "a.json", "--proposals", "b.json"], /--proposals is given twice/],
    [["--model", SKK, "--proposals", "a.json", "--method", "mode"], /--method must be one of mean, median, geomean \(got "mode"\)/],
    [["--model", SKK, "--proposals", "a.json", "--year", "2022"], /unknown option --year/],
    [["--model", "--proposals", "a.json"], /--model needs a value/],
    [["stray", "--model", SKK, "--proposals", "a.json"], /unexpected argument "stray"/]
  ])("bad arguments %j exit 2 naming the problem", (argv, message) => {
    const out = pool(argv);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(message);
    expect(out.stderr).toMatch(/usage: npm run --silent pool/);
    expect(out.stdout).toBe("");
    expect(() => parsePoolArgs(argv)).toThrow(UsageError);
  });

  it("--help prints the usage and exits 0", () => {
    const out = pool(["--help"]);
    expect(out.code).toBe(0);
    expect(out.stderr).toMatch(/usage: npm run --silent pool/);
  });

  it("runs as `npm run pool`", async () => {
    const exec = promisify(execFile);
    const out = await exec("npm", ["run", "--silent", "pool", "--", "--model", SKK, "--proposals", ...proposalFiles, "--method", "median"], {cwd: ROOT, env});
    expect(JSON.parse(out.stdout)).toEqual(JSON.parse(pool(["--model", SKK, "--proposals", ...proposalFiles, "--method", "median"]).stdout));
  }, 60_000);
});

describe("rank --weights and the pooled model through rank --model (real snapshot)", () => {
  let matrix: ValueMatrix;
  beforeAll(async () => {
    const data = await loadDataset({env, kpis: skk.indicators.map((i) => i.kpi), models: [{id: "skk-standard", file: SKK, model: skk}]});
    matrix = buildMatrix({municipalities: data.municipalities, values: data.values, kpis: skk.indicators.map((i) => i.kpi)});
  }, 60_000);

  async function rankJson(argv: string[]): Promise<{model: {file: string; name: string; weights?: string}; rows: ScoreResult["rows"]}> {
    const out = await rank([...argv, "--year", "2022", "--format", "json"]);
    expect(out.stderr).toBe("");
    expect(out.code).toBe(0);
    return JSON.parse(out.stdout);
  }

  it("rank --weights gives the engine's ranking with those weights, different from the model's", async () => {
    const out = await rankJson(["--model", SKK, "--weights", proposalFiles[0]!]);
    expect(out.model).toMatchObject({file: SKK, weights: proposalFiles[0]});
    const expected = score(prepareNomination(matrix, skk, 2022), {dimensions: proposals[0]!.dimensions!, indicators: proposals[0]!.indicators!});
    expect(rowsOf(out.rows)).toEqual(rowsOf(expected.rows));
    expect(rowsOf(out.rows)).toEqual(rowsOf(score(prepareNomination(matrix, applyWeights(skk, proposals[0]!), 2022)).rows));
    const plain = score(prepareNomination(matrix, skk, 2022));
    expect(rowsOf(out.rows).slice(0, 10).map((r) => r.code)).not.toEqual(rowsOf(plain.rows).slice(0, 10).map((r) => r.code));
  }, 60_000);

  it("rank --weights works with CSV and the other flags", async () => {
    const out = await rank(["--model", SKK, "--weights", proposalFiles[1]!, "--year", "2022", "--group", "kommungrupp"]);
    expect(out.code).toBe(0);
    const expected = score(prepareNomination(matrix, skk, 2022), {dimensions: proposals[1]!.dimensions!}, {grouping: "kommungrupp"});
    const lines = out.stdout.trim().split("\n").slice(1);
    expect(lines.map((l) => l.split(",").slice(0, 2).join(","))).toEqual(expected.rows.map((r) => `${r.rank ?? ""},${r.code}`));
  }, 60_000);

  it.each(POOL_METHODS)("the %s-pooled model ranks as the engine's pooled weights do, and as --weights with them", async (method) => {
    const pooledFile = file(`pooled-${method}.json`, pool(["--model", SKK, "--proposals", ...proposalFiles, "--method", method]).stdout);
    const viaModel = await rankJson(["--model", pooledFile]);
    const weights = pooledWeights(skk, proposals, method);
    const engine = score(prepareNomination(matrix, skk, 2022), weights);
    expect(rowsOf(viaModel.rows)).toEqual(rowsOf(engine.rows));
    const weightsFile = file(`pooled-${method}-weights.json`, weights);
    const viaWeights = await rankJson(["--model", SKK, "--weights", weightsFile]);
    expect(rowsOf(viaWeights.rows)).toEqual(rowsOf(viaModel.rows));
    expect(viaModel.rows.filter((r) => r.rank !== null).length).toBeGreaterThan(200);
  }, 60_000);

  it.each([
    ["a negative weight", {dimensions: {effekt: -0.5}}, /w\.json:\n {2}- dimensions\.effekt: must not be negative/],
    ["an unknown id", {dimensions: {kvalitet: 1}, indicators: {N99999: 2}}, /dimensions\.kvalitet: unknown dimension[\s\S]*indicators\.N99999: KPI not in model/],
    ["a non-finite weight", '{"dimensions": {"effekt": 1e999}}', /dimensions\.effekt: must be a finite number/],
    ["broken JSON", "[", /w\.json:\n {2}- not valid JSON/]
  ])("rank --weights with %s exits 1 naming the field", async (_case, content, message) => {
    const w = file("w.json", content);
    const out = await rank(["--model", SKK, "--weights", w, "--year", "2022"]);
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(message);
    expect(out.stdout).toBe("");
  });

  it("rank --weights with every dimension 0 exits 1: nothing could be ranked", async () => {
    const w = file("zero.json", {dimensions: {resursatgang: 0, effektivitet: 0, effekt: 0, resultatkvalitet: 0}});
    const out = await rank(["--model", SKK, "--weights", w, "--year", "2022"]);
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/nothing could be ranked \(2022\): alla dimensionsvikter är 0/);
  }, 60_000);

  it("rank --weights without a value, or twice, exits 2", async () => {
    for (const [argv, message] of [
      [["--model", SKK, "--year", "2022", "--weights"], /--weights needs a value/],
      [["--model", SKK, "--year", "2022", "--weights", "a", "--weights", "b"], /--weights is given twice/]
    ] as const) {
      const out = await rank([...argv]);
      expect(out.code).toBe(2);
      expect(out.stderr).toMatch(message);
      expect(() => parseArgs(argv)).toThrow(message);
    }
    expect(parseArgs(["--model", SKK, "--year", "2022"]).weights).toBeUndefined();
    expect(parseArgs(["--model", SKK, "--year", "2022", "--weights=w.json"]).weights).toBe("w.json");
  });
});
