/**
 * The ranking table (`data-testid="ranking"`, one row per ranked municipality
 * with `data-municipality="<code>"`, in rank order). Rebuilt with plain DOM
 * calls on every change: fast enough for 290 rows within a frame.
 */
import type {RankingRow, ScoreResult} from "../engine/index.js";
import {formatDecimal, formatInteger} from "./format.js";

export interface RankingTableOptions {
  /** Rows ranked at or above this (within their group) are marked as nominated. */
  topN: number;
  /** Rank (same scope) with the model's own weights, by municipality code, for the change column. */
  baselineRank?: ReadonlyMap<string, number>;
  /** Show a steadiness column (improvement). */
  steadiness?: boolean;
  /** Keep only these rows (filters); the ranks are not recomputed. */
  filter?: (row: RankingRow) => boolean;
  /** Link each name to the municipality's profile page. */
  profileHref?: (code: string) => string;
  /**
   * Most ranked rows to render (per group when grouping); the rest are counted
   * in a last row. Laying out all 290 rows costs ~30 ms per change, too slow
   * to follow a slider, so the pages show the top rows unless asked for all.
   */
  limit?: number;
}

function cell(tr: HTMLTableRowElement, text: string, className?: string): HTMLTableCellElement {
  const td = tr.insertCell();
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

/** The change column: "▲ 3" = three places better than with the model's weights. */
export function rankChange(rank: number, baseline: number | undefined): string {
  if (baseline === undefined) return "ny";
  const delta = baseline - rank;
  return delta > 0 ? `▲ ${delta}` : delta < 0 ? `▼ ${-delta}` : "–";
}

/** Creates an empty table; fill it with {@link renderRankingTable}. */
export function rankingTable(): HTMLTableElement {
  const table = document.createElement("table");
  table.className = "ranking";
  table.dataset.testid = "ranking";
  table.dataset.version = "0";
  return table;
}

/** Renders a scored ranking into the table and bumps its `data-version`. */
export function renderRankingTable(table: HTMLTableElement, result: ScoreResult, options: RankingTableOptions): void {
  const dims = result.prepared.dimensions;
  const grouped = result.grouping !== "none";
  table.replaceChildren();
  const head = table.createTHead().insertRow();
  const headers = ["Rang", "Kommun", "Grupp", "Totalt", ...dims.map((d) => d.label)];
  if (options.steadiness) headers.push("Stadighet");
  headers.push("Täckning", "Ändring");
  for (const h of headers) {
    const th = document.createElement("th");
    th.textContent = h;
    if (h !== "Kommun" && h !== "Grupp") th.className = "num";
    head.append(th);
  }
  const body = table.createTBody();
  const limit = options.limit ?? Infinity;
  let lastGroup: string | null = null;
  let inGroup = 0;
  let hidden = 0;
  for (const row of result.rows) {
    if (row.rank === null) break; // ranked rows come first
    if (options.filter && !options.filter(row)) continue;
    if (!grouped || row.group === lastGroup) {
      if (inGroup >= limit) {
        hidden++;
        continue;
      }
    } else inGroup = 0;
    inGroup++;
    if (grouped && row.group !== lastGroup) {
      lastGroup = row.group;
      const tr = body.insertRow();
      tr.className = "group";
      const td = tr.insertCell();
      td.colSpan = headers.length;
      td.textContent = result.grouping === "kommungrupp" ? `${row.kommungrupp} ${row.kommungruppName}` : row.mainGroup;
    }
    const tr = body.insertRow();
    tr.dataset.municipality = row.code;
    const top = row.rank <= options.topN;
    if (top) tr.className = "top";
    cell(tr, `${top ? "★ " : ""}${row.rank}`, "num");
    const name = tr.insertCell();
    if (options.profileHref) {
      const a = document.createElement("a");
      a.href = options.profileHref(row.code);
      a.textContent = row.name;
      name.append(a);
    } else name.textContent = row.name;
    cell(tr, row.kommungrupp).title = row.kommungruppName;
    cell(tr, formatDecimal(row.score), "num score");
    for (const v of row.dimensionScores) cell(tr, formatDecimal(v), "num");
    if (options.steadiness) cell(tr, row.steadiness === null ? "–" : `${formatInteger(row.steadiness * 100)} %`, "num");
    cell(tr, `${row.coverage.has}/${row.coverage.of}`, "num");
    cell(tr, options.baselineRank ? rankChange(row.rank, options.baselineRank.get(row.code)) : "–", "num change");
  }
  if (hidden) {
    const td = body.insertRow().insertCell();
    td.colSpan = headers.length;
    td.className = "more";
    td.textContent = `… och ${hidden} rankade kommuner till (visa alla med knappen ovanför tabellen).`;
  }
  table.dataset.rows = hidden ? "limited" : "all";
  table.dataset.version = String(Number(table.dataset.version) + 1);
}

/** Rank by code of the ranked rows of a result. */
export function rankByCode(result: ScoreResult): Map<string, number> {
  const map = new Map<string, number>();
  for (const row of result.rows) if (row.rank !== null) map.set(row.code, row.rank);
  return map;
}

/** The list of municipalities that are not ranked, with the reasons. */
export function renderUnranked(list: HTMLElement, result: ScoreResult): void {
  const rows = result.rows.filter((r) => r.rank === null);
  list.replaceChildren();
  if (!rows.length) {
    list.textContent = "Alla kommuner är rankade.";
    return;
  }
  const ul = document.createElement("ul");
  ul.dataset.testid = "unranked";
  for (const r of rows) {
    const li = document.createElement("li");
    li.dataset.municipality = r.code;
    li.textContent = `${r.name} (${r.code}): ${r.status} – ${r.reasons.map((x) => x.reason).join("; ")}`;
    ul.append(li);
  }
  list.append(ul);
}
