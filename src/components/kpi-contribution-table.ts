/** Each KPI's contribution as a table: value, z-score, weight share and contribution (or why it has none). */
import type {IndicatorStatus, KpiContributions, Model} from "../engine/index.js";
import {formatDecimal, formatValue} from "./format.js";
import {formatContribution} from "./profile-format.js";
import {td, th} from "./table-cells.js";

/** Why a KPI has no contribution. */
const STATUS_TEXT: Record<IndicatorStatus, string> = {
  used: "–",
  missing: "saknas",
  left_out: "utelämnat",
  zero_weight: "vikt 0"
};

export function kpiContributionTable(
  c: KpiContributions,
  {model, year, titleOf, unitOf}: {model: Model; year: number; titleOf: (kpi: string) => string; unitOf: (kpi: string) => string | null}
): HTMLTableElement {
  const dimLabel = new Map(model.dimensions.map((d) => [d.id, d.label]));
  const table = document.createElement("table");
  table.className = "contribution-table";
  const head = table.createTHead().insertRow();
  for (const h of ["Nyckeltal", "Dimension"]) th(head, h);
  for (const h of [`Värde ${year}`, "z-poäng", "Viktandel", "Bidrag"]) th(head, h, "num");
  const body = table.createTBody();
  for (const k of c.kpis) {
    const tr = body.insertRow();
    tr.dataset.kpi = k.kpi;
    td(tr, titleOf(k.kpi));
    td(tr, dimLabel.get(k.dimension) ?? k.dimension);
    td(tr, formatValue(k.raw, unitOf(k.kpi)), "num");
    td(tr, formatDecimal(k.normalised), "num");
    td(tr, k.weightShare === null ? "–" : `${formatDecimal(k.weightShare * 100)} %`, "num");
    td(tr, k.contribution === null ? STATUS_TEXT[k.status] : formatContribution(k.contribution), "num");
  }
  return table;
}
