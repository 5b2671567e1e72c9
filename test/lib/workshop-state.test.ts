/**
 * The Workshop page's state without a browser: collecting pasted lines, links
 * and files (each rejection names its line or file and the others are kept),
 * proposals that rank nobody, the proposal file, the URL parameters.
 */
import {readFileSync} from "node:fs";
import path from "node:path";
import {fileURLToPath} from "node:url";
import {describe, expect, it} from "vitest";
import {buildMatrix, nominationAgreement, parseModelText, parseWeightsText, topNCodes, agreementLevel, type Model} from "../../src/engine/index.ts";
import {encodeProposal, workshopId, type WorkshopDefinition} from "../../src/lib/state/proposal-codec.ts";
import {parseState} from "../../src/lib/state/url-state.ts";
import {
  collectFile,
  collectFromUrl,
  collectText,
  fitName,
  participantProposal,
  participantQuery,
  proposalFile,
  proposalProblem,
  proposalQuery,
  rejectionText,
  sliderWeight,
  swedishIssue,
  workshopOf,
  workshopSpec
} from "../../src/lib/state/workshop-state.ts";
import {municipalities} from "../engine/fixtures.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const skk: Model = parseModelText(readFileSync(path.join(ROOT, "data/models/skk-standard.json"), "utf8"));
const W: WorkshopDefinition = {model: skk, year: 2022, top: 10, allowKpiWeights: false};
const WK: WorkshopDefinition = {...W, allowKpiWeights: true};
const dims = (a: number, b: number, c: number, d: number) => ({resursatgang: a, effektivitet: b, effekt: c, resultatkvalitet: d});
const anna = encodeProposal(W, {name: "Anna", dimensions: dims(1, 2, 3, 1)});
const bo = encodeProposal(W, {name: "Bo", dimensions: dims(0, 1, 1, 4)});
const link = (codes: string[]) => `https://example.org/kk/workshop.html?${proposalQuery({model: "skk-standard", year: 2022, top: 10, kpi: false}, codes.join(","))}`;

describe("collectText", () => {
  it("adds codes and links, names every rejected line, keeps the others and returns the rejected lines", () => {
    const tampered = anna.slice(0, -1) + (anna.endsWith("0") ? "1" : "0");
    const other = encodeProposal({...W, top: 5}, {name: "Cia", dimensions: dims(1, 1, 1, 1)});
    const otherModel = encodeProposal({...W, model: {...skk, dimensions: skk.dimensions.map((d) => ({...d, weight: 2}))}}, {name: "Dan", dimensions: dims(1, 1, 1, 1)});
    const r = collectText(W, [], [anna, "", tampered, link([bo]), other, otherModel, "https://example.org/workshop.html?year=2022", anna.slice(0, 20)].join("\n"));
    expect(r.collected.map((c) => c.proposal.name)).toEqual(["Anna", "Bo"]);
    expect(r.rejected.map(rejectionText)).toEqual([
      "Rad 3: fel kontrollsumma (koden är ändrad eller avklippt)",
      "Rad 5: annan workshop (förslaget gäller ett annat år, en annan topp N eller en annan inställning för KPI-vikter)",
      "Rad 6: annan modell (förslaget gäller en annan modell eller andra modellvikter än workshopens)",
      "Rad 7: inte en förslagskod (den ska börja med KK-)",
      expect.stringMatching(/^Rad 8: (fel kontrollsumma|ofullständig kod)/)
    ]);
    expect(r.rejectedLines).toEqual([tampered, other, otherModel, "https://example.org/workshop.html?year=2022", anna.slice(0, 20)]);
  });

  it("reads several codes from one link and names each", () => {
    const r = collectText(W, [], link([anna, bo.slice(0, -2)]));
    expect(r.collected).toHaveLength(1);
    expect(r.rejected.map(rejectionText)).toEqual([expect.stringMatching(/^Rad 1, förslag 2: /)]);
  });

  it("keeps what was collected before and rejects a duplicate naming both", () => {
    const first = collectText(W, [], anna).collected;
    const r = collectText(W, first, `${bo}\n${anna.toLowerCase()}`);
    expect(r.collected.map((c) => c.proposal.name)).toEqual(["Anna", "Bo"]);
    expect(r.rejected.map(rejectionText)).toEqual(["Rad 2 (Anna): samma förslag som Anna (redan inlagt)"]);
    // Stored codes are canonical (upper case, grouped), whatever was pasted.
    expect(collectText(W, [], anna.toLowerCase().replace(/-/g, " ").replace(/^kk /, "KK-")).collected[0]!.code).toBe(anna);
  });

  it("rejects a proposal that ranks nobody, naming the participant", () => {
    const zero = encodeProposal(W, {name: "Noll", dimensions: dims(0, 0, 0, 0)});
    expect(collectText(W, [], zero).rejected.map(rejectionText)).toEqual(["Rad 1 (Noll): alla dimensionsvikter är 0 (ingen kommun kan rankas)"]);
    const effekt = skk.indicators.filter((i) => i.dimension === "effekt").map((i) => i.kpi);
    const emptyDim = encodeProposal(WK, {name: "Tom", dimensions: dims(1, 1, 1, 1), indicators: Object.fromEntries(effekt.map((k) => [k, 0]))});
    expect(collectText(WK, [], emptyDim).rejected.map(rejectionText)).toEqual(["Rad 1 (Tom): Effekt har vikt men alla nyckeltal där har vikt 0 (ingen kommun kan rankas)"]);
  });
});

describe("collectFromUrl", () => {
  it("keeps the good codes of a link and names the bad ones by position", () => {
    const r = collectFromUrl(W, [anna, bo.slice(0, -3), bo]);
    expect(r.collected.map((c) => c.proposal.name)).toEqual(["Anna", "Bo"]);
    expect(r.rejected.map(rejectionText)).toEqual([expect.stringMatching(/^Förslag 2 i länken: /)]);
  });
});

describe("collectFile", () => {
  it("adds a proposal file from the participant view as its code", () => {
    const p = {name: "Anna", dimensions: dims(1, 2, 3, 1)};
    const r = collectFile(W, [], "anna.json", proposalFile(W, p));
    expect(r.rejected).toEqual([]);
    expect(r.collected[0]!.code).toBe(anna);
  });

  it("names an unnamed file's proposal by the file, and fills left-out weights from the model", () => {
    const r = collectFile(WK, [], "grupp-3.json", JSON.stringify({dimensions: {effekt: 2}}));
    expect(r.collected[0]!.proposal).toEqual({name: "grupp-3", dimensions: dims(1, 1, 2, 1), indicators: Object.fromEntries(skk.indicators.map((i) => [i.kpi, i.weight]))});
  });

  it.each([
    ["broken JSON", "{", "x.json: inte giltig JSON"],
    ["a negative weight", JSON.stringify({dimensions: {effekt: -1}}), "x.json: dimensions.effekt: får inte vara negativ"],
    ["another model", JSON.stringify({dimensions: {kvalitet: 1}}), "x.json: annan modell: dimensions.kvalitet: okänd dimension i workshopens modell (den har resursatgang, effektivitet, effekt, resultatkvalitet)"],
    ["an unknown KPI", JSON.stringify({indicators: {N99999: 1}}), "x.json: annan modell: indicators.N99999: nyckeltalet finns inte i workshopens modell"],
    ["another workshop", JSON.stringify({name: "Eva", workshop: "ABCDEF", dimensions: {effekt: 1}}), `x.json (Eva): annan workshop (filen gäller workshop ABCDEF, den här är ${workshopId(W)})`],
    ["KPI weights the workshop does not allow", JSON.stringify({indicators: {[skk.indicators[0]!.kpi]: 1}}), "x.json: filen har KPI-vikter men workshopen tillåter bara dimensionsvikter"],
    ["a weight a code cannot hold", JSON.stringify({dimensions: {effekt: 0.25}}), "x.json: dimensions.effekt = 0.25: workshopen håller vikter 0–5 i steg om 0,1 (som reglagen)"],
    ["a weight above 5", JSON.stringify({dimensions: {effekt: 7}}), "x.json: dimensions.effekt = 7: workshopen håller vikter 0–5 i steg om 0,1 (som reglagen)"],
    ["a misspelt field", JSON.stringify({dimension: {effekt: 1}}), "x.json: dimension: okänt fält (tillåtna: name, dimensions, indicators, workshop)"]
  ])("rejects %s naming the file, and keeps what was collected", (_case, content, message) => {
    const before = collectText(W, [], anna).collected;
    const r = collectFile(W, before, "x.json", content);
    expect(r.rejected.map(rejectionText)).toEqual([message]);
    expect(r.collected).toEqual(before);
  });

  it("a proposal file is a weights file rank --weights reads", () => {
    const text = proposalFile(WK, {name: "Bo", dimensions: dims(0, 1, 1, 4), indicators: {[skk.indicators[2]!.kpi]: 3}});
    expect(parseWeightsText(text, skk)).toMatchObject({name: "Bo", workshop: workshopId(WK), dimensions: dims(0, 1, 1, 4)});
  });
});

describe("small rules", () => {
  it("proposalProblem is null for a usable proposal", () => {
    expect(proposalProblem(skk, {name: "", dimensions: dims(0, 0, 1, 0)})).toBeNull();
  });

  it("swedishIssue keeps the field and translates the words", () => {
    expect(swedishIssue("(file): must be an object")).toBe("filen: ska vara ett JSON-objekt");
    expect(swedishIssue("dimensions.a: must be a finite number")).toBe("dimensions.a: ska vara ett ändligt tal");
  });

  it("names fit a code: 40 characters, 120 bytes", () => {
    expect(fitName("  Anna  ")).toBe("Anna");
    expect(fitName("x".repeat(50))).toBe("x".repeat(40));
    expect(new TextEncoder().encode(fitName("🎉".repeat(40))).length).toBeLessThanOrEqual(120);
  });

  it("the participant's weights are the sliders' steps, and KPI weights only when allowed", () => {
    expect(sliderWeight(1.23456)).toBe(1.2);
    expect(sliderWeight(7)).toBe(5);
    const p = participantProposal(W, {namn: "Ann", dw: {effekt: 2.26}, w: {}});
    expect(p).toEqual({name: "Ann", dimensions: dims(1, 1, 2.3, 1)});
    expect(Object.keys(participantProposal(WK, {namn: "", dw: {}, w: {}}).indicators!)).toHaveLength(skk.indicators.length);
  });

  it("the participant link names the whole workshop, an edited model's text included", () => {
    expect(participantQuery({model: "skk-standard", year: 2021, top: 5, kpi: true})).toBe("roll=deltagare&model=skk-standard&year=2021&top=5&kpi=1");
    expect(participantQuery({model: "skk-standard", year: 2021, top: 5, kpi: false}, "abc_-")).toBe("roll=deltagare&model=skk-standard&edited=abc_-&year=2021&top=5&kpi=0");
    expect(proposalQuery({model: "skk-standard", year: 2021, top: 5, kpi: false}, "KK-AB", "xyz")).toBe("model=skk-standard&edited=xyz&year=2021&top=5&kpi=0&forslag=KK-AB");
  });

  it("an edited model is the workshop's model, and its codes are not the preset's", () => {
    const edited: Model = {...skk, name: "Ändrad", indicators: skk.indicators.slice(1)};
    const state = {model: "skk-standard", edited, year: 2022, top: 10, kpi: false};
    expect(workshopOf([{id: "skk-standard", model: skk}], state).model).toBe(edited);
    expect(workshopOf([{id: "skk-standard", model: skk}], {...state, edited: null}).model).toBe(skk);
    const code = encodeProposal(workshopOf([{id: "skk-standard", model: skk}], state), {name: "", dimensions: dims(1, 1, 1, 1)});
    expect(collectText(W, [], code).rejected.map(rejectionText)).toEqual(["Rad 1: annan modell (förslaget gäller en annan modell eller andra modellvikter än workshopens)"]);
  });
});

describe("URL parameters", () => {
  const matrix = buildMatrix({municipalities: municipalities(["0114", "0115"]), values: [2015, 2022].map((year) => ({kpi: skk.indicators[0]!.kpi, municipality: "0114", year, value: 1}))});
  const spec = workshopSpec([{id: "skk-standard", model: skk}], matrix, "skk-standard");

  it("reads a workshop link and rejects what the controls cannot produce", () => {
    const ok = parseState(`roll=deltagare&model=skk-standard&year=2022&top=12&kpi=1&metod=geomean&projektor=1&namn=Åsa&forslag=${anna},${bo}`, spec);
    expect(ok.notices).toEqual([]);
    expect(ok.state).toMatchObject({roll: "deltagare", year: 2022, top: 12, kpi: true, metod: "geomean", projektor: true, namn: "Åsa", forslag: [anna, bo]});
    const bad = parseState(`roll=chef&year=2023&top=0&metod=mode&namn=${"x".repeat(41)}&forslag=hej&edited=abc`, spec);
    expect(bad.notices).toHaveLength(7);
    expect(bad.notices.at(-1)).toContain("edited");
    expect(bad.state).toMatchObject({roll: "ledare", edited: null, year: 2022, top: 10, metod: "mean", namn: "", forslag: []});
  });
});

describe("nomination agreement (engine/consensus.ts)", () => {
  it("levels by hand: all, a majority, at least one", () => {
    expect(nominationAgreement([["A", "B", "C"], ["A", "B", "D"], ["A", "E", "C"], ["A", "B", "F"]])).toEqual([
      {code: "A", count: 4, of: 4, level: "alla"},
      {code: "B", count: 3, of: 4, level: "majoritet"},
      {code: "C", count: 2, of: 4, level: "minst ett"},
      {code: "D", count: 1, of: 4, level: "minst ett"},
      {code: "E", count: 1, of: 4, level: "minst ett"},
      {code: "F", count: 1, of: 4, level: "minst ett"}
    ]);
    expect(agreementLevel(2, 3)).toBe("majoritet");
    expect(agreementLevel(1, 1)).toBe("alla");
    expect(nominationAgreement([])).toEqual([]);
  });

  it("topNCodes takes the ranked rows at or above N", () => {
    const rows = [
      {code: "A", rank: 1},
      {code: "B", rank: 2},
      {code: "C", rank: 3},
      {code: "D", rank: null}
    ] as never;
    expect(topNCodes({rows}, 2)).toEqual(["A", "B"]);
    expect(topNCodes({rows}, 10)).toEqual(["A", "B", "C"]);
  });
});
