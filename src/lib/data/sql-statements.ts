/**
 * Splits an SQL text into statements with the editor's own SQL parser
 * (@codemirror/lang-sql), so a `;` inside a string, a quoted name or a
 * comment does not split. DuckDB-WASM runs every statement of a text it is
 * given but returns the *first* result; Utforska runs them one by one and
 * shows the last, as a user expects.
 */
import {PostgreSQL} from "@codemirror/lang-sql";

/**
 * The statements of `text`, without empty ones (only `;` or comments). Each is
 * padded with the newlines and spaces that precede it, so the "LINE n" of a
 * DuckDB error message is the line in the editor.
 */
export function splitStatements(text: string): string[] {
  const statements: string[] = [];
  const cursor = PostgreSQL.language.parser.parse(text).topNode.cursor();
  if (!cursor.firstChild()) return statements;
  do {
    if (cursor.name !== "Statement") continue;
    const body = text.slice(cursor.from, cursor.to);
    const withoutComments = body.replace(/--[^\n]*|\/\*[\s\S]*?\*\//g, "").replace(/;\s*$/, "").trim();
    if (!withoutComments) continue;
    const before = text.slice(0, cursor.from);
    const lines = before.split("\n");
    statements.push("\n".repeat(lines.length - 1) + " ".repeat(lines.at(-1)!.length) + body);
  } while (cursor.nextSibling());
  return statements;
}
