/**
 * The engine's sort comparators, called directly in both argument orders.
 * A sort engine may call a comparator as (earlier, later) or (later, earlier)
 * and may read any sign, so each must say "before", "after" or "equal"
 * correctly both ways; sorting under one engine (V8 here) cannot show that.
 */
import {describe, expect, it} from "vitest";
import {byContribution, byGroupThenRank, byScoreThenIndex, byValueThenIndex, compareCodes, type RankGroups} from "../../src/engine/index.ts";

describe("compareCodes: code order", () => {
  it("is negative, positive or zero as the first code comes before, after or equals the second", () => {
    expect(Math.sign(compareCodes("0114", "0115"))).toBe(-1);
    expect(Math.sign(compareCodes("0115", "0114"))).toBe(1);
    expect(compareCodes("1280", "1280")).toBe(0);
    expect(Math.sign(compareCodes("0180", "1280"))).toBe(-1);
    expect(Math.sign(compareCodes("1280", "0180"))).toBe(1);
  });
});

describe("byScoreThenIndex: the ranking's order", () => {
  const cmp = byScoreThenIndex(Float64Array.from([1, 3, 3, 2]));
  it("puts the higher score first, in both argument orders", () => {
    expect(Math.sign(cmp(1, 0))).toBe(-1); // 3 before 1
    expect(Math.sign(cmp(0, 1))).toBe(1);
    expect(Math.sign(cmp(3, 0))).toBe(-1); // 2 before 1
  });
  it("breaks a tie by index (code order), in both argument orders, and a municipality equals itself", () => {
    expect(Math.sign(cmp(1, 2))).toBe(-1);
    expect(Math.sign(cmp(2, 1))).toBe(1);
    expect(cmp(2, 2)).toBe(0);
  });
});

describe("byValueThenIndex: ascending values", () => {
  const cmp = byValueThenIndex([5, -1, 5, 0]);
  it("puts the smaller value first, in both argument orders", () => {
    expect(Math.sign(cmp(1, 0))).toBe(-1);
    expect(Math.sign(cmp(0, 1))).toBe(1);
    expect(Math.sign(cmp(3, 2))).toBe(-1);
  });
  it("breaks a tie by index, in both argument orders, and an index equals itself", () => {
    expect(Math.sign(cmp(0, 2))).toBe(-1);
    expect(Math.sign(cmp(2, 0))).toBe(1);
    expect(cmp(0, 0)).toBe(0);
  });
});

describe("byGroupThenRank: the grouped table's order", () => {
  // Municipalities 0..3: groups B, A, B, A; group A sorts first (key "A1"), B second ("B1").
  const g: RankGroups = {groupOf: ["B", "A", "B", "A"], sortKey: new Map([["A", "A1"], ["B", "B1"]])};
  const withinGroup = Int32Array.from([1, 2, 2, 1]);
  const cmp = byGroupThenRank(g, withinGroup);
  it("puts the group with the smaller key first, whatever the ranks, in both argument orders", () => {
    expect(Math.sign(cmp(1, 0))).toBe(-1); // A (rank 2) before B (rank 1)
    expect(Math.sign(cmp(0, 1))).toBe(1);
  });
  it("within a group, the better rank first, in both argument orders; a row equals itself", () => {
    expect(Math.sign(cmp(3, 1))).toBe(-1); // A: rank 1 before rank 2
    expect(Math.sign(cmp(1, 3))).toBe(1);
    expect(Math.sign(cmp(0, 2))).toBe(-1); // B: rank 1 before rank 2
    expect(Math.sign(cmp(2, 0))).toBe(1);
    expect(cmp(3, 3)).toBe(0);
  });
});

describe("byContribution: the KPIs of a municipality's contributions", () => {
  type K = {id: string; contribution: number | null};
  const kpis: K[] = [
    {id: "k0", contribution: 0.5},
    {id: "k1", contribution: null},
    {id: "k2", contribution: 0.5},
    {id: "k3", contribution: 2},
    {id: "k4", contribution: null}
  ];
  const cmp = byContribution((k: K) => kpis.indexOf(k));
  const [k0, k1, k2, k3, k4] = kpis as [K, K, K, K, K];
  it("puts the larger contribution first, in both argument orders", () => {
    expect(Math.sign(cmp(k3, k0))).toBe(-1);
    expect(Math.sign(cmp(k0, k3))).toBe(1);
  });
  it("puts a KPI without a contribution after one with, in both argument orders", () => {
    expect(Math.sign(cmp(k1, k0))).toBe(1);
    expect(Math.sign(cmp(k0, k1))).toBe(-1);
    // k1 (no contribution) comes before k2 in model order, yet sorts after it.
    expect(Math.sign(cmp(k1, k2))).toBe(1);
    expect(Math.sign(cmp(k2, k1))).toBe(-1);
  });
  it("keeps model order for equal contributions and between KPIs without one, in both argument orders", () => {
    expect(Math.sign(cmp(k0, k2))).toBe(-1);
    expect(Math.sign(cmp(k2, k0))).toBe(1);
    expect(Math.sign(cmp(k1, k4))).toBe(-1);
    expect(Math.sign(cmp(k4, k1))).toBe(1);
    expect(cmp(k2, k2)).toBe(0);
  });
});
