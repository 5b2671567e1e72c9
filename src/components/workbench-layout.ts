/**
 * The frame of a ranking page: URL notice, the model line with "Kopiera länk",
 * the inputs (controls and weights) beside the results. `setModel` updates the
 * model line and swaps the weights panel when the model changes in place.
 */
import {html} from "htl";
import type {Model} from "../engine/index.js";
import {copyLinkButton} from "./copy-link.js";
import {urlNotice} from "./url-notice.js";

export interface WorkbenchLayout extends HTMLElement {
  setModel(model: Model, weights: Node): void;
}

function modelLine(model: Model): string {
  return `${model.name}${model.status === "proposal" ? " – ett förslag, inte SKR:s modell." : ""}`;
}

export function workbenchLayout(kind: string, notices: readonly string[], model: Model, controls: Node, weights: Node, results: unknown[]): WorkbenchLayout {
  const name = html`<strong></strong>` as HTMLElement;
  const weightsSlot = html`<div class="weights-slot"></div>` as HTMLElement;
  const element = html`<div class="workbench ${kind}">
    ${urlNotice(notices)}
    <p class="model-note">Modell: ${name} ${copyLinkButton()}</p>
    <div class="workbench-grid">
      <aside class="inputs">${controls}<h3>Vikter</h3>${weightsSlot}</aside>
      <section class="results">${results}</section>
    </div>
  </div>` as WorkbenchLayout;
  element.setModel = (model, weights) => {
    name.textContent = modelLine(model);
    weightsSlot.replaceChildren(weights);
  };
  element.setModel(model, weights);
  return element;
}
