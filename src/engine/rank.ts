/**
 * Ranking: by score descending, ties broken by municipality code ascending,
 * rank 1 best; optionally restarted within each group (SKR kommungrupp or
 * main group). Municipality indices are in code order (see matrix.ts), so the
 * tie-break is index order.
 */

/**
 * The ranking's order as a sort comparator of municipality indices: higher
 * score first, equal scores by index (code order). Named and tested on its
 * own, in both argument orders: a sort engine may call it either way.
 */
export function byScoreThenIndex(scores: ArrayLike<number>): (a: number, b: number) => number {
  return (a, b) => scores[b]! - scores[a]! || a - b;
}

/** Indices of the eligible municipalities, best first. */
export function rankOrder(scores: Float64Array, eligible: Uint8Array): Int32Array {
  const idx: number[] = [];
  for (let m = 0; m < scores.length; m++) if (eligible[m]) idx.push(m);
  idx.sort(byScoreThenIndex(scores));
  return Int32Array.from(idx);
}

export interface Ranks {
  /** Best first. */
  order: Int32Array;
  /** Overall rank per municipality, 0 when not ranked. */
  overall: Int32Array;
  /** Rank within the municipality's group (equals overall without groups), 0 when not ranked. */
  withinGroup: Int32Array;
}

/** Ranks the eligible municipalities, within groups when `groupOf` is given. */
export function rankMunicipalities(scores: Float64Array, eligible: Uint8Array, groupOf?: readonly string[]): Ranks {
  const order = rankOrder(scores, eligible);
  const overall = new Int32Array(scores.length);
  const withinGroup = new Int32Array(scores.length);
  const counters = new Map<string, number>();
  for (let r = 0; r < order.length; r++) {
    const m = order[r]!;
    overall[m] = r + 1;
    if (groupOf) {
      const g = groupOf[m]!;
      const next = (counters.get(g) ?? 0) + 1;
      counters.set(g, next);
      withinGroup[m] = next;
    } else {
      withinGroup[m] = r + 1;
    }
  }
  return {order, overall, withinGroup};
}
