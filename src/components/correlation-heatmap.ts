/**
 * A Spearman correlation matrix of the direction-aligned KPIs as a heat map:
 * blue positive, red negative, each cell labelled with its value (so the
 * colour is never the only cue). Cells with |r| > 0.9 (likely double
 * counting) and negative correlations inside a dimension (direction
 * conflict) are outlined.
 */
import * as Plot from "@observablehq/plot";
import {plotImage} from "./a11y.js";
import {formatDecimal} from "./format.js";

export interface CorrelationCell {
  row: string;
  column: string;
  r: number | null;
  /** "dubbelräkning", "riktningskonflikt" or null. */
  flag: string | null;
}

export function correlationHeatmap(cells: readonly CorrelationCell[], {kpis, width}: {kpis: readonly string[]; width: number}): SVGSVGElement | HTMLElement {
  const size = Math.max(18, Math.min(34, Math.floor((width - 90) / Math.max(kpis.length, 1))));
  const known = cells.filter((c) => c.r !== null);
  return plotImage(Plot.plot({
    width: 90 + size * kpis.length,
    height: 90 + size * kpis.length,
    marginLeft: 70,
    marginTop: 70,
    marginBottom: 10,
    style: {fontSize: "10px"},
    x: {domain: kpis, axis: "top", tickRotate: -90, label: null},
    y: {domain: kpis, label: null},
    color: {type: "linear", domain: [-1, 1], scheme: "RdBu", legend: true, label: "Spearmans r"},
    marks: [
      Plot.cell(known, {x: "column", y: "row", fill: "r", title: (c: CorrelationCell) => `${c.row} × ${c.column}: r = ${formatDecimal(c.r)}${c.flag ? ` (${c.flag})` : ""}`}),
      Plot.cell(
        known.filter((c) => c.flag),
        {x: "column", y: "row", stroke: "#000", strokeWidth: 2, fill: "none", inset: 1}
      ),
      size >= 26 ? Plot.text(known, {x: "column", y: "row", text: (c: CorrelationCell) => formatDecimal(c.r).replace(/^(-|−)?0,/, "$1,"), fill: (c: CorrelationCell) => (Math.abs(c.r!) > 0.6 ? "white" : "black")}) : null
    ]
  }), `Spearmans rangkorrelation mellan ${kpis.length} nyckeltal; svart ram = dubbelräkning eller riktningskonflikt`);
}
