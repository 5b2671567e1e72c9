/**
 * CSV for Swedish Excel, Utforska's local version (one small file so the
 * shared export module can replace it): UTF-8 with a BOM, `;` between fields,
 * CRLF line ends, decimal comma, ASCII minus `-`, no thousands separators, no
 * exponents, and RFC 4180 quoting (a field with `;`, `"`, CR or LF is quoted,
 * inner quotes doubled). Not `Intl.NumberFormat("sv-SE")`: it writes U+2212
 * minus and no-break spaces, which Excel does not read as numbers.
 */

const BOM = "\uFEFF";

/** A number as Swedish Excel reads it: -1234,5 (full precision, plain decimals); NaN and ±∞ as an empty field. */
export function swedishNumber(value: number): string {
  if (!Number.isFinite(value)) return "";
  return plainDecimal(String(value)).replace(".", ",");
}

/** JavaScript's shortest round-trip text without exponent: "1.5e-7" → "0.00000015", "2e+21" → "2000000000000000000000". */
function plainDecimal(text: string): string {
  const m = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/i.exec(text);
  if (!m) return text;
  const [, sign, whole, fraction = "", exponent] = m;
  const digits = whole! + fraction;
  const point = whole!.length + Number(exponent); // position of the decimal point in `digits`
  if (point <= 0) return `${sign}0.${"0".repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + "0".repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** One field: numbers in the Swedish form, text quoted when it has to be. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return swedishNumber(value);
  if (typeof value === "bigint") return value.toString();
  const text = String(value);
  return /[;"\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The whole file: BOM, the header, then the rows, each line ended by CRLF. */
export function swedishCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const lines = [header.map(csvField).join(";")];
  for (const row of rows) lines.push(row.map(csvField).join(";"));
  return BOM + lines.join("\r\n") + "\r\n";
}
