/** Colours shared by the charts. */

/** The dimension colours, in model order (colour-blind safe Tableau 10). */
export const DIMENSION_COLORS = ["#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#76b7b2", "#edc948"];
