/** Shared data for the Kommunprofil's engine tests (medians, profile, contributions). */
import {buildMatrix} from "../../src/engine/index.ts";
import type {Model, ValueMatrix, ValueRow} from "../../src/engine/index.ts";
import {model, municipalities, rng, rowsForSeries} from "./fixtures.ts";

// A small data set: 5 municipalities in two kommungrupper, 2 KPIs, 2020-2022, plus Riket.
const CODES = ["0101", "0102", "0103", "0104", "0105"];
const GROUPS = ["A1", "A1", "A1", "B3", "B3"];
export const YEARS = [2020, 2021, 2022];
export function smallMatrix() {
  const rows = rowsForSeries(YEARS, {
    N00001: {
      "0101": [10, 12, 14],
      "0102": [20, 20, 20],
      "0103": [30, null, 30],
      "0104": [40, 40, 40],
      "0105": [null, null, null],
      "0000": [25, 26, 27]
    },
    N00002: {
      "0101": [5, 5, 5],
      "0102": [4, 4, 4],
      "0103": [3, 3, 3],
      "0104": [2, 2, 2],
      "0105": [1, 1, 1]
    }
  });
  return buildMatrix({municipalities: municipalities(CODES, GROUPS), values: rows});
}
export const SMALL_MODEL = model(
  [
    ["a", 1],
    ["b", 1]
  ],
  [
    ["N00001", "a", "higher_better", 1],
    ["N00002", "b", "lower_better", 1]
  ]
);


/**
 * A larger random data set: 40 municipalities, 7 KPIs in 3 dimensions
 * (one KPI with weight 0, one with values for only 2 municipalities, so it is
 * left out), 2019-2022, about 10 % of the values missing.
 */
export function randomProfileData(seed = 7): {matrix: ValueMatrix; model: Model} {
  const random = rng(seed);
  const codes = Array.from({length: 40}, (_, i) => String(1001 + i));
  const kpis = ["N10001", "N10002", "N10003", "N10004", "N10005", "N10006", "N10007"];
  const values: ValueRow[] = [];
  for (const kpi of kpis) {
    codes.forEach((municipality, i) => {
      for (const year of [2019, 2020, 2021, 2022]) {
        if (kpi === "N10007" && i >= 2) continue;
        if (random() < 0.1) continue;
        values.push({kpi, municipality, year, value: Math.round(random() * 1000) / 10});
      }
    });
  }
  const m = model(
    [
      ["a", 2],
      ["b", 1],
      ["c", 1]
    ],
    [
      ["N10001", "a", "higher_better", 1],
      ["N10002", "a", "lower_better", 2],
      ["N10003", "b", "higher_better", 1],
      ["N10004", "b", "higher_better", 0],
      ["N10005", "c", "lower_better", 1],
      ["N10006", "c", "higher_better", 1.5],
      ["N10007", "c", "higher_better", 1]
    ]
  );
  return {matrix: buildMatrix({municipalities: municipalities(codes), values}), model: m};
}
