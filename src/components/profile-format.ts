/** The Kommunprofil's small text formatters (numbers in general: format.ts). */
import type {Direction} from "../engine/index.js";
import {formatInteger} from "./format.js";

/** Whole percent; below 0.5 (the last of many, P = 100/n) "<1" rather than a misleading 0. */
export function percentileText(p: number | null): string {
  return p === null ? "–" : p < 0.5 ? "<1" : formatInteger(Math.round(p));
}

const contributionFormat = new Intl.NumberFormat("sv-SE", {minimumFractionDigits: 3, maximumFractionDigits: 3});

/** Contributions are small (26 KPIs share a total near ±1): three decimals; missing → "–". */
export function formatContribution(v: number | null | undefined): string {
  return v === null || v === undefined || !Number.isFinite(v) ? "–" : contributionFormat.format(v);
}

export function directionText(d: Direction): string {
  return d === "higher_better" ? "↑ högre är bättre" : "↓ lägre är bättre";
}

/** Cuts a long title to `max` characters with an ellipsis. */
export function shorten(text: string, max = 52): string {
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}
