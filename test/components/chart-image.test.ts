/** The pure part of "Spara bild" (components/chart-image.ts): reading a computed CSS gradient (the map's legend). */
import {describe, expect, it} from "vitest";
import {gradientStops} from "../../src/components/chart-image.ts";

describe("chart images", () => {
  it("read a computed CSS linear-gradient as SVG gradient stops", () => {
    expect(gradientStops("linear-gradient(to right, rgb(165, 0, 38) 0%, rgb(165, 0, 38) 50%, rgb(49, 54, 149) 50% 100%)")).toEqual({
      horizontal: true,
      stops: [
        {offset: 0, color: "rgb(165, 0, 38)"},
        {offset: 0.5, color: "rgb(165, 0, 38)"},
        {offset: 0.5, color: "rgb(49, 54, 149)"},
        {offset: 1, color: "rgb(49, 54, 149)"}
      ]
    });
    expect(gradientStops("none")).toBeNull();
  });
});
