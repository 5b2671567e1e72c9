/**
 * Memoisation by real dependencies. `memo(compute)` returns a function that
 * recomputes only when one of its arguments differs (Object.is) from the
 * previous call's. The pages chain these so that, e.g., a steadiness change
 * reuses the weight-independent precompute and only re-scores.
 */
export function memo<A extends readonly unknown[], R>(compute: (...args: A) => R): ((...args: A) => R) & {calls: number} {
  let lastArgs: A | undefined;
  let lastResult: R;
  const f = ((...args: A): R => {
    if (lastArgs && lastArgs.length === args.length && args.every((a, i) => Object.is(a, lastArgs![i]))) return lastResult;
    f.calls++;
    lastArgs = args;
    lastResult = compute(...args);
    return lastResult;
  }) as ((...args: A) => R) & {calls: number};
  f.calls = 0;
  return f;
}

/** Keeps every result by key (e.g. per model id: switching back reuses the work). */
export function memoByKey<T>(compute: (key: string) => T): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    if (!cache.has(key)) cache.set(key, compute(key));
    return cache.get(key)!;
  };
}
