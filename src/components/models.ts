/** The list of models on the overview page; a proposal is labelled as such. */
import {html} from "htl";
import type {ModelEntry} from "../lib/data/workbench.js";

/** One line per model: name, status, dimensions and number of KPIs. */
export function modelList(models: readonly ModelEntry[]): HTMLElement {
  return html`<ul class="models" data-testid="models">${models.map(
    ({id, model}) => html`<li data-model=${id}>
      <strong>${model.name}</strong>${model.status === "proposal" ? html` <span class="badge">förslag – inte SKR:s modell</span>` : ""}:
      ${model.indicators.length} nyckeltal i ${model.dimensions.length} dimensioner
      (${model.dimensions.map((d) => `${d.label} ${model.indicators.filter((i) => i.dimension === d.id).length}`).join(", ")}).
      ${model.description ? html`<br><small>${model.description}</small>` : ""}
    </li>`
  )}</ul>` as HTMLElement;
}
