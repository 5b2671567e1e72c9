/** The Swedish names of the method options, shared by every page's controls and texts. */
import type {Aggregation, ImprovementMethod, Normalisation} from "../engine/index.js";

export const NORMALISATION_LABELS: Record<Normalisation, string> = {
  zscore: "z-poäng (standard)",
  minmax: "Min–max",
  percentile: "Percentilrang",
  goalposts: "Målstolpar"
};

export const AGGREGATION_LABELS: Record<Aggregation, string> = {arithmetic: "Aritmetiskt medel (standard)", geometric: "Geometriskt medel"};

export const METHOD_LABELS: Record<ImprovementMethod, string> = {
  "theil-sen": "Theil–Sen-lutning (standard)",
  national: "Relativt rikets utveckling",
  regression: "Justerad för regression mot medelvärdet"
};
