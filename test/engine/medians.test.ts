/** Medians per year, nationally and per kommungrupp (src/engine/medians.ts). */
import {describe, expect, it} from "vitest";
import {medianTable} from "../../src/engine/index.ts";
import {smallMatrix} from "./profile-fixtures.ts";

describe("medianTable", () => {
  it("takes medians per year over the municipalities with a value, nationally and per kommungrupp", () => {
    const t = medianTable(smallMatrix(), ["N00001", "N00002"]);
    // N00001 2020: 10, 20, 30, 40 → (20 + 30) / 2; 2021: 12, 20, 40 → 20; 2022: 14, 20, 30, 40 → 25.
    expect([...t.national.get("N00001")!]).toEqual([25, 20, 25]);
    // A1 = 0101-0103: 2020 10, 20, 30 → 20; 2021 12, 20 → 16; 2022 14, 20, 30 → 20. B3: only 0104 has values.
    expect([...t.byGroup.get("N00001")!.get("A1")!]).toEqual([20, 16, 20]);
    expect([...t.byGroup.get("N00001")!.get("B3")!]).toEqual([40, 40, 40]);
    expect([...t.byGroup.get("N00002")!.get("B3")!]).toEqual([1.5, 1.5, 1.5]);
  });

  it("gives NaN for a KPI the matrix lacks", () => {
    const t = medianTable(smallMatrix(), ["NOPE"]);
    expect([...t.national.get("NOPE")!].every(Number.isNaN)).toBe(true);
  });
});
