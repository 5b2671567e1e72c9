/**
 * XLSX from an {@link ExportTable}, with exceljs: the table on the first
 * sheet (numbers as numbers at full precision, shown at the page's decimals
 * through the cell's number format; codes and text as text cells with the
 * text format "@", so "0180" keeps its zero), and the sheet "Om data"
 * ({@link aboutRows}).
 *
 * exceljs is large (≈ 1 MB minified), so it is loaded with a dynamic
 * `import("exceljs")` when a file is made: the page's first load does not
 * carry it. Framework bundles the package from node_modules into `_node/`
 * like a static import (no CDN); Node loads the CommonJS package.
 */
import {aboutRows, type AboutInfo} from "./about.js";
import {checkTable, rowCount, type ExportColumn, type ExportTable} from "./table.js";

type ExcelModule = typeof import("exceljs");

async function loadExcel(): Promise<ExcelModule> {
  const mod = (await import("exceljs")) as ExcelModule & {default?: ExcelModule};
  return mod.default ?? mod;
}

/** Excel's limits on sheet names: 31 characters, none of []:*?/\ . */
export function sheetName(title: string): string {
  return title.replace(/[[\]:*?/\\]/g, " ").slice(0, 31).trim() || "Tabell";
}

/** The cell format of a column: text "@", whole numbers "0", a number at its shown decimals. */
export function numberFormat(column: ExportColumn): string {
  switch (column.type) {
    case "code":
    case "text":
      return "@";
    case "integer":
      return "0";
    case "number":
      return column.decimals === undefined ? "General" : column.decimals === 0 ? "0" : `0.${"0".repeat(column.decimals)}`;
  }
}

/** The XLSX file's bytes. `created` fixes the workbook's dates (default: now). */
export async function toXlsx(table: ExportTable, about: AboutInfo | null): Promise<Uint8Array> {
  checkTable(table);
  const ExcelJS = await loadExcel();
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Kvalitetskommun – analysverktyg";
  const created = about ? new Date(about.created) : new Date();
  workbook.created = created;
  workbook.modified = created;

  const sheet = workbook.addWorksheet(sheetName(table.title), {views: [{state: "frozen", ySplit: 1}]});
  sheet.columns = table.columns.map((c) => ({
    header: c.label,
    key: c.key,
    width: Math.min(60, Math.max(8, c.label.length + 2, ...c.values.slice(0, 300).map((v) => (v === null ? 0 : String(v).length + 1)))),
    style: {numFmt: numberFormat(c)}
  }));
  sheet.getRow(1).font = {bold: true};
  const n = rowCount(table);
  for (let i = 0; i < n; i++) sheet.addRow(table.columns.map((c) => c.values[i] ?? null));
  if (table.columns.length) sheet.autoFilter = {from: {row: 1, column: 1}, to: {row: 1, column: table.columns.length}};

  if (about) {
    const info = workbook.addWorksheet("Om data");
    const {rows, headings} = aboutRows(about);
    for (const r of rows) info.addRow(r);
    for (const h of headings) info.getRow(h + 1).font = {bold: true};
    info.getColumn(1).width = 28;
    info.getColumn(2).width = 60;
    for (let c = 3; c <= 6; c++) info.getColumn(c).width = 18;
    // The share link as a clickable link.
    const linkRow = rows.findIndex((r) => r[1] === about.link);
    if (linkRow >= 0 && /^https?:\/\//.test(about.link)) info.getCell(linkRow + 1, 2).value = {text: about.link, hyperlink: about.link};
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
