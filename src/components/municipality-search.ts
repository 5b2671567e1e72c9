/** The Kommunprofil's municipality picker: a search field with every name as a suggestion. */
import {html} from "htl";
import type {MunicipalityInfo} from "../lib/data/workbench.js";

export interface MunicipalitySearch extends HTMLElement {
  /** Shows `code` as the chosen municipality (without calling `onSelect`). */
  set(code: string): void;
}

const searchKey = (s: string) => s.trim().toLocaleLowerCase("sv");

/**
 * A text input with a datalist of all names: choosing a name (or typing it,
 * or a four-digit code, or "Name (code)") selects the municipality; Enter
 * takes the first name that starts with the text; leaving the field with no
 * match restores the current name.
 */
export function municipalitySearch(municipalities: readonly MunicipalityInfo[], current: string, onSelect: (code: string) => void): MunicipalitySearch {
  const byName = [...municipalities].sort((a, b) => a.name.localeCompare(b.name, "sv"));
  const nameOf = new Map(municipalities.map((m) => [m.code, m.name]));
  const exact = new Map(municipalities.map((m) => [searchKey(m.name), m.code]));
  let selected = current;

  const input = html`<input type="search" list="profile-municipalities" autocomplete="off" spellcheck="false"
    data-testid="municipality-search" aria-label="Sök kommun" placeholder="Skriv ett kommunnamn" value=${nameOf.get(current) ?? ""}>` as HTMLInputElement;
  const datalist = html`<datalist id="profile-municipalities">${byName.map(
    (m) => html`<option value=${m.name} label=${`${m.code} · ${m.county}`}></option>`
  )}</datalist>` as HTMLDataListElement;

  /** The code the text names exactly, if any. */
  const resolve = (text: string): string | undefined => {
    const t = searchKey(text);
    if (/^\d{4}$/.test(t) && nameOf.has(t)) return t;
    const withCode = /\((\d{4})\)\s*$/.exec(t);
    if (withCode && nameOf.has(withCode[1]!)) return withCode[1]!;
    return exact.get(t);
  };
  /** The first municipality whose name starts with the text. */
  const firstMatch = (text: string): string | undefined => {
    const t = searchKey(text);
    return byName.find((m) => searchKey(m.name).startsWith(t))?.code;
  };
  const choose = (code: string | undefined) => {
    if (code === undefined || code === selected) return;
    selected = code;
    onSelect(code);
  };

  input.addEventListener("input", () => choose(resolve(input.value)));
  input.addEventListener("change", () => choose(resolve(input.value)));
  input.addEventListener("keydown", (event) => {
    if (event.key !== "Enter") return;
    const code = resolve(input.value) ?? firstMatch(input.value);
    if (code) {
      input.value = nameOf.get(code)!;
      choose(code);
    }
  });
  input.addEventListener("blur", () => {
    if (resolve(input.value) !== selected) input.value = nameOf.get(selected) ?? "";
  });

  const element = html`<label class="control municipality-control"><span>Kommun</span>${input}${datalist}</label>` as MunicipalitySearch;
  element.set = (code) => {
    selected = code;
    input.value = nameOf.get(code) ?? "";
  };
  return element;
}
