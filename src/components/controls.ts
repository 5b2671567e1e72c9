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

/**
 * A labelled text input checked by `parse`: a valid text calls `onChange`
 * with the parsed value; an invalid one changes nothing and shows the
 * parser's message under the input until corrected.
 */
export function parsedTextControl<T>(
  label: string,
  text: string,
  parse: (text: string) => {value: T} | {error: string},
  onChange: (value: T) => void,
  testId?: string
): HTMLLabelElement & {set(text: string): void} {
  const input = html`<input type="text" inputmode="decimal" value=${text} data-testid=${testId ?? null} size="10">` as HTMLInputElement;
  const message = html`<small class="control-error" role="alert"></small>` as HTMLElement;
  input.addEventListener("input", () => {
    const r = parse(input.value.trim());
    message.textContent = "error" in r ? r.error : "";
    input.setAttribute("aria-invalid", String("error" in r));
    if (!("error" in r)) onChange(r.value);
  });
  const element = html`<label class="control"><span>${label}</span>${input}${message}</label>` as HTMLLabelElement & {set(text: string): void};
  element.set = (t: string) => {
    input.value = t;
    message.textContent = "";
    input.removeAttribute("aria-invalid");
  };
  return element;
}

/** A fieldset of checkboxes; `onChange` gets the checked values in the options' order. */
export function checkboxGroup<T extends string>(
  legend: string,
  options: readonly Option<T>[],
  checked: readonly T[],
  onChange: (values: T[]) => void,
  testId?: string
): HTMLFieldSetElement & {set(values: readonly T[]): void} {
  const boxes = options.map((o) => {
    const box = html`<input type="checkbox" value=${o.value} checked=${checked.includes(o.value)}>` as HTMLInputElement;
    box.addEventListener("input", () => onChange(options.filter((_, i) => boxes[i]!.checked).map((x) => x.value)));
    return box;
  });
  const element = html`<fieldset class="control checkboxes" data-testid=${testId ?? null}><legend>${legend}</legend>${options.map(
    (o, i) => html`<label>${boxes[i]} ${o.label}</label>`
  )}</fieldset>` as HTMLFieldSetElement & {set(values: readonly T[]): void};
  element.set = (values) => boxes.forEach((b, i) => void (b.checked = values.includes(options[i]!.value)));
  return element;
}

/** Winsorising (the JRC outlier rule) on or off. */
export function winsoriseControl(value: boolean, onChange: (value: boolean) => void): HTMLLabelElement & {set(value: "0" | "1"): void} {
  return selectControl(
    "Extremvärden",
    [
      {value: "0", label: "Som de är (standard)"},
      {value: "1", label: "Winsorisera (JRC-regeln)"}
    ] as const,
    value ? "1" : "0",
    (v) => onChange(v === "1"),
    "winsorise"
  );
}
