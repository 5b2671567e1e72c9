/**
 * Starting points for the exact best/worst-rank search (optimise.ts) from a
 * Monte Carlo analysis (uncertainty.ts): per municipality, the dimension
 * weights of the draw in which it had its best rank and of the one with its
 * worst. The search must beat their ranks, which prunes it; a draw outside
 * the bounds is ignored by the search. Needs the draws' ranks (`keepRanks`).
 */
import type {RankIncumbents} from "./optimise.js";
import {drawChoices, type UncertaintyResult} from "./uncertainty.js";

export function monteCarloIncumbents(mc: UncertaintyResult): Record<string, RankIncumbents> {
  const ranks = mc.ranks;
  if (!ranks) throw new Error("monteCarloIncumbents needs the draws' ranks (settings.keepRanks)");
  const nM = mc.rows.length;
  const out: Record<string, RankIncumbents> = {};
  for (let m = 0; m < nM; m++) {
    let best = -1;
    let worst = -1;
    for (let i = 0; i < mc.draws; i++) {
      const r = ranks[i * nM + m]!;
      if (r === 0) continue;
      if (best < 0 || r < ranks[best * nM + m]!) best = i;
      if (worst < 0 || r > ranks[worst * nM + m]!) worst = i;
    }
    if (best < 0) continue;
    out[mc.rows[m]!.code] = {best: drawChoices(mc, best).weights.dimensions, worst: drawChoices(mc, worst).weights.dimensions};
  }
  return out;
}
