/** The data source line every page shows: source and date from the manifest, and the attribution. */
import {html} from "htl";
import {formatDate, formatInteger} from "./format.js";

/** The parts of `manifest.json` the pages read (see loaders/outputs.ts). */
export interface ManifestInfo {
  source: {kind: "snapshot" | "live" | "cache"; location: string; date: string; warning?: string};
  attribution: string;
  row_counts: {values: number; municipalities: number; kpis: number};
  years: number[];
}

const SOURCE_LABEL = {
  snapshot: "Kolada, offline-ögonblicksbild",
  live: "Kolada API (v3)",
  cache: "Kolada API (v3), sparad kopia"
} as const;

/**
 * One line under a page's title: where the data comes from and when. The
 * source's name and date only, never the build machine's path (`location`).
 */
export function sourceNote(manifest: ManifestInfo): HTMLElement {
  const {source} = manifest;
  const dateLabel = source.kind === "snapshot" ? "ögonblicksbild från" : "hämtad";
  return html`<p class="source-note" data-testid="source-note">
    <strong>Data:</strong> ${SOURCE_LABEL[source.kind]}, ${dateLabel} ${formatDate(source.date)};
    ${formatInteger(manifest.row_counts.municipalities)} kommuner, ${formatInteger(manifest.row_counts.kpis)} nyckeltal,
    år ${manifest.years[0] ?? "–"}–${manifest.years.at(-1) ?? "–"}.
    <em>${manifest.attribution}.</em>
    ${source.warning ? html`<br><span class="warning">Varning: ${source.warning}</span>` : ""}
  </p>` as HTMLElement;
}
