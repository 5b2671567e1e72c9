/**
 * An RFC 4180 reader for the tests, written apart from the CSV writer it
 * checks (src/lib/export/csv.ts, the CLI's csvField): quoted fields may hold
 * the separator, quotes ("") and line breaks; CRLF or LF line ends; a last
 * record without a line end is kept.
 */
export function parseDelimited(text: string, separator = ","): string[][] {
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === separator) record.push(field), (field = "");
    else if (ch === "\r" && text[i + 1] === "\n") continue;
    else if (ch === "\n") record.push(field), records.push(record), (record = []), (field = "");
    else field += ch;
  }
  if (field || record.length) record.push(field), records.push(record);
  return records;
}

/** A comma-separated text's header and records. */
export function parseCsv(text: string): {header: string[]; rows: string[][]} {
  const [header, ...rows] = parseDelimited(text);
  return {header: header ?? [], rows};
}

/** A comma-separated text's header and its records as objects by column name ("" for a missing field). */
export function parseCsvObjects(text: string): {header: string[]; rows: Record<string, string>[]} {
  const {header, rows} = parseCsv(text);
  return {header, rows: rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ""])))};
}
