/**
 * "Laddar …": a progress bar and a line saying what is being loaded, for a
 * page's data loading. Feed it `loadWorkbench(files, progress.update)`'s
 * reports; `done()` hides it (a later `update` shows it again).
 *
 *   const progress = display(loadProgress());
 *   const wb = await loadWorkbench(files, progress.update);
 *   progress.done();
 */
import {html} from "htl";
import type {LoadProgress} from "../lib/data/progress.js";

export interface LoadProgressElement extends HTMLElement {
  /** Shows how far loading has come (safe to pass around unbound). */
  update(progress: LoadProgress): void;
  /** Loading has finished: hides the element. */
  done(): void;
}

/** A status element (role="status", polite live region) with a <progress> bar; `label` names what loads. */
export function loadProgress(label = "Laddar data"): LoadProgressElement {
  const bar = html`<progress max="1" value="0"></progress>` as HTMLProgressElement;
  const text = html`<span class="load-progress-text">${label} …</span>` as HTMLElement;
  const element = html`<div class="load-progress" role="status" aria-live="polite" data-testid="load-progress">${bar}${text}</div>` as LoadProgressElement;
  element.update = ({done, total, step}) => {
    element.hidden = false;
    bar.max = Math.max(1, total);
    bar.value = Math.min(done, bar.max);
    text.textContent = `${label}. ${step} (${done} av ${total}).`;
  };
  element.done = () => {
    element.hidden = true;
  };
  return element;
}
