/**
 * Reading a proposal code that is wrong in one way only: codes forged around
 * chosen bytes with a valid CRC-32 (so the checksum does not hide the rest)
 * must each be refused with the Swedish message that names that problem; and
 * the sloppy ways people retype a code still read.
 */
import {describe, expect, it} from "vitest";
import {decodeProposal, encodeProposal, type WorkshopDefinition} from "../../src/lib/state/proposal-codec.ts";
import {bytesOf, DIMS_ONLY, forge, WITH_KPIS} from "./proposal-code-bytes.ts";

function decodeError(w: WorkshopDefinition, code: string): string {
  const r = decodeProposal(w, code);
  if (r.ok) throw new Error(`accepted ${code}: ${JSON.stringify(r.proposal)}`);
  return r.error;
}

/** A genuine code's body (without its checksum): "Bo", a = 2.5, b = 0, for DIMS_ONLY. */
const CODE = encodeProposal(DIMS_ONLY, {name: "Bo", dimensions: {a: 2.5, b: 0}});
const BODY = bytesOf(CODE).slice(0, -4);
/** The body with bytes replaced from index `at` on. */
const patched = (at: number, ...values: number[]): number[] => [...BODY.slice(0, at), ...values, ...BODY.slice(at + values.length)];

const ANNAN_MODELL = "annan modell (förslaget gäller en annan modell eller andra modellvikter än workshopens)";
const FEL_LANGD = "fel längd för workshopens modell";

describe("forged codes (valid checksum) say what is wrong", () => {
  it("the forging helper writes the genuine code back exactly", () => {
    expect(BODY.slice(8)).toEqual([0, 2, 0x42, 0x6f, 25, 0]);
    expect(forge(BODY)).toBe(CODE.replace(/-/g, "").replace(/^KK/, "KK-"));
    expect(decodeProposal(DIMS_ONLY, forge(BODY))).toEqual({ok: true, proposal: {name: "Bo", dimensions: {a: 2.5, b: 0}}});
  });

  it("another format version", () => {
    expect(decodeError(DIMS_ONLY, forge(patched(0, 2)))).toBe("okänd version 2 av förslagskoden");
    expect(decodeError(DIMS_ONLY, forge(patched(0, 0)))).toBe("okänd version 0 av förslagskoden");
  });

  it("a model fingerprint that differs in any one of its three bytes", () => {
    for (const at of [5, 6, 7]) expect(decodeError(DIMS_ONLY, forge(patched(at, BODY[at]! ^ 1))), `byte ${at}`).toBe(ANNAN_MODELL);
  });

  it("a workshop id that differs in its last byte", () => {
    expect(decodeError(DIMS_ONLY, forge(patched(4, BODY[4]! ^ 0x80)))).toMatch(/^annan workshop \(/);
  });

  it("an unknown flag, with or without the KPI flag", () => {
    expect(decodeError(WITH_KPIS, forge(patched(8, 2)))).toMatch(/^annan workshop/);
    expect(decodeError(DIMS_ONLY, forge(patched(8, 2)))).toBe("okända flaggor i koden");
    expect(decodeError(DIMS_ONLY, forge(patched(8, 3)))).toBe("okända flaggor i koden");
    expect(decodeError(DIMS_ONLY, forge(patched(8, 0x80)))).toBe("okända flaggor i koden");
  });

  it("KPI weights in a code for a workshop that does not allow them", () => {
    // The KPI flag and all five weights (2 dimensions + 3 KPIs), under this workshop's id.
    expect(decodeError(DIMS_ONLY, forge([...BODY.slice(0, 8), 1, 0, 10, 10, 10, 10, 10]))).toBe("koden har KPI-vikter men workshopen tillåter dem inte");
  });

  it("a name length over 120, even when the bytes are all there", () => {
    const name = Array.from({length: 121}, () => 0x61);
    expect(decodeError(DIMS_ONLY, forge([...BODY.slice(0, 9), 121, ...name, 10, 10]))).toBe(FEL_LANGD);
    // 120 is allowed.
    const r = decodeProposal(DIMS_ONLY, forge([...BODY.slice(0, 9), 120, ...name.slice(1), 10, 10]));
    expect(r).toEqual({ok: true, proposal: {name: "a".repeat(120), dimensions: {a: 1, b: 1}}});
  });

  it("one weight too many or too few for the workshop's model", () => {
    expect(decodeError(DIMS_ONLY, forge([...BODY, 10]))).toBe(FEL_LANGD);
    expect(decodeError(DIMS_ONLY, forge(BODY.slice(0, -1)))).toBe(FEL_LANGD);
    // A name length that does not match the bytes that follow.
    expect(decodeError(DIMS_ONLY, forge(patched(9, 3)))).toBe(FEL_LANGD);
  });

  it("a name that is not UTF-8", () => {
    expect(decodeError(DIMS_ONLY, forge(patched(10, 0xff)))).toBe("namnet är inte giltig text");
    // "Bå" cut in the middle of å (0xc3 0xa5).
    expect(decodeError(DIMS_ONLY, forge(patched(10, 0x42, 0xc3)))).toBe("namnet är inte giltig text");
  });

  it("a weight over 5.0, in the first or last place, named in Swedish decimals of the weight", () => {
    expect(decodeError(DIMS_ONLY, forge(patched(12, 51)))).toBe("vikt 5.1 utanför 0–5");
    expect(decodeError(DIMS_ONLY, forge(patched(13, 255)))).toBe("vikt 25.5 utanför 0–5");
    expect(decodeProposal(DIMS_ONLY, forge(patched(12, 50, 0)))).toEqual({ok: true, proposal: {name: "Bo", dimensions: {a: 5, b: 0}}});
  });

  it("14 bytes (no name, no weights) is long enough to be read, 13 is too short", () => {
    expect(decodeError(DIMS_ONLY, forge([...BODY.slice(0, 9), 0]))).toBe(FEL_LANGD);
    expect(decodeError(DIMS_ONLY, forge(BODY.slice(0, 9)))).toBe("ofullständig kod (för kort)");
    expect(decodeError(DIMS_ONLY, forge([]))).toBe("ofullständig kod (för kort)");
  });
});

describe("reading what people type", () => {
  it("a number of characters no byte count gives is cut off or padded", () => {
    // One character is 5 bits: not a byte, even when those bits are 0.
    expect(decodeError(DIMS_ONLY, "KK-0")).toBe("ofullständig kod (tecken saknas eller är för många)");
    expect(decodeError(DIMS_ONLY, CODE + "0")).toBe("ofullständig kod (tecken saknas eller är för många)");
  });

  it("blanks and line breaks around the code", () => {
    expect(decodeProposal(DIMS_ONLY, `\n  ${CODE} \t\n`)).toEqual({ok: true, proposal: {name: "Bo", dimensions: {a: 2.5, b: 0}}});
  });

  it("I and L (either case) for 1, O for 0", () => {
    const code = encodeProposal(DIMS_ONLY, {name: "Ida", dimensions: {a: 1, b: 0.1}});
    const ones = code.slice(3).split("1").length - 1;
    expect(ones).toBeGreaterThan(0);
    for (const one of ["I", "i", "L", "l"]) {
      const typed = "KK-" + code.slice(3).replaceAll("1", one).replaceAll("0", "o");
      expect(decodeProposal(DIMS_ONLY, typed), typed).toEqual({ok: true, proposal: {name: "Ida", dimensions: {a: 1, b: 0.1}}});
    }
  });

  it("a code must begin with KK-: text before it is not skipped", () => {
    expect(decodeError(DIMS_ONLY, "Kod: " + CODE)).toBe("inte en förslagskod (den ska börja med KK-)");
    expect(decodeError(DIMS_ONLY, "xKK-" + CODE.slice(3))).toBe("inte en förslagskod (den ska börja med KK-)");
    expect(decodeProposal(DIMS_ONLY, "kk-" + CODE.slice(3).toLowerCase())).toMatchObject({ok: true});
  });
});
