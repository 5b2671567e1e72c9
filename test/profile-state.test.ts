/** The Kommunprofil's URL parameters (src/lib/state/profile-state.ts). */
import {describe, expect, it} from "vitest";
import {municipalityParam} from "../src/lib/state/profile-state.ts";
import {parseState} from "../src/lib/state/url-state.ts";

describe("municipalityParam", () => {
  it("accepts a known code and reports anything else without echoing HTML", () => {
    const spec = {kommun: municipalityParam(["0180", "1284"], "0180")};
    expect(parseState("?kommun=1284", spec)).toEqual({state: {kommun: "1284"}, notices: []});
    const bad = parseState("?kommun=%3Cscript%3E", spec);
    expect(bad.state.kommun).toBe("0180");
    expect(bad.notices).toHaveLength(1);
    expect(bad.notices[0]).toContain("fyrsiffriga kod");
    const unknown = parseState("?kommun=9999&foo=1", spec);
    expect(unknown.state.kommun).toBe("0180");
    expect(unknown.notices).toHaveLength(2);
  });
});
