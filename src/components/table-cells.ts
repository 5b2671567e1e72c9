/** Two DOM helpers for building tables row by row (plain DOM: fast for a few hundred cells). */

/** Appends a cell with text or a node, optionally with a class. */
export function td(tr: HTMLTableRowElement, content: string | Node, className?: string): HTMLTableCellElement {
  const cell = tr.insertCell();
  if (typeof content === "string") cell.textContent = content;
  else cell.append(content);
  if (className) cell.className = className;
  return cell;
}

/** Appends a header cell with text, optionally with a class. */
export function th(tr: HTMLTableRowElement, text: string, className?: string): HTMLTableCellElement {
  const cell = document.createElement("th");
  cell.textContent = text;
  if (className) cell.className = className;
  tr.append(cell);
  return cell;
}
