/**
 * Raw DEFLATE (RFC 1951), pure and synchronous, for short texts such as a
 * model in a link (lib/state/model-codec.ts).
 *
 * Why not CompressionStream: it is asynchronous, and the page writes its URL
 * state synchronously (`Param.format`, `history.replaceState`); an encoding
 * that arrives a task later would leave a window in which "Kopiera länk"
 * copies a stale model. Why not a library: the only ones in node_modules
 * come in through other packages, and a dependency for ~250 lines is not
 * essential.
 *
 * - {@link deflateRaw} writes one final block with the fixed Huffman codes
 *   after greedy LZ77 matching (hash chains over 3-byte prefixes, a 32 KiB
 *   window). For a few hundred bytes the fixed codes lose ~15 % against
 *   zlib's dynamic ones and need no code tables in the output.
 * - {@link inflateRaw} reads any raw DEFLATE stream (stored, fixed and
 *   dynamic blocks), so links written by another encoder read too. Input
 *   from a link is untrusted: every malformed stream (truncated, an invalid
 *   code, a distance before the start, data after the final block, output
 *   over `maxOutput`) throws an {@link InflateError}; nothing loops or grows
 *   without bound.
 */

const LENGTH_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DIST_BASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
const DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
/** The order in which a dynamic block lists the code lengths of its code-length code. */
const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

const WINDOW = 32768;
const MAX_MATCH = 258;
const MIN_MATCH = 3;
/** Candidates tried per position; the inputs are short, so this is generous. */
const MAX_CHAIN = 256;

/** A malformed DEFLATE stream. */
export class InflateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InflateError";
  }
}

// Writing -----------------------------------------------------------------------------------

/** Bits written least significant first, as DEFLATE packs them. */
class BitWriter {
  private bytes: number[] = [];
  private acc = 0;
  private count = 0;

  write(value: number, bits: number): void {
    this.acc |= value << this.count;
    this.count += bits;
    while (this.count >= 8) {
      this.bytes.push(this.acc & 0xff);
      this.acc >>>= 8;
      this.count -= 8;
    }
  }

  /** A Huffman code: its bits go most significant first. */
  writeCode(code: number, length: number): void {
    let reversed = 0;
    for (let i = 0; i < length; i++) reversed |= ((code >> i) & 1) << (length - 1 - i);
    this.write(reversed, length);
  }

  finish(): Uint8Array {
    if (this.count > 0) this.bytes.push(this.acc & 0xff);
    this.acc = 0;
    this.count = 0;
    return Uint8Array.from(this.bytes);
  }
}

/** The fixed literal/length code of a symbol 0–287 (RFC 1951, 3.2.6). */
function writeFixedSymbol(out: BitWriter, symbol: number): void {
  if (symbol < 144) out.writeCode(0x30 + symbol, 8);
  else if (symbol < 256) out.writeCode(0x190 + symbol - 144, 9);
  else if (symbol < 280) out.writeCode(symbol - 256, 7);
  else out.writeCode(0xc0 + symbol - 280, 8);
}

/** The index of the largest base not above `value`. */
function baseIndex(bases: readonly number[], value: number): number {
  let i = bases.length - 1;
  while (bases[i]! > value) i--;
  return i;
}

/** Compresses `input` into one raw DEFLATE block with the fixed Huffman codes. */
export function deflateRaw(input: Uint8Array): Uint8Array {
  const out = new BitWriter();
  out.write(1, 1); // BFINAL: the only block
  out.write(1, 2); // BTYPE 01: fixed Huffman codes
  const n = input.length;
  const head = new Int32Array(1 << 15).fill(-1);
  const previous = new Int32Array(n);
  const hash = (p: number) => ((input[p]! << 10) ^ (input[p + 1]! << 5) ^ input[p + 2]!) & 0x7fff;
  const insert = (p: number) => {
    if (p + MIN_MATCH > n) return;
    const h = hash(p);
    previous[p] = head[h]!;
    head[h] = p;
  };

  let i = 0;
  while (i < n) {
    let bestLength = 0;
    let bestDistance = 0;
    if (i + MIN_MATCH <= n) {
      const maxLength = Math.min(MAX_MATCH, n - i);
      let candidate = head[hash(i)]!;
      for (let chain = 0; candidate >= 0 && i - candidate <= WINDOW && chain < MAX_CHAIN; chain++) {
        let length = 0;
        while (length < maxLength && input[candidate + length] === input[i + length]) length++;
        if (length > bestLength) {
          bestLength = length;
          bestDistance = i - candidate;
          if (length === maxLength) break;
        }
        candidate = previous[candidate]!;
      }
    }
    if (bestLength >= MIN_MATCH) {
      const l = baseIndex(LENGTH_BASE, bestLength);
      writeFixedSymbol(out, 257 + l);
      out.write(bestLength - LENGTH_BASE[l]!, LENGTH_EXTRA[l]!);
      const d = baseIndex(DIST_BASE, bestDistance);
      out.writeCode(d, 5);
      out.write(bestDistance - DIST_BASE[d]!, DIST_EXTRA[d]!);
      for (let k = 0; k < bestLength; k++) insert(i + k);
      i += bestLength;
    } else {
      writeFixedSymbol(out, input[i]!);
      insert(i);
      i++;
    }
  }
  writeFixedSymbol(out, 256); // end of block
  return out.finish();
}

// Reading -----------------------------------------------------------------------------------

/** A canonical Huffman code: how many codes of each length, and the symbols in code order. */
interface Huffman {
  count: Uint16Array;
  symbol: Uint16Array;
}

/**
 * Builds a canonical code from code lengths (0 = unused). An over-subscribed
 * set of lengths is an error; an incomplete one only when it is more than a
 * single code of length 1 (RFC 1951 allows one distance code), except in the
 * fixed distance code (30 codes of 5 bits; codes 30 and 31 are invalid).
 */
function huffman(lengths: ArrayLike<number>, what: string, fixed = false): Huffman {
  const count = new Uint16Array(16);
  for (let s = 0; s < lengths.length; s++) count[lengths[s]!]!++;
  const used = lengths.length - count[0]!;
  let left = 1;
  for (let len = 1; len <= 15; len++) {
    left = left * 2 - count[len]!;
    if (left < 0) throw new InflateError(`over-subscribed ${what} code`);
  }
  if (left > 0 && !fixed && !(used === 1 && count[1] === 1) && used !== 0) throw new InflateError(`incomplete ${what} code`);
  const offsets = new Uint16Array(16);
  for (let len = 1; len < 15; len++) offsets[len + 1] = offsets[len]! + count[len]!;
  const symbol = new Uint16Array(used);
  for (let s = 0; s < lengths.length; s++) if (lengths[s] !== 0) symbol[offsets[lengths[s]!]!++] = s;
  count[0] = 0;
  return {count, symbol};
}

const FIXED_LITERALS = huffman(
  Array.from({length: 288}, (_, s) => (s < 144 ? 8 : s < 256 ? 9 : s < 280 ? 7 : 8)),
  "literal/length"
);
const FIXED_DISTANCES = huffman(new Array<number>(30).fill(5), "distance", true);

/**
 * Decompresses a raw DEFLATE stream. Throws {@link InflateError} for any
 * malformed stream and when the output would exceed `maxOutput` bytes.
 */
export function inflateRaw(data: Uint8Array, maxOutput = 1 << 20): Uint8Array {
  // Bits not yet used, least significant first; `bytePos` is the next byte to load.
  let bitBuffer = 0;
  let bitCount = 0;
  let bytePos = 0;
  let out = new Uint8Array(Math.min(maxOutput, Math.max(64, data.length * 4)));
  let outLength = 0;

  const bits = (n: number): number => {
    while (bitCount < n) {
      if (bytePos >= data.length) throw new InflateError("unexpected end of data");
      bitBuffer |= data[bytePos++]! << bitCount;
      bitCount += 8;
    }
    const value = bitBuffer & ((1 << n) - 1);
    bitBuffer >>>= n;
    bitCount -= n;
    return value;
  };

  const decode = (code: Huffman): number => {
    let value = 0;
    let first = 0;
    let index = 0;
    for (let len = 1; len <= 15; len++) {
      value |= bits(1);
      const count = code.count[len]!;
      if (value - first < count) return code.symbol[index + value - first]!;
      index += count;
      first = (first + count) << 1;
      value <<= 1;
    }
    throw new InflateError("invalid Huffman code");
  };

  const reserve = (n: number) => {
    if (outLength + n > maxOutput) throw new InflateError(`output larger than ${maxOutput} bytes`);
    if (outLength + n <= out.length) return;
    const grown = new Uint8Array(Math.min(maxOutput, Math.max(out.length * 2, outLength + n)));
    grown.set(out.subarray(0, outLength));
    out = grown;
  };

  const codes = (literals: Huffman, distances: Huffman) => {
    for (;;) {
      const symbol = decode(literals);
      if (symbol < 256) {
        reserve(1);
        out[outLength++] = symbol;
      } else if (symbol === 256) {
        return;
      } else {
        const l = symbol - 257;
        if (l >= 29) throw new InflateError("invalid length code");
        const length = LENGTH_BASE[l]! + bits(LENGTH_EXTRA[l]!);
        // At most 30 distance codes exist (a dynamic block checks; the fixed code has no 30, 31).
        const d = decode(distances);
        const distance = DIST_BASE[d]! + bits(DIST_EXTRA[d]!);
        if (distance > outLength) throw new InflateError("distance before the start of the data");
        reserve(length);
        for (let k = 0; k < length; k++, outLength++) out[outLength] = out[outLength - distance]!;
      }
    }
  };

  const dynamicCodes = (): [Huffman, Huffman] => {
    const nLiterals = bits(5) + 257;
    const nDistances = bits(5) + 1;
    const nCodeLengths = bits(4) + 4;
    if (nLiterals > 286 || nDistances > 30) throw new InflateError("too many codes");
    const codeLengthLengths = new Uint8Array(19);
    for (let i = 0; i < nCodeLengths; i++) codeLengthLengths[CODE_LENGTH_ORDER[i]!] = bits(3);
    const codeLengthCode = huffman(codeLengthLengths, "code length");
    const lengths = new Uint8Array(nLiterals + nDistances);
    for (let i = 0; i < lengths.length; ) {
      const symbol = decode(codeLengthCode);
      if (symbol < 16) {
        lengths[i++] = symbol;
        continue;
      }
      let value = 0;
      let repeat: number;
      if (symbol === 16) {
        if (i === 0) throw new InflateError("repeat with no previous length");
        value = lengths[i - 1]!;
        repeat = 3 + bits(2);
      } else if (symbol === 17) repeat = 3 + bits(3);
      else repeat = 11 + bits(7);
      if (i + repeat > lengths.length) throw new InflateError("too many code lengths");
      lengths.fill(value, i, i + repeat);
      i += repeat;
    }
    if (lengths[256] === 0) throw new InflateError("no end-of-block code");
    return [huffman(lengths.subarray(0, nLiterals), "literal/length"), huffman(lengths.subarray(nLiterals), "distance")];
  };

  let last = 0;
  while (!last) {
    last = bits(1);
    const type = bits(2);
    if (type === 0) {
      // To the next byte boundary; whole bytes still in the buffer go back to the input.
      bits(bitCount & 7);
      const length = bits(16);
      const complement = bits(16);
      if (length !== (~complement & 0xffff)) throw new InflateError("stored block length does not match its complement");
      bytePos -= bitCount >> 3;
      bitBuffer = 0;
      bitCount = 0;
      if (bytePos + length > data.length) throw new InflateError("unexpected end of data");
      reserve(length);
      out.set(data.subarray(bytePos, bytePos + length), outLength);
      outLength += length;
      bytePos += length;
    } else if (type === 1) {
      codes(FIXED_LITERALS, FIXED_DISTANCES);
    } else if (type === 2) {
      const [literals, distances] = dynamicCodes();
      codes(literals, distances);
    } else {
      throw new InflateError("invalid block type");
    }
  }
  if (bytePos - (bitCount >> 3) < data.length) throw new InflateError("data after the final block");
  return out.slice(0, outLength);
}

// base64url ---------------------------------------------------------------------------------

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const ALPHABET_INDEX = new Map([...ALPHABET].map((c, i) => [c, i]));

/** Bytes as base64url (RFC 4648, section 5) without padding: safe in a URL as it is. */
export function toBase64Url(bytes: Uint8Array): string {
  let text = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let c = 0; c < chars; c++) text += ALPHABET[(n >> (18 - 6 * c)) & 63];
  }
  return text;
}

/** base64url text (no padding) as bytes; throws naming the first character that is not base64url. */
export function fromBase64Url(text: string): Uint8Array {
  if (text.length % 4 === 1) throw new InflateError("base64url text of impossible length");
  const bytes = new Uint8Array(Math.floor((text.length * 6) / 8));
  let acc = 0;
  let count = 0;
  let j = 0;
  for (const c of text) {
    const v = ALPHABET_INDEX.get(c);
    if (v === undefined) throw new InflateError(`"${c}" is not a base64url character`);
    acc = ((acc << 6) | v) & 0xffffff;
    count += 6;
    if (count >= 8) {
      count -= 8;
      bytes[j++] = (acc >> count) & 0xff;
    }
  }
  return bytes;
}
