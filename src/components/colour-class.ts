/** The Kolada-style colour classes in words: the colour is never the only signal. */
import {html} from "htl";
import type {ColourClass} from "../engine/index.js";

/** The text shown with each colour class (engine/percentile.ts gives the rule). */
export const COLOUR_LABELS: Record<ColourClass, string> = {
  green: "Bästa kvartilen",
  yellow: "Mellersta hälften",
  red: "Sämsta kvartilen",
  grey: "Uppgift saknas"
};

/** A coloured chip with the class's label, for legends. */
export function colourChip(colour: ColourClass): HTMLElement {
  return html`<span class=${`colour-chip class-${colour}`}>${COLOUR_LABELS[colour]}</span>` as HTMLElement;
}
