/**
 * The codes in one pasted line (codesInLine): a bare code, or a link (or just
 * its query) whose `forslag` parameter holds one or more codes, separated by
 * commas, wherever the link sits in the line.
 */
import {describe, expect, it} from "vitest";
import {codesInLine} from "../../src/lib/state/proposal-codec.ts";

describe("codesInLine", () => {
  it("reads a query pasted without the page: from ? or from &", () => {
    expect(codesInLine("?forslag=KK-AAAA")).toEqual(["KK-AAAA"]);
    expect(codesInLine("&forslag=KK-AAAA")).toEqual(["KK-AAAA"]);
    expect(codesInLine("modell=skk-standard&forslag=KK-AAAA&ar=2022")).toEqual(["KK-AAAA"]);
  });

  it("drops the link's fragment, however long", () => {
    expect(codesInLine("https://example.org/workshop.html?forslag=KK-AAAA-BBBB#granska")).toEqual(["KK-AAAA-BBBB"]);
    expect(codesInLine("https://example.org/workshop.html?ar=2022&forslag=KK-AAAA#")).toEqual(["KK-AAAA"]);
  });

  it("a link in a sentence: text before the link, even with a question mark, is not part of the query", () => {
    expect(codesInLine("Vad tycker ni? https://example.org/workshop.html?forslag=KK-AAAA")).toEqual(["KK-AAAA"]);
    expect(codesInLine("Mitt förslag (ok?): workshop.html?ar=2022&forslag=KK-AAAA%2CKK-BBBB")).toEqual(["KK-AAAA", "KK-BBBB"]);
  });

  it("the first forslag parameter counts", () => {
    expect(codesInLine("workshop.html?forslag=KK-AAAA&forslag=KK-BBBB")).toEqual(["KK-AAAA"]);
  });

  it("several codes: blanks around each are dropped, and so are empty places (a doubled or trailing comma)", () => {
    expect(codesInLine("workshop.html?forslag=KK-AAAA,%20KK-BBBB,,KK-CCCC+,")).toEqual(["KK-AAAA", "KK-BBBB", "KK-CCCC"]);
    expect(codesInLine("workshop.html?forslag=,")).toEqual([]);
    expect(codesInLine("workshop.html?forslag=")).toEqual([]);
  });

  it("a line that begins with KK- is one code, whatever follows (the decoder then names what is wrong)", () => {
    expect(codesInLine("kk-aaaa&forslag=KK-BBBB")).toEqual(["kk-aaaa&forslag=KK-BBBB"]);
  });

  it("a line with neither a code nor a forslag parameter is returned whole, for the decoder to refuse", () => {
    expect(codesInLine("workshop.html?ar=2022&xforslag=KK-AAAA")).toEqual(["workshop.html?ar=2022&xforslag=KK-AAAA"]);
  });
});
