/**
 * An edited model's link (src/lib/state/model-codec.ts), the parts the round
 * trips do not reach: the field every position of the compact array is
 * named by in a message (compactPath, directly and through a link of the
 * wrong shape), the version a link of another format shows, bytes that are
 * not UTF-8, a character outside the BMP, a dimension index one past the
 * end, several model issues in one message, and a model whose indicator
 * names a dimension it lacks.
 */
import {describe, expect, it} from "vitest";
import {parseModel, type Model} from "../../src/engine/index.ts";
import {deflateRaw, toBase64Url} from "../../src/lib/deflate.ts";
import {compactPath, decodeModelLink, toCompact, writeModelLink, type ModelReference} from "../../src/lib/state/model-codec.ts";

const PRESET = parseModel({
  name: "Förval",
  dimensions: [{id: "a", label: "A", weight: 1}],
  indicators: [{kpi: "N00001", dimension: "a", direction: "higher_better", weight: 1}]
});
const ref: ModelReference = {preset: PRESET, titleOf: () => undefined};

/** The link text of some bytes, and of a compact array's JSON (possibly invalid content). */
const linkOfBytes = (bytes: Uint8Array) => toBase64Url(deflateRaw(bytes));
const linkOf = (compact: unknown) => linkOfBytes(new TextEncoder().encode(JSON.stringify(compact)));
const reason = (text: string) => {
  const r = decodeModelLink(text, ref);
  return "error" in r ? r.error : "(decoded)";
};
const shapeError = (at: string) => `modellen i länken har fel form vid ${at}`;

describe("compactPath", () => {
  it("names the version, the name and the model's own documentation", () => {
    expect(compactPath([0])).toBe("(formatversion)");
    expect(compactPath([1])).toBe("name");
    expect(compactPath([4])).toBe("(modell)");
    expect(compactPath([4, "d"])).toBe("description");
    expect(compactPath([4, "s"])).toBe("status");
    // A key the format does not have is named as it is.
    expect(compactPath([4, "x"])).toBe("x");
    expect(compactPath([])).toBe("(modell)");
    expect(compactPath([5])).toBe("(modell)");
  });

  it("names a dimension's fields by position, its description by key", () => {
    expect(compactPath([2])).toBe("dimensions");
    expect(compactPath([2, 3])).toBe("dimensions[3]");
    expect(compactPath([2, 3, 0])).toBe("dimensions[3].id");
    expect(compactPath([2, 3, 1])).toBe("dimensions[3].label");
    expect(compactPath([2, 3, 2])).toBe("dimensions[3].weight");
    expect(compactPath([2, 3, 3, "d"])).toBe("dimensions[3].description");
    // The documentation object itself (no key): the dimension.
    expect(compactPath([2, 3, 3])).toBe("dimensions[3]");
  });

  it("names an indicator's fields by position, its title and note by key", () => {
    expect(compactPath([3])).toBe("indicators");
    expect(compactPath([3, 7])).toBe("indicators[7]");
    expect(compactPath([3, 7, 0])).toBe("indicators[7].kpi");
    expect(compactPath([3, 7, 1])).toBe("indicators[7].dimension");
    expect(compactPath([3, 7, 2])).toBe("indicators[7].direction");
    expect(compactPath([3, 7, 3])).toBe("indicators[7].weight");
    expect(compactPath([3, 7, 4, "t"])).toBe("indicators[7].title");
    expect(compactPath([3, 7, 4, "n"])).toBe("indicators[7].note");
  });
});

describe("a link of the wrong shape names the field", () => {
  const base = () => [1, "M", [["a", "A", 1]], [["N00001", 0, 1, 1]]] as unknown[];
  const withDimension = (d: unknown) => linkOf([1, "M", [d], [["N00001", 0, 1, 1]]]);
  const withIndicator = (i: unknown) => linkOf([1, "M", [["a", "A", 1]], [i]]);

  it("a dimension that is not a list, or whose id or label is not text", () => {
    expect(reason(withDimension(5))).toBe(shapeError("dimensions[0]"));
    expect(reason(withDimension([5, "A", 1]))).toBe(shapeError("dimensions[0].id"));
    expect(reason(withDimension(["a", 5, 1]))).toBe(shapeError("dimensions[0].label"));
  });

  it("an indicator's KPI id, title or note that is not text", () => {
    expect(reason(withIndicator([5, 0, 1, 1]))).toBe(shapeError("indicators[0].kpi"));
    expect(reason(withIndicator(["N00001", 0, 1, 1, {t: 5}]))).toBe(shapeError("indicators[0].title"));
    expect(reason(withIndicator(["N00001", 0, 1, 1, {n: 5}]))).toBe(shapeError("indicators[0].note"));
  });

  it("the model's description or status that is not text", () => {
    expect(reason(linkOf([...base(), {d: 5}]))).toBe(shapeError("description"));
    expect(reason(linkOf([...base(), {s: 5}]))).toBe(shapeError("status"));
  });
});

describe("a link of another format", () => {
  it("shows the version it has, at most 20 characters of it", () => {
    expect(reason(linkOf([]))).toBe("modellen i länken har ett okänt format (version undefined)");
    expect(reason(linkOf(["x".repeat(30), "M", [], []]))).toBe(`modellen i länken har ett okänt format (version "${"x".repeat(19)})`);
    expect(reason(linkOf([1.5]))).toBe("modellen i länken har ett okänt format (version 1.5)");
  });
});

describe("what a link's text can hold", () => {
  it("bytes that are not UTF-8 are unreadable, even inside an otherwise valid model's text", () => {
    const encode = (t: string) => [...new TextEncoder().encode(t)];
    const bytes = Uint8Array.from([...encode('[1,"M'), 0xff, ...encode('",[["a","A",1]],[["N00001",0,1,1]]]')]);
    expect(reason(linkOfBytes(bytes))).toBe("modellen i länken är inte läsbar – länken är troligen ändrad");
    // The same text with a valid letter in its place is a model.
    expect(decodeModelLink(linkOf([1, "Mö", [["a", "A", 1]], [["N00001", 0, 1, 1]]]), ref)).toStrictEqual({model: {...PRESET, name: "Mö"}});
  });

  it("names a character outside the BMP (two UTF-16 units) whole", () => {
    const valid = writeModelLink(PRESET, ref);
    // The emoji takes the place of two characters, so the length stays a possible one.
    expect(reason(`${valid.slice(0, 4)}🙂${valid.slice(6)}`)).toBe("länken innehåller tecknet ”🙂”, som inte kan ingå i en modell i en länk");
  });
});

describe("the model in a link", () => {
  it("a dimension index equal to the number of dimensions points one past the end", () => {
    expect(reason(linkOf([1, "M", [["a", "A", 1]], [["N00001", 1, 1, 1]]]))).toBe("indicators[0].dimension: pekar på dimension nr 2, men modellen har 1");
    expect(reason(linkOf([1, "M", [["a", "A", 1], ["b", "B", 1]], [["N00001", 2, 1, 1]]]))).toBe("indicators[0].dimension: pekar på dimension nr 3, men modellen har 2");
    // The last dimension itself is fine.
    const two = decodeModelLink(linkOf([1, "M", [["a", "A", 1], ["b", "B", 1]], [["N00001", 1, 1, 1]]]), ref);
    expect("model" in two && two.model.indicators[0]!.dimension).toBe("b");
  });

  it("every issue of an invalid model, in order, separated by semicolons", () => {
    expect(reason(linkOf([1, "M", [["a", "A", -1]], [["N00001", 0, 1, -2], ["n2", 0, 1, 1]]]))).toBe(
      "dimensions[0].weight: får inte vara negativ; indicators[0].weight: får inte vara negativ; indicators[1].kpi: måste vara ett Kolada-id för ett nyckeltal, som N15428"
    );
  });
});

describe("toCompact", () => {
  it("refuses a model (never validated) whose indicator names a dimension it lacks", () => {
    const broken = {...PRESET, indicators: [...PRESET.indicators, {kpi: "N00002", dimension: "x", direction: "higher_better", weight: 1}]} as Model;
    expect(() => toCompact(broken, ref)).toThrow(new Error("indicator N00002 names an unknown dimension x"));
  });
});
