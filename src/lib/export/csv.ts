/**
 * CSV for Swedish Excel, from an {@link ExportTable}:
 *
 * - UTF-8 with a byte-order mark (without it Excel reads the file as
 *   Windows-1252 and å/ä/ö break), `;` as separator (the list separator of
 *   Swedish Windows, so a double-click splits the columns), CRLF after every
 *   record, the last included;
 * - numbers with a decimal comma, ASCII minus `-`, no thousands separators
 *   and no exponent (`Intl.NumberFormat("sv-SE")` writes U+2212 and no-break
 *   spaces, which Excel reads as text); a `number` column at the decimals the
 *   page shows, and where the column asks for it (`fullLabel`, the score) also
 *   at full precision: the shortest text that reads back as the same double;
 * - quoting per RFC 4180: a field with `;`, `"`, CR or LF is enclosed in
 *   double quotes, a quote inside doubled;
 * - codes stay text: Excel turns a field `0180` into the number 180 whatever
 *   the quoting (it decides the type after unquoting). The only form that a
 *   double-click keeps as text is a formula whose result is the text,
 *   `="0180"`; written per RFC 4180 that field is `"=""0180"""`. Text that
 *   Excel would read as a number, a date or a formula (all digits and
 *   separators, or starting with `=`, `+`, `-`, `@`) gets the same form, so
 *   it shows as written and never runs as a formula. A program that is not a
 *   spreadsheet reads such a field as `="0180"`: scripts should use Parquet or
 *   `rank --format csv`.
 */
import {checkTable, rowCount, type ExportColumn, type ExportTable} from "./table.js";

export const BOM = "\uFEFF";
export const SEPARATOR = ";";
export const EOL = "\r\n";

/** RFC 4180: enclose in quotes when the field holds the separator, a quote, CR or LF. */
export function quoteField(field: string): string {
  return /[;"\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}

/** Excel's text-literal formula, `="…"` (a quote inside doubled, as in any Excel string). */
export function excelTextFormula(text: string): string {
  return `="${text.replaceAll('"', '""')}"`;
}

/**
 * Whether Excel would turn this text into something else on opening: a
 * number or date (digits with only spaces and number or date punctuation, or
 * "1E5"), or a formula (a leading `=`, `+`, `-`, `@`, tab or CR).
 */
export function excelWouldConvert(text: string): boolean {
  return /^[=+\-@\t\r]/.test(text) || /^(?=.*\d)[\d\s.,:/%-]+$/.test(text) || /^\d+(?:[.,]\d+)?e[+-]?\d+$/i.test(text);
}

/** Excel's formulas hold at most 255 characters in a string literal; longer text keeps its form. */
const FORMULA_TEXT_MAX = 255;

/** A text field: as is, or as the text formula when Excel would convert it (always for codes). */
export function textField(text: string, code = false): string {
  if ((code || excelWouldConvert(text)) && text.length > 0 && text.length <= FORMULA_TEXT_MAX) return excelTextFormula(text);
  return text;
}

/**
 * A double as plain decimal text with "." (no exponent), digit for digit the
 * shortest representation that reads back as the same double (`String(x)`),
 * e.g. 1.5e-7 → "0.00000015". -0 → "0".
 */
export function plainNumber(x: number): string {
  if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
  if (x === 0) return "0";
  const s = String(x);
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const [, sign, lead, rest = "", exp] = m;
  const digits = lead! + rest;
  const point = 1 + Number(exp);
  if (point <= 0) return `${sign}0.${"0".repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + "0".repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** A number for Swedish Excel: decimal comma, ASCII minus, no grouping; at `decimals` places, or full precision. */
export function swedishNumber(x: number, decimals?: number): string {
  let text = decimals === undefined ? plainNumber(x) : x.toFixed(decimals);
  if (/^-0(\.0*)?$/.test(text)) text = text.slice(1); // -0.00 → 0.00: Excel reads both as 0
  return text.replace(".", ",");
}

/** The CSV's columns: each column, and after a column with `fullLabel` its full-precision twin. */
function csvColumns(table: ExportTable): {label: string; column: ExportColumn; full: boolean}[] {
  return table.columns.flatMap((column) => [
    {label: column.label, column, full: column.type !== "number" || column.decimals === undefined},
    ...(column.type === "number" && column.fullLabel !== undefined ? [{label: column.fullLabel, column, full: true}] : [])
  ]);
}

function cellText(column: ExportColumn, full: boolean, i: number): string {
  const v = column.values[i] ?? null;
  if (v === null) return "";
  switch (column.type) {
    case "code":
      return textField(v as string, true);
    case "text":
      return textField(v as string);
    case "integer":
      return String(v);
    case "number":
      return swedishNumber(v as number, full ? undefined : column.decimals);
  }
}

/** The table as CSV text for Swedish Excel, starting with the BOM (encode as UTF-8). */
export function toSwedishCsv(table: ExportTable): string {
  checkTable(table);
  const columns = csvColumns(table);
  const lines = [columns.map((c) => quoteField(textField(c.label))).join(SEPARATOR)];
  const n = rowCount(table);
  for (let i = 0; i < n; i++) lines.push(columns.map((c) => quoteField(cellText(c.column, c.full, i))).join(SEPARATOR));
  return BOM + lines.map((line) => line + EOL).join("");
}

/** The CSV as UTF-8 bytes (what a download or `--out` writes). */
export function swedishCsvBytes(table: ExportTable): Uint8Array {
  return new TextEncoder().encode(toSwedishCsv(table));
}

/** One field of a plain row: a finite number at full precision, text (as {@link textField}), missing as empty. */
export function plainField(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? swedishNumber(value) : "";
  if (typeof value === "bigint") return value.toString();
  return quoteField(textField(String(value)));
}

/**
 * Plain rows as CSV for Swedish Excel (Utforska's query results, whose
 * columns have no export types): the same file as {@link toSwedishCsv},
 * numbers at full precision, and text that Excel would turn into a number or
 * date — codes such as `0180` — as its text formula, so leading zeros stay.
 */
export function rowsToSwedishCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const lines = [header.map((h) => quoteField(textField(h))).join(SEPARATOR)];
  for (const row of rows) lines.push(row.map(plainField).join(SEPARATOR));
  return BOM + lines.map((line) => line + EOL).join("");
}
