/**
 * Kommunprofil's robustness section: how sure the municipality's nomination
 * is, from the same Monte Carlo analysis as the Robusthet page (the model's
 * weights, each varied ±25 %, 1 000 draws, seed 1, top 10), run in the
 * robustness worker. One analysis covers every municipality, so it is cached
 * per model and year: choosing another municipality shows its figures at once.
 */
import {DEFAULT_BOUNDS, DEFAULT_DRAWS, DEFAULT_NOISE, DEFAULT_SEED, type RankRange, type UncertaintyResult} from "../engine/index.js";
import {formatInteger, formatPercent, formatTick} from "../components/format.js";
import type {Workbench} from "../lib/data/workbench.js";
import {nominationSpec} from "../lib/state/nomination-state.js";
import {defaultState, formatStateCompact} from "../lib/state/url-state.js";
import type {AnalysisRequest, RobustnessClient} from "../lib/workers/robustness-client.js";

/** N of the profile's P(top N): the pages' default. */
const TOP_N = 10;

export interface ProfileRobustness extends HTMLElement {
  show(state: {kommun: string; model: string; year: number}): void;
}

export function profileRobustness(wb: Workbench, startWorker: () => RobustnessClient): ProfileRobustness {
  const element = document.createElement("div") as unknown as ProfileRobustness;
  element.className = "profile-robustness";
  element.dataset.testid = "profile-robustness";
  element.dataset.state = "idle";
  const cache = new Map<string, Promise<UncertaintyResult>>();
  let client: RobustnessClient | undefined;
  let shown = 0;

  const requestFor = (model: string, year: number): AnalysisRequest => ({model, sobol: 0, settings: {kind: "nomination", year, draws: DEFAULT_DRAWS, seed: DEFAULT_SEED, noise: DEFAULT_NOISE, topN: TOP_N}});
  const extremesCache = new Map<string, Promise<RankRange | null>>();

  /** Best and worst rank within 0.5–2 × the model's dimension weights (exact, in the worker; after the analysis, whose draws start the search). */
  function extremes(model: string, year: number, code: string): Promise<RankRange | null> {
    const key = `${model}|${year}|${code}`;
    let range = extremesCache.get(key);
    if (!range) {
      client ??= startWorker();
      range = client.extremes(requestFor(model, year), {bounds: DEFAULT_BOUNDS, code}).then((reply) => {
        if (reply.cancelled) throw new Error("avbruten");
        return reply.ranges[0] ?? null;
      });
      range.catch(() => extremesCache.delete(key));
      extremesCache.set(key, range);
    }
    return range;
  }

  function analysis(model: string, year: number): Promise<UncertaintyResult> {
    const key = `${model}|${year}`;
    let result = cache.get(key);
    if (!result) {
      client ??= startWorker();
      result = client
        .analyse(requestFor(model, year))
        .then((reply) => {
          if (reply.cancelled) throw new Error("avbruten");
          return reply.result;
        });
      result.catch(() => cache.delete(key));
      cache.set(key, result);
    }
    return result;
  }

  element.show = (state) => {
    const id = ++shown;
    element.dataset.state = "running";
    element.replaceChildren(paragraph("Beräknar hur säker rangen är (1 000 dragningar av vikterna) …"));
    analysis(state.model, state.year).then(
      (result) => {
        if (id !== shown) return;
        const row = result.rows.find((r) => r.code === state.kommun);
        const link = document.createElement("a");
        link.href = `./robusthet.html?model=${encodeURIComponent(state.model)}&year=${state.year}`;
        link.textContent = "Fler inställningar på Robusthet";
        if (!row) {
          element.replaceChildren(paragraph("Kommunen saknas i analysen."));
        } else {
          const p = paragraph(
            `P(topp ${TOP_N}) ${formatPercent(row.pTopN)} – ${row.status}. Rang nu ${row.nominalRank === null ? "ej rankad" : formatInteger(row.nominalRank)}` +
              (row.medianRank === null ? "; aldrig rankad i dragningarna." : `; median ${formatInteger(row.medianRank)}, 5–95 %: ${row.q05}–${row.q95}.`) +
              ` Modellens vikter ±${formatPercent(DEFAULT_NOISE)}, ${formatInteger(result.draws)} dragningar, år ${state.year}. `
          );
          p.dataset.testid = "profile-p-top";
          p.append(link);
          const extremesLine = paragraph("Bästa och sämsta möjliga rang beräknas …");
          extremesLine.dataset.testid = "profile-extremes";
          element.replaceChildren(p, extremesLine);
          if (row.nominalRank !== null) return showExtremes(state, extremesLine, id);
          extremesLine.textContent = "Ej rankad: ingen bästa eller sämsta rang.";
        }
        element.dataset.state = "done";
        element.dataset.municipality = state.kommun;
      },
      (error: Error) => {
        if (id !== shown) return;
        element.dataset.state = "error";
        element.replaceChildren(paragraph(`Analysen kunde inte köras: ${error.message}`));
      }
    );
  };
  /** The best and worst rank line, with a link that opens the weights of the best rank on Nominering. */
  function showExtremes(state: {kommun: string; model: string; year: number}, line: HTMLElement, id: number): void {
    extremes(state.model, state.year, state.kommun).then(
      (range) => {
        if (id !== shown) return;
        if (!range) {
          line.textContent = "Ingen bästa eller sämsta rang: kommunen är inte rankad inom gränserna.";
        } else {
          const nomination = {...defaultState(nominationSpec(wb, state.model)), year: state.year, dw: range.bestWeights};
          const link = document.createElement("a");
          link.href = `./nominering.html?${formatStateCompact(nomination, nominationSpec(wb, state.model), ["model", "year"])}`;
          link.textContent = "Öppna vikterna för bästa rang i Nominering";
          link.dataset.testid = "profile-best-link";
          const weights = Object.entries(range.bestWeights)
            .map(([id, w]) => `${wb.models.find((m) => m.id === state.model)?.model.dimensions.find((d) => d.id === id)?.label ?? id} ${formatTick(w)}`)
            .join(", ");
          line.textContent =
            `Bästa möjliga rang ${range.bestRank} och sämsta ${range.worstRank} när dimensionsvikterna får variera ${formatTick(DEFAULT_BOUNDS.lo)}–${formatTick(DEFAULT_BOUNDS.hi)} × modellens (nyckeltalsvikterna som i modellen; exakt)` +
            `${range.canReachTopN ? "" : `; når aldrig topp ${TOP_N}`}. Bästa rangen med vikterna ${weights}. `;
          line.append(link);
          line.dataset.best = String(range.bestRank);
          line.dataset.worst = String(range.worstRank);
        }
        element.dataset.state = "done";
        element.dataset.municipality = state.kommun;
      },
      (error: Error) => {
        if (id !== shown) return;
        line.textContent = `Bästa och sämsta rang kunde inte beräknas: ${error.message}`;
        element.dataset.state = "done";
        element.dataset.municipality = state.kommun;
      }
    );
  }

  return element;
}

function paragraph(text: string): HTMLParagraphElement {
  const p = document.createElement("p");
  p.textContent = text;
  return p;
}
