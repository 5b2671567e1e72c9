/**
 * Utforska's controller: SQL over the site's tables in DuckDB-WASM.
 *
 * Loading: the three Parquet files are fetched and decoded once (values with
 * every gender), DuckDB-WASM starts at the same time; the engine's workbench
 * is built from the same decoded columns, the nomination and improvement
 * rankings are computed with the link's settings (explore-state.ts: `nom.*`,
 * `utv.*`), and all five tables go into DuckDB as Arrow. Then the database is
 * locked (LOCK_DOWN_SQL in lib/data/duckdb.ts): no extension, file or URL can
 * be reached by any query.
 *
 * A run: the editor's text is split into statements (sql-statements.ts), all
 * run in order, the last one's result is read as Arrow and shown (table of the
 * first 1 000 rows, row count and time, a chart for 2–3 columns, downloads).
 * A DuckDB error is shown as text in `sql-error`; nothing is thrown, so the
 * console stays clean and the page usable. The query goes into the URL
 * (`sql=`, other parameters kept) and the history (localStorage).
 */
import {Table, type RecordBatch} from "apache-arrow";
import {prepareImprovement, prepareNomination, score, type ScoreResult} from "../engine/index.js";
import {autoChart} from "../components/auto-chart.js";
import {copyLinkButton} from "../components/copy-link.js";
import {fitWidth} from "../components/fit-width.js";
import {formatInteger} from "../components/format.js";
import {AGGREGATION_LABELS, METHOD_LABELS, NORMALISATION_LABELS} from "../components/method-labels.js";
import {historyMenu} from "../components/query-history.js";
import {resultExport} from "../components/result-export.js";
import {RESULT_ROW_LIMIT, resultTable} from "../components/result-table.js";
import {schemaPanel} from "../components/schema-panel.js";
import type {ManifestInfo} from "../components/source-note.js";
import {sqlEditor, type SchemaTable} from "../components/sql-editor.js";
import {urlNotice} from "../components/url-notice.js";
import {openDatabase, type Database} from "../lib/data/duckdb.js";
import {fetchParquet} from "../lib/data/parquet.js";
import type {LoadProgress} from "../lib/data/progress.js";
import {EXAMPLE_QUERIES} from "../lib/data/queries.js";
import {arrowToResult, duckdbErrorText, type QueryResult} from "../lib/data/query-result.js";
import {rankingColumns} from "../lib/data/ranking-tables.js";
import {splitStatements} from "../lib/data/sql-statements.js";
import {fetchJson, modelById, workbenchFromDecoded, type Workbench, type WorkbenchFiles} from "../lib/data/workbench.js";
import {IMPROVEMENT_PREFIX, NOMINATION_PREFIX, parseExploreState, withSql, type ExploreState} from "../lib/state/explore-state.js";
import {effectiveEndYear, type ImprovementState} from "../lib/state/improvement-state.js";
import type {NominationState} from "../lib/state/nomination-state.js";
import {SCOPE_GROUPING, SCOPE_LABELS} from "../lib/state/ranking-state.js";
import {formatState} from "../lib/state/url-state.js";

/** The site's tables, in the schema panel's order, with what each holds. */
export const TABLE_DESCRIPTIONS: Readonly<Record<string, string>> = {
  values: "Nyckeltalens värden: ett värde per nyckeltal, kommun, år och kön (T totalt, K kvinnor, M män). Riket har kommunkoden 0000. Ett saknat värde är en saknad rad, aldrig 0. Skriv gärna namnet inom citattecken, \"values\": det är ett SQL-nyckelord.",
  municipalities: "De 290 kommunerna: kod, namn, län, SKR:s kommungrupp (A1–C9) och huvudgrupp, folkmängd.",
  kpis: "Nyckeltalen: titel, beskrivning, enhet, riktning (higher_better/lower_better) och dimension i modellerna.",
  nominering: "Nomineringen beräknad av verktygets motor med länkens inställningar (se ovan): en rad per kommun, rankade i rangordning och sedan de ej rankade med skäl.",
  utveckling: "Utvecklingsrankningen beräknad av motorn med länkens inställningar (se ovan), med stadighet."
};
const SITE_TABLES = Object.keys(TABLE_DESCRIPTIONS);

/** Utforska's views, placed by utforska.md. */
export interface ExplorePage {
  manifest: ManifestInfo;
  /** URL notice, the settings behind `nominering` and `utveckling`, "Kopiera länk". */
  header: HTMLElement;
  schema: HTMLElement;
  /** Examples, history, the editor and the run button. */
  editor: HTMLElement;
  /** Status (rows, time), error, downloads, the table and the chart. */
  result: HTMLElement;
}

function nominationResult(wb: Workbench, s: NominationState): ScoreResult {
  const prepared = prepareNomination(wb.matrix, modelById(wb.models, s.model), s.year, {normalisation: s.norm, aggregation: s.agg, winsorise: s.wins});
  return score(prepared, {dimensions: s.dw, indicators: s.w}, {grouping: SCOPE_GROUPING[s.scope]});
}

function improvementResult(wb: Workbench, s: ImprovementState): ScoreResult {
  const endYear = effectiveEndYear(s, wb.matrix.years[0]!);
  const prepared = prepareImprovement(wb.matrix, modelById(wb.models, s.model), endYear, {window: s.window, method: s.method, aggregation: s.agg, winsorise: s.wins});
  return score(prepared, {dimensions: s.dw, indicators: s.w}, {grouping: SCOPE_GROUPING[s.scope], minSteadiness: s.steady > 0 ? s.steady : undefined});
}

/** A method's label in running text: "z-poäng (standard)" → "z-poäng". */
const plain = (label: string) => label.replace(/\s*\(standard\)$/, "");

/** "modellens vikter" or "egna vikter" (any weight differing from the model's). */
function weightsText(state: {dw: Record<string, number>; w: Record<string, number>}, defaults: {dw: Record<string, number>; w: Record<string, number>}): string {
  const differs = (a: Record<string, number>, b: Record<string, number>) => Object.keys(b).some((k) => a[k] !== b[k]);
  return differs(state.dw, defaults.dw) || differs(state.w, defaults.w) ? "egna vikter" : "modellens vikter";
}

/** The settings line of each engine table, with a link opening the same ranking on its page. */
function settingsList(wb: Workbench, state: ExploreState, nomination: ScoreResult, improvement: ScoreResult): HTMLElement {
  const list = document.createElement("ul");
  list.className = "explore-settings";
  list.dataset.testid = "explore-settings";
  const item = (table: string, text: string, href: string, page: string, prefix: string) => {
    const li = document.createElement("li");
    li.dataset.table = table;
    const code = document.createElement("code");
    code.textContent = table;
    const a = document.createElement("a");
    a.href = href;
    a.textContent = `Öppna på ${page}`;
    const hint = document.createElement("span");
    hint.className = "muted";
    hint.textContent = ` (länkparametrar ${prefix}…)`;
    li.append(code, `: ${text}. `, a, hint);
    return li;
  };
  const n = state.nomination;
  const nSpec = state.nominationSpec;
  const nRanked = nomination.rows.filter((r) => r.rank !== null).length;
  list.append(
    item(
      "nominering",
      `${modelById(wb.models, n.model).name}, år ${n.year}, ${plain(NORMALISATION_LABELS[n.norm])}, ${plain(AGGREGATION_LABELS[n.agg]).toLowerCase()}${n.wins ? ", winsorisering" : ""}, ${weightsText(n, {dw: nSpec.dw.default, w: nSpec.w.default})}, ${SCOPE_LABELS[n.scope].toLowerCase()}; ${nRanked} av ${nomination.rows.length} rankade`,
      `./nominering.html?${formatState(n, nSpec)}`,
      "Nominering",
      NOMINATION_PREFIX
    )
  );
  const u = state.improvement;
  const uSpec = state.improvementSpec;
  const window = improvement.prepared.window!;
  const uRanked = improvement.rows.filter((r) => r.rank !== null).length;
  list.append(
    item(
      "utveckling",
      `${modelById(wb.models, u.model).name}, ${window.from}–${window.to} (${u.window} år), ${plain(METHOD_LABELS[u.method])}, ${plain(AGGREGATION_LABELS[u.agg]).toLowerCase()}${u.wins ? ", winsorisering" : ""}, ${weightsText(u, {dw: uSpec.dw.default, w: uSpec.w.default})}, ${SCOPE_LABELS[u.scope].toLowerCase()}${u.steady > 0 ? `, stadighet minst ${formatInteger(u.steady * 100)} %` : ""}; ${uRanked} av ${improvement.rows.length} rankade`,
      `./utveckling.html?${formatState(u, uSpec)}`,
      "Utvecklingskommun",
      IMPROVEMENT_PREFIX
    )
  );
  return list;
}

/** The tables of the database (site tables first), their columns and exact row counts. */
async function readSchema(db: Database): Promise<SchemaTable[]> {
  const columns = await db.query<{table_name: string; column_name: string; data_type: string; table_type: string}>(`
    SELECT c.table_name, c.column_name, c.data_type, t.table_type
    FROM information_schema.columns c
    JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
    WHERE c.table_schema = 'main'
    ORDER BY c.table_name, c.ordinal_position`);
  const tables = new Map<string, SchemaTable>();
  for (const c of columns) {
    const t = tables.get(c.table_name) ?? {name: c.table_name, rows: c.table_type === "VIEW" ? null : 0, columns: []};
    t.columns.push({name: c.column_name, type: c.data_type});
    tables.set(c.table_name, t);
  }
  const base = [...tables.values()].filter((t) => t.rows !== null);
  if (base.length) {
    const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;
    const literal = (name: string) => `'${name.replaceAll("'", "''")}'`;
    const counts = await db.query<{name: string; n: number}>(base.map((t) => `SELECT ${literal(t.name)} AS name, count(*) AS n FROM ${quoted(t.name)}`).join(" UNION ALL "));
    for (const {name, n} of counts) tables.get(name)!.rows = Number(n);
  }
  const order = (name: string) => (SITE_TABLES.includes(name) ? SITE_TABLES.indexOf(name) : SITE_TABLES.length);
  return [...tables.values()].sort((a, b) => order(a.name) - order(b.name) || (a.name < b.name ? -1 : 1));
}

/** A control: a label over a select. */
function selectBox(labelText: string, select: HTMLSelectElement): HTMLElement {
  const label = document.createElement("label");
  label.className = "control";
  const span = document.createElement("span");
  span.textContent = labelText;
  label.append(span, select);
  return label;
}


const seconds = new Intl.NumberFormat("sv-SE", {minimumFractionDigits: 2, maximumFractionDigits: 2});

/** "12 ms" below a second, else "1,25 s". */
function durationText(ms: number): string {
  return ms < 1000 ? `${Math.max(1, Math.round(ms))} ms` : `${seconds.format(ms / 1000)} s`;
}

/** Loads the data, starts and locks DuckDB, and builds the page. */
export async function explorePage(files: WorkbenchFiles, onProgress: (progress: LoadProgress) => void = () => {}): Promise<ExplorePage> {
  // Every file once: values with every gender (SQL), the engine takes its gender-T rows.
  const values = fetchParquet(files.values);
  const municipalities = fetchParquet(files.municipalities);
  const kpis = fetchParquet(files.kpis);
  const prepared = Promise.all([fetchJson(files.manifest) as Promise<ManifestInfo>, fetchJson(files.models) as Promise<{id: string; model: unknown}[]>, values, municipalities, kpis]).then(
    ([manifest, models, v, m, k]) => {
      const wb = workbenchFromDecoded(manifest, models, v, m, k);
      const state = parseExploreState(window.location.search, wb);
      return {wb, state, nomination: nominationResult(wb, state.nomination), improvement: improvementResult(wb, state.improvement)};
    }
  );
  const db = await openDatabase(
    {
      values,
      municipalities,
      kpis,
      nominering: prepared.then((p) => rankingColumns(p.nomination)),
      utveckling: prepared.then((p) => rankingColumns(p.improvement))
    },
    onProgress,
    // BIGINT (count(*), sum) and DECIMAL arrive as JS numbers.
    {config: {query: {castBigIntToDouble: true, castDecimalToDouble: true}}, lockDown: true}
  );
  const {wb, state, nomination, improvement} = await prepared;
  // Names the completion and the schema panel quote: DuckDB's keywords that are not freely usable ("values" is one).
  const reserved = new Set((await db.query<{keyword_name: string}>("SELECT keyword_name FROM duckdb_keywords() WHERE keyword_category <> 'unreserved'")).map((k) => k.keyword_name));
  let tables = await readSchema(db);

  // Header: notices, the engine tables' settings, the link.
  const header = document.createElement("div");
  header.className = "explore-header";
  const linkLine = document.createElement("p");
  linkLine.append("Frågan och inställningarna finns i länken. ", copyLinkButton());
  header.append(urlNotice(state.notices), settingsList(wb, state, nomination, improvement), linkLine);

  // Result area.
  let current: QueryResult | undefined;
  const status = document.createElement("p");
  status.className = "sql-status";
  status.dataset.testid = "sql-summary";
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  status.textContent = "Skriv en fråga och kör den med Ctrl+Enter eller knappen Kör.";
  const errorBox = document.createElement("pre");
  errorBox.className = "sql-error";
  errorBox.dataset.testid = "sql-error";
  errorBox.setAttribute("role", "alert");
  errorBox.hidden = true;
  const exportButtons = resultExport(() => current);
  const tableSlot = document.createElement("div");
  const chart = fitWidth("sql-chart-slot");
  const result = document.createElement("div");
  result.className = "sql-output";
  result.append(status, errorBox, exportButtons, tableSlot, chart);

  // Editor and its toolbar.
  const editor = sqlEditor({doc: state.sql || EXAMPLE_QUERIES[0]!.sql, tables, reserved, onRun: () => void run()});
  const examples = document.createElement("select");
  examples.dataset.testid = "sql-examples";
  examples.append(new Option("Välj ett exempel …", ""), ...EXAMPLE_QUERIES.map((q, i) => new Option(q.label, String(i))));
  examples.addEventListener("change", () => {
    const example = EXAMPLE_QUERIES[Number(examples.value)];
    examples.value = "";
    if (!example) return;
    editor.setText(example.sql);
    void run();
  });
  const history = historyMenu((sql) => {
    editor.setText(sql);
    editor.view.focus();
  });
  const runButton = document.createElement("button");
  runButton.type = "button";
  runButton.className = "run";
  runButton.textContent = "Kör (Ctrl+Enter)";
  runButton.dataset.testid = "sql-run";
  runButton.addEventListener("click", () => void run());
  const cancelButton = document.createElement("button");
  cancelButton.type = "button";
  cancelButton.textContent = "Avbryt";
  cancelButton.dataset.testid = "sql-cancel";
  cancelButton.hidden = true;
  cancelButton.addEventListener("click", () => {
    cancelled = true;
    void db.connection.cancelSent().catch(() => false);
  });
  const toolbar = document.createElement("div");
  toolbar.className = "sql-toolbar";
  toolbar.append(selectBox("Exempel", examples), history);
  const actions = document.createElement("div");
  actions.className = "sql-actions";
  actions.append(runButton, " ", cancelButton);
  const editorBox = document.createElement("div");
  editorBox.className = "sql-editor-box";
  editorBox.append(toolbar, editor, actions);

  const schema = schemaPanel({tables, descriptions: TABLE_DESCRIPTIONS, reserved, onPick: (text) => editor.insert(text)});

  /** Runs every statement; the last one's result as an Arrow table. */
  async function execute(text: string): Promise<Table> {
    const statements = splitStatements(text);
    if (!statements.length) throw new Error("Det finns ingen SQL-sats att köra.");
    for (const statement of statements.slice(0, -1)) await db.connection.query(statement);
    const reader = await db.connection.send(statements.at(-1)!);
    const batches: RecordBatch[] = [];
    for await (const batch of reader) batches.push(batch);
    return new Table(reader.schema, batches);
  }

  let running = false;
  let cancelled = false;
  let runs = 0;
  async function run(): Promise<void> {
    if (running) return;
    const text = editor.text();
    running = true;
    cancelled = false;
    runs++;
    runButton.disabled = true;
    cancelButton.hidden = false;
    result.setAttribute("aria-busy", "true");
    status.textContent = "Kör frågan …";
    const start = performance.now();
    try {
      const table = await execute(text);
      const elapsed = performance.now() - start;
      current = arrowToResult(table);
      errorBox.hidden = true;
      errorBox.textContent = "";
      const n = current.rows.length;
      status.textContent =
        (n > RESULT_ROW_LIMIT ? `Visar de första ${formatInteger(RESULT_ROW_LIMIT)} av ${formatInteger(n)} rader` : `${formatInteger(n)} ${n === 1 ? "rad" : "rader"}`) +
        `, ${current.columns.length} ${current.columns.length === 1 ? "kolumn" : "kolumner"}. Tid: ${durationText(elapsed)}.`;
      tableSlot.replaceChildren(resultTable(current));
      const shown = current;
      chart.draw((width) => autoChart(shown, {width}));
    } catch (error) {
      current = undefined;
      status.textContent = cancelled ? "Frågan avbröts." : "Frågan kunde inte köras.";
      errorBox.textContent = cancelled ? "" : duckdbErrorText(error);
      errorBox.hidden = cancelled;
      tableSlot.replaceChildren();
      chart.draw(() => null);
    } finally {
      running = false;
      runButton.disabled = false;
      cancelButton.hidden = true;
      result.removeAttribute("aria-busy");
      exportButtons.sync();
    }
    history.add(text);
    const url = new URL(window.location.href);
    url.search = withSql(url.search, text);
    window.history.replaceState(window.history.state, "", url);
    // A query may have created or dropped a table: the panel and the completion follow.
    try {
      tables = await readSchema(db);
      schema.update(tables);
      editor.setSchema(tables);
    } catch {
      // The schema stays as it was; the query's own result or error is already shown.
    }
    // Tests and benchmarks wait for this: the run and everything after it is done.
    result.dataset.runs = String(runs);
  }

  if (state.sql.trim()) void run();
  return {manifest: wb.manifest, header, schema, editor: editorBox, result};
}
