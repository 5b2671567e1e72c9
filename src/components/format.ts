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

const percent = new Intl.NumberFormat("sv-SE", {style: "percent", maximumFractionDigits: 0});

/** A share 0–1 as a whole percent: 0.973 → "97 %"; missing → "–". */
export function formatPercent(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? "–" : percent.format(value);
}

/** "2024-08" → "augusti 2024"; "2026-11-28" → "28 november 2026"; anything else as is. */
export function formatDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(iso);
  if (!m) return iso;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3] ?? 1)));
  const options: Intl.DateTimeFormatOptions = m[3] ? {day: "numeric", month: "long", year: "numeric"} : {month: "long", year: "numeric"};
  return new Intl.DateTimeFormat("sv-SE", {...options, timeZone: "UTC"}).format(date);
}

const twoAtMost = new Intl.NumberFormat("sv-SE", {maximumFractionDigits: 2});

/** An axis tick: as few decimals as needed (0,5; 1; 1,25). */
export function formatTick(value: number): string {
  return twoAtMost.format(value);
}

const oneDecimal = new Intl.NumberFormat("sv-SE", {maximumFractionDigits: 1});

/**
 * A KPI value in Swedish: at most one decimal (67.19686 → "67,2"; 12 → "12";
 * 4523.4 → "4 523,4" with a no-break space), two decimals below 1 in absolute
 * value (0.456 → "0,46"); missing → "–". The unit, when known, follows after
 * a no-break space ("67,2 %").
 */
export function formatValue(value: number | null | undefined, unit?: string | null): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "–";
  const text = (Math.abs(value) < 1 ? twoAtMost : oneDecimal).format(value);
  return unit ? `${text}\u00a0${unit}` : text;
}
