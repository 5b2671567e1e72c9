/**
 * A minimal XLSX reader for tests, independent of exceljs (which writes the
 * files): the ZIP container read with Node's zlib (central directory, stored
 * or deflated entries), and the sheet XML read with regular expressions —
 * shared strings, inline strings, numbers as the exact text of `<v>`, each
 * cell's style index resolved to its number-format id. Enough for the cells
 * exceljs writes; not a general reader.
 */
import {inflateRawSync} from "node:zlib";

/** The files of a ZIP archive by name. */
export function unzip(bytes: Uint8Array): Map<string, Buffer> {
  const buf = Buffer.from(bytes);
  // End of central directory: signature 0x06054b50, searched from the end.
  let eocd = -1;
  for (let i = buf.length - 22; i >= 0; i--) if (buf.readUInt32LE(i) === 0x06054b50) {
    eocd = i;
    break;
  }
  if (eocd < 0) throw new Error("not a ZIP file (no end of central directory)");
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const files = new Map<string, Buffer>();
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error("bad central directory entry");
    const method = buf.readUInt16LE(p + 10);
    const compressedSize = buf.readUInt32LE(p + 20);
    const nameLength = buf.readUInt16LE(p + 28);
    const extraLength = buf.readUInt16LE(p + 30);
    const commentLength = buf.readUInt16LE(p + 32);
    const localOffset = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLength).toString("utf8");
    // The local header has its own name and extra lengths.
    const dataStart = localOffset + 30 + buf.readUInt16LE(localOffset + 26) + buf.readUInt16LE(localOffset + 28);
    const data = buf.subarray(dataStart, dataStart + compressedSize);
    if (!name.endsWith("/")) files.set(name, method === 0 ? Buffer.from(data) : method === 8 ? inflateRawSync(data) : (() => { throw new Error(`compression ${method}`); })());
    p += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

/** XML character entities. */
export function xmlText(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) =>
    e[0] === "#" ? String.fromCodePoint(e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : ({amp: "&", lt: "<", gt: ">", quot: '"', apos: "'"} as Record<string, string>)[e.toLowerCase()]!
  );
}

export interface XlsxCell {
  /** "s" shared string, "inlineStr", "str" (formula result), "b", "n" (number, the default). */
  type: string;
  /** The text: a string cell's string, a number cell's `<v>` exactly as written. */
  text: string;
  /** The number-format id of the cell's style (49 = "@", text). */
  numFmtId: number;
  /** The format code of a custom number format (id ≥ 164), if any. */
  formatCode: string | null;
}

export interface XlsxSheet {
  name: string;
  /** Cells by row (1-based) and column (1-based); absent cells are absent. */
  rows: Map<number, Map<number, XlsxCell>>;
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** Every sheet of an XLSX file, in workbook order. */
export function readXlsx(bytes: Uint8Array): XlsxSheet[] {
  const files = unzip(bytes);
  const text = (name: string) => {
    const f = files.get(name);
    if (!f) throw new Error(`missing ${name}`);
    return f.toString("utf8");
  };
  const shared = files.has("xl/sharedStrings.xml")
    ? [...text("xl/sharedStrings.xml").matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => [...m[1]!.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map((t) => xmlText(t[1]!)).join(""))
    : [];
  const styles = text("xl/styles.xml");
  const formats = new Map([...styles.matchAll(/<numFmt numFmtId="(\d+)" formatCode="([^"]*)"/g)].map((m) => [Number(m[1]), xmlText(m[2]!)]));
  const cellXfs = /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? "";
  const xfFormat = [...cellXfs.matchAll(/<xf\b([^>]*?)\/?>/g)].map((m) => Number(/numFmtId="(\d+)"/.exec(m[1]!)?.[1] ?? 0));
  const workbook = text("xl/workbook.xml");
  const rels = text("xl/_rels/workbook.xml.rels");
  const target = new Map([...rels.matchAll(/<Relationship\b[^>]*?Id="([^"]+)"[^>]*?Target="([^"]+)"/g)].map((m) => [m[1]!, m[2]!]));
  return [...workbook.matchAll(/<sheet\b[^>]*?name="([^"]*)"[^>]*?r:id="([^"]+)"/g)].map((m) => {
    const file = `xl/${target.get(m[2]!)!.replace(/^\/?xl\//, "")}`;
    const rows = new Map<number, Map<number, XlsxCell>>();
    for (const c of text(file).matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attrs = c[1]!;
      const ref = /r="([A-Z]+)(\d+)"/.exec(attrs)!;
      const type = /\bt="([^"]+)"/.exec(attrs)?.[1] ?? "n";
      const style = Number(/\bs="(\d+)"/.exec(attrs)?.[1] ?? 0);
      const body = c[2] ?? "";
      const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
      let value: string;
      if (type === "s") value = shared[Number(v)]!;
      else if (type === "inlineStr") value = [...body.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map((t) => xmlText(t[1]!)).join("");
      else if (v === undefined) continue; // a styled empty cell
      else value = xmlText(v);
      const numFmtId = xfFormat[style] ?? 0;
      const row = Number(ref[2]);
      if (!rows.has(row)) rows.set(row, new Map());
      rows.get(row)!.set(columnNumber(ref[1]!), {type, text: value, numFmtId, formatCode: formats.get(numFmtId) ?? null});
    }
    return {name: xmlText(m[1]!), rows};
  });
}

/** A sheet as a grid of texts (rows 1…n, columns 1…width; missing cells as null). */
export function sheetGrid(sheet: XlsxSheet): (string | null)[][] {
  const height = Math.max(0, ...sheet.rows.keys());
  const width = Math.max(0, ...[...sheet.rows.values()].flatMap((r) => [...r.keys()]));
  return Array.from({length: height}, (_, r) => Array.from({length: width}, (_, c) => sheet.rows.get(r + 1)?.get(c + 1)?.text ?? null));
}
