/** Load progress, for the page's loading indicator (components/load-progress.ts). */

/** How far loading has come: `done` of `total` steps, and what is happening now (Swedish, for the page). */
export interface LoadProgress {
  done: number;
  total: number;
  step: string;
}

/**
 * Counts `total` steps: reports `first` at once, then `step(label, promise)`
 * reports `label` when the promise settles successfully, and `next(label)`
 * reports a step done in between.
 */
export function progressSteps(total: number, onProgress: (progress: LoadProgress) => void, first: string) {
  let done = 0;
  onProgress({done, total, step: first});
  const next = (label: string) => onProgress({done: ++done, total, step: label});
  return {
    next,
    step: <T>(label: string, promise: Promise<T>): Promise<T> =>
      promise.then((value) => {
        next(label);
        return value;
      })
  };
}
