/**
 * Reading weights files (`rank --weights`, `pool --proposals`): the format and
 * its validation are engine/pool.ts's; here only the file. Every problem is a
 * {@link WeightsError} naming the file and the field (exit code 1).
 */
import {readFileSync} from "node:fs";
import {parseWeightsText, WeightsError, type Model, type WeightsFile} from "../src/engine/index.ts";

/** Reads and validates a weights file against the model. */
export function readWeights(file: string, model: Model): WeightsFile {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new WeightsError(file, [`cannot read the file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`]);
  }
  return parseWeightsText(text, model, file);
}
