/** The profile's head: the municipality's name and facts, its ranks in the chosen year, and the model line. */
import {html} from "htl";
import type {Model, RankPoint} from "../engine/index.js";
import type {MunicipalityInfo} from "../lib/data/workbench.js";
import {formatInteger} from "./format.js";

export interface ProfileHeaderData {
  municipality: MunicipalityInfo;
  model: Model;
  year: number;
  /**
   * The nomination rank in `year` and the improvement rank of the window
   * ending in `year` (undefined: no ranking that year); the whole is
   * undefined while the rankings are being computed.
   */
  ranks: {nomination: RankPoint | undefined; improvement: RankPoint | undefined} | undefined;
  /** The improvement window's length in years. */
  window: number;
}

function rankText(p: RankPoint | undefined | "pending", label: string): string {
  return p === "pending" ? `${label}: beräknas …` : p === undefined ? `${label}: ingen rangordning` : p.rank === null ? `${label}: ej rankad (av ${p.of})` : `${label}: ${p.rank} av ${p.of}`;
}

function modelLine(model: Model): string {
  return `Rang med modellens vikter bland alla kommuner. Modell: ${model.name}${model.status === "proposal" ? " – ett förslag, inte SKR:s modell." : "."} Värden: kön totalt, kommunnivå.`;
}

export function profileHeader({municipality: mun, model, year, ranks, window}: ProfileHeaderData): HTMLElement {
  const nomination = ranks ? ranks.nomination : "pending";
  const improvement = ranks ? ranks.improvement : "pending";
  return html`<div class="profile-header" data-testid="profile-header">
    <h2>${mun.name} <small>${mun.code}</small></h2>
    <div class="profile-facts">${mun.county} · kommungrupp ${mun.kommungrupp} ${mun.kommungruppName} · ${formatInteger(mun.population)} invånare</div>
    <div class="profile-ranks">
      <span class="rank-badge nomination" data-testid="rank-now">${rankText(nomination, `Nomineringsrang ${year}`)}</span>
      <span class="rank-badge improvement" data-testid="improvement-rank-now">${rankText(improvement, `Förbättringsrang ${year - window + 1}–${year}`)}</span>
    </div>
    <p class="model-note" data-testid="model-note">${modelLine(model)}</p>
  </div>` as HTMLElement;
}
