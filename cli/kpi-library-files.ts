/**
 * Puts the KPI library's value files into the site's source as static files,
 * `src/data/library/v000.parquet` … (git-ignored), before Framework starts
 * (`npm run build` and `npm run dev` run it).
 *
 * Why not a data loader: Framework runs one process per loader output, and
 * the library has 256 value files (see src/lib/data/kpi-library-layout.ts);
 * 256 `tsx` processes take minutes on a small machine. Why not an archive
 * loader (`library.tar.ts`, whose members Framework extracts): Framework
 * writes each extracted member with the clock's time, and that time goes
 * into the pages (`lastModified`) and the module hashes, so two builds would
 * differ. Static files keep the data's date (`outputsDate`, like every
 * loader's output), so the build stays byte-identical for the same inputs.
 *
 * The files come from the same outputs the loaders stream (`ensureOutputs`),
 * so they match `kpi-library.parquet` and `kpi-library-files.json`. A file is
 * rewritten only when its bytes change; files that are no longer part of the
 * library are removed.
 */
import {existsSync, mkdirSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync} from "node:fs";
import path from "node:path";
import {CACHE_DIR, REPO_ROOT} from "../loaders/config.ts";
import {LIBRARY_VALUES_DIR} from "../loaders/library.ts";
import {ensureOutputs, libraryDirOf, outputsDate} from "../loaders/outputs.ts";
import {libraryValueFileNames} from "../src/lib/data/kpi-library-layout.ts";
import {isMainModule} from "./args.ts";

/** Where the value files go: the site's `data/library/`. */
export const SITE_LIBRARY_DIR = path.join(REPO_ROOT, "src", "data", LIBRARY_VALUES_DIR);

/** Copies the library's value files of the current outputs into `target`; returns how many were written. */
export async function placeLibraryFiles(target = SITE_LIBRARY_DIR, env: NodeJS.ProcessEnv = process.env, cacheDir = CACHE_DIR): Promise<number> {
  const outputs = await ensureOutputs(env, cacheDir);
  const source = path.join(libraryDirOf(outputs, cacheDir), LIBRARY_VALUES_DIR);
  const date = outputsDate(outputs);
  const names = libraryValueFileNames();
  mkdirSync(target, {recursive: true});
  for (const name of readdirSync(target)) if (!names.includes(name)) rmSync(path.join(target, name), {recursive: true, force: true});
  let written = 0;
  for (const name of names) {
    const bytes = readFileSync(path.join(source, name));
    const file = path.join(target, name);
    if (!existsSync(file) || !readFileSync(file).equals(bytes)) {
      writeFileSync(file, bytes);
      written++;
    }
    if (env.KVALITETSKOMMUN_OUTPUT_MTIME !== "now") utimesSync(file, date, date);
  }
  return written;
}

if (isMainModule(import.meta.url)) {
  const written = await placeLibraryFiles();
  console.log(`KPI library: ${libraryValueFileNames().length} value files in ${path.relative(process.cwd(), SITE_LIBRARY_DIR)} (${written} rewritten)`);
}
