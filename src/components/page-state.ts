/**
 * Browser glue for URL state: read the page's query once, write every change
 * back with `history.replaceState`, show ignored parameters as a plain-text
 * notice, and the "Kopiera länk" button.
 */
import {html} from "htl";
import {formatState, parseState, type ParsedState, type Spec} from "./url-state.js";

/** Reads the current URL's state for a spec. */
export function readPageState<S>(spec: Spec<S>): ParsedState<S> {
  return parseState(window.location.search, spec);
}

/** How long the URL write waits after the last change. */
const URL_WRITE_DELAY_MS = 250;
let pendingWrite: (() => void) | undefined;
let pendingTimer: ReturnType<typeof setTimeout> | undefined;

/**
 * Replaces the URL's query with the state (no reload, no history entry per
 * slider step). The write is deferred until the input rests: `replaceState`
 * inside an input handler forces a synchronous layout of the freshly rendered
 * page (~30 ms). {@link flushPageState} writes at once (copy link, leaving).
 */
export function writePageState<S>(state: S, spec: Spec<S>): void {
  const search = formatState(state, spec);
  pendingWrite = () => {
    const url = new URL(window.location.href);
    url.search = search;
    window.history.replaceState(window.history.state, "", url);
  };
  clearTimeout(pendingTimer);
  pendingTimer = setTimeout(flushPageState, URL_WRITE_DELAY_MS);
}

/** Writes a pending URL state now. */
export function flushPageState(): void {
  clearTimeout(pendingTimer);
  const write = pendingWrite;
  pendingWrite = undefined;
  write?.();
}

if (typeof window !== "undefined") window.addEventListener("pagehide", flushPageState);

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
