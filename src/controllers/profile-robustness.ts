/**
 * Kommunprofil's robustness section: how sure the municipality's nomination
 * is, from the same Monte Carlo analysis as the Robusthet page (the model's
 * weights, each varied ±25 %, 1 000 draws, seed 1, top 10), run in the
 * robustness worker. One analysis covers every municipality, so it is cached
 * per model and year: choosing another municipality shows its figures at once.
 */
import {DEFAULT_DRAWS, DEFAULT_NOISE, DEFAULT_SEED, type UncertaintyResult} from "../engine/index.js";
import {formatInteger, formatPercent} from "../components/format.js";
import type {Workbench} from "../lib/data/workbench.js";
import type {RobustnessClient} from "../lib/workers/robustness-client.js";

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

  function analysis(model: string, year: number): Promise<UncertaintyResult> {
    const key = `${model}|${year}`;
    let result = cache.get(key);
    if (!result) {
      client ??= startWorker();
      result = client
        .analyse({model, sobol: 0, settings: {kind: "nomination", year, draws: DEFAULT_DRAWS, seed: DEFAULT_SEED, noise: DEFAULT_NOISE, topN: TOP_N}})
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
          element.replaceChildren(p);
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
  return element;
}

function paragraph(text: string): HTMLParagraphElement {
  const p = document.createElement("p");
  p.textContent = text;
  return p;
}
