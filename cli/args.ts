/**
 * Command-line argument helpers shared by the commands (`--name value`,
 * `--name=value`, valueless switches). Every problem is a {@link UsageError}
 * (exit code 2) naming the option.
 */
import {realpathSync} from "node:fs";
import {pathToFileURL} from "node:url";

/** A problem with the command line: the command prints it with its usage and exits with code 2 ("" for --help). */
export class UsageError extends Error {
  override name = "UsageError";
}

/** A command's environment and output streams (the process's, or a test's). */
export interface Io {
  env: NodeJS.ProcessEnv;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

export interface FlagSpec {
  /** Options that take a value. */
  valued: readonly string[];
  /** Options that take none (e.g. --help). */
  valueless?: readonly string[];
}

/**
 * Parses `argv` into option → value ("" for valueless options). An unknown
 * option is reported as unknown wherever it stands, also as the last
 * argument; a known option without a value (at the end, or followed by
 * another option, or `--x=`) "needs a value".
 */
export function parseFlags(argv: readonly string[], spec: FlagSpec): Map<string, string> {
  const valueless = new Set(spec.valueless);
  const valued = new Set(spec.valued);
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith("--")) throw new UsageError(`unexpected argument "${arg}"`);
    const eq = arg.indexOf("=");
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (!valued.has(name) && !valueless.has(name)) throw new UsageError(`unknown option ${name}`);
    if (flags.has(name)) throw new UsageError(`${name} is given twice`);
    if (valueless.has(name)) {
      if (eq > 0) throw new UsageError(`${name} takes no value`);
      flags.set(name, "");
      continue;
    }
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value === "" || (eq < 0 && value.startsWith("--"))) throw new UsageError(`${name} needs a value`);
    flags.set(name, value);
  }
  return flags;
}

/**
 * Takes a list-valued option out of `argv`: `--name A B C` (every argument up
 * to the next one starting with "--"; `--name=A B` starts the list with A).
 * Returns the values (undefined when the option is absent) and the other
 * arguments, for {@link parseFlags}. Given twice or without a value: a
 * {@link UsageError}.
 */
export function takeList(argv: readonly string[], flag: string): {values: string[] | undefined; rest: string[]} {
  let values: string[] | undefined;
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg !== flag && !arg.startsWith(`${flag}=`)) {
      rest.push(arg);
      continue;
    }
    if (values !== undefined) throw new UsageError(`${flag} is given twice`);
    values = arg === flag ? [] : [arg.slice(flag.length + 1)];
    while (i + 1 < argv.length && !argv[i + 1]!.startsWith("--")) values.push(argv[++i]!);
    if (values.length === 0 || values.includes("")) throw new UsageError(`${flag} needs a value`);
  }
  return {values, rest};
}

/** The value if it is one of `allowed`. */
export function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${flag} must be one of ${allowed.join(", ")} (got "${value}")`);
  return value as T;
}

/** A required option's value. */
export function required(flags: ReadonlyMap<string, string>, flag: string, placeholder: string): string {
  const value = flags.get(flag);
  if (value === undefined) throw new UsageError(`${flag} ${placeholder} is required`);
  return value;
}

/** A four-digit year. */
export function parseYear(flag: string, text: string): number {
  if (!/^\d{4}$/.test(text)) throw new UsageError(`${flag} must be a four-digit year (got "${text}")`);
  return Number(text);
}

/** A whole number in [min, max], written as plain digits. */
export function parseInteger(flag: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max) throw new UsageError(`${flag} must be a whole number from ${min} to ${max} (got "${text}")`);
  return n;
}

/**
 * The value of a shared text parser's result (engine/robustness-options.ts);
 * its error becomes a {@link UsageError}, with the option's dashes added when
 * the message starts with the bare name ("draws must be …" → "--draws must be …").
 */
export function fromParsed<T>(flag: string, result: {value: T} | {error: string}): T {
  if ("value" in result) return result.value;
  const bare = flag.replace(/^--/, "");
  throw new UsageError(result.error.startsWith(`${bare} `) ? `--${result.error}` : result.error);
}

/** A CSV field, quoted when it holds a comma, a quote or a line break. */
export function csvField(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** A number as a CSV field at full precision; a missing (null or non-finite) value is empty, never 0. */
export function csvNumber(x: number | null | undefined): string {
  return Number.isFinite(x) ? String(x) : "";
}

/**
 * A command's arguments, or the exit code when they are wrong: a
 * {@link UsageError} is printed as "command: message" with the usage, and
 * gives 2 (0 for --help, whose error has no message). Other errors propagate.
 */
export function parseCommandLine<T>(command: string, usage: string, parse: (argv: readonly string[]) => T, argv: readonly string[], io: Pick<Io, "stderr">): {args: T} | {exitCode: number} {
  try {
    return {args: parse(argv)};
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    if (error.message) io.stderr(`${command}: ${error.message}\n`);
    io.stderr(`${usage}\n`);
    return {exitCode: error.message ? 2 : 0};
  }
}

/** The parts of Node's `process` that {@link runIfMain} uses (a test passes its own). */
export interface MainProcess {
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  exitCode?: number | string | null | undefined;
  exit(code: number): never;
  stdout: {write(s: string): unknown; on(event: "error", listener: (error: NodeJS.ErrnoException) => void): unknown};
  stderr: {write(s: string): unknown};
}

/** True when the module with this `import.meta.url` is the script `entry` (Node's `process.argv[1]`). */
export function isMainModule(moduleUrl: string, entry: string | undefined = process.argv[1]): boolean {
  if (!entry) return false;
  try {
    return moduleUrl === pathToFileURL(realpathSync(entry)).href;
  } catch {
    return false;
  }
}

/**
 * Runs a command's `main` when `moduleUrl` is the process's entry point: the
 * process's arguments, environment and streams, and its exit code.
 * `command … | head` closes the pipe early: that is not an error.
 */
export async function runIfMain(moduleUrl: string, main: (argv: readonly string[], io: Io) => Promise<number>, proc: MainProcess = process): Promise<void> {
  if (!isMainModule(moduleUrl, proc.argv[1])) return;
  proc.stdout.on("error", (error) => {
    if (error.code === "EPIPE") proc.exit(0);
    throw error;
  });
  proc.exitCode = await main(proc.argv.slice(2), {
    env: proc.env,
    stdout: (s) => proc.stdout.write(s),
    stderr: (s) => proc.stderr.write(s)
  });
}
