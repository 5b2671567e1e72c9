/**
 * The profile's strengths (KPIs in the best quarter, best first) and
 * weaknesses (worst quarter, worst first), side by side, each cut to a few
 * with a note on how many more the table has. With no weakness, the note names
 * the KPI with the lowest percentile instead of saying nothing.
 */
import {html} from "htl";
import {strengthsAndWeaknesses, weakestKpi, type KpiProfile} from "../engine/index.js";
import {formatValue} from "./format.js";
import {percentileText, shorten} from "./profile-format.js";

/** How many strengths and weaknesses the lists show (the table has them all). */
export const LIST_LIMIT = 6;

export interface StrengthsWeaknessesOptions {
  year: number;
  unitOf: (kpi: string) => string | null;
}

function item(p: KpiProfile, unitOf: (kpi: string) => string | null): HTMLElement {
  const li = html`<li data-kpi=${p.kpi}>
    <span class=${`sw-mark class-${p.colour}`} aria-hidden="true"></span><strong>${shorten(p.title, 90)}</strong>
    <span class="sw-detail">${formatValue(p.value, unitOf(p.kpi))} · percentil ${percentileText(p.percentile)} · plats ${p.place} av ${p.n} · median ${formatValue(p.nationalMedian)}</span>
  </li>` as HTMLElement;
  li.title = p.title;
  return li;
}

/** One column: heading, the first LIST_LIMIT rows, and a note (empty list: `empty`; more rows: how many). */
function column(kind: "strengths" | "weaknesses", heading: Node, rows: KpiProfile[], empty: string, unitOf: (kpi: string) => string | null): HTMLElement {
  const note = !rows.length ? empty : rows.length > LIST_LIMIT ? `… och ${rows.length - LIST_LIMIT} till (se tabellen).` : "";
  return html`<div class=${`sw ${kind}`}>
    ${heading}
    <ol class="sw-list" data-testid=${kind}>${rows.slice(0, LIST_LIMIT).map((p) => item(p, unitOf))}</ol>
    <p class="sw-note">${note}</p>
  </div>` as HTMLElement;
}

export function strengthsWeaknesses(profiles: readonly KpiProfile[], {year, unitOf}: StrengthsWeaknessesOptions): HTMLElement {
  const {strengths, weaknesses} = strengthsAndWeaknesses(profiles);
  const weakest = weakestKpi(profiles);
  const noWeakness =
    `Inget nyckeltal i sämsta kvartilen år ${year}.` +
    (weakest ? ` Lägst percentil: ${shorten(weakest.title, 70)} (percentil ${percentileText(weakest.percentile)}, plats ${weakest.place} av ${weakest.n}).` : "");
  return html`<section class="sw-grid">
    ${column("strengths", html`<h3>Styrkor <small>bästa kvartilen</small></h3>`, strengths, `Inget nyckeltal i bästa kvartilen år ${year}.`, unitOf)}
    ${column("weaknesses", html`<h3>Svagheter <small>sämsta kvartilen</small></h3>`, weaknesses, noWeakness, unitOf)}
  </section>` as HTMLElement;
}
