/**
 * The last 50 queries run on Utforska, newest first, kept in the browser's
 * localStorage (this browser only; nothing leaves the machine). A query run
 * again moves to the top instead of appearing twice. When storage is not
 * available (private mode, blocked) the history lives for the page visit only.
 */

export const HISTORY_KEY = "kvalitetskommun:utforska:historik";
export const HISTORY_SIZE = 50;

/** The list after running `sql`: it first, no duplicate, at most {@link HISTORY_SIZE}. Pure. */
export function addToHistory(list: readonly string[], sql: string): string[] {
  const text = sql.trim();
  if (!text) return [...list];
  return [text, ...list.filter((q) => q !== text)].slice(0, HISTORY_SIZE);
}

/** The stored list; anything unreadable counts as empty. */
export function readHistory(storage: Pick<Storage, "getItem"> | undefined): string[] {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(HISTORY_KEY) ?? "[]");
    return Array.isArray(parsed) ? parsed.filter((q): q is string => typeof q === "string").slice(0, HISTORY_SIZE) : [];
  } catch {
    return [];
  }
}

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

/** One line of a query for the menu: whitespace collapsed, comments dropped, cut at 90 characters. */
export function historyLabel(sql: string): string {
  const text = sql
    .replace(/--[^\n]*/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return text.length > 90 ? `${text.slice(0, 89)}…` : text || sql.slice(0, 90);
}

export interface HistoryMenu extends HTMLElement {
  /** Records a query that was run. */
  add(sql: string): void;
}

/** "Historik": a menu of the last queries; choosing one hands it to `onPick`. */
export function historyMenu(onPick: (sql: string) => void): HistoryMenu {
  let list = readHistory(storage());
  const label = document.createElement("label") as unknown as HistoryMenu;
  label.className = "control history";
  const text = document.createElement("span");
  text.textContent = "Historik";
  const select = document.createElement("select");
  select.dataset.testid = "sql-history";
  const render = () => {
    const placeholder = new Option(list.length ? `Senaste frågorna (${list.length})` : "Inga körda frågor ännu", "");
    select.replaceChildren(placeholder, ...list.map((q, i) => Object.assign(new Option(historyLabel(q), String(i)), {title: q})));
    select.disabled = !list.length;
  };
  select.addEventListener("change", () => {
    const q = list[Number(select.value)];
    select.value = "";
    if (select.selectedIndex === -1) select.selectedIndex = 0;
    if (q !== undefined) onPick(q);
  });
  label.append(text, select);
  label.add = (sql) => {
    list = addToHistory(list, sql);
    try {
      storage()?.setItem(HISTORY_KEY, JSON.stringify(list));
    } catch {
      // Full or blocked storage: keep the history for this visit only.
    }
    render();
  };
  render();
  return label;
}
