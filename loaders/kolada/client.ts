/**
 * HTTP client for the Kolada v3 API (https://api.kolada.se/v3/).
 *
 * - batches id lists (at most 25 ids per path segment, as the API requires),
 * - follows `next_url` pagination,
 * - limits concurrent requests per client,
 * - retries 429 / 5xx / network errors / timeouts with exponential backoff and Retry-After,
 * - validates every response with zod and fails loudly (never drops rows silently).
 */
import { z } from "zod";
import {
  dataPageSchema,
  kpiPageSchema,
  municipalityGroupPageSchema,
  municipalityPageSchema,
  type KoladaEnvelope,
  type KoladaKpi,
  type KoladaMunicipality,
  type KoladaMunicipalityGroup,
} from "./schema.ts";

export type { KoladaKpi, KoladaMunicipality, KoladaMunicipalityGroup } from "./schema.ts";

/** Maximum number of comma-separated ids Kolada accepts in one path segment. */
export const MAX_IDS_PER_SEGMENT = 25;
/** Maximum `per_page` Kolada accepts. */
export const MAX_PER_PAGE = 5000;
export const DEFAULT_BASE_URL = "https://api.kolada.se/v3/";

export interface KoladaClientOptions {
  /** Default: `process.env.KOLADA_API_URL ?? "https://api.kolada.se/v3/"`. */
  baseUrl?: string;
  /** Maximum number of requests in flight for this client. Default 4. */
  concurrency?: number;
  /** Retries after the first attempt. Default 5. */
  maxRetries?: number;
  /** Per-attempt timeout (headers and body). Default 30 000 ms. */
  timeoutMs?: number;
  /** `per_page` query parameter, 1..5000. Default 5000. */
  perPage?: number;
  /** First backoff delay; doubles each retry. Default 500 ms. */
  baseDelayMs?: number;
  /** Cap for backoff delays and for honoured Retry-After values. Default 30 000 ms. */
  maxDelayMs?: number;
  /** Injected fetch implementation (tests). Default global fetch. */
  fetch?: typeof fetch;
  /** Called before every HTTP attempt (including retries). */
  onRequest?: (url: string) => void;
}

/** One value of one KPI for one area, year and gender. `value: null` = missing (never 0). */
export interface KoladaDataRow {
  kpi: string;
  municipality: string;
  year: number;
  gender: string;
  value: number | null;
}

/** Query for {@link KoladaClient.getData}: kpis plus municipalities and/or years. */
export interface KoladaDataQuery {
  kpis: string[];
  municipalities?: string[];
  years?: number[];
}

export interface KoladaClient {
  /** Data rows, one per gender entry, for the cartesian product of the id batches. */
  getData(query: KoladaDataQuery): Promise<KoladaDataRow[]>;
  /** KPI metadata: all KPIs, or only the given ids (unknown ids are simply absent). */
  getKpis(ids?: string[]): Promise<KoladaKpi[]>;
  /** Areas: all, or only kommuner (K) or regions + Riket (L). */
  getMunicipalities(type?: "K" | "L"): Promise<KoladaMunicipality[]>;
  /** All municipality groups with their members. */
  getMunicipalityGroups(): Promise<KoladaMunicipalityGroup[]>;
  /** The normalised base URL (always ends with "/"). */
  readonly baseUrl: string;
}

export type KoladaErrorKind = "http" | "network" | "timeout" | "parse" | "schema" | "pagination";

/** Any failure talking to Kolada. The message always names the URL. */
export class KoladaError extends Error {
  override readonly name = "KoladaError";
  readonly url: string;
  readonly kind: KoladaErrorKind;
  /** HTTP status, for kind "http". */
  readonly status: number | undefined;
  /** Number of attempts made, when the error ends a retry loop. */
  readonly attempts: number | undefined;
  /** Schema issues as "path: message", for kind "schema". */
  readonly issues: string[];

  constructor(
    message: string,
    details: {
      url: string;
      kind: KoladaErrorKind;
      status?: number;
      attempts?: number;
      issues?: string[];
      cause?: unknown;
    },
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.url = details.url;
    this.kind = details.kind;
    this.status = details.status;
    this.attempts = details.attempts;
    this.issues = details.issues ?? [];
  }
}

/** Creates a Kolada v3 client; see {@link KoladaClientOptions} for defaults. */
export function createKoladaClient(options: KoladaClientOptions = {}): KoladaClient {
  const config = resolveOptions(options);
  const semaphore = new Semaphore(config.concurrency);
  const request = (url: string) => fetchJsonWithRetry(url, config, semaphore);

  async function fetchAllPages<Row>(
    path: string,
    schema: z.ZodType<KoladaEnvelope<Row>>,
    query: Record<string, string> = {},
  ): Promise<Row[]> {
    const firstUrl = buildUrl(config.baseUrl, path, { ...query, per_page: String(config.perPage) });
    return paginate(firstUrl, config.baseUrl, async (url) => validate(url, schema, await request(url)));
  }

  return {
    baseUrl: config.baseUrl,

    async getData(query) {
      const paths = dataPaths(query);
      const pages = await Promise.all(paths.map((path) => fetchAllPages(path, dataPageSchema)));
      return pages.flat().flatMap(flattenDataRow);
    },

    async getKpis(ids) {
      if (ids === undefined) return fetchAllPages("kpi", kpiPageSchema);
      const batches = chunk(uniqueIds(ids, "ids"), MAX_IDS_PER_SEGMENT);
      const pages = await Promise.all(
        batches.map((batch) => fetchAllPages(`kpi/${joinIds(batch)}`, kpiPageSchema)),
      );
      return pages.flat();
    },

    async getMunicipalities(type) {
      const query: Record<string, string> = type === undefined ? {} : { region_type: type };
      return fetchAllPages("municipality", municipalityPageSchema, query);
    },

    async getMunicipalityGroups() {
      return fetchAllPages("municipality_groups", municipalityGroupPageSchema);
    },
  };
}

// ---------------------------------------------------------------------------------------
// Options

interface ResolvedOptions {
  baseUrl: string;
  concurrency: number;
  maxRetries: number;
  timeoutMs: number;
  perPage: number;
  baseDelayMs: number;
  maxDelayMs: number;
  fetch: typeof fetch;
  onRequest: ((url: string) => void) | undefined;
}

function resolveOptions(options: KoladaClientOptions): ResolvedOptions {
  const resolved: ResolvedOptions = {
    baseUrl: normaliseBaseUrl(options.baseUrl ?? process.env.KOLADA_API_URL ?? DEFAULT_BASE_URL),
    concurrency: options.concurrency ?? 4,
    maxRetries: options.maxRetries ?? 5,
    timeoutMs: options.timeoutMs ?? 30_000,
    perPage: options.perPage ?? MAX_PER_PAGE,
    baseDelayMs: options.baseDelayMs ?? 500,
    maxDelayMs: options.maxDelayMs ?? 30_000,
    fetch: options.fetch ?? globalThis.fetch,
    onRequest: options.onRequest,
  };
  assertInteger("concurrency", resolved.concurrency, 1);
  assertInteger("maxRetries", resolved.maxRetries, 0);
  assertInteger("perPage", resolved.perPage, 1, MAX_PER_PAGE);
  for (const key of ["timeoutMs", "baseDelayMs", "maxDelayMs"] as const) {
    if (!(resolved[key] >= 0)) throw new RangeError(`Kolada client: ${key} must be >= 0`);
  }
  return resolved;
}

function assertInteger(name: string, value: number, min: number, max = Infinity): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`Kolada client: ${name} must be an integer in [${min}, ${max}], got ${value}`);
  }
}

/** Ensures a trailing slash so relative paths resolve below the base path (e.g. /v3/). */
function normaliseBaseUrl(baseUrl: string): string {
  const url = new URL(baseUrl);
  if (!url.pathname.endsWith("/")) url.pathname += "/";
  return url.toString();
}

// ---------------------------------------------------------------------------------------
// URLs and batching

function buildUrl(baseUrl: string, path: string, query: Record<string, string>): string {
  const url = new URL(path, baseUrl);
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  return url.toString();
}

/** Ids are URL-encoded one by one; the separating commas stay literal as Kolada expects. */
function joinIds(ids: readonly (string | number)[]): string {
  return ids.map((id) => encodeURIComponent(String(id))).join(",");
}

/** Splits `items` into consecutive chunks of at most `size`. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/** De-duplicates ids (keeping order) and rejects an empty list. */
function uniqueIds<T extends string | number>(ids: readonly T[], name: string): T[] {
  if (ids.length === 0) throw new TypeError(`Kolada client: ${name} must not be empty (omit it instead)`);
  return [...new Set(ids)];
}

/**
 * Data paths for a query: `data/kpi/{ids}[/municipality/{ids}][/year/{years}]`, one per
 * combination of id batches. Kolada needs two of the three segments, so kpis must come with
 * municipalities and/or years.
 */
export function dataPaths(query: KoladaDataQuery): string[] {
  const kpis = uniqueIds(query.kpis, "kpis");
  const municipalities = query.municipalities && uniqueIds(query.municipalities, "municipalities");
  const years = query.years && uniqueIds(query.years, "years");
  if (!municipalities && !years) {
    throw new TypeError("Kolada client: getData needs municipalities and/or years besides kpis");
  }
  for (const year of years ?? []) {
    if (!Number.isInteger(year)) throw new TypeError(`Kolada client: invalid year ${year}`);
  }
  const segments: string[][] = [
    chunk(kpis, MAX_IDS_PER_SEGMENT).map((batch) => `kpi/${joinIds(batch)}`),
  ];
  if (municipalities) {
    segments.push(chunk(municipalities, MAX_IDS_PER_SEGMENT).map((b) => `municipality/${joinIds(b)}`));
  }
  if (years) segments.push(chunk(years, MAX_IDS_PER_SEGMENT).map((b) => `year/${joinIds(b)}`));
  return cartesian(segments).map((parts) => `data/${parts.join("/")}`);
}

function cartesian(lists: readonly string[][]): string[][] {
  return lists.reduce<string[][]>(
    (acc, list) => acc.flatMap((prefix) => list.map((item) => [...prefix, item])),
    [[]],
  );
}

function flattenDataRow(row: z.infer<typeof dataPageSchema>["values"][number]): KoladaDataRow[] {
  return row.values.map((entry) => ({
    kpi: row.kpi,
    municipality: row.municipality,
    year: row.period,
    gender: entry.gender,
    value: entry.value,
  }));
}

// ---------------------------------------------------------------------------------------
// Pagination and validation

/** Fetches `firstUrl` and follows `next_url` until it is null, empty or absent. */
async function paginate<Row>(
  firstUrl: string,
  baseUrl: string,
  fetchPage: (url: string) => Promise<KoladaEnvelope<Row>>,
): Promise<Row[]> {
  const rows: Row[] = [];
  const seen = new Set<string>();
  let url: string | undefined = firstUrl;
  while (url !== undefined) {
    seen.add(url);
    const page: KoladaEnvelope<Row> = await fetchPage(url);
    rows.push(...page.values);
    const next = page.next_url ? new URL(page.next_url, baseUrl).toString() : undefined;
    if (next !== undefined && seen.has(next)) {
      throw new KoladaError(`Kolada pagination loop: ${url} points back to ${next}`, {
        url,
        kind: "pagination",
      });
    }
    url = next;
  }
  return rows;
}

/** Formats a zod issue path like `values[3].period`. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out === "" ? "(root)" : out;
}

const MAX_REPORTED_ISSUES = 5;

function validate<T>(url: string, schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => `${formatIssuePath(issue.path)}: ${issue.message}`);
  const shown = issues.slice(0, MAX_REPORTED_ISSUES).join("; ");
  const more = issues.length > MAX_REPORTED_ISSUES ? ` (+${issues.length - MAX_REPORTED_ISSUES} more)` : "";
  throw new KoladaError(`Invalid Kolada response from ${url}: ${shown}${more}`, {
    url,
    kind: "schema",
    issues,
    cause: result.error,
  });
}

// ---------------------------------------------------------------------------------------
// HTTP with retries

/** Outcome of a single attempt: a parsed body, or a failure that may be retried. */
type Attempt =
  | { ok: true; body: unknown }
  | { ok: false; error: KoladaError; retryable: boolean; retryAfterMs?: number | undefined };

async function fetchJsonWithRetry(url: string, config: ResolvedOptions, semaphore: Semaphore): Promise<unknown> {
  for (let attempt = 0; ; attempt++) {
    const outcome = await semaphore.run(() => attemptOnce(url, config));
    if (outcome.ok) return outcome.body;
    const attempts = attempt + 1;
    if (!outcome.retryable) throw outcome.error;
    if (attempt >= config.maxRetries) {
      throw new KoladaError(`Kolada request failed after ${attempts} attempts: ${outcome.error.message}`, {
        url,
        kind: outcome.error.kind,
        ...(outcome.error.status === undefined ? {} : { status: outcome.error.status }),
        attempts,
        cause: outcome.error,
      });
    }
    await sleep(retryDelayMs(attempt, outcome.retryAfterMs, config));
  }
}

async function attemptOnce(url: string, config: ResolvedOptions): Promise<Attempt> {
  config.onRequest?.(url);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), config.timeoutMs);
  try {
    const response = await config.fetch(url, {
      signal: controller.signal,
      headers: { accept: "application/json" },
    });
    const text = await response.text();
    if (!response.ok) return httpFailure(url, response, text);
    return parseJson(url, text);
  } catch (error) {
    if (controller.signal.aborted) {
      const message = `Kolada request timed out after ${config.timeoutMs} ms: GET ${url}`;
      return { ok: false, retryable: true, error: new KoladaError(message, { url, kind: "timeout", cause: error }) };
    }
    const message = `Kolada network error: GET ${url}: ${errorMessage(error)}`;
    return { ok: false, retryable: true, error: new KoladaError(message, { url, kind: "network", cause: error }) };
  } finally {
    clearTimeout(timer);
  }
}

function httpFailure(url: string, response: Response, text: string): Attempt {
  const status = response.status;
  const snippet = text.trim().slice(0, 200);
  const message = `Kolada HTTP ${status} ${response.statusText}: GET ${url}${snippet ? ` (${snippet})` : ""}`;
  const retryable = status === 429 || status >= 500;
  return {
    ok: false,
    retryable,
    retryAfterMs: parseRetryAfter(response.headers.get("retry-after")),
    error: new KoladaError(message, { url, kind: "http", status }),
  };
}

function parseJson(url: string, text: string): Attempt {
  try {
    return { ok: true, body: JSON.parse(text) as unknown };
  } catch (error) {
    const message = `Malformed JSON from Kolada: GET ${url}: ${errorMessage(error)}`;
    return { ok: false, retryable: false, error: new KoladaError(message, { url, kind: "parse", cause: error }) };
  }
}

/**
 * Parses a Retry-After header (delay in seconds, fractional tolerated, or an HTTP date)
 * into milliseconds; undefined when absent or unparseable.
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (value == null) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/**
 * Delay before retry number `attempt` (0-based): Retry-After when given, otherwise
 * exponential backoff `baseDelayMs * 2^attempt` with "equal jitter" (50-100 %);
 * both capped at `maxDelayMs`.
 */
export function retryDelayMs(
  attempt: number,
  retryAfterMs: number | undefined,
  config: Pick<ResolvedOptions, "baseDelayMs" | "maxDelayMs">,
  random: () => number = Math.random,
): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, config.maxDelayMs);
  const exponential = Math.min(config.baseDelayMs * 2 ** attempt, config.maxDelayMs);
  return exponential / 2 + random() * (exponential / 2);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function errorMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : "";
  return `${error.message}${cause}`;
}

// ---------------------------------------------------------------------------------------
// Concurrency

/** A minimal counting semaphore: at most `limit` tasks run at once, FIFO. */
class Semaphore {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  private acquire(): Promise<void> {
    if (this.active < this.limit) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next(); // hand the slot over directly; `active` stays the same
    else this.active--;
  }
}
