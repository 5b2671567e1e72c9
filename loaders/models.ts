/** Reads and validates the model files in `data/models/`. */
import {existsSync, readdirSync, readFileSync} from "node:fs";
import path from "node:path";
import {parseModelText, type Model} from "../src/engine/model.ts";
import {MODELS_DIR} from "./config.ts";

export interface ModelFile {
  /** File name without `.json`, e.g. "skk-standard". */
  id: string;
  file: string;
  model: Model;
}

/** Every `*.json` model in `dir`, validated; a bad file throws a ModelError naming the file and field. */
export function readModels(dir = MODELS_DIR): ModelFile[] {
  if (!existsSync(dir)) throw new Error(`No model directory at ${dir}: the app needs at least one model file (data/models/*.json).`);
  return readdirSync(dir)
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map((name) => readModelFile(path.join(dir, name)));
}

/** One model file, validated. */
export function readModelFile(file: string): ModelFile {
  const text = readFileSync(file, "utf8");
  return {id: path.basename(file, ".json"), file, model: parseModelText(text, path.relative(process.cwd(), file) || file)};
}

/** The sorted union of the KPIs of the given models and any extra KPIs. */
export function kpisOf(models: readonly Model[], extra: readonly string[] = []): string[] {
  const ids = new Set<string>(extra);
  for (const m of models) for (const ind of m.indicators) ids.add(ind.kpi);
  return [...ids].sort();
}
