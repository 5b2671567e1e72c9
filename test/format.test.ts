/** Number formatting (src/components/format.ts). */
import {describe, expect, it} from "vitest";
import {formatValue} from "../src/components/format.ts";

describe("formatValue", () => {
  it("writes Swedish numbers with at most one decimal (two below 1) and the unit", () => {
    expect(formatValue(67.19686009)).toBe("67,2");
    expect(formatValue(12)).toBe("12");
    expect(formatValue(4523.44)).toBe("4\u00a0523,4");
    expect(formatValue(-18.5039)).toBe("\u221218,5");
    expect(formatValue(0.456)).toBe("0,46");
    expect(formatValue(89.73607038, "%")).toBe("89,7\u00a0%");
    expect(formatValue(null, "%")).toBe("–");
    expect(formatValue(NaN)).toBe("–");
  });
});
