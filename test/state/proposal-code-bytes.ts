/**
 * Proposal codes as bytes, written independently of the codec (its header in
 * src/lib/state/proposal-codec.ts documents the layout): Crockford base32 by
 * hand and CRC-32 from node:zlib, so a test can read a code's bytes and forge
 * a code with a valid checksum around any bytes it likes.
 */
import {crc32} from "node:zlib";
import {testModel} from "../lib/scenario-fixtures.ts";
import type {WorkshopDefinition} from "../../src/lib/state/proposal-codec.ts";

export const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** A small model: dimensions a, b (weight 1 each); KPIs N00001 (a, 1), N00002 (b, 2), N00003 (a, 1). */
export const MODEL = testModel("standard");
export const DIMS_ONLY: WorkshopDefinition = {model: MODEL, year: 2020, top: 5, allowKpiWeights: false};
export const WITH_KPIS: WorkshopDefinition = {...DIMS_ONLY, allowKpiWeights: true};

/** The bytes of a well-formed code (KK-, then base32 with hyphens); the unused bits at the end are dropped. */
export function bytesOf(code: string): number[] {
  if (!code.startsWith("KK-")) throw new Error(`not a code: ${code}`);
  const out: number[] = [];
  let bits = "";
  for (const ch of code.slice(3).replace(/-/g, "")) {
    const v = CROCKFORD.indexOf(ch);
    if (v < 0) throw new Error(`not base32: ${ch}`);
    bits += v.toString(2).padStart(5, "0");
  }
  for (let i = 0; i + 8 <= bits.length; i += 8) out.push(parseInt(bits.slice(i, i + 8), 2));
  return out;
}

/** Base32 of bytes, zero bits padding the last character. */
export function base32Of(bytes: readonly number[]): string {
  let bits = bytes.map((b) => b.toString(2).padStart(8, "0")).join("");
  bits = bits.padEnd(Math.ceil(bits.length / 5) * 5, "0");
  let out = "";
  for (let i = 0; i < bits.length; i += 5) out += CROCKFORD[parseInt(bits.slice(i, i + 5), 2)];
  return out;
}

/** Four bytes, most significant first. */
export function be32(x: number): number[] {
  return [x >>> 24, (x >>> 16) & 0xff, (x >>> 8) & 0xff, x & 0xff];
}

/** The body followed by its CRC-32 (big-endian). */
export function withChecksum(body: readonly number[]): number[] {
  return [...body, ...be32(crc32(Uint8Array.from(body)))];
}

/** A code (ungrouped) for these body bytes, with a correct checksum. */
export function forge(body: readonly number[]): string {
  return "KK-" + base32Of(withChecksum(body));
}

/** "KK-" and base32 in groups of four, as the codec writes a code. */
export function grouped(bytes: readonly number[]): string {
  return "KK-" + base32Of(bytes).match(/.{1,4}/g)!.join("-");
}
