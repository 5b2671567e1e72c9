/**
 * `rank --format csv-sv|xlsx|parquet` against `rank --format csv` on the real
 * snapshot, value by value, each file read by a reader independent of its
 * writer:
 * - XLSX (written by exceljs): unzipped with Node's zlib and the sheet XML
 *   read by test/helpers/xlsx-reader.ts, so a cell is what the file says, not
 *   what exceljs reads back from its own output;
 * - Parquet (written by hyparquet-writer): read by DuckDB's own Parquet reader;
 * - CSV for Swedish Excel: the bytes (BOM, `;`, CRLF, decimal comma, ASCII
 *   minus, codes as Excel text formulas, RFC 4180 quoting) parsed here.
 */
import {createHash} from "node:crypto";
import {mkdtempSync, readFileSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import path from "node:path";
import {fileURLToPath} from "node:url";
import {DuckDBInstance, type DuckDBConnection} from "@duckdb/node-api";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {parseDelimited} from "./helpers/csv.ts";
import {main} from "../cli/rank.ts";
import type {Model} from "../src/engine/model.ts";
import {readXlsx, sheetGrid, type XlsxSheet} from "./helpers/xlsx-reader.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SNAPSHOT = process.env.KOLADA_SNAPSHOT_DIR ? path.resolve(process.env.KOLADA_SNAPSHOT_DIR) : path.resolve(ROOT, "../shared/kolada");
const env = {...process.env, KOLADA_SNAPSHOT_DIR: SNAPSHOT};
const SKK = path.join(ROOT, "data/models/skk-standard.json");
const MODEL = JSON.parse(readFileSync(SKK, "utf8")) as Model;
const tmp = mkdtempSync(path.join(tmpdir(), "rank-export-test-"));

async function run(argv: string[]): Promise<{code: number; stdout: string; stderr: string}> {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, {env, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s)});
  return {code, stdout, stderr};
}


/** `rank --format csv` as objects by its header. */
async function rankCsv(args: string[]): Promise<{header: string[]; rows: Record<string, string>[]}> {
  const out = await run([...args, "--format", "csv"]);
  expect(out.code, out.stderr).toBe(0);
  const [header, ...rows] = parseDelimited(out.stdout, ",");
  return {header: header!, rows: rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ""])))};
}

/** The Swedish headers the exports give `rank --format csv`'s columns (the XLSX and csv-sv header row). */
function labelOf(key: string): string {
  const dim = MODEL.dimensions.find((d) => `dim_${d.id}` === key);
  if (dim) return dim.label;
  const labels: Record<string, string> = {
    rank: "Rang",
    municipality_code: "Kommunkod",
    municipality_name: "Kommun",
    score: "Totalpoäng",
    coverage_n: "Nyckeltal med värde",
    coverage_of: "Användbara nyckeltal",
    steadiness: "Stadighet (andel)",
    group: "Grupp",
    overall_rank: "Rang bland alla",
    status: "Status"
  };
  if (!labels[key]) throw new Error(`no label for ${key}`);
  return labels[key];
}

const TEXT_KEYS = new Set(["municipality_code", "municipality_name", "group", "status"]);

const CASES: {name: string; args: string[]}[] = [
  {name: "nomination 2022 (default)", args: ["--model", SKK, "--year", "2022"]},
  // 2012 has sparse data: statuses with several reasons joined by "; ", which CSV must quote.
  {name: "nomination 2012", args: ["--model", SKK, "--year", "2012"]},
  {name: "improvement 2019–2022 within kommungrupp, steadiness ≥ 0.5", args: ["--model", SKK, "--year", "2022", "--kind", "improvement", "--group", "kommungrupp", "--min-steadiness", "0.5"]}
];

let db: DuckDBConnection;
beforeAll(async () => {
  db = await (await DuckDBInstance.create(":memory:")).connect();
});
afterAll(() => {
  db?.closeSync();
  rmSync(tmp, {recursive: true, force: true});
});

describe.each(CASES)("rank exports: $name", ({name, args}) => {
  const slug = name.replace(/\W+/g, "-");

  it("--format xlsx, read without exceljs, equals --format csv cell by cell; codes are text cells; Om data describes the run", async () => {
    const file = path.join(tmp, `${slug}.xlsx`);
    const [expected, out] = await Promise.all([rankCsv(args), run([...args, "--format", "xlsx", "--out", file])]);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toBe("");
    const sheets = readXlsx(readFileSync(file));
    expect(sheets.map((s) => s.name)).toEqual([expect.stringMatching(/^(Nominering \d{4}|Utveckling \d{4}–\d{4})$/), "Om data"]);
    const table: XlsxSheet = sheets[0]!;
    const header = sheetGrid(table)[0]!;
    const columnOf = new Map(header.map((h, i) => [h, i + 1]));
    for (const key of expected.header) expect(columnOf.has(labelOf(key)), key).toBe(true);
    expect(table.rows.size).toBe(expected.rows.length + 1);
    let checked = 0;
    expected.rows.forEach((row, i) => {
      for (const key of expected.header) {
        const cell = table.rows.get(i + 2)?.get(columnOf.get(labelOf(key))!);
        const want = row[key]!;
        if (want === "") {
          expect(cell, `row ${i + 2} ${key}`).toBeUndefined();
          continue;
        }
        expect(cell, `row ${i + 2} ${key}`).toBeDefined();
        if (TEXT_KEYS.has(key)) {
          expect(cell!.type).toBe("s");
          expect(cell!.text).toBe(want);
          if (key === "municipality_code") {
            expect(cell!.text).toMatch(/^\d{4}$/);
            expect(cell!.numFmtId).toBe(49); // "@": Excel shows it as text
          }
        } else {
          expect(cell!.type).toBe("n");
          expect(Number(cell!.text), `row ${i + 2} ${key}`).toBe(Number(want));
        }
        checked++;
      }
    });
    expect(checked).toBeGreaterThan(290 * 8);

    const about = sheetGrid(sheets[1]!);
    const value = (label: string) => about.find((r) => r[0] === label)?.[1];
    expect(value("Bearbetning")).toBe("Egen bearbetning av data från Kolada (RKA)");
    expect(value("Modell")).toBe(MODEL.name);
    expect(value("Datakälla")).toMatch(/^Kolada, offline-ögonblicksbild/);
    expect(value("Datum för data")).toMatch(/^\d{4}-\d{2}/);
    expect(value("Kommando")).toContain(args.join(" "));
    const dimLabel = new Map(MODEL.dimensions.map((d) => [d.id, d.label]));
    for (const k of MODEL.indicators) {
      const r = about.find((row) => row[0] === k.kpi);
      expect(r, k.kpi).toBeDefined();
      expect([r![2], r![3], Number(r![4])]).toEqual([dimLabel.get(k.dimension), k.direction === "higher_better" ? "högre är bättre" : "lägre är bättre", k.weight]);
    }
    const sha = createHash("sha256").update(readFileSync(SKK)).digest("hex");
    expect(about.find((r) => r[0] === "skk-standard.json")?.[2]).toBe(sha);
  });

  it("--format parquet, read by DuckDB, equals --format csv value by value, with typed columns", async () => {
    const file = path.join(tmp, `${slug}.parquet`);
    const [expected, out] = await Promise.all([rankCsv(args), run([...args, "--format", "parquet", "--out", file])]);
    expect(out.code, out.stderr).toBe(0);
    const lit = `'${file.replaceAll("'", "''")}'`;
    const types = Object.fromEntries(
      ((await db.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${lit})`)).getRowObjectsJS() as {column_name: string; column_type: string}[]).map((r) => [r.column_name, r.column_type])
    );
    for (const key of expected.header) expect(types[key], key).toBe(TEXT_KEYS.has(key) ? "VARCHAR" : key === "score" || key === "steadiness" || key.startsWith("dim_") ? "DOUBLE" : "INTEGER");
    const rows = (await db.runAndReadAll(`SELECT * FROM read_parquet(${lit})`)).getRowObjectsJS() as Record<string, string | number | null>[];
    expect(rows).toHaveLength(expected.rows.length);
    rows.forEach((row, i) => {
      for (const key of expected.header) {
        const want = expected.rows[i]![key]!;
        const got = row[key];
        if (want === "") expect(got, `row ${i + 1} ${key}`).toBeNull();
        else expect(got, `row ${i + 1} ${key}`).toBe(TEXT_KEYS.has(key) ? want : Number(want));
      }
    });
    const kv = (await db.runAndReadAll(`SELECT decode(key) AS key, decode(value) AS value FROM parquet_kv_metadata(${lit})`)).getRowObjectsJS() as {key: string; value: string}[];
    expect(kv.find((e) => e.key === "attribution")?.value).toBe("Egen bearbetning av data från Kolada (RKA)");
  });

  it("--format csv-sv: BOM, ';', CRLF, decimal comma, ASCII minus, codes as text, RFC 4180 quoting, and the values of --format csv", async () => {
    const file = path.join(tmp, `${slug}.csv`);
    const [expected, stdout, out] = await Promise.all([rankCsv(args), run([...args, "--format", "csv-sv"]), run([...args, "--format", "csv-sv", "--out", file])]);
    expect(stdout.code, stdout.stderr).toBe(0);
    expect(out.code, out.stderr).toBe(0);
    const bytes = readFileSync(file);
    // Same bytes on stdout and in the file.
    expect(Buffer.from(stdout.stdout, "utf8").equals(bytes)).toBe(true);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString("utf8").slice(1);
    expect(text.endsWith("\r\n")).toBe(true);
    // Every line break is CRLF except inside quoted fields (there are none here).
    expect(text.replaceAll("\r\n", "")).not.toMatch(/[\r\n]/);
    expect(text).not.toMatch(/[\u2212\u00a0\u202f]/);
    const lines = text.split("\r\n").slice(0, -1);
    const records = parseDelimited(text, ";");
    expect(records).toHaveLength(lines.length);
    const [header, ...rows] = records;
    for (const r of records) expect(r).toHaveLength(header!.length);
    const column = new Map(header!.map((h, i) => [h, i]));
    expect(rows).toHaveLength(expected.rows.length);
    let negatives = 0;
    let quotedStatuses = 0;
    rows.forEach((fields, i) => {
      const want = expected.rows[i]!;
      const get = (label: string) => fields[column.get(label)!]!;
      // The code: an Excel text formula, RFC-quoted in the file.
      expect(get("Kommunkod")).toBe(`="${want.municipality_code}"`);
      expect(lines[i + 1]!).toContain(`;"=""${want.municipality_code}""";`);
      expect(get("Kommun")).toBe(want.municipality_name);
      expect(get("Rang")).toBe(want.rank);
      expect(get("Status")).toBe(want.status);
      if (want.status!.includes(";")) {
        quotedStatuses++;
        expect(lines[i + 1]!.endsWith(`;"${want.status!.replaceAll('"', '""')}"`)).toBe(true);
      }
      for (const key of expected.header.filter((k) => !TEXT_KEYS.has(k) && k !== "rank")) {
        const shown = get(labelOf(key));
        if (want[key] === "") {
          expect(shown, `${key} row ${i + 1}`).toBe("");
          continue;
        }
        expect(shown, `${key} row ${i + 1}`).toMatch(/^-?\d+(,\d+)?$/);
        if (shown.startsWith("-")) negatives++;
        const x = Number(want[key]);
        const decimals = key === "score" || key === "steadiness" || key.startsWith("dim_") ? 2 : null;
        expect(shown, `${key} row ${i + 1}`).toBe(decimals === null ? want[key] : x.toFixed(decimals).replace(/^-(0\.0+)$/, "$1").replace(".", ","));
      }
      // The score at full precision too: exactly the double of --format csv.
      const full = get("Totalpoäng (alla decimaler)");
      expect(full === "" ? "" : Number(full.replace(",", "."))).toBe(want.score === "" ? "" : Number(want.score));
    });
    expect(negatives).toBeGreaterThan(50);
    if (name === "nomination 2012") expect(quotedStatuses).toBeGreaterThan(10);
  });
});

describe("rank export arguments", () => {
  it("xlsx and parquet need --out (exit 2 with the usage); csv-sv and the old formats do not", async () => {
    for (const format of ["xlsx", "parquet"]) {
      const out = await run(["--model", SKK, "--year", "2022", "--format", format]);
      expect(out.code).toBe(2);
      expect(out.stderr).toContain(`--format ${format} needs --out FILE`);
      expect(out.stderr).toContain("usage:");
      expect(out.stdout).toBe("");
    }
    const bad = await run(["--model", SKK, "--year", "2022", "--format", "csv-excel"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--format must be one of csv, json, csv-sv, xlsx, parquet");
  });

  it("--out into a missing directory exits 1 naming the problem; --out works for --format csv too, same bytes as stdout", async () => {
    const missing = await run(["--model", SKK, "--year", "2022", "--format", "xlsx", "--out", path.join(tmp, "no/such/dir/r.xlsx")]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^rank: .*ENOENT/);
    const file = path.join(tmp, "plain.csv");
    const [toFile, toStdout] = await Promise.all([run(["--model", SKK, "--year", "2022", "--out", file]), run(["--model", SKK, "--year", "2022"])]);
    expect(toFile.code).toBe(0);
    expect(readFileSync(file, "utf8")).toBe(toStdout.stdout);
  });
});
