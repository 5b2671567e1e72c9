/**
 * A local fake of the Kolada v3 API for tests (node:http on 127.0.0.1, random port).
 *
 * Serves the v3-shaped fixtures of the shared snapshot (`api/v3-shaped/`), rewriting their
 * `next_url` / `previous_url` to point at this server, synthesises data for arbitrary
 * KPI / municipality / year lists, records every request and the peak number of requests
 * in flight, and injects faults (429, 5xx, hangs, malformed or schema-violating JSON).
 */
import { readFileSync, existsSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** Directory of the shared Kolada snapshot (`KOLADA_SNAPSHOT_DIR` or `../shared/kolada`). */
export const snapshotDir = process.env.KOLADA_SNAPSHOT_DIR ?? path.resolve(repoRoot, "../shared/kolada");
/** Directory of the v3-shaped API fixtures. */
export const fixtureDir = path.join(snapshotDir, "api", "v3-shaped");

/** Base path the fake serves under, like the real API. */
const API_PREFIX = "/v3/";
const MAX_PER_PAGE = 5000;

type Json = Record<string, unknown>;
type Envelope = { values: Json[]; count?: number; next_url?: string | null; previous_url?: string | null };

/** A fault applied to one matching request instead of (or on top of) the normal answer. */
export type Fault =
  | { kind: "status"; status: number; retryAfter?: string; body?: string }
  | { kind: "hang" }
  | { kind: "malformed-json" }
  /** Sets `values[3].period = "abc"` (or deletes `values` when there are fewer rows). */
  | { kind: "schema-violation" }
  /** Rewrites the normal JSON body (after next_url rewriting). */
  | { kind: "transform"; transform: (body: Envelope) => unknown }
  | { kind: "delay"; ms: number };

export interface FaultRule {
  fault: Fault;
  /** Which requests it applies to (default: every request). Gets the path + query. */
  match?: (url: URL) => boolean;
  /** How many matching requests it applies to (default 1; Infinity = persistent). */
  times?: number;
}

export interface RecordedRequest {
  /** Path and query, e.g. `/v3/data/kpi/N15428/year/2022?per_page=5000`. */
  url: string;
  method: string;
  /** `performance.now()` when the request arrived. */
  at: number;
}

export interface FakeKolada {
  /** e.g. `http://127.0.0.1:54321/v3/` */
  readonly baseUrl: string;
  readonly requests: RecordedRequest[];
  /** Peak number of requests in flight since start or the last {@link reset}. */
  readonly maxInFlight: number;
  /** Adds a fault rule; rules are tried in the order they were added. */
  addFault(rule: FaultRule): void;
  /** Clears requests, fault rules and the in-flight peak. */
  reset(): void;
  close(): Promise<void>;
}

export interface FakeKoladaOptions {
  /** Latency added to every answered request (ms), to make concurrency observable. */
  latencyMs?: number;
  /** Areas used when a synthesised data request has no municipality segment. */
  defaultMunicipalities?: string[];
}

/** Reads one v3-shaped fixture file. */
export function readFixture(name: string): Envelope {
  const file = path.join(fixtureDir, name);
  if (!existsSync(file)) {
    throw new Error(`Kolada fixture not found: ${file} (set KOLADA_SNAPSHOT_DIR?)`);
  }
  return JSON.parse(readFileSync(file, "utf8")) as Envelope;
}

export const FIXTURES = {
  chainPages: [
    "data_kpi_N15428_year_2021-2022_page1.json",
    "data_kpi_N15428_year_2021-2022_page2.json",
    "data_kpi_N15428_year_2021-2022_page3.json",
  ],
  n15428Year2022: "data_kpi_N15428_year_2022.json",
  multiKpi: "data_kpi_N11008,N15428,N17461,U21468,U23471_municipality_0180,1284_year_2018-2022.json",
  kpiParts: ["kpi_KKiK_part1.json", "kpi_KKiK_part2.json"],
  municipality: "municipality.json",
  municipalityGroups: "municipality_groups_kommungrupp.json",
} as const;

/** The three path segments of a data URL, as id lists (undefined when absent). */
export interface DataSegments {
  kpi?: string[] | undefined;
  municipality?: string[] | undefined;
  year?: string[] | undefined;
}

/** Parses `/v3/data/kpi/a,b/municipality/c/year/2022` into its id lists. */
export function parseDataSegments(pathOrUrl: string): DataSegments {
  const pathname = new URL(pathOrUrl, "http://x").pathname;
  const parts = pathname.slice(pathname.indexOf("/data/") + "/data/".length).split("/");
  const segments: DataSegments = {};
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const name = parts[i];
    const ids = decodeURIComponent(parts[i + 1] ?? "").split(",");
    if (name === "kpi" || name === "municipality" || name === "year") segments[name] = ids;
  }
  return segments;
}

/** Starts the fake server on 127.0.0.1 with a random free port. */
export async function startFakeKolada(options: FakeKoladaOptions = {}): Promise<FakeKolada> {
  const data = loadFixtures();
  const rules: Array<Required<Pick<FaultRule, "fault" | "times">> & Pick<FaultRule, "match">> = [];
  const requests: RecordedRequest[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let origin = "";

  const server = createServer((req, res) => {
    requests.push({ url: req.url ?? "", method: req.method ?? "GET", at: performance.now() });
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    let done = false;
    res.on("close", () => {
      if (!done) inFlight--;
      done = true;
    });
    const url = new URL(req.url ?? "/", origin);
    const fault = takeFault(url);
    void respond(req, res, url, fault);
  });

  function takeFault(url: URL): Fault | undefined {
    const rule = rules.find((r) => r.times > 0 && (r.match?.(url) ?? true));
    if (!rule) return undefined;
    rule.times--;
    return rule.fault;
  }

  async function respond(_req: IncomingMessage, res: ServerResponse, url: URL, fault: Fault | undefined) {
    if (fault?.kind === "hang") return; // never answer; the client must time out
    const delay = (options.latencyMs ?? 0) + (fault?.kind === "delay" ? fault.ms : 0);
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    if (res.destroyed) return;

    if (fault?.kind === "status") {
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (fault.retryAfter !== undefined) headers["retry-after"] = fault.retryAfter;
      res.writeHead(fault.status, headers).end(fault.body ?? JSON.stringify({ detail: "injected fault" }));
      return;
    }
    if (fault?.kind === "malformed-json") {
      res.writeHead(200, { "content-type": "application/json" }).end('{"count": 1, "values": [{"kpi": ');
      return;
    }

    const answer = route(url, data, origin, options);
    if (answer === undefined) {
      res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ detail: "Not Found" }));
      return;
    }
    let body: unknown = answer;
    if (fault?.kind === "schema-violation") body = violateSchema(answer);
    if (fault?.kind === "transform") body = fault.transform(answer);
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;

  return {
    baseUrl: `${origin}${API_PREFIX}`,
    requests,
    get maxInFlight() {
      return maxInFlight;
    },
    addFault(rule) {
      rules.push({ fault: rule.fault, match: rule.match, times: rule.times ?? 1 });
    },
    reset() {
      requests.length = 0;
      rules.length = 0;
      maxInFlight = inFlight;
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}

// ---------------------------------------------------------------------------------------
// Fixtures and routing

interface LoadedFixtures {
  chainPages: Envelope[];
  /** Data fixtures usable for filtered answers, with the areas they cover (undefined = all). */
  dataSources: Array<{ rows: Json[]; kpis: Set<string>; municipalities?: Set<string>; years: Set<string> }>;
  kpis: Json[];
  municipalities: Json[];
  municipalityGroups: Json[];
}

function loadFixtures(): LoadedFixtures {
  const chainPages = FIXTURES.chainPages.map(readFixture);
  const multi = readFixture(FIXTURES.multiKpi).values;
  return {
    chainPages,
    dataSources: [
      { rows: chainPages.flatMap((p) => p.values), kpis: new Set(["N15428"]), years: new Set(["2021", "2022"]) },
      { rows: readFixture(FIXTURES.n15428Year2022).values, kpis: new Set(["N15428"]), years: new Set(["2022"]) },
      {
        rows: multi,
        kpis: new Set(multi.map((r) => String(r.kpi))),
        municipalities: new Set(multi.map((r) => String(r.municipality))),
        years: new Set(["2018", "2019", "2020", "2021", "2022"]),
      },
    ],
    kpis: FIXTURES.kpiParts.flatMap((name) => readFixture(name).values),
    municipalities: readFixture(FIXTURES.municipality).values,
    municipalityGroups: readFixture(FIXTURES.municipalityGroups).values,
  };
}

/** Maps a request to a JSON envelope, or undefined for 404. */
function route(url: URL, data: LoadedFixtures, origin: string, options: FakeKoladaOptions): Envelope | undefined {
  if (!url.pathname.startsWith(API_PREFIX)) return undefined;
  const rest = url.pathname.slice(API_PREFIX.length).replace(/\/$/, "");
  const [resource, ...args] = rest.split("/");

  if (resource === "data") return routeData(url, data, origin, options);
  if (resource === "kpi" && args.length <= 1) {
    const ids = args[0] === undefined ? undefined : new Set(decodeURIComponent(args[0]).split(","));
    return paged(url, origin, ids ? data.kpis.filter((k) => ids.has(String(k.id))) : data.kpis);
  }
  if (resource === "municipality" && args.length === 0) {
    const type = url.searchParams.get("region_type");
    return paged(url, origin, type ? data.municipalities.filter((m) => m.type === type) : data.municipalities);
  }
  if (resource === "municipality_groups" && args.length === 0) {
    return paged(url, origin, data.municipalityGroups);
  }
  return undefined;
}

function routeData(url: URL, data: LoadedFixtures, origin: string, options: FakeKoladaOptions): Envelope | undefined {
  const seg = parseDataSegments(url.pathname);
  const given = [seg.kpi, seg.municipality, seg.year].filter((s) => s !== undefined).length;
  if (given < 2) return undefined;

  // The 3-page chain is served verbatim (only the host of the links is rewritten).
  if (same(seg.kpi, ["N15428"]) && same(seg.year, ["2021", "2022"]) && !seg.municipality) {
    const page = Number(url.searchParams.get("page") ?? "1");
    const fixture = data.chainPages[page - 1];
    return fixture && rewriteLinks(fixture, origin);
  }
  const source = data.dataSources.find(
    (s) =>
      (seg.kpi ?? []).every((id) => s.kpis.has(id)) &&
      (seg.municipality === undefined ? !s.municipalities : seg.municipality.every((id) => s.municipalities?.has(id) ?? true)) &&
      seg.year !== undefined &&
      seg.year.every((y) => s.years.has(y)),
  );
  const rows = source
    ? source.rows.filter(
        (r) =>
          (seg.kpi ?? []).includes(String(r.kpi)) &&
          (seg.municipality?.includes(String(r.municipality)) ?? true) &&
          (seg.year?.includes(String(r.period)) ?? true),
      )
    : synthesiseRows(seg, options.defaultMunicipalities ?? ["0180", "1284"]);
  return paged(url, origin, rows);
}

function same(a: string[] | undefined, b: string[]): boolean {
  return a !== undefined && a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Deterministic rows (gender T only) for every kpi x municipality x year requested. */
function synthesiseRows(seg: DataSegments, defaultMunicipalities: string[]): Json[] {
  const kpis = seg.kpi ?? ["N00000"];
  const municipalities = seg.municipality ?? defaultMunicipalities;
  const years = seg.year ?? ["2022"];
  const rows: Json[] = [];
  for (const kpi of kpis) {
    for (const municipality of municipalities) {
      for (const year of years) {
        const value = (rows.length % 97) + 0.5;
        rows.push({
          kpi,
          municipality,
          period: Number(year),
          values: [{ count: 1, gender: "T", status: "", value }],
        });
      }
    }
  }
  return rows;
}

/** Paginates `rows` with the `page` / `per_page` query parameters, like the v3 API. */
function paged(url: URL, origin: string, rows: Json[]): Envelope {
  const perPage = Math.min(Number(url.searchParams.get("per_page") ?? MAX_PER_PAGE) || MAX_PER_PAGE, MAX_PER_PAGE);
  const page = Math.max(1, Number(url.searchParams.get("page") ?? "1") || 1);
  const values = rows.slice((page - 1) * perPage, page * perPage);
  const link = (p: number) => {
    const target = new URL(url.pathname + url.search, origin);
    target.searchParams.set("page", String(p));
    target.searchParams.set("per_page", String(perPage));
    return target.toString();
  };
  return {
    count: values.length,
    values,
    next_url: page * perPage < rows.length ? link(page + 1) : null,
    previous_url: page > 1 ? link(page - 1) : null,
  };
}

/** Points fixture links (https://api.kolada.se/v3/...) at this server. */
function rewriteLinks(envelope: Envelope, origin: string): Envelope {
  const rewrite = (link: string | null | undefined) => {
    if (!link) return link ?? null;
    const original = new URL(link);
    return `${origin}${original.pathname}${original.search}`;
  };
  return { ...envelope, next_url: rewrite(envelope.next_url), previous_url: rewrite(envelope.previous_url) };
}

function violateSchema(envelope: Envelope): unknown {
  const copy = structuredClone(envelope) as Envelope;
  const row = copy.values[3];
  if (row) {
    row.period = "abc";
    return copy;
  }
  const { values: _dropped, ...withoutValues } = copy;
  return withoutValues;
}
