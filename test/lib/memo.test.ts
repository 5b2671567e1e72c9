import {describe, expect, it} from "vitest";
import {memo, memoByKey} from "../../src/lib/memo.ts";

describe("memo", () => {
  it("recomputes only when an argument changes", () => {
    const square = memo((x: number, label: string) => ({x: x * x, label}));
    const a = square(3, "a");
    expect(square(3, "a")).toBe(a);
    expect(square.calls).toBe(1);
    expect(square(4, "a")).toEqual({x: 16, label: "a"});
    expect(square(4, "b").label).toBe("b");
    expect(square.calls).toBe(3);
  });

  it("compares objects by identity, so a new weights object is a new input", () => {
    const seen = memo((o: {w: number}) => o.w);
    const o = {w: 1};
    seen(o);
    seen(o);
    seen({w: 1});
    expect(seen.calls).toBe(2);
  });
});

describe("memoByKey", () => {
  it("computes each key once and keeps every key's result", () => {
    let calls = 0;
    const twice = memoByKey((key) => (calls++, key + key));
    expect([twice("a"), twice("b"), twice("a")]).toEqual(["aa", "bb", "aa"]);
    expect(calls).toBe(2);
  });
});
