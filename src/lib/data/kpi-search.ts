/**
 * Searching the KPI library: pure functions (no DOM, no I/O), tested in Node.
 *
 * Matching (case-insensitive, Swedish-aware):
 * - text is lower-cased with Swedish rules and Unicode-normalised (NFC), so
 *   "Å" finds "å"; å, ä and ö are letters of their own ("år" is not "ar");
 * - a query typed without Swedish letters still matches, one step lower: "aldre"
 *   finds "äldre" and "hallbar" finds "hållbar" (å/ä → a, ö → o, é → e, ü → u);
 * - the query is split into words, and every word must match somewhere
 *   (in the id, title, operating area or description); the words may come in
 *   any order. Compounds are found from inside: "resultat" finds
 *   "skolresultat", ranked below a word that starts with it.
 *
 * Ranking: each query word scores its best match, and the KPI's score is the
 * sum, plus a bonus when the whole query appears as written in the title:
 *
 * | match of a query word | score |
 * |---|---|
 * | the id, exactly (`N15428`) | 1000 |
 * | the start of the id (`N154`) | 400 |
 * | a whole word of the title | 100 |
 * | the start of a word of the title | 70 |
 * | inside a word of the title | 40 |
 * | the operating area (whole word / start / inside) | 30 / 24 / 12 |
 * | the description (whole word / start / inside) | 10 / 8 / 4 |
 *
 * A match only after folding Swedish letters (above) counts 0.8 of that.
 * Equal scores: more municipalities with a value in the latest year first
 * (a KPI one can use), then the shorter title, then the id.
 */
import type {KpiLibrary, KpiLibraryEntry} from "./kpi-library-types.js";

/** One search result. */
export interface KpiSearchHit {
  kpi: KpiLibraryEntry;
  score: number;
  /** Where the query's words were found (best field per word), e.g. ["title", "description"]. */
  matchedIn: KpiSearchField[];
}

export type KpiSearchField = "id" | "title" | "operatingArea" | "description";

/** Lower case by Swedish rules, NFC, whitespace collapsed. */
export function normaliseText(text: string): string {
  return text.normalize("NFC").toLocaleLowerCase("sv-SE").replace(/\s+/g, " ").trim();
}

/** {@link normaliseText}, then å/ä → a, ö → o and other accents removed: for queries typed without Swedish letters. */
export function foldText(text: string): string {
  return normaliseText(text)
    .replace(/[åä]/g, "a")
    .replace(/ö/g, "o")
    .normalize("NFD")
    .replace(/\p{M}/gu, "");
}

/** The words of a query: letters and digits, in order, duplicates removed. */
export function queryWords(query: string): string[] {
  return [...new Set(normaliseText(query).split(/[^\p{L}\p{N}]+/u).filter(Boolean))];
}

/** A KPI's searchable text, prepared once per library. */
interface Prepared {
  kpi: KpiLibraryEntry;
  id: string;
  fields: {field: Exclude<KpiSearchField, "id">; text: string; folded: string; weight: number}[];
  titleText: string;
  latestCoverage: number;
}

const FIELD_WEIGHTS = {title: 100, operatingArea: 30, description: 10} as const;
const WHOLE_WORD = 1;
const WORD_START = 0.7;
const INSIDE_WORD = 0.4;
const FOLDED = 0.8;

const prepared = new WeakMap<KpiLibrary, Prepared[]>();

function prepare(library: KpiLibrary): Prepared[] {
  let list = prepared.get(library);
  if (list) return list;
  const latest = library.years.at(-1);
  list = library.kpis.map((kpi) => {
    const fields = (
      [
        ["title", kpi.title],
        ["operatingArea", kpi.operatingArea ?? ""],
        ["description", kpi.description]
      ] as const
    ).map(([field, raw]) => ({field, text: normaliseText(raw), folded: foldText(raw), weight: FIELD_WEIGHTS[field]}));
    return {
      kpi,
      id: normaliseText(kpi.id),
      fields,
      titleText: fields[0]!.text,
      latestCoverage: latest === undefined ? -1 : (kpi.coverage?.find((c) => c.year === latest)?.municipalities ?? -1)
    };
  });
  prepared.set(library, list);
  return list;
}

const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);

/** How well `word` occurs in `text`: 1 whole word, 0.7 start of a word, 0.4 inside a word, 0 not at all. */
export function matchQuality(text: string, word: string): number {
  if (!word) return 0;
  let best = 0;
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    const starts = !isWordChar(text[at - 1]);
    const ends = !isWordChar(text[at + word.length]);
    const quality = starts && ends ? WHOLE_WORD : starts ? WORD_START : INSIDE_WORD;
    if (quality > best) best = quality;
    if (best === WHOLE_WORD) break;
  }
  return best;
}

/** The score of one query word against one KPI, and the field it matched best in. */
function wordScore(p: Prepared, word: string, folded: string): {score: number; field: KpiSearchField} | undefined {
  if (p.id === word) return {score: 1000, field: "id"};
  if (word.length >= 2 && p.id.startsWith(word)) return {score: 400, field: "id"};
  let best: {score: number; field: KpiSearchField} | undefined;
  for (const f of p.fields) {
    let score = matchQuality(f.text, word) * f.weight;
    if (score === 0) score = matchQuality(f.folded, folded) * f.weight * FOLDED;
    if (score > 0 && (!best || score > best.score)) best = {score, field: f.field};
  }
  return best;
}

/**
 * The KPIs matching `query`, best first (see the module comment); at most
 * `limit` (default: all). An empty query gives no hits.
 */
export function searchKpis(library: KpiLibrary, query: string, {limit = Infinity}: {limit?: number} = {}): KpiSearchHit[] {
  const words = queryWords(query);
  if (!words.length) return [];
  const folded = words.map(foldText);
  const phrase = normaliseText(query);
  const hits: (KpiSearchHit & {p: Prepared})[] = [];
  for (const p of prepare(library)) {
    let score = 0;
    const matchedIn: KpiSearchField[] = [];
    let all = true;
    for (let w = 0; w < words.length; w++) {
      const s = wordScore(p, words[w]!, folded[w]!);
      if (!s) {
        all = false;
        break;
      }
      score += s.score;
      matchedIn.push(s.field);
    }
    if (!all) continue;
    if (words.length > 1 && p.titleText.includes(phrase)) score += 50;
    hits.push({kpi: p.kpi, score, matchedIn, p});
  }
  hits.sort(
    (a, b) =>
      b.score - a.score ||
      b.p.latestCoverage - a.p.latestCoverage ||
      a.p.titleText.length - b.p.titleText.length ||
      (a.kpi.id < b.kpi.id ? -1 : a.kpi.id > b.kpi.id ? 1 : 0)
  );
  return hits.slice(0, limit).map(({kpi, score, matchedIn}) => ({kpi, score, matchedIn}));
}
