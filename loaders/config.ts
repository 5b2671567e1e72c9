/**
 * Where data comes from and where build artefacts go, from the environment.
 * One place for every path and variable the loaders read.
 */
import path from "node:path";
import {fileURLToPath} from "node:url";

/** The repository root (this file lives in `loaders/`). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Model definitions shipped with the app. */
export const MODELS_DIR = path.join(REPO_ROOT, "data", "models");

/** Git-ignored cache: raw live API responses and built outputs. */
export const CACHE_DIR = process.env.KOLADA_CACHE_DIR
  ? path.resolve(process.env.KOLADA_CACHE_DIR)
  : path.join(REPO_ROOT, "data", "cache");

/** First year of values the app loads. */
export const FIRST_YEAR = 2010;

/** KPIs that pages need beside the models' KPIs (population for the profile and the map). */
export const PAGE_KPIS = ["N01951"] as const;

/**
 * `KOLADA_SNAPSHOT_DIR` as an absolute path, or undefined. A relative path is
 * taken relative to the repository root, so `../shared/kolada` means the same
 * wherever the build, a data loader or a test happens to run.
 */
export function snapshotDirFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dir = env.KOLADA_SNAPSHOT_DIR?.trim();
  return dir ? path.resolve(REPO_ROOT, dir) : undefined;
}

/** The message shown when no data source works. */
export const NO_SOURCE_HELP =
  "Set KOLADA_SNAPSHOT_DIR to an offline Kolada snapshot (for example " +
  "`KOLADA_SNAPSHOT_DIR=../shared/kolada npm run build`), or make the Kolada API " +
  "(KOLADA_API_URL, default https://api.kolada.se/v3/) reachable.";
