/** Small form controls built with the DOM (no framework): labelled select, number and multi-select. */
import {html} from "htl";

export interface Option<T extends string | number> {
  value: T;
  label: string;
}

/** A labelled `<select>`; `onChange` gets the chosen value. */
export function selectControl<T extends string | number>(
  label: string,
  options: readonly Option<T>[],
  value: T,
  onChange: (value: T) => void,
  testId?: string
): HTMLLabelElement & {set(value: T): void} {
  const select = html`<select data-testid=${testId ?? null}>${options.map(
    (o) => html`<option value=${String(o.value)} selected=${o.value === value}>${o.label}</option>`
  )}</select>` as HTMLSelectElement;
  select.addEventListener("input", () => {
    const chosen = options.find((o) => String(o.value) === select.value);
    if (chosen) onChange(chosen.value);
  });
  const element = html`<label class="control"><span>${label}</span>${select}</label>` as HTMLLabelElement & {set(value: T): void};
  element.set = (v: T) => void (select.value = String(v));
  return element;
}

/** A labelled integer input in [min, max]; invalid input is ignored until corrected. */
export function integerControl(
  label: string,
  value: number,
  min: number,
  max: number,
  onChange: (value: number) => void,
  testId?: string
): HTMLLabelElement & {set(value: number): void} {
  const input = html`<input type="number" min=${min} max=${max} step="1" value=${value} data-testid=${testId ?? null}>` as HTMLInputElement;
  input.addEventListener("input", () => {
    const n = Number(input.value);
    if (Number.isInteger(n) && n >= min && n <= max) onChange(n);
  });
  const element = html`<label class="control"><span>${label}</span>${input}</label>` as HTMLLabelElement & {set(value: number): void};
  element.set = (v: number) => void (input.value = String(v));
  return element;
}

/** A labelled multiple `<select>`; nothing selected means "all". */
export function multiSelectControl(
  label: string,
  options: readonly Option<string>[],
  selected: readonly string[],
  onChange: (values: string[]) => void,
  testId?: string
): HTMLLabelElement & {set(values: readonly string[]): void} {
  const select = html`<select multiple size="4" data-testid=${testId ?? null}>${options.map(
    (o) => html`<option value=${o.value} selected=${selected.includes(o.value)}>${o.label}</option>`
  )}</select>` as HTMLSelectElement;
  select.addEventListener("input", () => onChange([...select.selectedOptions].map((o) => o.value)));
  const element = html`<label class="control"><span>${label} <small>(inget val = alla)</small></span>${select}</label>` as HTMLLabelElement & {
    set(values: readonly string[]): void;
  };
  element.set = (values) => {
    for (const o of select.options) o.selected = values.includes(o.value);
  };
  return element;
}
