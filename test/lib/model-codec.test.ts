/**
 * An edited model in a link (src/lib/state/model-codec.ts): exact round
 * trips over generated models and references, what travels and what does
 * not, the 2 000-character bound for a realistic 40-KPI model in the whole
 * page URL, and tampered, truncated and invalid links giving the right
 * Swedish reason.
 */
import {readFileSync} from "node:fs";
import path from "node:path";
import {beforeAll, describe, expect, it} from "vitest";
import {REPO_ROOT, snapshotDirFromEnv} from "../../loaders/config.ts";
import {buildMatrix, parseModel, type Direction, type Model, type ValueRow} from "../../src/engine/index.ts";
import {deflateRaw, toBase64Url} from "../../src/lib/deflate.ts";
import type {KpiInfo, MunicipalityInfo, Workbench} from "../../src/lib/data/workbench.ts";
import {compactKpis, decodeModelLink, MODEL_LINK_VERSION, modelFromCompact, readModelLink, sameModel, toCompact, writeModelLink, type ModelReference} from "../../src/lib/state/model-codec.ts";
import {nominationSpec, type NominationState} from "../../src/lib/state/nomination-state.ts";
import {formatState, parseState} from "../../src/lib/state/url-state.ts";
import {sql} from "../helpers/duckdb.ts";
import {rng} from "../helpers/random.ts";

const PRESET = parseModel(JSON.parse(readFileSync(path.join(REPO_ROOT, "data/models/skk-standard.json"), "utf8")));
const SNAPSHOT = snapshotDirFromEnv() ?? path.resolve(REPO_ROOT, "../shared/kolada");
const noTitles: ModelReference = {preset: PRESET, titleOf: () => undefined};

/** The text of a compact array as a link would carry it (for hand-made, possibly invalid, content). */
const linkOf = (compact: unknown) => toBase64Url(deflateRaw(new TextEncoder().encode(JSON.stringify(compact))));

// Generated models ---------------------------------------------------------------------------

type Rand = () => number;
const pick = <T>(rand: Rand, items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
const TEXT_PARTS = ["Resursåtgång", "effekt", "ö", "\"citat\"", "a,b:c", "&=?#", " ", "🙂", "ÅÄÖ", "x", "\\", "Kommunens kvalitet i korthet, andel (%)"];
const text = (rand: Rand) => Array.from({length: 1 + Math.floor(rand() * 4)}, () => pick(rand, TEXT_PARTS)).join("");
const WEIGHTS = [0, 1, 0.5, 2.25, 1e-7, 123.456, 0.1 + 0.2, 4.999999999, 3];
const kpiId = (rand: Rand) => `${pick(rand, ["N", "U", "X"])}${Array.from({length: 5 + Math.floor(rand() * 3)}, () => pick(rand, [..."0123456789ABCZ"])).join("")}`;

/** A random valid model and a reference that shares some of its ids and documentation. */
function generated(rand: Rand): {model: Model; ref: ModelReference} {
  const nDims = 1 + Math.floor(rand() * 6);
  const dimIds = [...new Set(Array.from({length: nDims}, () => `${pick(rand, ["res", "eff", "miljo", "d"])}${Math.floor(rand() * 5)}`))];
  const kpis = [...new Set(Array.from({length: 1 + Math.floor(rand() * 50)}, () => kpiId(rand)))];
  const presetDims = dimIds.filter(() => rand() < 0.5).map((id) => ({id, label: text(rand), weight: 1, ...(rand() < 0.7 ? {description: text(rand)} : {})}));
  if (!presetDims.length) presetDims.push({id: "other", label: "Annan", weight: 1});
  const presetInds = kpis
    .filter(() => rand() < 0.4)
    .map((kpi) => ({kpi, dimension: presetDims[0]!.id, direction: "higher_better" as Direction, weight: 1, ...(rand() < 0.8 ? {title: text(rand)} : {}), ...(rand() < 0.6 ? {note: text(rand)} : {})}));
  if (!presetInds.length) presetInds.push({kpi: "N99999", dimension: presetDims[0]!.id, direction: "higher_better", weight: 1, title: "t"});
  const preset = parseModel({name: "Förval", ...(rand() < 0.5 ? {description: text(rand)} : {}), ...(rand() < 0.5 ? {status: pick(rand, ["proposal", "adopted", "scenario"])} : {}), dimensions: presetDims, indicators: presetInds});
  const catalogue = new Map(kpis.filter(() => rand() < 0.6).map((k) => [k, text(rand)]));
  const ref: ModelReference = {preset, titleOf: (kpi) => catalogue.get(kpi)};

  /** A documentation field: the reference's value, absent, or another text. */
  const doc = (reference: string | undefined) => pick(rand, [reference, reference, undefined, text(rand)]);
  const presetDim = new Map(preset.dimensions.map((d) => [d.id, d]));
  const presetInd = new Map(preset.indicators.map((i) => [i.kpi, i]));
  const dimensions = dimIds.map((id) => {
    const description = doc(presetDim.get(id)?.description);
    return {id, label: text(rand), weight: pick(rand, WEIGHTS), ...(description !== undefined ? {description} : {})};
  });
  const indicators = kpis.map((kpi) => {
    const title = doc(presetInd.has(kpi) ? presetInd.get(kpi)!.title : catalogue.get(kpi));
    const note = doc(presetInd.get(kpi)?.note);
    return {
      kpi,
      dimension: pick(rand, dimIds),
      direction: pick(rand, ["higher_better", "lower_better"] as const),
      weight: pick(rand, WEIGHTS),
      ...(title !== undefined ? {title} : {}),
      ...(note !== undefined ? {note} : {})
    };
  });
  const description = doc(preset.description);
  const status = pick(rand, [preset.status, preset.status, undefined, "scenario" as const]);
  const model = parseModel({name: text(rand), ...(description !== undefined ? {description} : {}), ...(status !== undefined ? {status} : {}), dimensions, indicators});
  return {model, ref};
}

describe("round trip", () => {
  it("decodes every generated model to exactly itself: ids, order, weights to the last bit, directions and documentation (500 models)", () => {
    const rand = rng(2024);
    for (let n = 0; n < 500; n++) {
      const {model, ref} = generated(rand);
      const link = writeModelLink(model, ref);
      expect(link).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(decodeModelLink(link, ref), `model ${n}`).toStrictEqual({model});
      // Two steps (as a page reads a link) give the same.
      const read = readModelLink(link);
      if ("error" in read) throw new Error(read.error);
      expect(compactKpis(read.compact)).toEqual(model.indicators.map((i) => i.kpi));
      expect(modelFromCompact(read.compact, ref)).toStrictEqual({model});
    }
  });

  it("carries no documentation that equals its reference, and an explicit null for documentation the model lacks", () => {
    expect(toCompact(PRESET, noTitles)).toEqual([MODEL_LINK_VERSION, PRESET.name, PRESET.dimensions.map((d) => [d.id, d.label, d.weight]), PRESET.indicators.map((i) => [i.kpi, PRESET.dimensions.findIndex((d) => d.id === i.dimension), i.direction === "higher_better" ? 1 : 0, i.weight])]);
    const bare = {...PRESET, description: undefined, indicators: PRESET.indicators.map(({note: _note, ...i}, n) => (n === 0 ? {...i, title: "Egen titel"} : i))};
    const compact = toCompact(parseModel(JSON.parse(JSON.stringify(bare))), noTitles);
    expect(compact[4]).toEqual({d: null});
    expect(compact[3][0]![4]).toEqual({t: "Egen titel", n: null});
    expect(compact[3][1]![4]).toEqual({n: null});
  });

  it("takes a KPI's title from the catalogue when the preset lacks the KPI", () => {
    const added = parseModel({...PRESET, indicators: [...PRESET.indicators, {kpi: "N07403", dimension: "effekt", direction: "higher_better", weight: 1, title: "Katalogens titel"}]});
    const ref: ModelReference = {preset: PRESET, titleOf: (kpi) => (kpi === "N07403" ? "Katalogens titel" : undefined)};
    expect(toCompact(added, ref)[3].at(-1)).toEqual(["N07403", 2, 1, 1]);
    expect(decodeModelLink(writeModelLink(added, ref), ref)).toStrictEqual({model: added});
    // A page that does not know the title any more gets the model without it (the ranking is the same).
    expect((decodeModelLink(writeModelLink(added, ref), noTitles) as {model: Model}).model.indicators.at(-1)).toEqual({kpi: "N07403", dimension: "effekt", direction: "higher_better", weight: 1});
  });

  it("sameModel tells equal models from models that differ in any field", () => {
    expect(sameModel(PRESET, parseModel(JSON.parse(JSON.stringify(PRESET))), noTitles)).toBe(true);
    const changes: ((m: Model) => Model)[] = [
      (m) => ({...m, name: `${m.name} `}),
      (m) => ({...m, indicators: [...m.indicators].reverse()}),
      (m) => ({...m, indicators: m.indicators.map((i, n) => (n === 3 ? {...i, weight: i.weight + 1e-12} : i))}),
      (m) => ({...m, indicators: m.indicators.map((i, n) => (n === 3 ? {...i, note: undefined} : i))}),
      (m) => ({...m, dimensions: m.dimensions.map((d, n) => (n === 1 ? {...d, label: "Annan"} : d))})
    ];
    for (const change of changes) expect(sameModel(PRESET, change(PRESET), noTitles)).toBe(false);
  });
});

describe("the 2 000-character bound", () => {
  let model: Model;
  let ref: ModelReference;
  let wb: Workbench;

  beforeAll(async () => {
    // The analyst's model: the preset minus two KPIs, two directions flipped, a renamed dimension,
    // a new dimension "Miljö och klimat", and award candidates added from the library to reach 40.
    const candidates = await sql<{kpi: string; title: string; direction: Direction; dimension: string}>(`
      SELECT c.kpi_id AS kpi, k.title, c.direction, c.award_dimension_proposal AS dimension
      FROM read_csv('${path.join(SNAPSHOT, "kpis/award_candidate_kpis.csv")}', all_varchar = true) c
      JOIN read_csv('${path.join(SNAPSHOT, "kpis/kolada_kpi_catalogue_v3.csv")}', all_varchar = true) k ON k.id = c.kpi_id
      WHERE c.direction IN ('higher_better', 'lower_better') ORDER BY c.kpi_id`);
    const inPreset = new Set(PRESET.indicators.map((i) => i.kpi));
    const dims: Record<string, string> = {"resursåtgång": "resursatgang", effektivitet: "effektivitet", effekt: "effekt", resultatkvalitet: "resultatkvalitet"};
    const kept = PRESET.indicators.slice(2).map((i, n) => (n < 2 ? {...i, direction: i.direction === "higher_better" ? ("lower_better" as const) : ("higher_better" as const)} : i));
    const added = candidates
      .filter((c) => !inPreset.has(c.kpi) && dims[c.dimension])
      .slice(0, 40 - kept.length)
      .map((c, n) => ({kpi: c.kpi, dimension: n < 3 ? "miljo-och-klimat" : dims[c.dimension]!, direction: c.direction, weight: n % 4 === 0 ? 2 : 1, title: c.title}));
    model = parseModel({
      ...PRESET,
      name: "SKK standard, styrgruppens variant 2",
      dimensions: [...PRESET.dimensions.map((d) => (d.id === "effekt" ? {...d, label: "Effekt för invånarna"} : d)), {id: "miljo-och-klimat", label: "Miljö och klimat", weight: 1}],
      indicators: [...kept, ...added]
    });
    expect(model.indicators).toHaveLength(40);
    expect(added.length).toBe(16);
    const titles = new Map(candidates.map((c) => [c.kpi, c.title]));
    ref = {preset: PRESET, titleOf: (kpi) => titles.get(kpi)};
    wb = workbenchFor(model, titles);
  }, 60_000);

  /** Nominering's whole URL with the model, every setting and changed weights, on a realistic host. */
  function urlFor(workbench: Workbench) {
    const spec = nominationSpec(workbench, {preset: "skk-standard", edited: model});
    const state: NominationState = {
      ...parseState("", spec).state,
      edited: model,
      year: 2021,
      top: 15,
      dw: {resursatgang: 0.5, effektivitet: 1, effekt: 2.5, resultatkvalitet: 1.5, "miljo-och-klimat": 1},
      w: Object.fromEntries(model.indicators.map((i, n) => [i.kpi, n % 5 === 0 ? 0.5 : n % 7 === 0 ? 3.2 : i.weight]))
    };
    return {spec, state, url: `https://kvalitetskommun.skr.se/arbetsbank/nominering.html?${formatState(state, spec)}`};
  }

  it("a 40-KPI model with realistic ids and titles fits a Nominering URL of at most 2 000 characters, every setting included", () => {
    const {spec, state, url} = urlFor(wb);
    expect(url.length).toBeLessThanOrEqual(2000);
    const edited = new URL(url).searchParams.get("edited")!;
    // The model itself takes well under half of that.
    expect(edited.length).toBeLessThan(700);
    expect(decodeModelLink(edited, ref)).toStrictEqual({model});
    // The same URL read back (the page resolves `edited` first, then its spec reads the rest).
    expect(parseState(new URL(url).search, spec)).toEqual({state, notices: []});
  });

  it("would not fit with the added KPIs' titles in the link (why documentation comes from its reference)", () => {
    const {url} = urlFor(wb);
    const {url: withAddedTitles} = urlFor(workbenchFor(model, new Map()));
    const unrelated = parseModel({name: "x", dimensions: [{id: "x", label: "x", weight: 1}], indicators: [{kpi: "X00000", dimension: "x", direction: "higher_better", weight: 1}]});
    const everything = writeModelLink(model, {preset: unrelated, titleOf: () => undefined});
    console.log(`40-KPI model: URL ${url.length} characters; with the added KPIs' titles ${withAddedTitles.length}; the link alone with every title, note and description ${everything.length}`);
    expect(withAddedTitles.length).toBeGreaterThan(2000);
    expect(everything.length).toBeGreaterThan(2000);
  });
});

/** A workbench with the model's KPIs (values every year) and one preset, enough for the page's spec. */
function workbenchFor(model: Model, titles: Map<string, string>): Workbench {
  const municipalities: MunicipalityInfo[] = ["0180", "1280", "1480"].map((code, i) => ({code, name: code, county: code, countyCode: code.slice(0, 2), kommungrupp: `A${i + 1}`, kommungruppName: "", mainGroup: "A", population: 1}));
  const kpis = [...new Set([...model.indicators, ...PRESET.indicators].map((i) => i.kpi))];
  const values: ValueRow[] = kpis.flatMap((kpi) => municipalities.flatMap((m, i) => Array.from({length: 13}, (_, t) => ({kpi, municipality: m.code, year: 2010 + t, value: i + t}))));
  return {
    manifest: {source: {kind: "snapshot", location: "", date: "2024-08"}, attribution: "", row_counts: {values: values.length, municipalities: 3, kpis: kpis.length}, years: []},
    models: [{id: "skk-standard", model: PRESET}],
    municipalities,
    kpis: new Map(kpis.map((id): [string, KpiInfo] => [id, {id, title: titles.get(id) ?? id, description: "", unit: null}])),
    matrix: buildMatrix({municipalities, values})
  };
}

describe("a link that is tampered with, cut short or invalid", () => {
  const valid = writeModelLink(PRESET, noTitles);
  const reason = (text: string) => {
    const r = decodeModelLink(text, noTitles);
    return "error" in r ? r.error : "(decoded)";
  };

  it("cut short anywhere: the model could not be unpacked", () => {
    for (const cut of [1, 2, 10, Math.floor(valid.length / 2), valid.length - 2]) expect(reason(valid.slice(0, cut)), `cut at ${cut}`).toBe("modellen i länken kunde inte packas upp – länken är troligen avklippt eller ändrad");
  });

  it("a character that cannot be in such a link is named", () => {
    expect(reason(`${valid.slice(0, 20)}%${valid.slice(21)}`)).toBe("länken innehåller tecknet ”%”, som inte kan ingå i en modell i en länk");
    expect(reason(`${valid.slice(0, 20)}+${valid.slice(21)}`)).toBe("länken innehåller tecknet ”+”, som inte kan ingå i en modell i en länk");
  });

  it("changed characters or appended text never give a broken page: every result is a model or a reason", () => {
    const rand = rng(9);
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let reasons = 0;
    for (let n = 0; n < 300; n++) {
      const at = Math.floor(rand() * valid.length);
      const tampered = `${valid.slice(0, at)}${pick(rand, [...alphabet])}${valid.slice(at + 1)}${n % 3 === 0 ? "AAAA" : ""}`;
      const r = decodeModelLink(tampered, noTitles);
      if ("error" in r) reasons++;
      else expect(() => parseModel(r.model)).not.toThrow();
    }
    expect(reasons).toBeGreaterThan(100);
    // Text after the end of the compressed data is refused.
    expect(reason(`${valid}AAAA`)).toBe("modellen i länken kunde inte packas upp – länken är troligen avklippt eller ändrad");
  });

  it("compressed text that is not the model's JSON, another format version, or the wrong shape names the problem and the field", () => {
    const deflated = (t: string) => toBase64Url(deflateRaw(new TextEncoder().encode(t)));
    expect(reason(deflated("inte json"))).toBe("modellen i länken är inte läsbar – länken är troligen ändrad");
    expect(reason(toBase64Url(deflateRaw(Uint8Array.of(0xff, 0xfe))))).toBe("modellen i länken är inte läsbar – länken är troligen ändrad");
    expect(reason(linkOf([2, "x", [], []]))).toBe("modellen i länken har ett okänt format (version 2)");
    expect(reason(linkOf({name: "x"}))).toBe("modellen i länken har fel form vid (modell)");
    const base = [1, "M", [["a", "A", 1]], [["N00001", 0, 1, 1]]];
    const shape = (patch: (c: unknown[]) => void) => {
      const c = structuredClone(base) as unknown[];
      patch(c);
      return reason(linkOf(c));
    };
    expect(shape((c) => ((c[3] as unknown[][])[0]![2] = 2))).toBe("modellen i länken har fel form vid indicators[0].direction");
    expect(shape((c) => ((c[3] as unknown[][])[0]![3] = "1"))).toBe("modellen i länken har fel form vid indicators[0].weight");
    expect(shape((c) => ((c[3] as unknown[][])[0]![1] = 0.5))).toBe("modellen i länken har fel form vid indicators[0].dimension");
    expect(shape((c) => ((c[2] as unknown[][])[0]![2] = null))).toBe("modellen i länken har fel form vid dimensions[0].weight");
    expect(shape((c) => ((c[2] as unknown[][])[0]![3] = {d: 5}))).toBe("modellen i länken har fel form vid dimensions[0].description");
    expect(shape((c) => ((c[3] as unknown[][])[0]![4] = {x: "?"}))).toBe("modellen i länken har fel form vid indicators[0]");
    expect(shape((c) => (c[1] = 7))).toBe("modellen i länken har fel form vid name");
  });

  it("a well-formed link to an invalid model gives ModelSchema's field and reason, in Swedish", () => {
    const model = (inds: unknown[], dims: unknown[] = [["a", "A", 1]]) => reason(linkOf([1, "M", dims, inds]));
    expect(model([["N00001", 0, 1, -1]])).toBe("indicators[0].weight: får inte vara negativ");
    expect(model([["N00001", 0, 1, 1], ["N00001", 0, 0, 1]])).toBe('indicators[1].kpi: nyckeltalet "N00001" finns två gånger');
    expect(model([["n1", 0, 1, 1]])).toBe("indicators[0].kpi: måste vara ett Kolada-id för ett nyckeltal, som N15428");
    expect(model([["N00001", 3, 1, 1]])).toBe("indicators[0].dimension: pekar på dimension nr 4, men modellen har 1");
    expect(model([])).toBe("indicators: måste ha minst ett nyckeltal");
    expect(model([["N00001", 0, 1, 1]], [["a", "A", 1], ["a", "B", 1]])).toBe('dimensions[1].id: dimensionen "a" finns två gånger');
    expect(model([["N00001", 0, 1, 1]], [["a", "", 1]])).toBe("dimensions[0].label: får inte vara tom");
    expect(reason(linkOf([1, "M", [["a", "A", 1]], [["N00001", 0, 1, 1]], {s: "official"}]))).toBe("status: ogiltigt värde; tillåtna värden är \"proposal\", \"adopted\", \"scenario\"");
  });
});
