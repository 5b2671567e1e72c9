/** The notice for URL parameters a page could not use (plain text, never HTML). */
import {html} from "htl";

/** The notice for ignored URL parameters; text only, never HTML. Empty when there is nothing to say. */
export function urlNotice(notices: readonly string[]): HTMLElement {
  const box = html`<div class="url-notice" role="status" data-testid="url-notice"></div>` as HTMLElement;
  if (!notices.length) {
    box.hidden = true;
    return box;
  }
  const title = document.createElement("strong");
  title.textContent = "Länken innehöll inställningar som inte kunde användas. De ignorerades:";
  const list = document.createElement("ul");
  for (const n of notices) {
    const li = document.createElement("li");
    li.textContent = n;
    list.append(li);
  }
  box.append(title, list);
  return box;
}
