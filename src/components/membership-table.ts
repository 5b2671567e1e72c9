/**
 * The membership table of the Scenarier page: one row per municipality in
 * any compared scenario's top N, per scenario its rank with a ✓ when in that
 * top N, in how many, and "alla" / "flera" / "en".
 */
import type {RankingComparison} from "../engine/index.js";
import {scrollTable} from "./a11y.js";
import {formatInteger} from "./format.js";
import {td, th} from "./table-cells.js";

export function membershipTable(comparison: RankingComparison, letters: readonly string[], names: ReadonlyMap<string, string>, top: number): HTMLElement {
  const table = document.createElement("table");
  table.className = "data-table membership-table";
  table.dataset.testid = "membership-table";
  const caption = table.createCaption();
  caption.textContent = `✓ = bland de ${top} främsta i scenariot (med gruppvis rangordning: de ${top} främsta i sin grupp). Talet är kommunens rang bland alla kommuner; – = inte rankad.`;
  const head = table.createTHead().insertRow();
  th(head, "Kommun").scope = "col";
  for (const letter of letters) th(head, letter, "num").scope = "col";
  th(head, "Antal", "num").scope = "col";
  th(head, "Medlemskap").scope = "col";
  const body = table.createTBody();
  for (const row of comparison.membership) {
    const tr = body.insertRow();
    tr.dataset.municipality = row.code;
    tr.dataset.membership = row.membership;
    th(tr, names.get(row.code) ?? row.code).scope = "row";
    row.ranks.forEach((rank, i) => {
      const cell = td(tr, `${row.inTop[i] ? "✓ " : ""}${formatInteger(rank)}`, "num");
      cell.dataset.scenario = letters[i]!;
      cell.dataset.inTop = row.inTop[i] ? "1" : "0";
      if (rank !== null) cell.dataset.rank = String(rank);
    });
    td(tr, String(row.count), "num");
    td(tr, row.membership, `membership ${row.membership}`);
  }
  return scrollTable(table, "Medlemskap i topp N");
}
