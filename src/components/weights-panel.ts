/**
 * Weight controls: one slider per dimension and, grouped under it, one per KPI
 * (title, direction arrow, reset), plus presets. Emits the full weights on
 * every input event; `set` updates the sliders without emitting.
 */
import {html} from "htl";
import type {Model, Weights} from "../engine/index.js";
import {WEIGHT_RANGE} from "../lib/state/ranking-state.js";
import {formatDecimal} from "./format.js";
import {setText} from "./svg.js";


export interface WeightsPanel extends HTMLElement {
  set(weights: Weights): void;
}

/** The presets: the model's weights, equal weights, and one per dimension (only that dimension counts). */
export function weightPresets(model: Model): {id: string; label: string; weights: Weights}[] {
  const modelWeights: Weights = {
    dimensions: Object.fromEntries(model.dimensions.map((d) => [d.id, d.weight])),
    indicators: Object.fromEntries(model.indicators.map((i) => [i.kpi, i.weight]))
  };
  const equal: Weights = {
    dimensions: Object.fromEntries(model.dimensions.map((d) => [d.id, 1])),
    indicators: Object.fromEntries(model.indicators.map((i) => [i.kpi, 1]))
  };
  return [
    {id: "model", label: "Modellens vikter", weights: modelWeights},
    {id: "equal", label: "Lika vikter", weights: equal},
    ...model.dimensions.map((only) => ({
      id: `only-${only.id}`,
      label: `Bara ${only.label.toLowerCase()}`,
      weights: {
        dimensions: Object.fromEntries(model.dimensions.map((d) => [d.id, d.id === only.id ? 1 : 0])),
        indicators: {...modelWeights.indicators}
      }
    }))
  ];
}

function slider(value: number, testId: string, label: string): HTMLInputElement {
  return html`<input type="range" min="0" max=${WEIGHT_RANGE.max} step=${WEIGHT_RANGE.step} value=${value} data-testid=${testId} aria-label=${label}>` as HTMLInputElement;
}

/** Builds the panel for a model; `titleOf` gives a KPI's title; `kpiWeights: false` leaves out the KPI sliders (a workshop that allows only dimension weights). */
export function weightsPanel(model: Model, initial: Weights, titleOf: (kpi: string) => string, onChange: (weights: Weights) => void, {kpiWeights = true}: {kpiWeights?: boolean} = {}): WeightsPanel {
  const current: Weights = {dimensions: {...initial.dimensions}, indicators: {...initial.indicators}};
  const inputs = new Map<string, {input: HTMLInputElement; output: HTMLElement; get: () => number; put: (v: number) => void}>();
  const emit = () => onChange({dimensions: {...current.dimensions}, indicators: {...current.indicators}});

  function row(key: string, kind: "dimensions" | "indicators", id: string, label: string, defaultWeight: number, extra: unknown) {
    const input = slider(current[kind][id] ?? defaultWeight, `weight-${id}`, `Vikt för ${label}`);
    const output = html`<output>${formatDecimal(current[kind][id] ?? defaultWeight)}</output>` as HTMLElement;
    const reset = html`<button type="button" class="reset" title="Återställ till modellens vikt (${formatDecimal(defaultWeight)})" aria-label="Återställ ${label}">↺</button>` as HTMLButtonElement;
    const put = (v: number) => {
      current[kind][id] = v;
      // From the slider's own input event the value is already there: setting it again costs ~0.2 ms.
      if (Number(input.value) !== v) input.value = String(v);
      setText(output, formatDecimal(v)); // the output's own text node: no node replaced, no extra layout
    };
    input.addEventListener("input", () => {
      put(Number(input.value));
      emit();
    });
    reset.addEventListener("click", () => {
      put(defaultWeight);
      emit();
    });
    inputs.set(key, {input, output, get: () => current[kind][id]!, put});
    return html`<div class="weight-row ${kind === "dimensions" ? "dimension" : "kpi"}">
      <span class="weight-label">${extra}${label}</span>${input}${output}${reset}</div>`;
  }

  const presets = weightPresets(model);
  const presetButtons = presets.map((p) => {
    const button = html`<button type="button" data-testid=${`preset-${p.id}`}>${p.label}</button>` as HTMLButtonElement;
    button.addEventListener("click", () => {
      element.set(p.weights);
      emit();
    });
    return button;
  });

  const element = html`<div class="weights-panel" data-testid="weights-panel">
    <div class="presets"><span>Förval:</span> ${presetButtons}</div>
    ${model.dimensions.map((d) => {
      const kpis = model.indicators.filter((i) => i.dimension === d.id);
      return html`<fieldset class="dimension-weights">
        ${row(`d:${d.id}`, "dimensions", d.id, d.label, d.weight, "")}
        ${kpiWeights ? html`<details><summary>${kpis.length} nyckeltal i ${d.label.toLowerCase()}</summary>
          ${kpis.map((i) =>
            row(
              `k:${i.kpi}`,
              "indicators",
              i.kpi,
              `${titleOf(i.kpi)} (${i.kpi})`,
              i.weight,
              html`<span class="direction" title=${i.direction === "higher_better" ? "Högre är bättre" : "Lägre är bättre"}>${
                i.direction === "higher_better" ? "↑" : "↓"
              }</span> `
            )
          )}
        </details>` : null}
      </fieldset>`;
    })}
  </div>` as WeightsPanel;

  element.set = (weights: Weights) => {
    for (const d of model.dimensions) inputs.get(`d:${d.id}`)!.put(weights.dimensions[d.id] ?? d.weight);
    for (const i of model.indicators) {
      const input = inputs.get(`k:${i.kpi}`);
      if (input) input.put(weights.indicators[i.kpi] ?? i.weight);
      else current.indicators[i.kpi] = weights.indicators[i.kpi] ?? i.weight;
    }
  };
  return element;
}

/** A place for the weights panel of the current model; `show` swaps in another model's panel. */
export interface WeightsSlot extends HTMLElement {
  show(model: Model, weights: Weights): void;
}

export function weightsSlot(titleOf: (kpi: string) => string, onChange: (weights: Weights) => void): WeightsSlot {
  const element = document.createElement("div") as unknown as WeightsSlot;
  element.className = "weights-slot";
  element.show = (model, weights) => element.replaceChildren(weightsPanel(model, weights, titleOf, onChange));
  return element;
}
