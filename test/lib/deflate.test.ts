/**
 * The pure DEFLATE and base64url of src/lib/deflate.ts, cross-checked with
 * Node's zlib (an independent implementation): what we write zlib reads, and
 * what zlib writes (stored, fixed and dynamic blocks, every level) we read.
 * Malformed streams throw an InflateError, never hang or return garbage.
 */
import {constants, deflateRawSync, inflateRawSync} from "node:zlib";
import {describe, expect, it} from "vitest";
import {deflateRaw, fromBase64Url, inflateRaw, InflateError, toBase64Url} from "../../src/lib/deflate.ts";
import {rng} from "../helpers/random.ts";

/** Inputs of every kind: empty, one byte, random bytes, text from a small alphabet, long runs, long repeats past 258 and 32 KiB. */
function inputs(): Uint8Array[] {
  const rand = rng(11);
  const out: Uint8Array[] = [new Uint8Array(0), Uint8Array.of(0), Uint8Array.of(255), new Uint8Array(1000).fill(97), new Uint8Array(70_000).fill(3)];
  for (let i = 0; i < 60; i++) {
    const n = Math.floor(rand() ** 2 * 5000);
    const alphabet = 1 + Math.floor(rand() * 255);
    out.push(Uint8Array.from({length: n}, () => Math.floor(rand() * alphabet)));
  }
  const text = JSON.stringify(Array.from({length: 400}, (_, i) => [`N${String(10000 + ((i * 7919) % 90000)).padStart(5, "0")}`, i % 4, i % 2, 1]));
  out.push(new TextEncoder().encode(text));
  // A pattern whose repeats are 40 000 bytes apart: beyond the window, so they must not be matched.
  const far = Uint8Array.from({length: 90_000}, (_, i) => (i % 40_000 < 100 ? i % 100 : Math.floor(rand() * 256)));
  out.push(far);
  return out;
}

describe("deflateRaw / inflateRaw", () => {
  const all = inputs();

  it("round-trips every input through our own inflate", () => {
    for (const input of all) expect(inflateRaw(deflateRaw(input), 1 << 24)).toEqual(input);
  });

  it("writes streams that zlib reads back exactly", () => {
    for (const input of all) expect(new Uint8Array(inflateRawSync(deflateRaw(input)))).toEqual(input);
  });

  it("reads zlib's streams: stored (level 0), fixed codes, and dynamic codes at levels 1, 6 and 9", () => {
    // The two 70–90 kB inputs at level 6 only (this inflate reads bit by bit: fine for links, slow for megabytes).
    for (const input of all) {
      if (input.length > 60_000) {
        expect(inflateRaw(new Uint8Array(deflateRawSync(input)), 1 << 24)).toEqual(input);
        continue;
      }
      for (const options of [{level: 0}, {strategy: constants.Z_FIXED}, {level: 1}, {level: 6}, {level: 9}, {level: 9, strategy: constants.Z_HUFFMAN_ONLY}, {level: 9, strategy: constants.Z_RLE}]) {
        expect(inflateRaw(new Uint8Array(deflateRawSync(input, options)), 1 << 24)).toEqual(input);
      }
    }
  });

  it("compresses a KPI list to under half, within 2 × zlib's best (fixed codes spend 8 bits on a digit, dynamic ones ~3.5)", () => {
    const text = all.at(-2)!;
    const ours = deflateRaw(text).length;
    expect(ours).toBeLessThan(text.length / 2);
    expect(ours).toBeLessThan(2 * deflateRawSync(text, {level: 9}).length);
  });

  it("rejects every malformed stream with an InflateError", () => {
    const good = deflateRaw(new TextEncoder().encode("modellen i länken ".repeat(20)));
    const cases: [string, Uint8Array, RegExp][] = [
      ["empty", new Uint8Array(0), /unexpected end/],
      ["truncated by one byte", good.subarray(0, good.length - 1), /unexpected end|invalid/],
      ["truncated to half", good.subarray(0, good.length >> 1), /unexpected end|invalid/],
      ["block type 3", Uint8Array.of(0b111), /invalid block type/],
      ["stored length and complement disagree", Uint8Array.of(1, 5, 0, 0, 0), /complement/],
      ["stored block longer than the data", Uint8Array.of(1, 5, 0, 0xfa, 0xff, 65), /unexpected end/],
      ["data after the final block", Uint8Array.from([...good, 0]), /after the final block/],
      // A match (length 3, distance 1) as the first symbol, before any output.
      ["distance before the start", fixedStream([[1, 7], [0, 5]]), /before the start/],
      ["length symbol 286", fixedStream([[0xc6, 8]]), /invalid length code/],
      // Distance code 30 (11110) is not in the fixed code: no code of up to 15 bits starts so.
      ["distance code 30", fixedStream([[0x30 + 65, 8], [1, 7], [30, 5], [0, 16]]), /invalid Huffman code/]
    ];
    for (const [name, data, message] of cases) {
      expect(() => inflateRaw(data), name).toThrow(InflateError);
      expect(() => inflateRaw(data), name).toThrow(message);
    }
  });

  it("stops at maxOutput instead of growing without bound (70 000 bytes from under 500)", () => {
    const bomb = deflateRaw(new Uint8Array(70_000));
    expect(bomb.length).toBeLessThan(500);
    expect(() => inflateRaw(bomb, 10_000)).toThrow(/larger than 10000 bytes/);
    expect(inflateRaw(bomb, 70_000)).toHaveLength(70_000);
  });

  it("never throws anything but an InflateError on random bytes, and never hangs", () => {
    const rand = rng(5);
    for (let i = 0; i < 2000; i++) {
      const data = Uint8Array.from({length: 1 + Math.floor(rand() * 60)}, () => Math.floor(rand() * 256));
      try {
        inflateRaw(data, 4096);
      } catch (error) {
        expect(error).toBeInstanceOf(InflateError);
      }
    }
  });
});

/**
 * A hand-made block with the fixed codes: BFINAL=1, BTYPE=01, then Huffman
 * codes [code, length], written most significant bit first. The literal 'A'
 * is 0x30 + 65 (8 bits), the length symbol 257 is 0000001 (7 bits), 286 is
 * 0xc0 + 6 (8 bits); a distance symbol is its number in 5 bits.
 */
function fixedStream(codes: [code: number, length: number][]): Uint8Array {
  const bits: number[] = [1, 1, 0];
  for (const [code, length] of codes) for (let i = length - 1; i >= 0; i--) bits.push((code >> i) & 1);
  const bytes = new Uint8Array(Math.ceil(bits.length / 8));
  bits.forEach((b, i) => (bytes[i >> 3]! |= b << (i & 7)));
  return bytes;
}

describe("base64url", () => {
  it("equals Node's base64url for every length 0–100 and reads it back", () => {
    const rand = rng(3);
    for (let n = 0; n <= 100; n++) {
      const bytes = Uint8Array.from({length: n}, () => Math.floor(rand() * 256));
      const text = toBase64Url(bytes);
      expect(text).toBe(Buffer.from(bytes).toString("base64url"));
      expect(fromBase64Url(text)).toEqual(bytes);
    }
  });

  it("rejects characters outside the alphabet (naming the first) and impossible lengths", () => {
    expect(() => fromBase64Url("abc+")).toThrow('"+" is not a base64url character');
    expect(() => fromBase64Url("ab=c")).toThrow('"=" is not a base64url character');
    expect(() => fromBase64Url("abcde")).toThrow(/impossible length/);
  });
});
