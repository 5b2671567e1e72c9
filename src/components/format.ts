/** Swedish number and date formatting for every page. */

const integer = new Intl.NumberFormat("sv-SE", {maximumFractionDigits: 0});
const decimal = new Intl.NumberFormat("sv-SE", {minimumFractionDigits: 2, maximumFractionDigits: 2});

/** 984748 → "984 748"; missing → "–". */
export function formatInteger(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? "–" : integer.format(value);
}

/** 0.12345 → "0,12"; missing → "–". */
export function formatDecimal(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? "–" : decimal.format(value);
}

/** "2024-08" → "augusti 2024"; "2026-11-28" → "28 november 2026"; anything else as is. */
export function formatDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(iso);
  if (!m) return iso;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3] ?? 1)));
  const options: Intl.DateTimeFormatOptions = m[3] ? {day: "numeric", month: "long", year: "numeric"} : {month: "long", year: "numeric"};
  return new Intl.DateTimeFormat("sv-SE", {...options, timeZone: "UTC"}).format(date);
}

const tick = new Intl.NumberFormat("sv-SE", {maximumFractionDigits: 2});

/** An axis tick: as few decimals as needed (0,5; 1; 1,25). */
export function formatTick(value: number): string {
  return tick.format(value);
}
