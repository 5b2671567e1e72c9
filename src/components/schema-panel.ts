/**
 * Utforska's schema panel: every table with its row count, a line on what it
 * holds, and its columns with their DuckDB types. Clicking a table or column
 * name writes it into the editor (quoted when DuckDB needs it). A table's
 * name button is the first line inside its details, not in the summary: a
 * summary is itself a control and may not hold another one.
 */
import {formatInteger} from "./format.js";
import {sqlIdentifier, type SchemaTable} from "./sql-editor.js";

export interface SchemaPanel extends HTMLElement {
  /** Shows another schema (after a query created or dropped a table). */
  update(tables: readonly SchemaTable[]): void;
}

export function schemaPanel({tables, descriptions, reserved, onPick}: {tables: readonly SchemaTable[]; descriptions: Readonly<Record<string, string>>; reserved: ReadonlySet<string>; onPick: (text: string) => void}): SchemaPanel {
  const panel = document.createElement("div") as unknown as SchemaPanel;
  panel.className = "schema-panel";
  panel.dataset.testid = "schema-panel";
  const nameButton = (name: string, title: string) => {
    const b = document.createElement("button");
    b.type = "button";
    b.className = "schema-name";
    b.textContent = name;
    b.title = title;
    b.addEventListener("click", () => onPick(sqlIdentifier(name, reserved)));
    return b;
  };
  panel.update = (list) => {
    panel.replaceChildren(
      ...list.map((t) => {
        const details = document.createElement("details");
        details.dataset.table = t.name;
        details.open = Object.hasOwn(descriptions, t.name) && list.length <= 6;
        const summary = document.createElement("summary");
        const name = document.createElement("code");
        name.className = "schema-table";
        name.textContent = t.name;
        const count = document.createElement("span");
        count.className = "schema-rows";
        count.dataset.testid = "schema-rows";
        count.textContent = t.rows === null ? "vy" : `${formatInteger(t.rows)} rader`;
        summary.append(name, " ", count);
        const insert = document.createElement("p");
        insert.className = "schema-insert";
        insert.append(nameButton(t.name, `Skriv ${sqlIdentifier(t.name, reserved)} i frågan`), " ", Object.assign(document.createElement("small"), {textContent: "skriv tabellens namn i frågan"}));
        details.append(summary, insert);
        const about = descriptions[t.name];
        if (about) {
          const p = document.createElement("p");
          p.className = "schema-about";
          p.textContent = about;
          details.append(p);
        }
        const ul = document.createElement("ul");
        for (const c of t.columns) {
          const li = document.createElement("li");
          li.dataset.column = c.name;
          const type = document.createElement("span");
          type.className = "schema-type";
          type.textContent = c.type;
          li.append(nameButton(c.name, `Skriv ${sqlIdentifier(c.name, reserved)} i frågan`), " ", type);
          ul.append(li);
        }
        details.append(ul);
        return details;
      })
    );
  };
  panel.update(tables);
  return panel;
}
