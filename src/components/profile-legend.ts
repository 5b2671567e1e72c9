/** The key to the profile's KPI table: the sparkline's lines and the colour classes. */
import {html} from "htl";
import {COLOUR_CLASSES} from "../engine/index.js";
import {colourChip} from "./colour-class.js";
import {SERIES_COLORS} from "./sparkline.js";

function lineSwatch(color: string, label: string, dashed = false): HTMLElement {
  return html`<span class="legend-item"><svg width="26" height="10" aria-hidden="true"><line x1="1" x2="25" y1="5" y2="5" stroke=${color} stroke-width="2.4" stroke-dasharray=${dashed ? "3,2" : null}></line></svg> ${label}</span>` as HTMLElement;
}

export function profileLegend(): HTMLElement {
  return html`<p class="profile-legend">
    ${lineSwatch(SERIES_COLORS.value, "kommunen")}
    ${lineSwatch(SERIES_COLORS.group, "median i kommungruppen")}
    ${lineSwatch(SERIES_COLORS.national, "median alla kommuner", true)}
    <span class="legend-item">│ valt år</span>
    <span class="legend-item">${COLOUR_CLASSES.map(colourChip)}</span>
  </p>` as HTMLElement;
}
