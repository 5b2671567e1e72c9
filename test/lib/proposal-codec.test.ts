/**
 * Proposal codes: round trips (random proposals), what a code looks like,
 * and rejection of every changed, cut or foreign code with the reason.
 */
import {readFileSync} from "node:fs";
import path from "node:path";
import {fileURLToPath} from "node:url";
import {describe, expect, it} from "vitest";
import {parseModelText, type Model} from "../../src/engine/model.ts";
import {base32, codesInLine, crc32, decodeProposal, encodeProposal, modelHash, workshopId, type ProposalContent, type WorkshopDefinition} from "../../src/lib/state/proposal-codec.ts";
import {rng} from "../helpers/random.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const skk: Model = parseModelText(readFileSync(path.join(ROOT, "data/models/skk-standard.json"), "utf8"));
const dimsOnly: WorkshopDefinition = {model: skk, year: 2022, top: 10, allowKpiWeights: false};
const withKpis: WorkshopDefinition = {...dimsOnly, allowKpiWeights: true};

const NAMES = ["", "Anna", "Åsa Öberg-Ärlig", "Zoë 🎉", "x".repeat(40), "Per, SKR (ordf.)"];

function randomProposal(r: () => number, kpis: boolean): ProposalContent {
  const w = () => Math.floor(r() * 51) / 10;
  const p: ProposalContent = {name: NAMES[Math.floor(r() * NAMES.length)]!, dimensions: Object.fromEntries(skk.dimensions.map((d) => [d.id, w()]))};
  if (kpis) p.indicators = Object.fromEntries(skk.indicators.map((i) => [i.kpi, w()]));
  return p;
}

function decodeError(w: WorkshopDefinition, code: string): string {
  const r = decodeProposal(w, code);
  if (r.ok) throw new Error(`accepted ${code}`);
  return r.error;
}

describe("checksum and base32", () => {
  it("CRC-32 has the standard check value", () => {
    expect(crc32(new TextEncoder().encode("123456789"))).toBe(0xcbf43926);
  });

  it("base32 is Crockford's alphabet, 5 bits per character", () => {
    expect(base32(Uint8Array.of(0, 0, 0, 0, 0))).toBe("00000000");
    expect(base32(Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0xff))).toBe("ZZZZZZZZ");
    expect(base32(Uint8Array.of(0x08))).toBe("10");
  });
});

describe("round trip", () => {
  it("random proposals with dimension weights only", () => {
    const r = rng(11);
    for (let n = 0; n < 500; n++) {
      const p = randomProposal(r, false);
      const code = encodeProposal(dimsOnly, p);
      expect(decodeProposal(dimsOnly, code)).toEqual({ok: true, proposal: {...p, name: p.name.trim()}});
    }
  });

  it("random proposals with KPI weights", () => {
    const r = rng(12);
    for (let n = 0; n < 500; n++) {
      const p = randomProposal(r, true);
      expect(decodeProposal(withKpis, encodeProposal(withKpis, p))).toEqual({ok: true, proposal: {...p, name: p.name.trim()}});
    }
  });

  it("reads a code in lower case, with O for 0, I or L for 1, spaces and line breaks", () => {
    const p: ProposalContent = {name: "Bo", dimensions: {resursatgang: 0, effektivitet: 1.1, effekt: 5, resultatkvalitet: 2.5}};
    const code = encodeProposal(dimsOnly, p);
    const sloppy = "kk-" + code.slice(3).toLowerCase().replaceAll("0", "o").replaceAll("1", "l").replace(/-/g, " ").replace(/(.{10})/, "$1\n");
    expect(sloppy).toMatch(/\n/);
    expect(sloppy.slice(3)).toMatch(/[ol]/);
    expect(decodeProposal(dimsOnly, sloppy)).toEqual({ok: true, proposal: p});
  });

  it("is short: KK- and groups of four; dimensions only about 30 characters plus the name", () => {
    const code = encodeProposal(dimsOnly, {name: "", dimensions: {resursatgang: 1, effektivitet: 1, effekt: 1, resultatkvalitet: 1}});
    expect(code).toMatch(/^KK-[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{1,4})+$/);
    expect(code.replace(/-/g, "").length - 2).toBe(Math.ceil((18 * 8) / 5));
    const full = encodeProposal(withKpis, randomProposal(rng(1), true));
    expect(full.length).toBeLessThan(110);
  });

  it("a weight left out of the content takes the model's", () => {
    const code = encodeProposal(withKpis, {name: "", dimensions: {effekt: 2}, indicators: {}});
    const r = decodeProposal(withKpis, code);
    expect(r.ok && r.proposal.dimensions).toEqual({resursatgang: 1, effektivitet: 1, effekt: 2, resultatkvalitet: 1});
    expect(r.ok && Object.values(r.proposal.indicators!)).toEqual(skk.indicators.map((i) => i.weight));
  });

  it("refuses to encode what a code cannot hold", () => {
    const dims = {resursatgang: 1, effektivitet: 1, effekt: 1, resultatkvalitet: 1};
    expect(() => encodeProposal(dimsOnly, {name: "", dimensions: {...dims, effekt: 5.1}})).toThrow(/dimensions\.effekt: a proposal code holds weights 0-5 in steps of 0\.1/);
    expect(() => encodeProposal(dimsOnly, {name: "", dimensions: {...dims, effekt: 0.25}})).toThrow(RangeError);
    expect(() => encodeProposal(dimsOnly, {name: "", dimensions: dims, indicators: {}})).toThrow(/does not allow KPI weights/);
    expect(() => encodeProposal(dimsOnly, {name: "å".repeat(61), dimensions: dims})).toThrow(/name: at most 120 bytes/);
  });
});

describe("tampering and foreign codes", () => {
  const p: ProposalContent = {name: "Anna", dimensions: {resursatgang: 0.5, effektivitet: 2, effekt: 3, resultatkvalitet: 1}};
  const code = encodeProposal(dimsOnly, p);
  const chars = code.slice(3).replace(/-/g, "");
  const ALPHA = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

  it("every change of one character is rejected", () => {
    for (let i = 0; i < chars.length; i++) {
      for (const c of ALPHA) {
        if (c === chars[i]) continue;
        const changed = "KK-" + chars.slice(0, i) + c + chars.slice(i + 1);
        const r = decodeProposal(dimsOnly, changed);
        expect(r.ok, changed).toBe(false);
        if (!r.ok) expect(r.error).toMatch(/fel kontrollsumma|ofullständig kod/);
      }
    }
  });

  it("every cut-off code is rejected", () => {
    for (let n = 0; n < chars.length; n++) {
      const r = decodeProposal(dimsOnly, "KK-" + chars.slice(0, n));
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatch(/fel kontrollsumma|ofullständig kod/);
    }
  });

  it("random changes of two to four characters are rejected (seeded)", () => {
    const r = rng(5);
    for (let n = 0; n < 3000; n++) {
      const arr = [...chars];
      const k = 2 + Math.floor(r() * 3);
      for (let j = 0; j < k; j++) arr[Math.floor(r() * arr.length)] = ALPHA[Math.floor(r() * 32)]!;
      const changed = arr.join("");
      if (changed === chars) continue;
      expect(decodeProposal(dimsOnly, "KK-" + changed).ok).toBe(false);
    }
  });

  it("an edited weight with its checksum left as it was says fel kontrollsumma", () => {
    expect(decodeError(dimsOnly, code.replace(/.$/, (c) => (c === "0" ? "1" : "0")))).toMatch(/^fel kontrollsumma/);
  });

  it("names other problems: not a code, a bad character, an added character", () => {
    expect(decodeError(dimsOnly, "hej då")).toBe("inte en förslagskod (den ska börja med KK-)");
    expect(decodeError(dimsOnly, code + "U")).toBe("ogiltigt tecken ”U” i koden");
    expect(decodeError(dimsOnly, code.slice(0, 8) + "!" + code.slice(9))).toBe("ogiltigt tecken ”!” i koden");
    expect(decodeError(dimsOnly, "KK-")).toMatch(/ofullständig kod/);
  });

  it("a code for another model says annan modell", () => {
    const edited: Model = {...skk, dimensions: skk.dimensions.map((d, i) => (i === 0 ? {...d, weight: 2} : d))};
    expect(modelHash(edited)).not.toBe(modelHash(skk));
    expect(decodeError({...dimsOnly, model: edited}, code)).toMatch(/^annan modell/);
    const fewer: Model = {...skk, indicators: skk.indicators.slice(1)};
    expect(decodeError({...dimsOnly, model: fewer}, code)).toMatch(/^annan modell/);
  });

  it("a code for another year, top N or KPI setting says annan workshop", () => {
    for (const other of [
      {...dimsOnly, year: 2021},
      {...dimsOnly, top: 5},
      {...dimsOnly, allowKpiWeights: true}
    ]) {
      expect(workshopId(other)).not.toBe(workshopId(dimsOnly));
      expect(decodeError(other, code)).toMatch(/^annan workshop/);
    }
  });

  it("the workshop id is six characters and follows every part of the definition", () => {
    expect(workshopId(dimsOnly)).toMatch(/^[0-9A-HJKMNP-TV-Z]{6}$/);
    expect(workshopId({...dimsOnly})).toBe(workshopId(dimsOnly));
    const ids = new Set([2020, 2021, 2022].flatMap((year) => [5, 10, 20].flatMap((top) => [true, false].map((allowKpiWeights) => workshopId({model: skk, year, top, allowKpiWeights})))));
    expect(ids.size).toBe(18);
  });
});

describe("codesInLine", () => {
  it("reads a bare code, a link with one or several codes, and nothing from a blank line", () => {
    expect(codesInLine("  KK-ABCD-EF  ")).toEqual(["KK-ABCD-EF"]);
    expect(codesInLine("https://example.org/kk/workshop.html?modell=skk-standard&ar=2022&forslag=KK-ABCD-EF#x")).toEqual(["KK-ABCD-EF"]);
    expect(codesInLine("workshop.html?forslag=KK-AAAA%2CKK-BBBB")).toEqual(["KK-AAAA", "KK-BBBB"]);
    expect(codesInLine("   ")).toEqual([]);
    expect(codesInLine("något annat")).toEqual(["något annat"]);
  });
});
