/**
 * The "Modell" panel's wiring, shared by Nominering and Utvecklingskommun:
 * the KPI library (loaded on first use), loading KPI values the page lacks,
 * the download of the page's model with its current weights, and the store
 * update when the panel changes the model.
 *
 * The library's module is imported on first use too (`import()`), so a
 * page's first load fetches nothing of the library, code included.
 */
import {download} from "../components/export-buttons.js";
import {modelPanel, type ModelPanel} from "../components/model-panel.js";
import type {KpiLibrary} from "../lib/data/kpi-library.js";
import {kpiLoader} from "../lib/data/kpi-loader.js";
import {modelById, type Workbench} from "../lib/data/workbench.js";
import {fileNamePart, isoDate} from "../lib/export/table.js";
import {withWeights} from "../lib/state/model-state.js";
import {pageModel, type CommonState, type RankingStore} from "../lib/state/ranking-state.js";

/** The name of a downloaded model file: `modell_<model name>_<YYYY-MM-DD>.json`. */
export function modelFileName(name: string, date = new Date()): string {
  return `modell_${fileNamePart(name)}_${isoDate(date)}.json`;
}

export interface ModelEditor {
  /** Loads the values of these KPIs if the page lacks them. */
  ensureKpis(kpis: string[]): Promise<unknown>;
  /** The panel for a page's store; `onModel` re-renders the page after the store took a new model. */
  panel(store: RankingStore<CommonState>, titleOf: (kpi: string) => string, onModel: () => void): ModelPanel;
}

export function modelEditor(wb: Workbench): ModelEditor {
  let library: Promise<KpiLibrary> | undefined;
  const api = () => import("../lib/data/kpi-library.js");
  const loadLibrary = () =>
    (library ??= api()
      .then((m) => m.loadKpiLibrary())
      .catch((error: unknown) => {
        library = undefined;
        throw error;
      }));
  const ensureKpis = kpiLoader(wb);
  return {
    ensureKpis,
    panel(store, titleOf, onModel) {
      const view = () => ({model: pageModel(wb.models, store.state), presetName: modelById(wb.models, store.state.model).name, edited: store.state.edited !== null});
      const panel = modelPanel(view(), {
        titleOf,
        library: loadLibrary,
        ensureKpis,
        loadedKpis: () => wb.matrix.kpis,
        download: () => {
          const state = store.state;
          const model = withWeights(pageModel(wb.models, state), {dimensions: state.dw, indicators: state.w});
          const name = modelFileName(model.name);
          download(`${JSON.stringify(model, null, 2)}\n`, name, "application/json");
          return name;
        }
      });
      panel.addEventListener("input", (event) => {
        if (event.target !== panel) return;
        store.setModel(panel.value.model, panel.value.weights);
        onModel();
      });
      return panel;
    }
  };
}
