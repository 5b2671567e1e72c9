/**
 * What each page exports: from the page's state (the same settings its URL
 * holds) to export tables and their "Om data", recomputed with the same
 * engine calls the page's controller makes, so an export is exactly the
 * page's ranking at full precision. No DOM: the share link and the download
 * are added by components/export-buttons.ts.
 *
 * A page export is a file name (page, model, year) and one or more tables,
 * each built only when a button asks for it (the audit's table takes
 * 0.1–0.3 s, the profile's rank history ≈ 0.1 s).
 */
import {
  defaultWeights,
  auditIndicators,
  formatBounds,
  kpiContributions,
  kpiProfiles,
  medianTable,
  prepareImprovement,
  prepareNomination,
  rankHistories,
  rankHistoryFor,
  score,
  type Model,
  type RankRange,
  type ScoreResult,
  type UncertaintyResult,
  type Weights
} from "../../engine/index.js";
import {COLOUR_LABELS} from "../../components/colour-class.js";
import {AGGREGATION_LABELS, METHOD_LABELS, NORMALISATION_LABELS} from "../../components/method-labels.js";
import {modelById, type Workbench} from "../data/workbench.js";
import {effectiveEndYear, type ImprovementState} from "../state/improvement-state.js";
import type {NominationState} from "../state/nomination-state.js";
import type {ProfileState} from "../state/profile-state.js";
import {matchesFilters, pageModel, SCOPE_GROUPING, SCOPE_LABELS, type CommonState} from "../state/ranking-state.js";
import type {RobustnessState} from "../state/robustness-state.js";
import {DIRECTION_LABELS, sourceText, type AboutInfo} from "./about.js";
import {rankingExportTable} from "./ranking.js";
import {finiteOrNull, type Cell, type ExportColumn, type ExportTable, type FileNameParts} from "./table.js";

/** A table and its "Om data" (the link is filled in by the page). */
export interface ExportData {
  table: ExportTable;
  about: AboutInfo;
}

export interface ExportTableSource {
  /** "" for the page's main table, else a suffix of the file name and the buttons' test ids ("dimensioner"). */
  id: string;
  build: () => ExportData | Promise<ExportData>;
}

export interface PageExport {
  name: FileNameParts;
  tables: ExportTableSource[];
}

/** The manifest as the site serves it (components/source-note.ts reads the same file). */
interface ManifestFiles {
  source: {kind: "snapshot" | "live" | "cache"; location: string; date: string; warning?: string};
  files?: Record<string, {bytes: number; sha256: string}>;
}

const yesNo = (b: boolean) => (b ? "ja" : "nej");

/** "Om data" for a page: the model with the weights in use, the settings, source, date and the manifest's hashes. */
export function pageAbout(wb: Workbench, model: Model, modelId: string, weights: Weights | null, title: string, settings: [string, Cell][], now = new Date()): AboutInfo {
  const manifest = wb.manifest as unknown as ManifestFiles;
  const label = new Map(model.dimensions.map((d) => [d.id, d.label]));
  return {
    title,
    model: {id: modelId, name: model.name, status: model.status ?? null},
    dimensions: model.dimensions.map((d) => ({id: d.id, label: d.label, modelWeight: d.weight, weight: weights?.dimensions?.[d.id] ?? d.weight})),
    kpis: model.indicators.map((i) => ({
      kpi: i.kpi,
      title: wb.kpis.get(i.kpi)?.title ?? i.title ?? i.kpi,
      dimension: label.get(i.dimension) ?? i.dimension,
      direction: i.direction,
      modelWeight: i.weight,
      weight: weights?.indicators?.[i.kpi] ?? i.weight
    })),
    settings,
    source: sourceText(manifest.source),
    sourceDate: manifest.source.date,
    hashes: Object.entries(manifest.files ?? {}).map(([file, f]) => ({file, bytes: f.bytes, sha256: f.sha256})),
    link: "",
    created: now.toISOString()
  };
}

/** The county and kommungrupp filters and the scope, in words. */
function commonSettings(wb: Workbench, state: CommonState): [string, Cell][] {
  const counties = new Map(wb.municipalities.map((m) => [m.countyCode, m.county]));
  return [
    ["Rangordning", SCOPE_LABELS[state.scope]],
    ["Topp N", state.top],
    ["Län (filter)", state.lan.length ? state.lan.map((c) => `${c} ${counties.get(c) ?? ""}`.trim()).join(", ") : "alla"],
    ["Kommungrupper (filter)", state.grupp.length ? state.grupp.join(", ") : "alla"],
    ["Rader", "alla kommuner som filtren släpper igenom: rankade i rangordning, sedan ej rankade med skäl"]
  ];
}

/** The model's name in a file name and "Om data": the preset's id, with "-andrad" once edited. */
const modelName = (state: CommonState) => (state.edited ? `${state.model}-andrad` : state.model);

const rankMap = (result: ScoreResult) => new Map(result.rows.filter((r) => r.rank !== null).map((r) => [r.code, r.rank!]));

/** Nominering: the ranking with the page's weights, method, scope and filters. */
export function nominationExport(wb: Workbench, state: NominationState): PageExport {
  return {
    name: {page: "nominering", model: modelName(state), year: state.year},
    tables: [
      {
        id: "",
        build: () => {
          const model = pageModel(wb.models, state);
          const prepared = prepareNomination(wb.matrix, model, state.year, {normalisation: state.norm, aggregation: state.agg, winsorise: state.wins});
          const grouping = SCOPE_GROUPING[state.scope];
          const weights = {dimensions: state.dw, indicators: state.w};
          const result = score(prepared, weights, {grouping});
          const baseline = rankMap(score(prepared, defaultWeights(model), {grouping}));
          const title = `Nominering ${state.year}`;
          return {
            table: rankingExportTable(result, title, {baselineRank: baseline, topN: state.top, filter: (r) => matchesFilters(state, r)}),
            about: pageAbout(wb, model, modelName(state), weights, title, [
              ["År", state.year],
              ["Normalisering", NORMALISATION_LABELS[state.norm]],
              ["Aggregering", AGGREGATION_LABELS[state.agg]],
              ["Winsorisering (JRC)", yesNo(state.wins)],
              ...commonSettings(wb, state)
            ])
          };
        }
      }
    ]
  };
}

/** Utvecklingskommun: the improvement ranking (end year moved as on the page when the window would start too early). */
export function improvementExport(wb: Workbench, state: ImprovementState): PageExport {
  const endYear = effectiveEndYear(state, wb.matrix.years[0]!);
  return {
    name: {page: "utveckling", model: modelName(state), year: endYear},
    tables: [
      {
        id: "",
        build: () => {
          const model = pageModel(wb.models, state);
          const prepared = prepareImprovement(wb.matrix, model, endYear, {window: state.window, method: state.method, aggregation: state.agg, winsorise: state.wins});
          const options = {grouping: SCOPE_GROUPING[state.scope], minSteadiness: state.steady > 0 ? state.steady : undefined};
          const weights = {dimensions: state.dw, indicators: state.w};
          const result = score(prepared, weights, options);
          const baseline = rankMap(score(prepared, defaultWeights(model), options));
          const window = prepared.window!;
          const title = `Utveckling ${window.from}–${window.to}`;
          return {
            table: rankingExportTable(result, title, {baselineRank: baseline, topN: state.top, filter: (r) => matchesFilters(state, r)}),
            about: pageAbout(wb, model, modelName(state), weights, title, [
              ["Slutår", endYear],
              ...(endYear !== state.year ? ([["Slutår i länken", state.year]] as [string, Cell][]) : []),
              ["Fönster", `${window.from}–${window.to} (${window.length} år)`],
              ["Mått", METHOD_LABELS[state.method]],
              ["Aggregering", AGGREGATION_LABELS[state.agg]],
              ["Winsorisering (JRC)", yesNo(state.wins)],
              ["Minsta stadighet", state.steady],
              ...commonSettings(wb, state)
            ])
          };
        }
      }
    ]
  };
}

/** The improvement window of the profile's rank history (profile-page.ts uses the same). */
const PROFILE_WINDOW = 4;

/** Kommunprofil: every model KPI with value, medians, percentile and contribution; and the rank over the years. */
export function profileExport(wb: Workbench, state: ProfileState): PageExport {
  const mun = wb.municipalities.find((m) => m.code === state.kommun);
  const munText = mun ? `${mun.code} ${mun.name}` : state.kommun;
  const page = `kommun-${state.kommun}`;
  const settings = (): [string, Cell][] => [
    ["Kommun", munText],
    ["Kommungrupp", mun ? `${mun.kommungrupp} ${mun.kommungruppName}` : null],
    ["År", state.year],
    ["Vikter", "modellens egna"]
  ];
  return {
    name: {page, model: state.model, year: state.year},
    tables: [
      {
        id: "",
        build: () => {
          const model = modelById(wb.models, state.model);
          const medians = medianTable(
            wb.matrix,
            model.indicators.map((i) => i.kpi)
          );
          const profiles = kpiProfiles(wb.matrix, model, state.kommun, state.year, medians, (kpi) => wb.kpis.get(kpi)?.title);
          // The year's nomination with the model's weights, as the profile's contributions use it.
          let explained = new Map<string, {normalised: number | null; weightShare: number | null; contribution: number | null}>();
          try {
            const result = score(prepareNomination(wb.matrix, model, state.year), defaultWeights(model));
            explained = new Map(kpiContributions(result, state.kommun).kpis.map((k) => [k.kpi, k]));
          } catch {
            // No ranking that year (too little data): the contribution columns stay empty.
          }
          const dimLabel = new Map(model.dimensions.map((d) => [d.id, d.label]));
          const col = (key: string, label: string, type: ExportColumn["type"], values: Cell[], extra: Partial<ExportColumn> = {}): ExportColumn => ({key, label, type, values, ...extra});
          const num = (f: (p: (typeof profiles)[number]) => number | null | undefined) => profiles.map((p) => finiteOrNull(f(p)));
          const title = `${mun?.name ?? state.kommun} ${state.year}`;
          const table: ExportTable = {
            title,
            columns: [
              col("kpi", "Nyckeltal", "text", profiles.map((p) => p.kpi)),
              col("title", "Titel", "text", profiles.map((p) => p.title)),
              col("dimension", "Dimension", "text", profiles.map((p) => dimLabel.get(p.dimension) ?? p.dimension)),
              col("direction", "Riktning", "text", profiles.map((p) => DIRECTION_LABELS[p.direction])),
              col("weight", "Vikt i modellen", "number", num((p) => p.weight)),
              col("unit", "Enhet", "text", profiles.map((p) => wb.kpis.get(p.kpi)?.unit ?? null)),
              col("value", `Värde ${state.year}`, "number", num((p) => p.value)),
              col("national_median", "Median kommuner", "number", num((p) => p.nationalMedian)),
              col("group_median", `Median ${mun?.kommungrupp ?? "kommungrupp"}`, "number", num((p) => p.groupMedian)),
              col("riket", "Riket", "number", num((p) => p.riket)),
              col("percentile", "Percentil", "number", num((p) => p.percentile), {decimals: 0}),
              col("place", "Plats", "integer", num((p) => p.place)),
              col("n", "Kommuner med värde", "integer", num((p) => p.n)),
              col("colour_class", "Klass", "text", profiles.map((p) => COLOUR_LABELS[p.colour])),
              col("normalised", "z-poäng", "number", num((p) => explained.get(p.kpi)?.normalised), {decimals: 2}),
              col("weight_share", "Viktandel", "number", num((p) => explained.get(p.kpi)?.weightShare), {decimals: 3}),
              col("contribution", "Bidrag till totalpoängen", "number", num((p) => explained.get(p.kpi)?.contribution), {decimals: 3})
            ]
          };
          return {table, about: pageAbout(wb, model, state.model, null, `Kommunprofil: ${title}`, settings())};
        }
      },
      {
        id: "rang",
        build: () => {
          const model = modelById(wb.models, state.model);
          const histories = rankHistories(wb.matrix, model, {window: PROFILE_WINDOW});
          const points = rankHistoryFor(histories, wb.matrix.municipalityIndex.get(state.kommun)!);
          const years = wb.matrix.years;
          const nom = new Map(points.nomination.map((p) => [p.year, p]));
          const imp = new Map(points.improvement.map((p) => [p.year, p]));
          const title = `${mun?.name ?? state.kommun} rang över åren`;
          const table: ExportTable = {
            title,
            columns: [
              {key: "year", label: "År", type: "integer", values: [...years]},
              {key: "nomination_rank", label: "Nominering: rang", type: "integer", values: years.map((y) => nom.get(y)?.rank ?? null)},
              {key: "nomination_of", label: "Nominering: rankade", type: "integer", values: years.map((y) => nom.get(y)?.of ?? null)},
              {key: "improvement_window", label: `Förbättring: fönster (${PROFILE_WINDOW} år)`, type: "text", values: years.map((y) => (imp.has(y) ? `${imp.get(y)!.from}–${y}` : null))},
              {key: "improvement_rank", label: "Förbättring: rang", type: "integer", values: years.map((y) => imp.get(y)?.rank ?? null)},
              {key: "improvement_of", label: "Förbättring: rankade", type: "integer", values: years.map((y) => imp.get(y)?.of ?? null)}
            ]
          };
          return {table, about: pageAbout(wb, model, state.model, null, `Kommunprofil: ${title}`, [...settings(), ["Förbättringsmått", METHOD_LABELS["theil-sen"]]])};
        }
      }
    ]
  };
}

/** Robusthet: the result table of the analysis for the current settings (when it is done). */
/**
 * Robusthet: the analysis table as the page shows it, with the best and worst
 * achievable rank (and whether each is proven exact) once they are computed;
 * before that those columns are empty (missing, not zero) and About says so.
 */
export function robustnessExport(wb: Workbench, state: RobustnessState, result: UncertaintyResult | undefined, extremes?: ReadonlyMap<string, RankRange>): PageExport {
  return {
    name: {page: "robusthet", model: modelName(state), year: state.year},
    tables: [
      {
        id: "",
        build: () => {
          if (!result) throw new Error("Analysen för de här inställningarna är inte klar än.");
          const model = pageModel(wb.models, state);
          // The page's order: most likely in the top N first.
          const rows = [...result.rows].sort((a, b) => b.pTopN - a.pTopN || (a.nominalRank ?? Infinity) - (b.nominalRank ?? Infinity) || (a.code < b.code ? -1 : 1));
          const col = (key: string, label: string, type: ExportColumn["type"], f: (r: (typeof rows)[number]) => Cell, extra: Partial<ExportColumn> = {}): ExportColumn => ({
            key,
            label,
            type,
            values: rows.map((r) => {
              const v = f(r);
              return typeof v === "number" ? finiteOrNull(v) : v;
            }),
            ...extra
          });
          const grouped = state.scope !== "all";
          const title = `Robusthet ${state.year}`;
          const table: ExportTable = {
            title,
            columns: [
              col("municipality_code", "Kommunkod", "code", (r) => r.code),
              col("municipality_name", "Kommun", "text", (r) => r.name),
              ...(grouped ? [col("group", "Grupp", "text", (r) => r.group)] : []),
              col("nominal_rank", "Rang nu", "integer", (r) => r.nominalRank),
              col("p_top_n", `P(topp ${state.top})`, "number", (r) => r.pTopN, {decimals: 2}),
              col("p_first", "P(etta)", "number", (r) => r.pFirst, {decimals: 2}),
              col("median_rank", "Medianrang", "integer", (r) => r.medianRank),
              col("q05", "Rang 5 %", "integer", (r) => r.q05),
              col("q95", "Rang 95 %", "integer", (r) => r.q95),
              col("ranked_share", "Andel dragningar rankad", "number", (r) => r.rankedShare, {decimals: 2}),
              col("status", "Status", "text", (r) => r.status),
              col("best_rank", "Bästa möjliga rang", "integer", (r) => extremes?.get(r.code)?.bestRank ?? null),
              col("worst_rank", "Sämsta möjliga rang", "integer", (r) => extremes?.get(r.code)?.worstRank ?? null),
              col("best_worst_exact", "Bästa/sämsta bevisad exakt", "text", (r) => {
                const range = extremes?.get(r.code);
                return range ? yesNo(range.exact) : null;
              })
            ]
          };
          const kind = state.kind === "nomination";
          return {
            table,
            about: pageAbout(wb, model, modelName(state), {dimensions: state.dw, indicators: state.w}, title, [
              ["Rangordning av", kind ? "nominering (nivå)" : "utveckling (förbättring)"],
              [kind ? "År" : "Slutår", state.year],
              ...(kind
                ? ([["Normalisering", NORMALISATION_LABELS[state.norm]]] as [string, Cell][])
                : ([
                    ["Fönster (år)", state.window],
                    ["Mått", METHOD_LABELS[state.method]]
                  ] as [string, Cell][])),
              ["Aggregering", AGGREGATION_LABELS[state.agg]],
              ["Winsorisering (JRC)", yesNo(state.wins)],
              ["Rangordning", SCOPE_LABELS[state.scope]],
              ["Topp N", state.top],
              ["Dragningar", result.draws],
              ["Brus f", state.noise],
              ["Frö", state.seed],
              ["Varierar", state.vary.join(", ")],
              ["Bästa och sämsta rang", extremes ? `inom ${formatBounds(state.bounds).replace(",", "–")} × modellens dimensionsvikter` : "inte beräknade än när filen skapades"]
            ])
          };
        }
      }
    ]
  };
}

/** Granskning: the audit's KPI table and its dimension table. */
export function auditExport(wb: Workbench, state: NominationState): PageExport {
  let cached: {audit: ReturnType<typeof auditIndicators>; model: Model} | undefined;
  const audit = () => {
    if (!cached) {
      const model = pageModel(wb.models, state);
      const prepared = prepareNomination(wb.matrix, model, state.year, {normalisation: state.norm, aggregation: state.agg, winsorise: state.wins});
      cached = {audit: auditIndicators(prepared, {weights: {dimensions: state.dw, indicators: state.w}, topN: state.top}), model};
    }
    return cached;
  };
  const about = (model: Model, title: string) =>
    pageAbout(wb, model, modelName(state), {dimensions: state.dw, indicators: state.w}, title, [
      ["År", state.year],
      ["Normalisering", NORMALISATION_LABELS[state.norm]],
      ["Aggregering", AGGREGATION_LABELS[state.agg]],
      ["Winsorisering (JRC)", yesNo(state.wins)],
      ["Topp N (utan-ett-i-taget)", state.top]
    ]);
  const column = <R>(rows: readonly R[]) => (key: string, label: string, type: ExportColumn["type"], f: (r: R) => Cell | undefined, extra: Partial<ExportColumn> = {}): ExportColumn => ({
    key,
    label,
    type,
    values: rows.map((r) => {
      const v = f(r) ?? null;
      return typeof v === "number" ? finiteOrNull(v) : v;
    }),
    ...extra
  });
  return {
    name: {page: "granskning", model: modelName(state), year: state.year},
    tables: [
      {
        id: "",
        build: () => {
          const {audit: a, model} = audit();
          const dimLabel = new Map(model.dimensions.map((d) => [d.id, d.label]));
          const col = column(a.kpis);
          const title = `Granskning ${a.year}`;
          const table: ExportTable = {
            title,
            columns: [
              col("kpi", "Nyckeltal", "text", (k) => k.kpi),
              col("title", "Titel", "text", (k) => wb.kpis.get(k.kpi)?.title ?? k.title ?? k.kpi),
              col("dimension", "Dimension", "text", (k) => dimLabel.get(k.dimension) ?? k.dimension),
              col("direction", "Riktning", "text", (k) => DIRECTION_LABELS[k.direction]),
              col("weight", "Vikt", "number", (k) => k.weight),
              col("coverage", "Täckning (andel)", "number", (k) => k.coverage, {decimals: 2}),
              col("n", "Kommuner med värde", "integer", (k) => k.n),
              col("mean", "Medel", "number", (k) => k.mean, {decimals: 2}),
              col("sd", "Sd", "number", (k) => k.sd, {decimals: 2}),
              col("skewness", "Skevhet", "number", (k) => k.skewness, {decimals: 2}),
              col("kurtosis", "Kurtosis", "number", (k) => k.kurtosis, {decimals: 2}),
              col("outlier_flag", "Extremvärden", "text", (k) => (k.outlier === null ? null : yesNo(k.outlier))),
              col("winsorised_points", "Winsoriserade värden", "integer", (k) => k.winsorisedPoints),
              col("r_dimension", "r dimension", "number", (k) => k.rDimension, {decimals: 2}),
              col("r_total", "r totalt", "number", (k) => k.rTotal, {decimals: 2}),
              col("weight_share", "Viktandel", "number", (k) => k.weightShare, {decimals: 2}),
              col("influence_ratio", "Påverkan / vikt", "number", (k) => k.influenceRatio, {decimals: 2}),
              col("drop_mean_abs_rank_shift", "Utan: medel |Δrang|", "number", (k) => k.drop?.meanAbsRankShift, {decimals: 2}),
              col("drop_max_abs_rank_shift", "Utan: max |Δrang|", "integer", (k) => k.drop?.maxAbsRankShift),
              col("drop_top_n_changes", `Utan: byten i topp ${a.topN}`, "integer", (k) => k.drop?.topNChanges)
            ]
          };
          return {table, about: about(model, title)};
        }
      },
      {
        id: "dimensioner",
        build: () => {
          const {audit: a, model} = audit();
          const col = column(a.dimensions);
          const title = `Granskning ${a.year} dimensioner`;
          const table: ExportTable = {
            title,
            columns: [
              col("dimension", "Dimension", "text", (d) => d.label),
              col("dimension_id", "Id", "text", (d) => d.id),
              col("weight", "Vikt", "number", (d) => d.weight),
              col("kpis", "Nyckeltal", "integer", (d) => d.kpis.length),
              col("alpha", "Cronbachs α", "number", (d) => d.alpha, {decimals: 2}),
              col("alpha_n", "Fall", "integer", (d) => d.alphaN),
              col("drop_mean_abs_rank_shift", "Utan: medel |Δrang|", "number", (d) => d.drop?.meanAbsRankShift, {decimals: 2}),
              col("drop_max_abs_rank_shift", "Utan: max |Δrang|", "integer", (d) => d.drop?.maxAbsRankShift),
              col("drop_top_n_changes", `Utan: byten i topp ${a.topN}`, "integer", (d) => d.drop?.topNChanges)
            ]
          };
          return {table, about: about(model, title)};
        }
      }
    ]
  };
}
