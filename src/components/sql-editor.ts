/**
 * The SQL editor of Utforska: CodeMirror 6 (bundled from node_modules by
 * Framework, no CDN) with @codemirror/lang-sql, keyword completion and
 * completion from the database's actual schema: table names, `table.` →
 * its columns, and every column name on its own. Names DuckDB reserves (e.g.
 * the table `values`) are inserted quoted. Ctrl+Enter (Cmd+Enter on a Mac)
 * runs the query.
 */
import {basicSetup, EditorView} from "codemirror";
import {autocompletion, type Completion, type CompletionContext, type CompletionResult} from "@codemirror/autocomplete";
import {Compartment, EditorState, Prec} from "@codemirror/state";
import {keymap} from "@codemirror/view";
import {HighlightStyle, syntaxHighlighting} from "@codemirror/language";
import {tags} from "@lezer/highlight";
import {PostgreSQL, schemaCompletionSource, keywordCompletionSource, type SQLNamespace} from "@codemirror/lang-sql";

/**
 * CodeMirror's default highlighting with every colour at least 4.5:1 against
 * the editor's white and its active-line blue (WCAG 1.4.3): the default's
 * #e40 (quoted names), #085 (types) and #f00 (errors) were 3.6–4.4:1. Being a
 * highlighter of its own, it replaces basicSetup's default (a fallback).
 */
const readableHighlighting = syntaxHighlighting(
  HighlightStyle.define([
    {tag: tags.meta, color: "#404740"},
    {tag: tags.link, textDecoration: "underline"},
    {tag: tags.heading, textDecoration: "underline", fontWeight: "bold"},
    {tag: tags.emphasis, fontStyle: "italic"},
    {tag: tags.strong, fontWeight: "bold"},
    {tag: tags.strikethrough, textDecoration: "line-through"},
    {tag: tags.keyword, color: "#708"},
    {tag: [tags.atom, tags.bool, tags.url, tags.contentSeparator, tags.labelName], color: "#219"},
    {tag: [tags.literal, tags.inserted], color: "#164"},
    {tag: [tags.string, tags.deleted], color: "#a11"},
    {tag: [tags.regexp, tags.escape, tags.special(tags.string)], color: "#a33200"},
    {tag: tags.definition(tags.variableName), color: "#00f"},
    {tag: tags.local(tags.variableName), color: "#30a"},
    {tag: [tags.typeName, tags.namespace], color: "#006b45"},
    {tag: tags.className, color: "#167"},
    {tag: [tags.special(tags.variableName), tags.macroName], color: "#256"},
    {tag: tags.definition(tags.propertyName), color: "#00c"},
    {tag: tags.comment, color: "#8a3d00"},
    {tag: tags.invalid, color: "#c00000"}
  ])
);

/** A table as the schema panel and the completion see it. */
export interface SchemaTable {
  name: string;
  /** Exact row count; null for a view. */
  rows: number | null;
  columns: {name: string; type: string}[];
}

/** An identifier as it must be written in SQL: quoted when reserved or not a plain lower-case name. */
export function sqlIdentifier(name: string, reserved: ReadonlySet<string>): string {
  return /^[a-z_][a-z0-9_]*$/.test(name) && !reserved.has(name) ? name : `"${name.replaceAll('"', '""')}"`;
}

function completionFor(name: string, type: string, detail: string, reserved: ReadonlySet<string>): Completion {
  const id = sqlIdentifier(name, reserved);
  return id === name ? {label: name, type, detail} : {label: name, type, detail, apply: id};
}

/** lang-sql's namespace: each table with its own completion and its columns. */
export function schemaNamespace(tables: readonly SchemaTable[], reserved: ReadonlySet<string>): SQLNamespace {
  return Object.fromEntries(
    tables.map((t) => [
      t.name,
      {
        self: completionFor(t.name, "type", t.rows === null ? "vy" : `${t.rows} rader`, reserved),
        children: t.columns.map((c) => completionFor(c.name, "property", c.type, reserved))
      }
    ])
  );
}

/** Every column name (of any table) where no `table.` precedes the word. */
function columnSource(tables: readonly SchemaTable[], reserved: ReadonlySet<string>) {
  const byName = new Map<string, Set<string>>();
  for (const t of tables) for (const c of t.columns) byName.set(c.name, (byName.get(c.name) ?? new Set()).add(t.name));
  const options = [...byName].map(([name, in_]) => ({...completionFor(name, "property", [...in_].join(", "), reserved), boost: -0.5}));
  return (context: CompletionContext): CompletionResult | null => {
    const word = context.matchBefore(/\w+/);
    if (!word && !context.explicit) return null;
    const from = word?.from ?? context.pos;
    if (context.state.sliceDoc(from - 1, from) === ".") return null; // table.column: lang-sql's source answers
    return {from, options, validFor: /^\w*$/};
  };
}

export interface SqlEditor extends HTMLElement {
  readonly view: EditorView;
  /** The editor's text. */
  text(): string;
  /** Replaces the whole text. */
  setText(text: string): void;
  /** Inserts text at the cursor (replacing a selection) and focuses the editor. */
  insert(text: string): void;
  /** Completion from another schema (tables created or dropped by a query). */
  setSchema(tables: readonly SchemaTable[]): void;
}

export function sqlEditor({doc, tables, reserved, onRun}: {doc: string; tables: readonly SchemaTable[]; reserved: ReadonlySet<string>; onRun: () => void}): SqlEditor {
  const completion = new Compartment();
  const completionFrom = (schema: readonly SchemaTable[]) =>
    autocompletion({
      override: [
        schemaCompletionSource({dialect: PostgreSQL, schema: schemaNamespace(schema, reserved)}),
        columnSource(schema, reserved),
        keywordCompletionSource(PostgreSQL, true)
      ]
    });
  const run = () => {
    onRun();
    return true;
  };
  const element = document.createElement("div") as unknown as SqlEditor;
  element.className = "sql-editor";
  element.dataset.testid = "sql-editor";
  const view = new EditorView({
    parent: element,
    state: EditorState.create({
      doc,
      extensions: [
        Prec.highest(keymap.of([{key: "Mod-Enter", run}, {key: "Ctrl-Enter", run}])),
        basicSetup,
        PostgreSQL.language,
        readableHighlighting,
        completion.of(completionFrom(tables)),
        EditorView.lineWrapping,
        EditorView.contentAttributes.of({"aria-label": "SQL-fråga (Ctrl+Enter kör)"})
      ]
    })
  });
  Object.defineProperty(element, "view", {value: view});
  element.text = () => view.state.doc.toString();
  element.setText = (text) => view.dispatch({changes: {from: 0, to: view.state.doc.length, insert: text}, selection: {anchor: text.length}});
  element.insert = (text) => {
    view.dispatch(view.state.replaceSelection(text));
    view.focus();
  };
  element.setSchema = (schema) => view.dispatch({effects: completion.reconfigure(completionFrom(schema))});
  return element;
}
