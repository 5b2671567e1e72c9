/**
 * Browser glue for URL state: read the page's query once, write every change
 * back with `history.replaceState` (deferred until the input rests). The
 * codecs are in url-state.ts; the notice and the copy button are components.
 */
import {defaultModelId, type ModelEntry} from "../data/workbench.js";
import {formatState, formatStateCompact, parseState, type ParsedState, type Spec} from "./url-state.js";

/** Reads the current URL's state for a spec. */
export function readPageState<S>(spec: Spec<S>): ParsedState<S> {
  return parseState(window.location.search, spec);
}

/** The model a link asks for, if the workbench has it; else the default model. */
export function requestedModelId(models: readonly ModelEntry[], search: string): string {
  const requested = new URLSearchParams(search).get("model");
  return models.some((m) => m.id === requested) ? requested! : defaultModelId(models);
}

/**
 * Reads a page's state from the URL. The model is read first because other
 * parameters (weights, the default year) depend on it.
 */
export function initialPageState<S>(models: readonly ModelEntry[], specFor: (modelId: string) => Spec<S>): {state: S; notices: string[]; spec: Spec<S>} {
  const spec = specFor(requestedModelId(models, window.location.search));
  return {...readPageState(spec), spec};
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
export function writePageState<S>(state: S, spec: Spec<S>, compactKeep?: readonly (keyof S & string)[]): void {
  pendingWrite = () => {
    // Formatted when written, not on every change (~0.1 ms per change while a slider moves).
    // With `compactKeep`: settings equal to their defaults are left out, except those named (Workshop).
    const search = compactKeep ? formatStateCompact(state, spec, compactKeep) : formatState(state, spec);
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
