import {describe, expect, it} from "vitest";
import {coverageReason, meetsCoverage, requiredKpis} from "../../src/engine/index.ts";

describe("the 2/3 coverage rule", () => {
  it("is exact integer arithmetic, just above and just below", () => {
    expect(requiredKpis(18)).toBe(12);
    expect(meetsCoverage(12, 18)).toBe(true);
    expect(meetsCoverage(11, 18)).toBe(false);
    expect(requiredKpis(4)).toBe(3); // 8/3 = 2.67 -> 3
    expect(meetsCoverage(3, 4)).toBe(true);
    expect(meetsCoverage(2, 4)).toBe(false);
    expect(requiredKpis(3)).toBe(2);
    expect(meetsCoverage(2, 3)).toBe(true);
    expect(meetsCoverage(1, 3)).toBe(false);
    for (let u = 0; u <= 200; u++) {
      const req = requiredKpis(u);
      expect(meetsCoverage(req, u)).toBe(true);
      if (req > 0) expect(meetsCoverage(req - 1, u)).toBe(false);
      expect(req).toBe(Math.ceil((2 * u) / 3 - 1e-9) + 0);
    }
  });

  it("says how many KPIs a municipality has and needs", () => {
    expect(coverageReason(10, 18).reason).toBe("har 10 av 18 användbara KPI:er (kräver minst 12)");
  });
});
