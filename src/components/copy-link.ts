/** "Kopiera länk": writes any pending URL state, then copies the page's URL. */
import {html} from "htl";
import {flushPageState} from "../lib/state/page-state.js";

/** A "Kopiera länk" button that copies the page's current URL to the clipboard. */
export function copyLinkButton(): HTMLElement {
  const status = html`<span class="copy-status" aria-live="polite"></span>` as HTMLElement;
  const button = html`<button type="button" data-testid="copy-link">Kopiera länk</button>` as HTMLButtonElement;
  button.addEventListener("click", async () => {
    flushPageState();
    const href = window.location.href;
    try {
      await navigator.clipboard.writeText(href);
      status.textContent = "Länken är kopierad.";
    } catch {
      // No clipboard permission (e.g. plain http): show the link to copy by hand.
      window.prompt("Kopiera länken:", href);
      status.textContent = "";
    }
  });
  return html`<span class="copy-link">${button} ${status}</span>` as HTMLElement;
}

/**
 * A button that copies a text (a proposal code, a link) to the clipboard, with
 * a status line; without clipboard permission it shows the text to copy by hand.
 */
export function copyTextButton(label: string, text: () => string, testId: string): HTMLElement {
  const status = html`<span class="copy-status" aria-live="polite"></span>` as HTMLElement;
  const button = html`<button type="button" data-testid=${testId}>${label}</button>` as HTMLButtonElement;
  button.addEventListener("click", async () => {
    const value = text();
    try {
      await navigator.clipboard.writeText(value);
      status.textContent = "Kopierat.";
    } catch {
      window.prompt("Kopiera:", value);
      status.textContent = "";
    }
  });
  return html`<span class="copy-link">${button} ${status}</span>` as HTMLElement;
}
