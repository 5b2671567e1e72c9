/**
 * The robustness command on the real Kolada snapshot: its columns and JSON
 * shape, its exit codes, determinism, and properties any correct Monte Carlo
 * must have (no noise: the nominal top N always; P(top N) sums to N; the
 * nominal rank is `rank`'s; best/worst bracket what the draws saw).
 */
import {execFile} from "node:child_process";
import {mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import path from "node:path";
import {fileURLToPath} from "node:url";
import {promisify} from "node:util";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {parseCsvObjects} from "./helpers/csv.ts";
import {main as rankMain} from "../cli/rank.ts";
import {CSV_COLUMNS, main} from "../cli/robustness.ts";
import {readModel} from "../cli/rank.ts";
import {loadDataset} from "../loaders/dataset.ts";
import {buildMatrix, prepareNomination, score, type ValueMatrix} from "../src/engine/index.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SNAPSHOT = process.env.KOLADA_SNAPSHOT_DIR ? path.resolve(process.env.KOLADA_SNAPSHOT_DIR) : path.resolve(ROOT, "../shared/kolada");
const env = {...process.env, KOLADA_SNAPSHOT_DIR: SNAPSHOT};
const SKK = path.join(ROOT, "data/models/skk-standard.json");
const tmp = mkdtempSync(path.join(tmpdir(), "robustness-test-"));
const HEADER = "municipality_code,municipality_name,nominal_rank,median_rank,q05_rank,q95_rank,p_top_n,p_first,best_rank,worst_rank,status";
/** Small runs keep the file fast; the properties tested hold for any number of draws. */
const FAST = ["--draws", "200"];

type Out = {code: number; stdout: string; stderr: string};

/** The snapshot's value matrix for the default model (for checks with the engine). */
async function realMatrix(): Promise<ValueMatrix> {
  const model = readModel(SKK);
  const kpis = model.indicators.map((i) => i.kpi);
  const data = await loadDataset({env, kpis, models: [{id: "skk-standard", file: SKK, model}]});
  return buildMatrix({municipalities: data.municipalities, values: data.values, kpis});
}

async function run(argv: string[], command = main): Promise<Out> {
  let stdout = "";
  let stderr = "";
  const code = await command(argv, {env, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s)});
  return {code, stdout, stderr};
}


const n = (s: string | undefined) => (s === undefined || s === "" ? null : Number(s));

afterAll(() => rmSync(tmp, {recursive: true, force: true}));

describe("robustness command on the real snapshot", () => {
  let csv: {header: string[]; rows: Record<string, string>[]};
  beforeAll(async () => {
    const out = await run(["--model", SKK, "--year", "2022", ...FAST]);
    expect(out.stderr).toBe("");
    expect(out.code).toBe(0);
    csv = parseCsvObjects(out.stdout);
  }, 60_000);

  it("prints exactly the agreed columns, one row per municipality, ranked first in nominal order, then by code", () => {
    expect(csv.header.join(",")).toBe(HEADER);
    expect(csv.header).toEqual([...CSV_COLUMNS]);
    expect(csv.rows).toHaveLength(290);
    const ranked = csv.rows.filter((r) => r.nominal_rank !== "");
    expect(ranked.length).toBeGreaterThan(250);
    expect(csv.rows.slice(0, ranked.length)).toEqual(ranked);
    expect(ranked.map((r) => Number(r.nominal_rank))).toEqual(ranked.map((_, i) => i + 1));
    const rest = csv.rows.slice(ranked.length).map((r) => r.municipality_code!);
    expect(rest).toEqual([...rest].sort());
    expect(new Set(csv.rows.map((r) => r.municipality_code)).size).toBe(290);
    for (const r of ranked) {
      const [q05, med, q95] = [n(r.q05_rank)!, n(r.median_rank)!, n(r.q95_rank)!];
      expect(q05).toBeGreaterThanOrEqual(1);
      expect(q05).toBeLessThanOrEqual(med);
      expect(med).toBeLessThanOrEqual(q95);
      expect(["säker", "gränsfall", "utanför"]).toContain(r.status);
      const p = Number(r.p_top_n);
      expect(r.status).toBe(p >= 0.9 ? "säker" : p > 0.1 ? "gränsfall" : "utanför");
      expect(Number(r.p_first)).toBeLessThanOrEqual(p);
    }
    for (const r of csv.rows.slice(ranked.length)) {
      // Missing is empty, never 0; a probability is a real 0.
      for (const c of ["nominal_rank", "median_rank", "q05_rank", "q95_rank", "best_rank", "worst_rank"]) expect(r[c]).toBe("");
      expect(r.p_top_n).toBe("0");
      expect(r.status).toMatch(/^otillräckliga data: /);
    }
    expect(csv.rows.every((r) => r.best_rank !== "0" && r.worst_rank !== "0" && r.median_rank !== "0")).toBe(true);
  });

  it("P(top N) sums to N when every ranked municipality is ranked in every draw (default model, 2022)", () => {
    // Weight draws never change who is ranked: the nominally ranked have ranks in every draw, the others in none.
    const sum = csv.rows.reduce((s, r) => s + Number(r.p_top_n), 0);
    expect(sum).toBeCloseTo(10, 9);
    const first = csv.rows.reduce((s, r) => s + Number(r.p_first), 0);
    expect(first).toBeCloseTo(1, 9);
  });

  it("nominal_rank is the rank command's rank for every municipality, both kinds", async () => {
    for (const kind of ["nomination", "improvement"] as const) {
      const rank = await run(["--model", SKK, "--year", "2021", "--kind", kind, "--window", "3"], rankMain);
      expect(rank.code).toBe(0);
      const want = new Map(parseCsvObjects(rank.stdout).rows.map((r) => [r.municipality_code!, r.rank!]));
      const out = kind === "nomination" ? await run(["--model", SKK, "--year", "2021", ...FAST]) : await run(["--model", SKK, "--year", "2021", "--kind", kind, "--window", "3", ...FAST]);
      expect(out.code).toBe(0);
      const rows = parseCsvObjects(out.stdout).rows;
      expect(rows).toHaveLength(want.size);
      for (const r of rows) expect(r.nominal_rank, `${kind} ${r.municipality_code}`).toBe(want.get(r.municipality_code!));
    }
  }, 60_000);

  it("without noise, only the dimension weights varied: P(top N) is exactly 1 for the nominal top N and 0 for the rest", async () => {
    const out = await run(["--model", SKK, "--year", "2022", "--noise", "0", "--vary", "dimension_weights", "--top", "7", ...FAST]);
    expect(out.code).toBe(0);
    for (const r of parseCsvObjects(out.stdout).rows) {
      const nominal = n(r.nominal_rank);
      expect(r.p_top_n, r.municipality_code).toBe(nominal !== null && nominal <= 7 ? "1" : "0");
      expect(r.p_first).toBe(nominal === 1 ? "1" : "0");
      if (nominal !== null) expect([r.median_rank, r.q05_rank, r.q95_rank]).toEqual([r.nominal_rank, r.nominal_rank, r.nominal_rank]);
    }
  }, 60_000);

  it("writes JSON with the settings, the Sobol indices and every municipality", async () => {
    const out = await run(["--model", SKK, "--year", "2022", "--format", "json", "--sobol", "64", "--seed", "7", ...FAST]);
    expect(out.stderr).toBe("");
    expect(out.code).toBe(0);
    const json = JSON.parse(out.stdout);
    expect(Object.keys(json)).toEqual(["settings", "sobol", "municipalities"]);
    expect(json.settings).toMatchObject({
      model: {file: SKK, name: expect.any(String)},
      kind: "nomination",
      year: 2022,
      window: null,
      topN: 10,
      draws: 200,
      seed: 7,
      noise: 0.25,
      vary: ["dimension_weights", "kpi_weights"],
      bounds: "0.5,2",
      sobol: {n: 64, seed: 7, evaluations: 64 * 10},
      source: {kind: "snapshot"},
      credit: "Egen bearbetning av data från Kolada (RKA)"
    });
    expect(json.settings.method).toMatchObject({normalisation: "zscore", aggregation: "arithmetic", improvement: null});
    // Four dimension weights and the KPI weights of four dimensions.
    expect(json.sobol.map((s: {id: string}) => s.id)).toEqual([
      "dimension:resursatgang",
      "dimension:effektivitet",
      "dimension:effekt",
      "dimension:resultatkvalitet",
      "kpis:resursatgang",
      "kpis:effektivitet",
      "kpis:effekt",
      "kpis:resultatkvalitet"
    ]);
    for (const s of json.sobol) {
      expect(s).toMatchObject({label: expect.any(String), first: expect.any(Number), total: expect.any(Number)});
      expect(s.totalBand).toHaveLength(2);
      expect(s.firstBand).toHaveLength(2);
    }
    expect(json.municipalities).toHaveLength(290);
    const csv = parseCsvObjects((await run(["--model", SKK, "--year", "2022", "--seed", "7", ...FAST])).stdout);
    for (const [i, m] of (json.municipalities as Record<string, unknown>[]).entries()) {
      expect(Object.keys(m)).toEqual([...CSV_COLUMNS, "best_weights", "worst_weights"]);
      // The same figures as the CSV, null where the CSV is empty.
      for (const c of CSV_COLUMNS) expect(m[c] === null ? "" : String(m[c]), `${m.municipality_code} ${c}`).toBe(csv.rows[i]![c]);
    }
  }, 60_000);

  it("--sobol 0 skips the Sobol indices", async () => {
    const json = JSON.parse((await run(["--model", SKK, "--year", "2022", "--format", "json", "--sobol", "0", ...FAST])).stdout);
    expect(json.sobol).toEqual([]);
    expect(json.settings.sobol).toBeNull();
  }, 60_000);

  it("the same seed and settings give byte-identical output; another seed another", async () => {
    const argv = ["--model", SKK, "--year", "2022", "--kind", "improvement", "--vary", "dimension_weights,kpi_weights,window,method,winsorise", "--format", "json", "--sobol", "32", ...FAST];
    const a = await run([...argv, "--seed", "42"]);
    const b = await run([...argv, "--seed", "42"]);
    const c = await run([...argv, "--seed", "43"]);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(c.stdout).not.toBe(a.stdout);
    const csvA = await run(["--model", SKK, "--year", "2022", ...FAST, "--seed", "5"]);
    const csvB = await run(["--model", SKK, "--year", "2022", ...FAST, "--seed", "5"]);
    expect(csvA.stdout).toBe(csvB.stdout);
  }, 120_000);

  it("best and worst rank bracket the nominal rank and what the draws saw, and their weights reproduce them", async () => {
    // Only the dimension weights vary, within x0.75-1.25: inside the default bounds x0.5-2.
    const out = await run(["--model", SKK, "--year", "2022", "--vary", "dimension_weights", "--format", "json", "--sobol", "0", ...FAST]);
    expect(out.code).toBe(0);
    const rows = JSON.parse(out.stdout).municipalities as (Record<string, number | null> & {best_weights: Record<string, number> | null; worst_weights: Record<string, number> | null})[];
    const matrix = await realMatrix();
    const model = readModel(SKK);
    const prepared = prepareNomination(matrix, model, 2022);
    const rankWith = (dimensions: Record<string, number>, code: string) => score(prepared, {dimensions}).rows.find((x) => x.code === code)!.rank;
    let checked = 0;
    for (const r of rows) {
      if (r.nominal_rank === null) {
        // Not ranked nominally: no best or worst rank, empty (never 0).
        expect([r.best_rank, r.worst_rank, r.best_weights, r.worst_weights]).toEqual([null, null, null, null]);
        continue;
      }
      // The reported weights give the reported ranks in plain floating point, within 0.5-2 x the model's weight (1).
      for (const w of [r.best_weights!, r.worst_weights!]) for (const v of Object.values(w)) expect(v >= 0.5 - 1e-12 && v <= 2 + 1e-12, String(v)).toBe(true);
      if (checked++ < 40) {
        expect(rankWith(r.best_weights!, r.municipality_code as unknown as string)).toBe(r.best_rank);
        expect(rankWith(r.worst_weights!, r.municipality_code as unknown as string)).toBe(r.worst_rank);
      }
      expect(r.best_rank).toBeGreaterThanOrEqual(1);
      expect(r.best_rank).toBeLessThanOrEqual(r.nominal_rank!);
      expect(r.nominal_rank).toBeLessThanOrEqual(r.worst_rank!);
      expect(r.best_rank).toBeLessThanOrEqual(r.q05_rank!);
      expect(r.q95_rank).toBeLessThanOrEqual(r.worst_rank!);
    }
  }, 120_000);

  it("varies the method choices the kind has", async () => {
    const out = await run(["--model", SKK, "--year", "2022", "--vary", "normalisation,aggregation,winsorise", "--format", "json", "--sobol", "16", ...FAST]);
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout).sobol.map((s: {id: string}) => s.id)).toEqual(["normalisation", "aggregation", "winsorise"]);
  }, 60_000);
});

describe("robustness command errors", () => {
  const good = path.join(tmp, "good.json");
  writeFileSync(good, JSON.stringify({name: "g", dimensions: [{id: "a", label: "A", weight: 1}], indicators: [{kpi: "N15428", dimension: "a", direction: "higher_better", weight: 1}]}));
  const base = ["--model", good, "--year", "2022"];

  it.each([
    [[], /--model FILE is required/],
    [["--model", good], /--year Y is required/],
    [[...base, "--draws", "0"], /--draws must be a whole number from 1 to 20000 \(got "0"\)/],
    [[...base, "--draws", "20001"], /--draws must be a whole number from 1 to 20000 \(got "20001"\)/],
    [[...base, "--draws", "1.5"], /--draws must be a whole number/],
    [[...base, "--noise", "1.5"], /--noise must be a number from 0 to 1 \(got "1.5"\)/],
    [[...base, "--noise", "-0.1"], /--noise must be a number from 0 to 1 \(got "-0.1"\)/],
    [[...base, "--seed", "-1"], /--seed must be a whole number from 0 to 4294967295/],
    [[...base, "--vary", "dimension_weights,colour"], /unknown --vary value "colour" \(allowed: dimension_weights, kpi_weights/],
    [[...base, "--vary", "window"], /--vary window applies to --kind improvement only/],
    [[...base, "--vary", "kpi_weights,method"], /--vary method applies to --kind improvement only/],
    [[...base, "--kind", "improvement", "--vary", "normalisation"], /--vary normalisation applies to --kind nomination only/],
    [[...base, "--bounds", "2,1"], /--bounds must be LO,HI with 0 ≤ LO ≤ HI: LO is above HI \(got "2,1"\)/],
    [[...base, "--bounds", "-1,2"], /--bounds must be LO,HI .*: LO is negative/],
    [[...base, "--bounds", "0.5,-2"], /--bounds must be LO,HI .*: HI is negative/],
    [[...base, "--bounds", "0.5,inf"], /with HI = inf, LO must be 0/],
    [[...base, "--bounds", "1"], /--bounds must be LO,HI/],
    [[...base, "--sobol", "1"], /--sobol must be 0 \(no Sobol indices\) or a whole number from 2 to 20000/],
    [[...base, "--sobol", "20001"], /--sobol must be 0/],
    [[...base, "--top", "0"], /--top must be a whole number from 1 to 290/],
    [[...base, "--kind", "best"], /--kind must be one of nomination, improvement/],
    [[...base, "--window", "5"], /--window must be one of 3, 4/],
    [[...base, "--format", "xml"], /--format must be one of csv, json/],
    [[...base, "--colour", "red"], /unknown option --colour/],
    [[...base, "--draws", "200", "--foo"], /unknown option --foo/],
    [[...base, "--draws"], /--draws needs a value/],
    [[...base, "--seed", "--draws", "5"], /--seed needs a value/],
    [[...base, "--noise="], /--noise needs a value/],
    [[...base, "--seed", "1", "--seed", "2"], /--seed is given twice/],
    [[...base, "extra"], /unexpected argument "extra"/]
  ])("bad arguments %j exit 2 naming the problem", async (argv, message) => {
    const out = await run(argv);
    expect(out.stderr).toMatch(message);
    expect(out.code).toBe(2);
    expect(out.stdout).toBe("");
  });

  it("--help prints the usage and exits 0", async () => {
    const out = await run(["--help"]);
    expect(out.code).toBe(0);
    expect(out.stderr).toMatch(/usage: npm run --silent robustness/);
  });

  it("a missing or invalid model exits 1 naming the file and field", async () => {
    const missing = await run(["--model", path.join(tmp, "nope.json"), "--year", "2022"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nope\.json[\s\S]*cannot read the file: ENOENT/);
    const bad = path.join(tmp, "bad.json");
    writeFileSync(bad, JSON.stringify({name: "b", dimensions: [{id: "a", label: "A", weight: 1}], indicators: [{kpi: "N15428", dimension: "a", direction: "up", weight: -1}]}));
    const out = await run(["--model", bad, "--year", "2022"]);
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/indicators\[0\]\.weight: must not be negative/);
    expect(out.stdout).toBe("");
  });

  it("nothing ranked exits 1 saying why, as rank does", async () => {
    const file = path.join(tmp, "zero.json");
    writeFileSync(file, JSON.stringify({name: "z", dimensions: [{id: "a", label: "A", weight: 0}], indicators: [{kpi: "N15428", dimension: "a", direction: "higher_better", weight: 1}]}));
    const out = await run(["--model", file, "--year", "2022"]);
    expect(out.stderr).toMatch(/robustness: nothing could be ranked \(2022\): alla dimensionsvikter är 0/);
    expect(out.code).toBe(1);
    expect(out.stdout).toBe("");
  }, 60_000);

  it("a year outside the data exits 1", async () => {
    const out = await run(["--model", good, "--year", "2030"]);
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/year 2030 is not in the data/);
  }, 60_000);

  it("runs as a command: CSV on stdout and exit 0; exit 2 for an unknown option last on the line", async () => {
    const exec = promisify(execFile);
    const tsx = path.join(ROOT, "node_modules/.bin/tsx");
    const ok = await exec(tsx, ["cli/robustness.ts", ...base, "--draws", "50"], {cwd: ROOT, env});
    expect(ok.stdout.split("\n")[0]).toBe(HEADER);
    expect(ok.stdout.trim().split("\n")).toHaveLength(291);
    const failed = await exec(tsx, ["cli/robustness.ts", ...base, "--bogus"], {cwd: ROOT, env}).catch((e) => e);
    expect(failed.code).toBe(2);
    expect(failed.stderr).toMatch(/unknown option --bogus/);
  }, 60_000);
});
