/**
 * The export module (src/lib/export/): Swedish-Excel CSV byte by byte, the
 * number texts (full precision without exponent), the code-as-text form,
 * file names, and the XLSX and Parquet writers read back by readers other
 * than the ones that wrote them (test/helpers/xlsx-reader.ts; hyparquet for
 * hyparquet-writer's files, which is the reading half of the same project,
 * and DuckDB in test/cli-rank-export.test.ts).
 */
import {parquetMetadata, parquetReadObjects} from "hyparquet";
import {describe, expect, it} from "vitest";
import {ATTRIBUTION, aboutRows, type AboutInfo} from "../../src/lib/export/about.ts";
import {excelWouldConvert, plainNumber, quoteField, swedishNumber, textField, toSwedishCsv} from "../../src/lib/export/csv.ts";
import {toParquet} from "../../src/lib/export/parquet.ts";
import {checkTable, exportFileName, fileNamePart, type ExportTable} from "../../src/lib/export/table.ts";
import {sheetName, toXlsx} from "../../src/lib/export/xlsx.ts";
import {mulberry32} from "../../src/engine/random.ts";
import {readXlsx, sheetGrid} from "../helpers/xlsx-reader.ts";

const TABLE: ExportTable = {
  title: "Test: tabell",
  columns: [
    {key: "rank", label: "Rang", type: "integer", values: [1, 2, null]},
    {key: "code", label: "Kommunkod", type: "code", values: ["0180", "2580", "0114"]},
    {key: "name", label: "Kommun", type: "text", values: ["Stockholm", 'Sagan om "Ö"; del 2', "Upplands Väsby\nrad två"]},
    {key: "score", label: "Totalpoäng", type: "number", values: [0.1 + 0.2, -0.16815637504257985, null], decimals: 2, fullLabel: "Totalpoäng (alla decimaler)"},
    {key: "tiny", label: "Liten", type: "number", values: [1.5e-7, -2.5e-21, 1234567.891]},
    {key: "status", label: "Status", type: "text", values: ["rankad", "-3 mot förra året", "otillräckliga data: a; b"]}
  ]
};

const ABOUT: AboutInfo = {
  title: "Test 2022",
  model: {id: "skk-standard", name: "SKK standard (förslag)", status: "proposal"},
  dimensions: [{id: "effekt", label: "Effekt", modelWeight: 1, weight: 2.5}],
  kpis: [{kpi: "N15428", title: "Behöriga till yrkesprogram", dimension: "Effekt", direction: "higher_better", modelWeight: 1, weight: 0.3}],
  settings: [
    ["År", 2022],
    ["Normalisering", "z-poäng (standard)"]
  ],
  source: "Kolada, offline-ögonblicksbild «kolada», augusti 2024",
  sourceDate: "2024-08",
  hashes: [{file: "values.parquet", bytes: 538025, sha256: "f2f587e8dcc1bf4143a6276203fda67151d697073cda161d3658f78ae65f1ad0"}],
  link: "https://example.invalid/nominering.html?year=2022&dw=effekt:2.5",
  created: "2026-11-28T10:00:00.000Z"
};

describe("numbers as text", () => {
  it("plainNumber writes the shortest round-trip digits without an exponent", () => {
    expect(plainNumber(1.5e-7)).toBe("0.00000015");
    expect(plainNumber(-2.5e-21)).toBe("-0.0000000000000000000025");
    expect(plainNumber(1e21)).toBe("1000000000000000000000");
    expect(plainNumber(1.2345e22)).toBe("12345000000000000000000");
    expect(plainNumber(0.1 + 0.2)).toBe("0.30000000000000004");
    expect(plainNumber(-0)).toBe("0");
    expect(plainNumber(-0.16815637504257985)).toBe("-0.16815637504257985");
  });

  it("plainNumber reads back as the same double (random doubles over 60 orders of magnitude, and the extremes)", () => {
    const random = mulberry32(20261128);
    const values = [Number.MIN_VALUE, -Number.MIN_VALUE, Number.MAX_VALUE, Number.EPSILON, 5e-324, 1e-7, 123456789012345680000];
    for (let i = 0; i < 20_000; i++) values.push((random() - 0.5) * 10 ** Math.floor(random() * 60 - 30));
    for (const x of values) {
      const text = plainNumber(x);
      expect(text).not.toMatch(/e/i);
      expect(Number(text)).toBe(x === 0 ? 0 : x);
    }
  });

  it("swedishNumber: decimal comma, ASCII minus, no grouping, the shown decimals or full precision; -0,00 is 0,00", () => {
    expect(swedishNumber(-0.16815637504257985, 2)).toBe("-0,17");
    expect(swedishNumber(0.8978809180482944, 2)).toBe("0,90");
    expect(swedishNumber(-0.001, 2)).toBe("0,00");
    expect(swedishNumber(1234567.891, 2)).toBe("1234567,89");
    expect(swedishNumber(-0.16815637504257985)).toBe("-0,16815637504257985");
    expect(swedishNumber(42)).toBe("42");
    for (const t of [swedishNumber(-1234567.5, 1), swedishNumber(-1e-9)]) expect(t).not.toMatch(/[\u2212\u00a0\u202f\s.e]/);
  });
});

describe("fields", () => {
  it("quotes per RFC 4180 only when needed: separator, quote, CR or LF", () => {
    expect(quoteField("Stockholm")).toBe("Stockholm");
    expect(quoteField("a, b")).toBe("a, b");
    expect(quoteField("a; b")).toBe('"a; b"');
    expect(quoteField('säger "hej"')).toBe('"säger ""hej"""');
    expect(quoteField("rad\r\nrad")).toBe('"rad\r\nrad"');
  });

  it("codes, and text Excel would convert, become the text formula =\"…\"", () => {
    expect(textField("0180", true)).toBe('="0180"');
    expect(textField("A1", true)).toBe('="A1"');
    expect(textField("Stockholm")).toBe("Stockholm");
    expect(textField("%")).toBe("%");
    for (const t of ["0180", "12-3", "1/2", "3,5", "1E5", "-3 mot förra året", "=SUM(A1)", "+46", "@x"]) expect(excelWouldConvert(t)).toBe(true);
    for (const t of ["Stockholm", "A2", "kr/inv", "%", "rankad", "2019–2022"]) expect(excelWouldConvert(t)).toBe(false);
    expect(textField('="x"')).toBe('="=""x"""');
    expect(quoteField(textField("0180", true))).toBe('"=""0180"""');
  });
});

describe("toSwedishCsv", () => {
  it("writes the BOM, ; separators, CRLF after every record, decimal commas, the full-precision twin of the score, and quoted codes", () => {
    expect(toSwedishCsv(TABLE)).toBe(
      "\uFEFF" +
        [
          "Rang;Kommunkod;Kommun;Totalpoäng;Totalpoäng (alla decimaler);Liten;Status",
          '1;"=""0180""";Stockholm;0,30;0,30000000000000004;0,00000015;rankad',
          '2;"=""2580""";"Sagan om ""Ö""; del 2";-0,17;-0,16815637504257985;-0,0000000000000000000025;"=""-3 mot förra året"""',
          ';"=""0114""";"Upplands Väsby\nrad två";;;1234567,891;"otillräckliga data: a; b"'
        ]
          .map((l) => `${l}\r\n`)
          .join("")
    );
  });

  it("refuses a table whose values do not fit their types or whose columns differ in length", () => {
    expect(() => checkTable({title: "x", columns: [{key: "a", label: "a", type: "integer", values: [1.5]}]})).toThrow(/not a valid integer/);
    expect(() => checkTable({title: "x", columns: [{key: "a", label: "a", type: "number", values: [NaN]}]})).toThrow(/not a valid number/);
    expect(() => checkTable({title: "x", columns: [{key: "a", label: "a", type: "code", values: [180]}]})).toThrow(/not a valid code/);
    expect(() =>
      checkTable({
        title: "x",
        columns: [
          {key: "a", label: "a", type: "integer", values: [1]},
          {key: "b", label: "b", type: "integer", values: []}
        ]
      })
    ).toThrow(/has 0 values/);
  });
});

describe("file names", () => {
  it("are <page>_<model>_<year>_<YYYY-MM-DD>.<ext> in plain ASCII", () => {
    expect(exportFileName({page: "nominering", model: "skk-standard", year: 2022}, "csv", new Date(2026, 10, 28, 23, 59))).toBe("nominering_skk-standard_2022_2026-11-28.csv");
    expect(exportFileName({page: "kommun-0180-rang", model: "skk-standard", year: 2021}, "png", new Date(2026, 0, 2))).toBe("kommun-0180-rang_skk-standard_2021_2026-01-02.png");
    expect(fileNamePart("Nivå mot förändring")).toBe("niva-mot-forandring");
    expect(fileNamePart("../../etc")).toBe("etc");
  });
});

describe("XLSX (read back without exceljs)", () => {
  it("has the table with numbers as exact numbers and codes as text, and the sheet Om data", async () => {
    const sheets = readXlsx(await toXlsx(TABLE, ABOUT));
    expect(sheets.map((s) => s.name)).toEqual([sheetName(TABLE.title), "Om data"]);
    expect(sheetName(TABLE.title)).toBe("Test  tabell");
    const table = sheets[0]!;
    expect(sheetGrid(table)[0]).toEqual(["Rang", "Kommunkod", "Kommun", "Totalpoäng", "Liten", "Status"]);
    const cell = (r: number, c: number) => table.rows.get(r)?.get(c);
    // Codes: string cells with the text format "@".
    expect(cell(2, 2)).toMatchObject({type: "s", text: "0180", numFmtId: 49});
    expect(cell(4, 2)).toMatchObject({type: "s", text: "0114", numFmtId: 49});
    // Numbers: number cells whose text reads back as the same double; shown at 2 decimals.
    expect(cell(2, 4)!.type).toBe("n");
    expect(Number(cell(2, 4)!.text)).toBe(0.1 + 0.2);
    expect(Number(cell(3, 4)!.text)).toBe(-0.16815637504257985);
    expect(cell(2, 4)!.numFmtId).toBe(2); // built-in "0.00"
    expect(Number(cell(2, 5)!.text)).toBe(1.5e-7);
    expect(Number(cell(3, 5)!.text)).toBe(-2.5e-21);
    expect(cell(2, 1)).toMatchObject({type: "n", text: "1", numFmtId: 1}); // built-in "0"
    // Missing values are empty cells.
    expect(cell(4, 1)).toBeUndefined();
    expect(cell(4, 4)).toBeUndefined();
    expect(cell(3, 3)!.text).toBe('Sagan om "Ö"; del 2');
    expect(cell(4, 3)!.text).toBe("Upplands Väsby\nrad två");

    const about = sheetGrid(sheets[1]!);
    const value = (label: string) => about.find((r) => r[0] === label)?.[1];
    expect(value("Bearbetning")).toBe(ATTRIBUTION);
    expect(value("Länk")).toBe(ABOUT.link);
    expect(value("Modell")).toBe("SKK standard (förslag)");
    expect(value("Datakälla")).toBe(ABOUT.source);
    expect(value("Datum för data")).toBe("2024-08");
    expect(value("År")).toBe("2022");
    expect(about.find((r) => r[0] === "N15428")).toEqual(["N15428", "Behöriga till yrkesprogram", "Effekt", "högre är bättre", "1", "0.3"]);
    expect(about.find((r) => r[0] === "Effekt")).toEqual(["Effekt", "effekt", "1", "2.5", null, null]);
    expect(about.find((r) => r[0] === "values.parquet")?.[2]).toBe(ABOUT.hashes[0]!.sha256);
    expect(aboutRows(ABOUT).rows.length).toBe(about.length);
  });

  it("a number column with other decimals gets its own format code", async () => {
    const sheets = readXlsx(await toXlsx({title: "x", columns: [{key: "a", label: "a", type: "number", values: [0.12345], decimals: 3}]}, null));
    expect(sheets.map((s) => s.name)).toEqual(["x"]);
    expect(sheets[0]!.rows.get(2)!.get(1)).toMatchObject({text: "0.12345", formatCode: "0.000"});
  });
});

describe("Parquet", () => {
  it("has one typed column per key, full precision, NULLs, and Om data in the key-value metadata", async () => {
    const bytes = await toParquet(TABLE, ABOUT);
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    const rows = await parquetReadObjects({file: buffer});
    expect(rows).toEqual(TABLE.columns[0]!.values.map((_, i) => Object.fromEntries(TABLE.columns.map((c) => [c.key, c.values[i]]))));
    const meta = parquetMetadata(buffer);
    const types = Object.fromEntries(meta.schema.slice(1).map((s) => [s.name, s.type]));
    expect(types).toEqual({rank: "INT32", code: "BYTE_ARRAY", name: "BYTE_ARRAY", score: "DOUBLE", tiny: "DOUBLE", status: "BYTE_ARRAY"});
    const kv = Object.fromEntries((meta.key_value_metadata ?? []).map((e) => [e.key, e.value]));
    expect(kv.attribution).toBe(ATTRIBUTION);
    expect(kv.link).toBe(ABOUT.link);
    expect(JSON.parse(kv.kpis!)).toEqual(ABOUT.kpis);
  });
});
