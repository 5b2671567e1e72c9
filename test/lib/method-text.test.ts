/** The report's method text follows the settings actually used. */
import {describe, expect, it} from "vitest";
import {prepareImprovement, prepareNomination, score} from "../../src/engine/index.ts";
import {methodSections} from "../../src/lib/report/method-text.ts";
import {matrixOf, model, rowsForSeries, rowsForYear} from "../engine/fixtures.ts";

const codes = ["0101", "0102", "0103", "0104"];
const M = model([["a", 1]], [
  ["N00001", "a", "higher_better", 1],
  ["N00002", "a", "lower_better", 1]
]);
const text = (sections: ReturnType<typeof methodSections>) => sections.map((s) => `${s.heading}: ${s.text.join(" ")}`).join("\n");

describe("methodSections", () => {
  const matrix = matrixOf(codes, rowsForYear(2022, codes, {N00001: [1, 2, 3, 4], N00002: [4, 1, 3, 2]}));

  it("describes the default nomination: z-scores, arithmetic mean, the 2/3 rule with its numbers, ties by code", () => {
    const t = text(methodSections(score(prepareNomination(matrix, M, 2022))));
    expect(t).toContain("z = s · (x − medel) / sd");
    expect(t).toContain("Aritmetiskt medel");
    expect(t).toContain("minst 2 av 2");
    expect(t).toContain("kommunkoden i stigande ordning");
    expect(t).not.toContain("Winsorisering");
    expect(t).not.toContain("Geometriskt");
  });

  it("names the options in use: min-max, geometric with its shift, winsorising, grouping", () => {
    const r = score(prepareNomination(matrix, M, 2022, {normalisation: "minmax", aggregation: "geometric", winsorise: true}), undefined, {grouping: "kommungrupp"});
    const t = text(methodSections(r));
    expect(t).toContain("min–max");
    expect(t).toContain(`c = ${String(r.shift).replace(".", ",")}`);
    expect(t).toContain("Winsorisering enligt JRC");
    expect(t).toContain("inom varje kommungrupp");
  });

  it("describes an improvement ranking: window, measure, the shared usability rule, steadiness and its minimum", () => {
    const series = rowsForSeries([2019, 2020, 2021, 2022], {
      N00001: {"0101": [1, 2, 3, 4], "0102": [2, 2, 3, 3], "0103": [3, 2, 2, 1], "0104": [1, 3, 2, 4]},
      N00002: {"0101": [4, 3, 2, 1], "0102": [2, 3, 3, 2], "0103": [1, 2, 3, 4], "0104": [3, 3, 2, 2]}
    });
    const r = score(prepareImprovement(matrixOf(codes, series), M, 2022, {method: "regression"}), undefined, {minSteadiness: 0.5});
    const t = text(methodSections(r));
    expect(t).toContain("Fönster: 2019–2022 (4 år)");
    expect(t).toContain("regression mot medelvärdet");
    expect(t).toContain("samma regel för alla mått");
    expect(t).toContain("krävs till minst 50 %");
    expect(t).not.toContain("z = s");
  });
});
