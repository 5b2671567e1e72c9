/**
 * The ranking table (`data-testid="ranking"`, one row per ranked municipality
 * with `data-municipality="<code>"`, in rank order), updated in place: rows
 * and cells are reused, and a cell's text is written only when it changes.
 * Laid out as CSS grid rows of fixed height whose cells are `contain: strict`
 * (style.css), so a changed number re-lays out its own cell only: a table
 * layout would visit every cell on each change. The ARIA roles keep the table
 * semantics that `display: grid` would otherwise hide from screen readers.
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
  /** Most ranked rows to show (per group when grouping); the rest are counted in a last row. */
  limit?: number;
}

export interface RankingTable extends HTMLTableElement {
  /** Shows a scored ranking; `version` goes to `data-version`. */
  update(result: ScoreResult, options: RankingTableOptions, version: number): void;
}

/** The change column: "▲ 3" = three places better than with the model's weights. */
export function rankChange(rank: number, baseline: number | undefined): string {
  if (baseline === undefined) return "ny";
  const delta = baseline - rank;
  return delta > 0 ? `▲ ${delta}` : delta < 0 ? `▼ ${-delta}` : "–";
}

/** One line of the table body: a group heading, a municipality, or the "… and N more" line. */
type Line = {kind: "group"; text: string} | {kind: "row"; row: RankingRow} | {kind: "more"; hidden: number};

/** The lines to show, in order: ranked rows that pass the filter, at most `limit` per group. */
export function tableLines(result: ScoreResult, options: Pick<RankingTableOptions, "filter" | "limit">): Line[] {
  const grouped = result.grouping !== "none";
  const limit = options.limit ?? Infinity;
  const lines: Line[] = [];
  let lastGroup: string | null = null;
  let inGroup = 0;
  let hidden = 0;
  for (const row of result.rows) {
    if (row.rank === null) break; // ranked rows come first
    if (options.filter && !options.filter(row)) continue;
    if (grouped && row.group !== lastGroup) {
      lastGroup = row.group;
      inGroup = 0;
      lines.push({kind: "group", text: result.grouping === "kommungrupp" ? `${row.kommungrupp} ${row.kommungruppName}` : row.mainGroup});
    }
    if (inGroup >= limit) {
      hidden++;
      continue;
    }
    inGroup++;
    lines.push({kind: "row", row});
  }
  if (hidden) lines.push({kind: "more", hidden});
  return lines;
}

function headers(result: ScoreResult, options: RankingTableOptions): string[] {
  return ["Rang", "Kommun", "Grupp", "Totalt", ...result.prepared.dimensions.map((d) => d.label), ...(options.steadiness ? ["Stadighet"] : []), "Täckning", "Ändring"];
}

/** A body row and the texts its cells show now (compared before writing). */
interface RowSlot {
  tr: HTMLTableRowElement;
  kind: Line["kind"];
  cells: HTMLTableCellElement[];
  /** The text node of each cell (of the link in the name cell). */
  textNodes: Text[];
  texts: string[];
  link?: HTMLAnchorElement;
}

/**
 * formatDecimal with a memory: a municipality's dimension scores stay the same
 * when a weight changes, only their row moves, and Intl formatting of 290 × 6
 * numbers was most of the handler with all rows shown.
 */
const formatted = new Map<number, string>();
function decimal(value: number | null): string {
  if (value === null) return formatDecimal(value);
  let text = formatted.get(value);
  if (text === undefined) {
    if (formatted.size > 50_000) formatted.clear();
    formatted.set(value, (text = formatDecimal(value)));
  }
  return text;
}

/** Writes a cell's text when it changed, into the cell's own text node (see svg.ts setText). */
function setCell(slot: RowSlot, i: number, text: string): void {
  if (slot.texts[i] === text) return;
  slot.texts[i] = text;
  slot.textNodes[i]!.data = text;
}

const NUMERIC = (h: string) => h !== "Kommun" && h !== "Grupp";

/** Where the table's own long headers may break ("|"). */
const HEADER_BREAKS: Record<string, string> = {Stadighet: "Stadig|het", Täckning: "Täck|ning"};

/**
 * A header's text with break points ("|") so it can wrap inside a narrow
 * column: the table's own headers at their syllables, any other word longer
 * than 9 letters in its middle ("Resultat|kvalitet"). The breaks become
 * `<wbr>`, which keeps the header's text (for copying, screen readers and
 * tests) free of extra characters.
 */
export function headerBreaks(label: string): string {
  return HEADER_BREAKS[label] ?? label.replace(/\p{L}{10,}/gu, (word) => `${word.slice(0, Math.ceil(word.length / 2))}|${word.slice(Math.ceil(word.length / 2))}`);
}

function headerContent(th: HTMLElement, label: string): void {
  headerBreaks(label)
    .split("|")
    .forEach((part, i) => {
      if (i) th.append(document.createElement("wbr"));
      th.append(part);
    });
}

/** Creates an empty table; show a ranking with `update`. */
export function rankingTable(): RankingTable {
  const table = document.createElement("table") as unknown as RankingTable;
  table.className = "ranking";
  table.dataset.testid = "ranking";
  table.dataset.version = "0";
  table.setAttribute("role", "table");
  const head = table.createTHead().insertRow();
  head.setAttribute("role", "row");
  table.tHead!.setAttribute("role", "rowgroup");
  const body = table.createTBody();
  body.setAttribute("role", "rowgroup");
  const slots: RowSlot[] = [];
  let headerKey = "";

  function makeSlot(kind: Line["kind"], columns: readonly string[], withLink: boolean): RowSlot {
    const tr = document.createElement("tr");
    tr.setAttribute("role", "row");
    const slot: RowSlot = {tr, kind, cells: [], textNodes: [], texts: []};
    if (kind === "row") {
      columns.forEach((h, i) => {
        const td = tr.insertCell();
        td.setAttribute("role", "cell");
        if (NUMERIC(h)) td.className = i === 3 ? "num score" : i === columns.length - 1 ? "num change" : "num";
        slot.cells.push(td);
      });
      if (withLink) {
        slot.link = document.createElement("a");
        slot.cells[1]!.append(slot.link);
      }
      slot.cells.forEach((td, i) => slot.textNodes.push((i === 1 && slot.link ? slot.link : td).appendChild(document.createTextNode(""))));
    } else {
      const td = tr.insertCell();
      td.setAttribute("role", "cell");
      td.colSpan = columns.length;
      tr.className = kind;
      if (kind === "more") td.className = "more";
      slot.cells.push(td);
      slot.textNodes.push(td.appendChild(document.createTextNode("")));
    }
    return slot;
  }

  table.update = (result, options, version) => {
    const columns = headers(result, options);
    const key = columns.join("|") + (options.profileHref ? "|link" : "");
    if (key !== headerKey) {
      headerKey = key;
      // Rank, name, group, then the numeric columns sharing the rest; each at least as wide as its
      // widest number ("−0,25", "22/26"), and the table at least as wide as its columns, so a
      // narrow screen scrolls the table's box sideways instead of cutting the numbers.
      const numeric = columns.length - 3;
      table.style.setProperty("--ranking-columns", `3.4em minmax(7em, 1.6fr) 3.2em repeat(${numeric}, minmax(4em, 1fr))`);
      table.style.setProperty("--ranking-min-width", `${3.4 + 7 + 3.2 + 4 * numeric}em`);
      head.replaceChildren(
        ...columns.map((h) => {
          const th = document.createElement("th");
          headerContent(th, h);
          th.scope = "col";
          th.setAttribute("role", "columnheader");
          if (NUMERIC(h)) th.className = "num";
          return th;
        })
      );
      for (const slot of slots) slot.tr.remove();
      slots.length = 0;
    }
    const lines = tableLines(result, options);
    lines.forEach((line, i) => {
      let slot = slots[i];
      if (!slot || slot.kind !== line.kind) {
        const fresh = makeSlot(line.kind, columns, Boolean(options.profileHref));
        if (slot) body.replaceChild(fresh.tr, slot.tr);
        else body.append(fresh.tr);
        slots[i] = slot = fresh;
      }
      if (line.kind === "group") return setCell(slot, 0, line.text);
      if (line.kind === "more") return setCell(slot, 0, `… och ${line.hidden} rankade kommuner till (visa alla med knappen ovanför tabellen).`);
      const row = line.row;
      if (slot.tr.dataset.municipality !== row.code) {
        slot.tr.dataset.municipality = row.code;
        if (slot.link) slot.link.href = options.profileHref!(row.code);
        slot.cells[2]!.title = row.kommungruppName;
      }
      const top = row.rank! <= options.topN;
      if (slot.tr.classList.contains("top") !== top) slot.tr.classList.toggle("top", top);
      let c = 0;
      setCell(slot, c++, `${top ? "★ " : ""}${row.rank}`);
      setCell(slot, c++, row.name);
      setCell(slot, c++, row.kommungrupp);
      setCell(slot, c++, decimal(row.score));
      for (const v of row.dimensionScores) setCell(slot, c++, decimal(v));
      if (options.steadiness) setCell(slot, c++, row.steadiness === null ? "–" : `${formatInteger(row.steadiness * 100)} %`);
      setCell(slot, c++, `${row.coverage.has}/${row.coverage.of}`);
      setCell(slot, c++, options.baselineRank ? rankChange(row.rank!, options.baselineRank.get(row.code)) : "–");
    });
    for (let i = lines.length; i < slots.length; i++) slots[i]!.tr.remove();
    slots.length = Math.min(slots.length, lines.length);
    const hidden = lines.at(-1)?.kind === "more";
    table.dataset.rows = hidden ? "limited" : "all";
    table.dataset.version = String(version);
  };
  return table;
}

/** Rank by code of the ranked rows of a result. */
export function rankByCode(result: ScoreResult): Map<string, number> {
  const map = new Map<string, number>();
  for (const row of result.rows) if (row.rank !== null) map.set(row.code, row.rank);
  return map;
}
