/**
 * The Nyckeltal page's controller: the KPI search over the whole library,
 * with the search text, the operating area and the chosen KPI kept in the URL
 * (a link opens the same view). Returns one element per section.
 */
import {html} from "htl";
import {copyLinkButton} from "../components/copy-link.js";
import {kpiSearch, type KpiSearchElement} from "../components/kpi-search.js";
import {urlNotice} from "../components/url-notice.js";
import type {KpiLibrary} from "../lib/data/kpi-library-types.js";
import {librarySpec, type LibraryState} from "../lib/state/library-state.js";
import {readPageState, writePageState} from "../lib/state/page-state.js";

export interface LibraryPage {
  notice: HTMLElement;
  summary: HTMLElement;
  search: KpiSearchElement;
  link: HTMLElement;
}

/** The page's sections for `library`; `inModels` maps a KPI id to the names of the models using it. */
export function libraryPage(library: KpiLibrary, options: {municipalityCount: number; modelKpis: ReadonlySet<string>}): LibraryPage {
  const spec = librarySpec(library);
  const {state, notices} = readPageState(spec);
  const current: LibraryState = {...state};
  const search = kpiSearch(library, {
    query: state.q,
    area: state.omrade,
    value: state.kpi || null,
    inModel: options.modelKpis,
    municipalityCount: options.municipalityCount,
    headingLevel: 3,
    onSearch: ({query, area}) => {
      current.q = query;
      current.omrade = area;
      writePageState(current, spec);
    }
  });
  search.addEventListener("input", () => {
    current.kpi = search.value?.id ?? "";
    writePageState(current, spec);
  });
  const withValues = library.kpis.filter((k) => k.hasValues).length;
  const summary = html`<p class="library-summary">${library.kpis.length.toLocaleString("sv-SE")} nyckeltal med kommunvärden i Kolada${
    withValues < library.kpis.length ? `, varav ${withValues.toLocaleString("sv-SE")} med värden i den här versionen` : ""
  }, år ${library.years[0] ?? "–"}–${library.years.at(-1) ?? "–"}, i ${library.operatingAreas.length} verksamhetsområden.</p>` as HTMLElement;
  return {notice: urlNotice(notices), summary, search, link: copyLinkButton()};
}
