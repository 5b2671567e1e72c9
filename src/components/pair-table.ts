/**
 * The pairwise figures of the Scenarier page: for each pair of compared
 * scenarios Kendall's τ-b and Spearman's ρ between the full rankings (over
 * the municipalities both rank) and the Jaccard overlap of their top N.
 * Cells carry the engine's number at full precision in `data-value`.
 */
import type {PairComparison} from "../engine/index.js";
import {scrollTable} from "./a11y.js";
import {formatInteger} from "./format.js";
import {td, th} from "./table-cells.js";

const threeDecimals = new Intl.NumberFormat("sv-SE", {minimumFractionDigits: 3, maximumFractionDigits: 3});
/** 0.81428 → "0,814"; missing → "–"; ASCII minus. */
export const formatCorrelation = (x: number | null): string => (x === null || !Number.isFinite(x) ? "–" : threeDecimals.format(x).replace("\u2212", "-"));

export function pairTable(pairs: readonly PairComparison[], letters: readonly string[]): HTMLElement {
  const table = document.createElement("table");
  table.className = "data-table pair-table";
  table.dataset.testid = "pair-table";
  const head = table.createTHead().insertRow();
  const columns: [string, string][] = [
    ["Par", ""],
    ["Kendalls τ", "Kendalls tau-b mellan hela rangordningarna, över kommunerna som båda rankar"],
    ["Spearmans ρ", "Spearmans rho mellan hela rangordningarna, över kommunerna som båda rankar"],
    ["Jaccard topp N", "Andel gemensamma kommuner av alla som finns i någon av de två topplistorna"],
    ["Gemensamt i topp N", ""],
    ["Rankade av båda", ""]
  ];
  for (const [label, title] of columns) {
    const cell = th(head, label, label === "Par" ? undefined : "num");
    cell.scope = "col";
    if (title) cell.title = title;
  }
  const body = table.createTBody();
  for (const p of pairs) {
    const tr = body.insertRow();
    tr.dataset.pair = `${letters[p.a]}-${letters[p.b]}`;
    th(tr, `${letters[p.a]} – ${letters[p.b]}`).scope = "row";
    const value = (x: number | null, name: string) => {
      const cell = td(tr, formatCorrelation(x), "num");
      cell.dataset.measure = name;
      cell.dataset.value = x === null ? "" : String(x);
    };
    value(p.kendallTauB.value, "kendall");
    value(p.spearmanRho.value, "spearman");
    value(p.jaccard, "jaccard");
    td(tr, `${p.topBoth} av ${p.topEither}`, "num");
    td(tr, formatInteger(p.kendallTauB.n), "num");
  }
  return scrollTable(table, "Parvisa mått");
}
