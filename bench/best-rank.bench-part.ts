/**
 * Best/worst achievable rank benchmark on the real data: the default model
 * (data/models/skk-standard.json), nomination 2022, default bounds (0.5x-2x).
 * Measures one municipality (best + worst, median of 15 spread over the
 * ranking, the shared precompute included) and all candidates, in wall-clock
 * ms (the printed line adds the CPU time: on a busy machine it is the steadier
 * figure). Data as cli/rank.ts loads it: KOLADA_SNAPSHOT_DIR, default
 * "../shared/kolada".
 *
 *   npx tsx bench/best-rank.bench-part.ts
 */
import path from "node:path";
import {fileURLToPath} from "node:url";
import {readModel} from "../cli/rank.ts";
import {loadDataset} from "../loaders/dataset.ts";
import {buildMatrix, prepareNomination, prepareRankRanges, rankRangeAt, rankRanges, type Prepared} from "../src/engine/index.ts";
import {loadHighsSolver} from "../src/lib/solver/highs.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const YEAR = 2022;

/** The prepared default nomination ranking on the real data. */
export async function realPrepared(): Promise<Prepared> {
  const model = readModel(path.join(ROOT, "data/models/skk-standard.json"));
  const env = {...process.env, KOLADA_SNAPSHOT_DIR: path.resolve(ROOT, process.env.KOLADA_SNAPSHOT_DIR ?? "../shared/kolada")};
  const kpis = model.indicators.map((i) => i.kpi);
  const dataset = await loadDataset({env, kpis, models: [{id: "bench", file: "skk-standard.json", model}]});
  const matrix = buildMatrix({municipalities: dataset.municipalities, values: dataset.values, kpis});
  return prepareNomination(matrix, model, YEAR);
}

export async function benchBestRank(): Promise<{best_rank_one_ms: number; best_rank_all_ms: number}> {
  const prepared = await realPrepared();
  const solver = await loadHighsSolver();
  const problem = prepareRankRanges(prepared);
  const candidates: number[] = [];
  for (let m = 0; m < problem.candidate.length; m++) if (problem.candidate[m]) candidates.push(m);
  // One municipality, as the profile page asks (prepare included): median over a spread of ranks.
  const times: number[] = [];
  for (let i = 0; i < 15; i++) {
    const m = candidates[Math.floor(((i + 0.5) / 15) * candidates.length)]!;
    const t0 = performance.now();
    rankRangeAt(prepareRankRanges(prepared), solver, m);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const all = await rankRanges(prepared, solver);
  const allMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const worstOne = all.reduce((a, b) => (a.stats.ms > b.stats.ms ? a : b));
  const inexact = all.filter((r) => !r.exact).length;
  console.log(
    `best/worst rank: one municipality median ${times[7]!.toFixed(1)} ms (max of 15: ${times[14]!.toFixed(1)} ms); ` +
      `all ${all.length} in ${allMs.toFixed(0)} ms (CPU ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms; slowest ${worstOne.code}: ${worstOne.stats.ms.toFixed(1)} ms, ` +
      `binaries ${worstOne.stats.binaries.best}/${worstOne.stats.binaries.worst}); not exact: ${inexact}`
  );
  return {best_rank_one_ms: times[7]!, best_rank_all_ms: allMs};
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(await benchBestRank()));
}
