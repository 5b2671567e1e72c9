/** Colours shared by the charts. */

/**
 * The dimension colours, in model order: Okabe and Ito's colour-blind safe
 * palette (blue, vermillion, bluish green, reddish purple, then a dark yellow
 * and a grey), darkened where needed so that every colour has at least 3:1
 * against the white page (WCAG 1.4.11: lines and bars are seen against it;
 * the stacked bars keep a white gap between their parts). Every chart also
 * names the dimensions in its legend and tooltips.
 */
export const DIMENSION_COLORS = ["#0072b2", "#d55e00", "#009e73", "#ad5e99", "#8a6d00", "#666666"];
