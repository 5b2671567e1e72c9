/**
 * The export controls of a page: "CSV (Excel)", "XLSX" and "Parquet" for a
 * table (`data-testid="export-csv"`, `"export-xlsx"`, `"export-parquet"` on a
 * page's main table; a second table's buttons end in `-<id>`), and "Spara
 * bild" (SVG, PNG) for a chart. Each click builds the file from the page's
 * current state (lib/export/page-exports.ts) and downloads it through a Blob
 * URL: nothing leaves the browser.
 *
 * Nothing of the exports is on the page's first load but this small module:
 * the page export, the writers and the chart composer are dynamic imports on
 * the first click, and the XLSX and Parquet writers load exceljs (≈ 0.9 MB)
 * and hyparquet-writer the same way (lib/export/xlsx.ts, parquet.ts).
 *
 * A controller adds one line,
 * `exports: exportButtons(async () => (await import("../lib/export/page-exports.js")).xxxExport(wb, state))`;
 * the page's .md places `${page.exports}` by the table and
 * `${page.exports.image(chart, "name")}` by each chart.
 */
import type {PageExport} from "../lib/export/page-exports.js";
import {exportFileName, type ExportFormat, type FileNameParts} from "../lib/export/table.js";
import {flushPageState} from "../lib/state/page-state.js";

export interface ExportBar extends HTMLElement {
  /** The buttons for another table of the page (its id in the page export, e.g. "dimensioner"). */
  table(id: string): HTMLElement;
  /** "Spara bild" for a chart: `target` (or a function finding it at click time), the file named `<page>-<suffix>_…`. */
  image(target: Element | (() => Element | null | undefined), suffix: string): HTMLElement;
}

export const MIME: Record<ExportFormat, string> = {
  csv: "text/csv;charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  parquet: "application/vnd.apache.parquet",
  svg: "image/svg+xml",
  png: "image/png"
};

/** Saves `data` as a file named `fileName` through a temporary Blob URL. */
export function download(data: Blob | Uint8Array | string, fileName: string, type: string): void {
  const blob = data instanceof Blob ? data : new Blob([data as BlobPart], {type});
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  a.style.display = "none";
  document.body.append(a);
  a.click();
  a.remove();
  // Long enough for the browser to have read it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function button(text: string, testId: string, title: string): HTMLButtonElement {
  const b = document.createElement("button");
  b.type = "button";
  b.textContent = text;
  b.title = title;
  b.dataset.testid = testId;
  return b;
}

function statusLine(testId: string): HTMLElement {
  const status = document.createElement("span");
  status.className = "export-status";
  status.setAttribute("aria-live", "polite");
  status.dataset.testid = testId;
  return status;
}

/** Runs a click's work with the buttons disabled and the outcome in the status line. */
function wire(buttons: HTMLButtonElement[], status: HTMLElement, work: (b: HTMLButtonElement) => Promise<string>): void {
  for (const b of buttons)
    b.addEventListener("click", async () => {
      for (const o of buttons) o.disabled = true;
      status.textContent = "Skapar filen …";
      status.dataset.state = "working";
      try {
        status.textContent = `Sparad: ${await work(b)}`;
        status.dataset.state = "done";
      } catch (error) {
        status.textContent = `Kunde inte exportera: ${(error as Error).message}`;
        status.dataset.state = "error";
      } finally {
        for (const o of buttons) o.disabled = false;
      }
    });
}

/** The page's export bar (for its main table), which also makes the other tables' bars and the charts' image controls. */
export function exportButtons(source: () => PageExport | Promise<PageExport>): ExportBar {
  const nameFor = (exp: PageExport, suffix: string): FileNameParts => ({...exp.name, page: suffix ? `${exp.name.page}-${suffix}` : exp.name.page});

  function tableBar(id: string): HTMLElement {
    const suffix = id ? `-${id}` : "";
    const bar = document.createElement("div");
    bar.className = "export-bar";
    bar.setAttribute("role", "group");
    bar.setAttribute("aria-label", "Exportera tabellen");
    const label = document.createElement("span");
    label.className = "export-label";
    label.textContent = "Exportera tabellen:";
    const csv = button("CSV (Excel)", `export-csv${suffix}`, "Semikolonseparerad CSV för svenska Excel (decimalkomma, UTF-8)");
    const xlsx = button("XLSX", `export-xlsx${suffix}`, "Excel-arbetsbok med tabellen och bladet ”Om data”");
    const parquet = button("Parquet", `export-parquet${suffix}`, "Parquet-fil med full precision, för analysverktyg");
    const status = statusLine(`export-status${suffix}`);
    bar.append(label, csv, " ", xlsx, " ", parquet, " ", status);
    wire([csv, xlsx, parquet], status, async (clicked) => {
      flushPageState();
      const link = window.location.href;
      const exp = await source();
      const table = exp.tables.find((t) => t.id === id);
      if (!table) throw new Error(`ingen tabell ${id}`);
      const data = await table.build();
      const about = {...data.about, link};
      const format: ExportFormat = clicked === csv ? "csv" : clicked === xlsx ? "xlsx" : "parquet";
      const bytes =
        format === "csv"
          ? (await import("../lib/export/csv.js")).swedishCsvBytes(data.table)
          : format === "xlsx"
            ? await (await import("../lib/export/xlsx.js")).toXlsx(data.table, about)
            : await (await import("../lib/export/parquet.js")).toParquet(data.table, about);
      const fileName = exportFileName(nameFor(exp, id), format);
      download(bytes, fileName, MIME[format]);
      return fileName;
    });
    return bar;
  }

  const bar = tableBar("") as ExportBar;
  bar.table = tableBar;
  bar.image = (target, suffix) => {
    const group = document.createElement("div");
    group.className = "chart-image";
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", "Spara diagrammet som bild");
    group.dataset.chart = suffix;
    const svg = button("SVG", `image-svg-${suffix}`, "Spara diagrammet som SVG (vektorbild)");
    const png = button("PNG", `image-png-${suffix}`, "Spara diagrammet som PNG (bild i dubbel upplösning)");
    const status = statusLine(`image-status-${suffix}`);
    group.append("Spara bild: ", svg, " ", png, " ", status);
    wire([svg, png], status, async (clicked) => {
      const element = typeof target === "function" ? target() : target;
      if (!element) throw new Error("diagrammet visas inte än");
      const {composeChartSvg, svgToPng} = await import("./chart-image.js");
      const image = composeChartSvg(element);
      const format: ExportFormat = clicked === svg ? "svg" : "png";
      const fileName = exportFileName(nameFor(await source(), suffix), format);
      download(format === "svg" ? image.svg : await svgToPng(image), fileName, MIME[format]);
      return fileName;
    });
    return group;
  };
  return bar;
}
