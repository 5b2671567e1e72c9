import { createServer, type AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import {
  createKoladaClient,
  dataPaths as koladaDataPaths,
  formatIssuePath,
  KoladaError,
  parseRetryAfter,
  retryDelayMs,
  type KoladaClientOptions,
} from "../loaders/kolada/client.ts";
import {
  FIXTURES,
  parseDataSegments,
  readFixture,
  startFakeKolada,
  type FakeKolada,
} from "./helpers/fake-kolada.ts";

let server: FakeKolada;

beforeAll(async () => {
  server = await startFakeKolada();
});
afterAll(async () => {
  await server.close();
});
afterEach(() => {
  server.reset();
});

/** A client against the fake with fast retry settings. */
function client(overrides: KoladaClientOptions = {}) {
  return createKoladaClient({ baseUrl: server.baseUrl, baseDelayMs: 1, maxDelayMs: 20, timeoutMs: 2000, ...overrides });
}

const dataPaths = () => server.requests.map((r) => r.url).filter((u) => u.includes("/data/"));
const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(5, "0")}`);
const rowKey = (r: { kpi: string; municipality: string; year: number; gender: string }) =>
  `${r.kpi}|${r.municipality}|${r.year}|${r.gender}`;

/** Gender entries of fixture pages, as client rows. */
function fixtureRows(names: readonly string[]) {
  return names.flatMap((name) =>
    readFixture(name).values.flatMap((row) =>
      (row.values as Array<{ gender: string; value: number | null }>).map((v) => ({
        kpi: String(row.kpi),
        municipality: String(row.municipality),
        year: Number(row.period),
        gender: v.gender,
        value: v.value,
      })),
    ),
  );
}

async function rejection(promise: Promise<unknown>): Promise<KoladaError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(KoladaError);
  return error as KoladaError;
}

describe("pagination", () => {
  it("follows the 3-page next_url chain and returns every row exactly once", async () => {
    const rows = await client().getData({ kpis: ["N15428"], years: [2021, 2022] });
    const expected = fixtureRows(FIXTURES.chainPages);
    expect(expected).toHaveLength(750 + 750 + 372);
    expect(rows).toHaveLength(expected.length);
    expect(new Set(rows.map(rowKey)).size).toBe(rows.length);
    expect(rows).toEqual(expected);

    const urls = dataPaths();
    expect(urls).toHaveLength(3);
    expect(urls[0]).toBe("/v3/data/kpi/N15428/year/2021,2022?per_page=5000");
    expect(urls[1]).toContain("page=2");
    expect(urls[2]).toContain("page=3");
  });

  it("stops on an empty-string next_url", async () => {
    server.addFault({ fault: { kind: "transform", transform: (b) => ({ ...b, next_url: "" }) } });
    const rows = await client().getData({ kpis: ["N15428"], years: [2021, 2022] });
    expect(rows).toHaveLength(750);
    expect(dataPaths()).toHaveLength(1);
  });

  it("stops on an absent next_url and resolves a relative next_url against the base URL", async () => {
    server.addFault({
      fault: { kind: "transform", transform: (b) => ({ ...b, next_url: "data/kpi/N15428/year/2021,2022?page=3&per_page=250" }) },
    });
    server.addFault({ fault: { kind: "transform", transform: ({ next_url: _n, previous_url: _p, ...b }) => b } });
    const rows = await client().getData({ kpis: ["N15428"], years: [2021, 2022] });
    expect(rows).toHaveLength(750 + 372);
    expect(dataPaths()[1]).toBe("/v3/data/kpi/N15428/year/2021,2022?page=3&per_page=250");
  });

  describe("a next_url pointing back to a page already fetched", () => {
    const chain = { kpis: ["N15428"], years: [2021, 2022] };
    const page = (n: number) => (url: URL) => (url.searchParams.get("page") ?? "1") === String(n);

    /**
     * A client whose fetch answers 404 (not retried) after 20 requests: the
     * faults below loop for ever, so a client without the loop guard ends
     * with that HTTP error (and fails the test) instead of hanging; with the
     * guard it stops on its own.
     */
    function guardedClient() {
      let calls = 0;
      const capped: typeof fetch = (input, init) =>
        ++calls > 20 ? Promise.resolve(new Response("request cap reached", { status: 404 })) : fetch(input, init);
      return client({ fetch: capped });
    }

    it("fails with a clear pagination error when the last page links back to an earlier one", async () => {
      // Page 3 of the chain links to page 2 again (its own previous_url).
      server.addFault({ match: page(3), times: Infinity, fault: { kind: "transform", transform: (b) => ({ ...b, next_url: b.previous_url }) } });
      const error = await rejection(guardedClient().getData(chain));
      expect(error.kind).toBe("pagination");
      const urls = dataPaths();
      expect(urls).toHaveLength(3); // pages 1, 2 and 3, each once; page 2 is not fetched again
      expect(new Set(urls).size).toBe(3);
      const page2 = `${server.baseUrl.replace(/\/v3\/$/, "")}${urls[1]}`;
      const page3 = `${server.baseUrl.replace(/\/v3\/$/, "")}${urls[2]}`;
      expect(error.message).toBe(`Kolada pagination loop: ${page3} points back to ${page2}`);
      expect(error.url).toBe(page3);
    });

    it("fails when a page links to itself, and when a later page links back to the first request", async () => {
      server.addFault({ match: page(1), times: Infinity, fault: { kind: "transform", transform: (b) => ({ ...b, next_url: `${server.baseUrl}data/kpi/N15428/year/2021,2022?per_page=5000` }) } });
      const self = await rejection(guardedClient().getData(chain));
      expect(self.kind).toBe("pagination");
      expect(self.message).toMatch(/^Kolada pagination loop: .*\?per_page=5000 points back to .*\?per_page=5000$/);
      expect(dataPaths()).toHaveLength(1);

      server.reset();
      server.addFault({ match: page(2), times: Infinity, fault: { kind: "transform", transform: (b) => ({ ...b, next_url: "data/kpi/N15428/year/2021,2022?per_page=5000" }) } });
      const back = await rejection(guardedClient().getData(chain));
      expect(back.kind).toBe("pagination");
      expect(back.message).toContain(`points back to ${server.baseUrl}data/kpi/N15428/year/2021,2022?per_page=5000`);
      expect(dataPaths()).toHaveLength(2);
    });
  });

  it("paginates synthesised data with a small perPage", async () => {
    const kpis = ids("X", 7);
    const rows = await client({ perPage: 4 }).getData({ kpis, municipalities: ["0180", "1284"], years: [2022] });
    expect(rows).toHaveLength(14);
    expect(new Set(rows.map(rowKey)).size).toBe(14);
    expect(dataPaths()).toHaveLength(4);
  });

  it("maps the multi-KPI fixture to one row per gender entry", async () => {
    const rows = await client().getData({
      kpis: ["N11008", "N15428", "N17461", "U21468", "U23471"],
      municipalities: ["0180", "1284"],
      years: [2018, 2019, 2020, 2021, 2022],
    });
    expect(rows).toEqual(fixtureRows([FIXTURES.multiKpi]));
    expect(rows).toHaveLength(118);
  });
});

describe("batching", () => {
  it("splits 60 KPIs into 25/25/10 (kpi + year)", async () => {
    const kpis = ids("K", 60);
    const rows = await client().getData({ kpis, years: [2021, 2022] });
    const segments = dataPaths().map(parseDataSegments);
    expect(segments.map((s) => s.kpi?.length)).toEqual([25, 25, 10]);
    expect(segments.flatMap((s) => s.kpi)).toEqual(kpis);
    expect(segments.every((s) => s.municipality === undefined && s.year?.join() === "2021,2022")).toBe(true);
    // 60 KPIs x 2 default areas x 2 years, each exactly once.
    expect(rows).toHaveLength(240);
    expect(new Set(rows.map(rowKey)).size).toBe(240);
  });

  it("batches municipalities too (cartesian product of batches)", async () => {
    const kpis = ids("K", 30);
    const municipalities = Array.from({ length: 60 }, (_, i) => String(1000 + i));
    const rows = await client().getData({ kpis, municipalities, years: [2022] });
    const segments = dataPaths().map(parseDataSegments);
    expect(segments).toHaveLength(2 * 3);
    for (const s of segments) {
      expect(s.kpi!.length).toBeLessThanOrEqual(25);
      expect(s.municipality!.length).toBeLessThanOrEqual(25);
    }
    const pairs = segments.flatMap((s) => s.kpi!.flatMap((k) => s.municipality!.map((m) => `${k}|${m}`)));
    expect(pairs).toHaveLength(30 * 60);
    expect(new Set(pairs).size).toBe(30 * 60);
    expect(rows).toHaveLength(30 * 60);
  });

  it("batches KPI metadata ids 25 + 15 and reads the fixtures", async () => {
    const kkik = FIXTURES.kpiParts.flatMap((name) => readFixture(name).values.map((k) => String(k.id)));
    const kpis = await client().getKpis(kkik);
    expect(kpis.map((k) => k.id)).toEqual(kkik);
    expect(server.requests.map((r) => decodeURIComponent(r.url).split("/")[3]?.split("?")[0]?.split(",").length)).toEqual([25, 15]);
    expect(kpis[0]).toMatchObject({ id: "N00640", is_divided_by_gender: true, municipality_type: "A" });
    // Extra fields pass through.
    expect(kpis[0]).toHaveProperty("has_ou_data", false);
  });

  it("rejects queries Kolada cannot answer", async () => {
    const c = client();
    await expect(c.getData({ kpis: ["N15428"] })).rejects.toThrow(/municipalities and\/or years/);
    await expect(c.getData({ kpis: [], years: [2022] })).rejects.toThrow(/kpis must not be empty/);
    expect(server.requests).toHaveLength(0);
  });
});

describe("metadata", () => {
  it("lists all KPIs, municipalities by type and municipality groups", async () => {
    const c = client();
    expect(await c.getKpis()).toHaveLength(40);
    const kommuner = await c.getMunicipalities("K");
    expect(kommuner).toHaveLength(290);
    expect(kommuner.every((m) => m.type === "K")).toBe(true);
    expect(await c.getMunicipalities()).toHaveLength(312);
    const groups = await c.getMunicipalityGroups();
    expect(groups).toHaveLength(9);
    expect(groups.reduce((n, g) => n + g.members.length, 0)).toBe(290);
    expect(server.requests.map((r) => r.url)).toEqual([
      "/v3/kpi?per_page=5000",
      "/v3/municipality?region_type=K&per_page=5000",
      "/v3/municipality?per_page=5000",
      "/v3/municipality_groups?per_page=5000",
    ]);
  });
});

describe("concurrency", () => {
  it("never exceeds the limit across all calls of a client", async () => {
    const slow = await startFakeKolada({ latencyMs: 40 });
    try {
      const c = createKoladaClient({ baseUrl: slow.baseUrl, concurrency: 3 });
      await Promise.all([
        c.getData({ kpis: ids("A", 100), years: [2022] }),
        c.getData({ kpis: ids("B", 50), municipalities: ["0180"], years: [2022] }),
        c.getKpis(),
        c.getMunicipalities(),
      ]);
      expect(slow.requests).toHaveLength(4 + 2 + 1 + 1);
      expect(slow.maxInFlight).toBe(3);
    } finally {
      await slow.close();
    }
  });
});

describe("retries", () => {
  const onePage = { kpis: ["N11008"], municipalities: ["0180"], years: [2022] };

  it("retries a 429 and honours Retry-After", async () => {
    server.addFault({ fault: { kind: "status", status: 429, retryAfter: "1" } });
    const started = performance.now();
    const rows = await client({ baseDelayMs: 1, maxDelayMs: 5000 }).getData(onePage);
    const elapsed = performance.now() - started;
    expect(rows).toEqual([{ kpi: "N11008", municipality: "0180", year: 2022, gender: "T", value: 187018.460744 }]);
    expect(server.requests).toHaveLength(2);
    expect(elapsed).toBeGreaterThanOrEqual(990);
    expect(server.requests[1]!.at - server.requests[0]!.at).toBeGreaterThanOrEqual(990);
  });

  it.each([500, 502, 503, 504])("retries a %i and then returns the page", async (status) => {
    server.addFault({ fault: { kind: "status", status } });
    const rows = await client().getData(onePage);
    expect(rows).toEqual([{ kpi: "N11008", municipality: "0180", year: 2022, gender: "T", value: 187018.460744 }]);
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]!.url).toBe(server.requests[0]!.url);
  });

  it("retries 500, 502, 503 and 504 in a row", async () => {
    for (const status of [500, 502, 503, 504]) server.addFault({ fault: { kind: "status", status } });
    const rows = await client().getData(onePage);
    expect(rows).toHaveLength(1);
    expect(server.requests).toHaveLength(5);
  });

  it.each([502, 504])("gives up on a persistent %i after maxRetries, naming the status", async (status) => {
    server.addFault({ fault: { kind: "status", status }, times: Infinity });
    const error = await rejection(client({ maxRetries: 2 }).getData(onePage));
    expect(error.status).toBe(status);
    expect(error.attempts).toBe(3);
    expect(error.message).toContain(`HTTP ${status}`);
    expect(server.requests).toHaveLength(3);
  });

  it("gives up after maxRetries with an error naming the URL", async () => {
    server.addFault({ fault: { kind: "status", status: 500 }, times: Infinity });
    const error = await rejection(client({ maxRetries: 3 }).getData(onePage));
    const url = `${server.baseUrl}data/kpi/N11008/municipality/0180/year/2022?per_page=5000`;
    expect(error.url).toBe(url);
    expect(error.message).toContain(url);
    expect(error.message).toContain("HTTP 500");
    expect(error.status).toBe(500);
    expect(error.attempts).toBe(4);
    expect(server.requests).toHaveLength(4);
  });

  it("fails at once on a 4xx other than 429", async () => {
    server.addFault({ fault: { kind: "status", status: 404 } });
    const error = await rejection(client().getData(onePage));
    expect(error.status).toBe(404);
    expect(error.message).toContain(server.baseUrl);
    expect(server.requests).toHaveLength(1);
  });

  it("times out a hung request and retries it", async () => {
    server.addFault({ fault: { kind: "hang" } });
    const rows = await client({ timeoutMs: 150 }).getData(onePage);
    expect(rows).toHaveLength(1);
    expect(server.requests).toHaveLength(2);
  });

  it("fails with a clear timeout error when every attempt hangs", async () => {
    server.addFault({ fault: { kind: "hang" }, times: Infinity });
    const error = await rejection(client({ timeoutMs: 100, maxRetries: 2 }).getData(onePage));
    expect(error.kind).toBe("timeout");
    expect(error.message).toMatch(/timed out after 100 ms/);
    expect(error.message).toContain(`${server.baseUrl}data/kpi/N11008`);
    expect(server.requests).toHaveLength(3);
  });

  it("computes backoff and parses Retry-After", () => {
    const config = { baseDelayMs: 100, maxDelayMs: 1000 };
    expect(retryDelayMs(0, undefined, config, () => 0)).toBe(50);
    expect(retryDelayMs(2, undefined, config, () => 1)).toBe(400);
    expect(retryDelayMs(10, undefined, config, () => 1)).toBe(1000);
    expect(retryDelayMs(0, 700, config)).toBe(700);
    expect(retryDelayMs(0, 5000, config)).toBe(1000);

    const now = Date.parse("2024-05-01T12:00:00Z");
    expect(parseRetryAfter("2", now)).toBe(2000);
    expect(parseRetryAfter("0.25", now)).toBe(250);
    expect(parseRetryAfter("Wed, 01 May 2024 12:00:03 GMT", now)).toBe(3000);
    expect(parseRetryAfter("Wed, 01 May 2024 11:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});

describe("validation", () => {
  const query = { kpis: ["N11008", "N15428"], municipalities: ["0180", "1284"], years: [2021, 2022] };

  it("rejects malformed JSON with an error naming the URL, without retrying", async () => {
    server.addFault({ fault: { kind: "malformed-json" } });
    const error = await rejection(client().getData(query));
    expect(error.kind).toBe("parse");
    expect(error.message).toContain(`${server.baseUrl}data/kpi/N11008,N15428/municipality/0180,1284/year/2021,2022`);
    expect(server.requests).toHaveLength(1);
  });

  it("names the URL and the field path of a schema violation", async () => {
    server.addFault({ fault: { kind: "schema-violation" } });
    const error = await rejection(client().getData(query));
    expect(error.kind).toBe("schema");
    expect(error.message).toContain(server.baseUrl);
    expect(error.message).toContain("values[3].period");
    expect(error.message).toContain("expected number");
    expect(error.issues).toHaveLength(1);
  });

  it("reports a missing values array", async () => {
    server.addFault({ fault: { kind: "transform", transform: ({ values: _v, ...rest }) => rest } });
    const error = await rejection(client().getMunicipalities());
    expect(error.message).toContain(`${server.baseUrl}municipality`);
    expect(error.message).toMatch(/values: .*expected array/);
  });

  it("rejects a bad metadata field instead of dropping the row", async () => {
    server.addFault({
      fault: {
        kind: "transform",
        transform: (b) => ({ ...b, values: b.values.map((m, i) => (i === 7 ? { ...m, type: "X" } : m)) }),
      },
    });
    const error = await rejection(client().getMunicipalities());
    expect(error.message).toContain("values[7].type");
  });

  it("keeps null values as null (never 0, never dropped)", async () => {
    server.addFault({
      fault: {
        kind: "transform",
        transform: (b) => {
          const row = b.values[2] as { values: Array<{ value: number | null }> };
          row.values[0]!.value = null;
          return b;
        },
      },
    });
    const rows = await client().getData(query);
    const expected = fixtureRows([FIXTURES.multiKpi]).filter(
      (r) => ["N11008", "N15428"].includes(r.kpi) && [2021, 2022].includes(r.year),
    );
    expect(rows).toHaveLength(expected.length);
    const nulls = rows.filter((r) => r.value === null);
    expect(nulls).toHaveLength(1);
    expect(rowKey(nulls[0]!)).toBe(rowKey(rows[2]!));
  });
});

describe("configuration", () => {
  it("takes the base URL from KOLADA_API_URL (with or without trailing slash)", async () => {
    const previous = process.env.KOLADA_API_URL;
    try {
      process.env.KOLADA_API_URL = server.baseUrl.replace(/\/$/, "");
      const c = createKoladaClient();
      expect(c.baseUrl).toBe(server.baseUrl);
      expect(await c.getMunicipalities("L")).toHaveLength(22);
      expect(server.requests.map((r) => r.url)).toEqual(["/v3/municipality?region_type=L&per_page=5000"]);
    } finally {
      if (previous === undefined) delete process.env.KOLADA_API_URL;
      else process.env.KOLADA_API_URL = previous;
    }
  });

  it("defaults to the public v3 API and calls onRequest for every attempt", async () => {
    const previous = process.env.KOLADA_API_URL;
    delete process.env.KOLADA_API_URL;
    try {
      expect(createKoladaClient().baseUrl).toBe("https://api.kolada.se/v3/");
    } finally {
      if (previous !== undefined) process.env.KOLADA_API_URL = previous;
    }
    const seen: string[] = [];
    server.addFault({ fault: { kind: "status", status: 503 } });
    await client({ onRequest: (url) => seen.push(url) }).getMunicipalityGroups();
    expect(seen).toEqual([`${server.baseUrl}municipality_groups?per_page=5000`, `${server.baseUrl}municipality_groups?per_page=5000`]);
  });
});

describe("option checks", () => {
  const base = { baseUrl: "http://127.0.0.1:9/v3/" };
  const fails = (options: KoladaClientOptions, message: string) =>
    expect(() => createKoladaClient({ ...base, ...options })).toThrow(new RangeError(message));

  it("rejects integers out of range or not whole, naming the option, its range and the value", () => {
    fails({ concurrency: 0 }, "Kolada client: concurrency must be an integer in [1, Infinity], got 0");
    fails({ concurrency: 1.5 }, "Kolada client: concurrency must be an integer in [1, Infinity], got 1.5");
    fails({ maxRetries: -1 }, "Kolada client: maxRetries must be an integer in [0, Infinity], got -1");
    fails({ perPage: 0 }, "Kolada client: perPage must be an integer in [1, 5000], got 0");
    fails({ perPage: 5001 }, "Kolada client: perPage must be an integer in [1, 5000], got 5001");
  });

  it("accepts each integer range's ends", () => {
    expect(() => createKoladaClient({ ...base, concurrency: 1, maxRetries: 0, perPage: 1 })).not.toThrow();
    expect(() => createKoladaClient({ ...base, perPage: 5000 })).not.toThrow();
  });

  it("rejects a negative or NaN delay or timeout, and accepts 0", () => {
    fails({ timeoutMs: -1 }, "Kolada client: timeoutMs must be >= 0");
    fails({ baseDelayMs: Number.NaN }, "Kolada client: baseDelayMs must be >= 0");
    fails({ maxDelayMs: -0.5 }, "Kolada client: maxDelayMs must be >= 0");
    expect(() => createKoladaClient({ ...base, timeoutMs: 0, baseDelayMs: 0, maxDelayMs: 0 })).not.toThrow();
  });
});

describe("query checks", () => {
  it("names the empty list", async () => {
    expect(() => koladaDataPaths({ kpis: [], years: [2020] })).toThrow(new TypeError("Kolada client: kpis must not be empty (omit it instead)"));
    expect(() => koladaDataPaths({ kpis: ["N1"], municipalities: [] })).toThrow(new TypeError("Kolada client: municipalities must not be empty (omit it instead)"));
    expect(() => koladaDataPaths({ kpis: ["N1"], years: [] })).toThrow(new TypeError("Kolada client: years must not be empty (omit it instead)"));
    await expect(createKoladaClient({ baseUrl: "http://127.0.0.1:9/v3/" }).getKpis([])).rejects.toThrow(new TypeError("Kolada client: ids must not be empty (omit it instead)"));
  });

  it("rejects a year that is not a whole number", () => {
    expect(() => koladaDataPaths({ kpis: ["N1"], years: [2020, 2021.5] })).toThrow(new TypeError("Kolada client: invalid year 2021.5"));
    expect(koladaDataPaths({ kpis: ["N1"], years: [2020, 2021] })).toEqual(["data/kpi/N1/year/2020,2021"]);
  });
});

describe("KoladaError", () => {
  it("is named KoladaError, has no issues by default, and a cause only when given one", () => {
    const plain = new KoladaError("m", { url: "u", kind: "http" });
    expect(plain.name).toBe("KoladaError");
    expect(plain.issues).toEqual([]);
    expect("cause" in plain).toBe(false);
    const cause = new Error("inner");
    const caused = new KoladaError("m", { url: "u", kind: "network", cause, issues: ["a: b"] });
    expect(caused.cause).toBe(cause);
    expect(caused.issues).toEqual(["a: b"]);
  });
});

describe("formatIssuePath", () => {
  it("writes keys with dots and indexes in brackets; the empty path is (root)", () => {
    expect(formatIssuePath([])).toBe("(root)");
    expect(formatIssuePath(["values"])).toBe("values");
    expect(formatIssuePath(["values", 3, "period"])).toBe("values[3].period");
    expect(formatIssuePath([0, "gender"])).toBe("[0].gender");
    expect(formatIssuePath([2])).toBe("[2]");
  });
});

describe("Retry-After", () => {
  it("takes whole seconds of more than one digit, with spaces around, and nothing else as seconds", () => {
    expect(parseRetryAfter(" 12 ")).toBe(12_000);
    expect(parseRetryAfter("1.5")).toBe(1500);
    // Not a number of seconds, and not a date either.
    expect(parseRetryAfter("1.5s")).toBeUndefined();
    expect(parseRetryAfter("a1")).toBeUndefined();
  });
});

describe("schema errors", () => {
  it("lists the first five issues and counts the rest", async () => {
    const badPeriods = (n: number) => (b: { values: Array<Record<string, unknown>> }) => ({ ...b, values: b.values.map((r, i) => (i < n ? { ...r, period: "x" } : r)) });
    server.addFault({ fault: { kind: "transform", transform: badPeriods(7) as never } });
    const seven = await rejection(client().getData({ kpis: ["N15428"], years: [2021, 2022] }));
    expect(seven.issues).toHaveLength(7);
    expect(seven.message).toBe(`Invalid Kolada response from ${server.baseUrl}data/kpi/N15428/year/2021,2022?per_page=5000: ${seven.issues.slice(0, 5).join("; ")} (+2 more)`);
    expect(seven.issues[0]).toMatch(/^values\[0\]\.period: /);
    server.reset();
    server.addFault({ fault: { kind: "transform", transform: badPeriods(5) as never } });
    const five = await rejection(client().getData({ kpis: ["N15428"], years: [2021, 2022] }));
    expect(five.message).toBe(`Invalid Kolada response from ${server.baseUrl}data/kpi/N15428/year/2021,2022?per_page=5000: ${five.issues.join("; ")}`);
    expect(five.issues).toHaveLength(5);
  });
});

describe("failure messages", () => {
  it("a refused connection is a network error (not a timeout) that names the URL and the cause", async () => {
    // A port that was just free: nothing listens on it.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    const error = await rejection(createKoladaClient({ baseUrl: `http://127.0.0.1:${port}/v3/`, maxRetries: 0 }).getMunicipalityGroups());
    expect(error.kind).toBe("network");
    expect(error.attempts).toBe(1);
    expect(error.message).toMatch(new RegExp(`^Kolada request failed after 1 attempts: Kolada network error: GET http://127\\.0\\.0\\.1:${port}/v3/municipality_groups\\?per_page=5000: fetch failed \\(.*ECONNREFUSED.*\\)$`));
  });

  it("quotes at most 200 characters of an error body, without the spaces around it", async () => {
    const body = `  ${"x".repeat(150)}${"y".repeat(100)}  `;
    server.addFault({ fault: { kind: "status", status: 404, body } });
    const error = await rejection(client().getMunicipalityGroups());
    expect(error.message).toBe(`Kolada HTTP 404 Not Found: GET ${server.baseUrl}municipality_groups?per_page=5000 (${"x".repeat(150)}${"y".repeat(50)})`);
  });
});

describe("requests", () => {
  it("ask for JSON (accept: application/json)", async () => {
    const headers: Headers[] = [];
    const recording: typeof fetch = (input, init) => (headers.push(new Headers(init?.headers)), fetch(input, init));
    await client({ fetch: recording }).getMunicipalityGroups();
    expect(headers).toHaveLength(1);
    expect(headers[0]!.get("accept")).toBe("application/json");
  });

  it("clear their timeout timer when they finish, so that no abort is left pending", async () => {
    // A distinctive timeout picks the client's timer out of any the fetch implementation sets.
    const timeoutMs = 4321;
    const set = vi.spyOn(globalThis, "setTimeout");
    const cleared = vi.spyOn(globalThis, "clearTimeout");
    try {
      await client({ timeoutMs }).getMunicipalityGroups();
      const timers = set.mock.calls.flatMap((call, i) => (call[1] === timeoutMs ? [set.mock.results[i]!.value] : []));
      expect(timers).toHaveLength(1);
      expect(cleared.mock.calls.map((call) => call[0])).toContain(timers[0]);
    } finally {
      set.mockRestore();
      cleared.mockRestore();
    }
  });

  it("without years, query by municipality only", () => {
    expect(koladaDataPaths({ kpis: ["N1"], municipalities: ["0180", "1480"] })).toEqual(["data/kpi/N1/municipality/0180,1480"]);
  });
});

describe("failure messages without extras", () => {
  it("an error body of only spaces adds nothing after the URL", async () => {
    server.addFault({ fault: { kind: "status", status: 404, body: "   " } });
    const error = await rejection(client().getMunicipalityGroups());
    expect(error.message).toBe(`Kolada HTTP 404 Not Found: GET ${server.baseUrl}municipality_groups?per_page=5000`);
  });

  it("a network error without a cause is its message alone; a thrown non-Error is written as text", async () => {
    const failing = (thrown: unknown): typeof fetch => () => Promise.reject(thrown);
    const url = `${server.baseUrl}municipality_groups?per_page=5000`;
    const plain = await rejection(client({ fetch: failing(new Error("socket hang up")), maxRetries: 0 }).getMunicipalityGroups());
    expect(plain.message).toBe(`Kolada request failed after 1 attempts: Kolada network error: GET ${url}: socket hang up`);
    const text = await rejection(client({ fetch: failing("offline"), maxRetries: 0 }).getMunicipalityGroups());
    expect(text.message).toBe(`Kolada request failed after 1 attempts: Kolada network error: GET ${url}: offline`);
  });
});
