/**
 * The commands' argument handling, in-process and without data: the parsers
 * (rank, robustness, audit) and the helpers of cli/args.ts. The same error
 * cases as the commands' own tests (test/cli-*.test.ts, which run `main()`
 * on the real snapshot), here fast enough for the mutation run
 * (vitest.stryker.config.ts).
 */
import {mkdtempSync, rmSync, symlinkSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import path from "node:path";
import {fileURLToPath, pathToFileURL} from "node:url";
import {afterEach, describe, expect, it} from "vitest";
import {csvField, csvNumber, fromParsed, isMainModule, oneOf, parseCommandLine, parseFlags, parseInteger, parseYear, required, runIfMain, takeList, UsageError, type MainProcess} from "../cli/args.ts";
import {parseAuditArgs} from "../cli/audit.ts";
import {parsePoolArgs} from "../cli/pool.ts";
import {parseArgs} from "../cli/rank.ts";
import {parseRobustnessArgs} from "../cli/robustness.ts";
import {DEFAULT_TOP_N, parseScenariosArgs} from "../cli/scenarios.ts";

const good = "m.json";

function usageError(parse: () => unknown): string {
  try {
    parse();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error("no UsageError");
}

describe("rank arguments (existing error cases)", () => {
  it.each([
    [[], /--model FILE is required/],
    [["--model", good], /--year Y is required/],
    [["--model", good, "--year", "22"], /--year must be a four-digit year/],
    [["--model", good, "--year", "2022", "--kind", "best"], /--kind must be one of nomination, improvement/],
    [["--model", good, "--year", "2022", "--window", "5"], /--window must be one of 3, 4/],
    [["--model", good, "--year", "2022", "--format", "xml"], /--format must be one of csv, json/],
    [["--model", good, "--year", "2022", "--colour", "red"], /unknown option --colour/],
    [["--model", good, "--year", "2022", "--foo"], /unknown option --foo/],
    [["--model", good, "--year"], /--year needs a value/],
    [["--model", good, "--year", "2022", "extra"], /unexpected argument "extra"/],
    [["--model", good, "--year", "2022", "--kind", "improvement", "--normalisation", "minmax"], /--normalisation applies to --kind nomination only/],
    [["--model", good, "--year", "2022", "--kind", "improvement", "--min-steadiness", "2"], /--min-steadiness must be a number from 0 to 1/]
  ] as const)("%j is a usage error naming the problem", (argv, message) => {
    expect(usageError(() => parseArgs(argv))).toMatch(message);
  });

  it("accepts and ignores --window for nomination", () => {
    expect(parseArgs(["--model", "m.json", "--year", "2022", "--window", "3"]).kind).toBe("nomination");
  });
});

describe("robustness arguments (existing error cases)", () => {
  const base = ["--model", good, "--year", "2022"];
  it.each([
    [[], /--model FILE is required/],
    [["--model", good], /--year Y is required/],
    [[...base, "--draws", "0"], /--draws must be a whole number from 1 to 20000 \(got "0"\)/],
    [[...base, "--draws", "20001"], /--draws must be a whole number from 1 to 20000 \(got "20001"\)/],
    [[...base, "--draws", "1.5"], /--draws must be a whole number/],
    [[...base, "--noise", "1.5"], /--noise must be a number from 0 to 1 \(got "1.5"\)/],
    [[...base, "--noise", "-0.1"], /--noise must be a number from 0 to 1 \(got "-0.1"\)/],
    [[...base, "--seed", "-1"], /--seed must be a whole number from 0 to 4294967295/],
    [[...base, "--vary", "dimension_weights,colour"], /unknown --vary value "colour" \(allowed: dimension_weights, kpi_weights/],
    [[...base, "--vary", "window"], /--vary window applies to --kind improvement only/],
    [[...base, "--vary", "kpi_weights,method"], /--vary method applies to --kind improvement only/],
    [[...base, "--kind", "improvement", "--vary", "normalisation"], /--vary normalisation applies to --kind nomination only/],
    [[...base, "--bounds", "2,1"], /--bounds must be LO,HI with 0 ≤ LO ≤ HI: LO is above HI \(got "2,1"\)/],
    [[...base, "--bounds", "-1,2"], /--bounds must be LO,HI .*: LO is negative/],
    [[...base, "--bounds", "0.5,-2"], /--bounds must be LO,HI .*: HI is negative/],
    [[...base, "--bounds", "0.5,inf"], /with HI = inf, LO must be 0/],
    [[...base, "--bounds", "1"], /--bounds must be LO,HI/],
    [[...base, "--sobol", "1"], /--sobol must be 0 \(no Sobol indices\) or a whole number from 2 to 20000/],
    [[...base, "--sobol", "20001"], /--sobol must be 0/],
    [[...base, "--top", "0"], /--top must be a whole number from 1 to 290/],
    [[...base, "--kind", "best"], /--kind must be one of nomination, improvement/],
    [[...base, "--window", "5"], /--window must be one of 3, 4/],
    [[...base, "--format", "xml"], /--format must be one of csv, json/],
    [[...base, "--colour", "red"], /unknown option --colour/],
    [[...base, "--draws", "200", "--foo"], /unknown option --foo/],
    [[...base, "--draws"], /--draws needs a value/],
    [[...base, "--seed", "--draws", "5"], /--seed needs a value/],
    [[...base, "--noise="], /--noise needs a value/],
    [[...base, "--seed", "1", "--seed", "2"], /--seed is given twice/],
    [[...base, "extra"], /unexpected argument "extra"/],
    [["--model", good, "--year", "22"], /^--year must be a four-digit year \(got "22"\)$/]
  ] as const)("%j is a usage error naming the problem", (argv, message) => {
    expect(usageError(() => parseRobustnessArgs(argv))).toMatch(message);
  });
});

describe("pool arguments", () => {
  it("reads the model, every proposal file up to the next option and the method (default mean)", () => {
    expect(parsePoolArgs(["--model", "m.json", "--proposals", "a.json", "b c.json", "--method", "geomean"])).toStrictEqual({model: "m.json", proposals: ["a.json", "b c.json"], method: "geomean"});
    expect(parsePoolArgs(["--proposals", "a.json", "--model=m.json"])).toStrictEqual({model: "m.json", proposals: ["a.json"], method: "mean"});
    expect(parsePoolArgs(["--model", "m.json", "--proposals=a.json", "b.json"]).proposals).toEqual(["a.json", "b.json"]);
  });

  it.each([
    [[], "--model FILE is required"],
    [["--proposals", "a.json"], "--model FILE is required"],
    [["--model", "m.json"], "--proposals FILE... is required"],
    [["--model", "m.json", "--proposals"], "--proposals needs at least one file"],
    [["--model", "m.json", "--proposals="], "--proposals needs at least one file"],
    [["--model", "m.json", "--proposals", "a", "--proposals", "b"], "--proposals is given twice (list every file after one --proposals)"],
    [["--model", "m.json", "--proposals", "a", "--method", "mode"], '--method must be one of mean, median, geomean (got "mode")'],
    [["--model", "m.json", "--proposals", "a", "--method"], "--method needs a value"],
    [["--model", "m.json", "--proposals", "a", "--top", "3"], "unknown option --top"],
    [["x", "--model", "m.json", "--proposals", "a"], 'unexpected argument "x"']
  ])("%j is a usage error naming the problem", (argv, message) => {
    expect(usageError(() => parsePoolArgs(argv))).toBe(message);
  });

  it("--help is a usage error without a message (usage, exit 0)", () => {
    expect(usageError(() => parsePoolArgs(["--help"]))).toBe("");
  });
});

describe("scenarios arguments", () => {
  const two = ["--models", "a.json", "b.json"];

  it("--models: the files up to the next option, the year, the default top N and format", () => {
    expect(parseScenariosArgs([...two, "--year", "2022"])).toStrictEqual({models: ["a.json", "b.json"], year: 2022, top: DEFAULT_TOP_N, format: "csv"});
    expect(parseScenariosArgs(["--year=2019", "--models=a.json", "b.json", "c.json", "--top", "290", "--format", "json"])).toStrictEqual({models: ["a.json", "b.json", "c.json"], year: 2019, top: 290, format: "json"});
    expect(DEFAULT_TOP_N).toBe(10);
  });

  it("--scenarios: the file, and only the options given (year and top then come from the file)", () => {
    expect(parseScenariosArgs(["--scenarios", "s.json"])).toStrictEqual({scenarios: "s.json", format: "csv"});
    expect(parseScenariosArgs(["--scenarios", "s.json", "--year", "2021", "--top", "1", "--format", "json"])).toStrictEqual({scenarios: "s.json", year: 2021, top: 1, format: "json"});
  });

  it("--pick: 1-based positions become 0-based, repeats once, in the given order", () => {
    expect(parseScenariosArgs(["--scenarios", "s.json", "--pick", "3,1"]).pick).toStrictEqual([2, 0]);
    expect(parseScenariosArgs(["--scenarios", "s.json", "--pick", "2,2,10"]).pick).toStrictEqual([1, 9]);
  });

  it.each([
    [["--year", "2022"], "--models FILE FILE... (or --scenarios FILE) is required"],
    [[], "--models FILE FILE... (or --scenarios FILE) is required"],
    [[...two, "--scenarios", "s.json"], "give --models or --scenarios, not both"],
    [[...two, "--year", "2022", "--pick", "1,2"], "--pick applies to --scenarios only"],
    [["--scenarios", "s.json", "--pick", "2"], "--pick needs at least two scenarios to compare (got 1)"],
    [["--scenarios", "s.json", "--pick", "2,2"], "--pick needs at least two scenarios to compare (got 1)"],
    [["--scenarios", "s.json", "--pick", "0,1"], '--pick must be scenario positions 1, 2, … separated by commas (got "0,1")'],
    [["--scenarios", "s.json", "--pick", "1,x"], '--pick must be scenario positions 1, 2, … separated by commas (got "1,x")'],
    [["--scenarios", "s.json", "--pick", "1,2x"], '--pick must be scenario positions 1, 2, … separated by commas (got "1,2x")'],
    [["--scenarios", "s.json", "--pick", "x1,2"], '--pick must be scenario positions 1, 2, … separated by commas (got "x1,2")'],
    [["--scenarios", "s.json", "--pick", "1,,2"], '--pick must be scenario positions 1, 2, … separated by commas (got "1,,2")'],
    [["--models", "a.json", "--year", "2022"], "--models needs at least two files to compare (got 1)"],
    [["--models", "--year", "2022"], "--models needs a value"],
    [[...two, "--models", "c.json", "--year", "2022"], "--models is given twice"],
    [two, "--year Y is required"],
    [[...two, "--year", "22"], '--year must be a four-digit year (got "22")'],
    [[...two, "--year", "2022", "--top", "0"], '--top must be a whole number from 1 to 290 (got "0")'],
    [[...two, "--year", "2022", "--top", "291"], '--top must be a whole number from 1 to 290 (got "291")'],
    [[...two, "--year", "2022", "--format", "xlsx"], '--format must be one of csv, json (got "xlsx")'],
    [[...two, "--year", "2022", "--kind", "improvement"], "unknown option --kind"]
  ])("%j is a usage error naming the problem", (argv, message) => {
    expect(usageError(() => parseScenariosArgs(argv))).toBe(message);
  });

  it("--help is a usage error without a message (usage, exit 0)", () => {
    expect(usageError(() => parseScenariosArgs(["--help"]))).toBe("");
    expect(usageError(() => parseScenariosArgs([...two, "--help"]))).toBe("");
  });
});

describe("audit arguments (existing error cases)", () => {
  it.each([
    [[], /--model FILE is required/],
    [["--model", good], /--year Y is required/],
    [["--model", good, "--year", "22"], /--year must be a four-digit year \(got "22"\)/],
    [["--model", good, "--year", "2022", "--format", "xml"], /--format must be one of csv, json \(got "xml"\)/],
    [["--model", good, "--year", "2022", "--colour", "red"], /unknown option --colour/],
    [["--model", good, "--year", "2022", "--colour"], /unknown option --colour/],
    [["--model", good, "--year", "2022", "--colour=red"], /unknown option --colour/],
    [["--model", good, "--year"], /--year needs a value/],
    [["--model", good, "--year", "--top", "5"], /--year needs a value/],
    [["--model", good, "--year", "2022", "--top"], /--top needs a value/],
    [["--model=", "--year", "2022"], /--model needs a value/],
    [["--model", good, "--year", "2022", "--top", "0"], /--top must be a whole number from 1 to 290 \(got "0"\)/],
    [["--model", good, "--year", "2022", "--top", "1e1"], /--top must be a whole number/],
    [["--model", good, "--year", "2022", "--top", "5", "--top", "6"], /--top is given twice/],
    [["--model", good, "--year", "2022", "extra"], /unexpected argument "extra"/]
  ] as const)("%j is a usage error naming the problem", (argv, message) => {
    expect(usageError(() => parseAuditArgs(argv))).toMatch(message);
  });
});

const RANK_DEFAULTS = {
  model: "m.json",
  year: 2022,
  kind: "nomination",
  window: 4,
  format: "csv",
  out: undefined,
  normalisation: "zscore",
  aggregation: "arithmetic",
  winsorise: false,
  grouping: "none",
  method: "theil-sen",
  minSteadiness: undefined,
  weights: undefined
};

describe("rank arguments", () => {
  const base = ["--model", "m.json", "--year", "2022"];

  it("has the documented defaults", () => {
    expect(parseArgs(base)).toStrictEqual(RANK_DEFAULTS);
  });

  it("reads every nomination option, in --name value and --name=value form", () => {
    const argv = ["--model=dir/x.json", "--year=2019", "--window", "3", "--format=json", "--out", "o.csv", "--normalisation", "goalposts", "--aggregation=geometric", "--winsorise", "--group", "kommungrupp"];
    expect(parseArgs(argv)).toStrictEqual({
      ...RANK_DEFAULTS,
      model: "dir/x.json",
      year: 2019,
      window: 3,
      format: "json",
      out: "o.csv",
      normalisation: "goalposts",
      aggregation: "geometric",
      winsorise: true,
      grouping: "kommungrupp"
    });
  });

  it("reads every improvement option", () => {
    const argv = [...base, "--kind", "improvement", "--window", "3", "--method", "regression", "--min-steadiness", "0.5", "--group", "main-group", "--winsorise", "--format", "csv-sv"];
    expect(parseArgs(argv)).toStrictEqual({...RANK_DEFAULTS, kind: "improvement", window: 3, method: "regression", minSteadiness: 0.5, grouping: "mainGroup", winsorise: true, format: "csv-sv"});
  });

  it("takes --weights FILE in both forms; without a value, empty or twice it is a usage error", () => {
    expect(parseArgs([...base, "--weights", "w.json"])).toStrictEqual({...RANK_DEFAULTS, weights: "w.json"});
    expect(parseArgs([...base, "--weights=dir/w.json"]).weights).toBe("dir/w.json");
    expect(usageError(() => parseArgs([...base, "--weights"]))).toBe("--weights needs a value");
    expect(usageError(() => parseArgs([...base, "--weights="]))).toBe("--weights needs a value");
    expect(usageError(() => parseArgs([...base, "--weights", "--year"]))).toBe("--weights needs a value");
    expect(usageError(() => parseArgs([...base, "--weights", "a", "--weights", "b"]))).toBe("--weights is given twice");
  });

  it.each(["national", "theil-sen"])("takes --method %s for improvement", (method) => {
    expect(parseArgs([...base, "--kind", "improvement", "--method", method]).method).toBe(method);
  });

  it.each(["zscore", "minmax", "percentile"])("takes --normalisation %s", (n) => {
    expect(parseArgs([...base, "--normalisation", n]).normalisation).toBe(n);
  });

  it("takes a value that starts with -- after =, not as the next argument", () => {
    expect(parseArgs(["--model=--odd.json", "--year", "2022"]).model).toBe("--odd.json");
    expect(usageError(() => parseArgs(["--model", "--year", "2022"]))).toBe("--model needs a value");
  });

  it.each([
    [["--min-steadiness", "0"], 0],
    [["--min-steadiness", "1"], 1],
    [["--min-steadiness=0.25"], 0.25]
  ])("--min-steadiness %j is %d", (flag, value) => {
    expect(parseArgs([...base, "--kind", "improvement", ...flag]).minSteadiness).toBe(value);
  });

  it.each(["-0.1", "1.01", "abc", " ", "NaN"])("--min-steadiness %j is out of range", (text) => {
    expect(usageError(() => parseArgs([...base, "--kind", "improvement", "--min-steadiness", text]))).toBe(`--min-steadiness must be a number from 0 to 1 (got "${text}")`);
  });

  it.each(["xlsx", "parquet"])("--format %s needs --out and is accepted with it", (format) => {
    expect(usageError(() => parseArgs([...base, "--format", format]))).toBe(`--format ${format} needs --out FILE (binary output is not written to the terminal)`);
    expect(parseArgs([...base, "--format", format, "--out", "r.bin"])).toMatchObject({format, out: "r.bin"});
  });

  it.each([
    [["--year", "2022"], "--model FILE is required"],
    [["--model=", "--year", "2022"], "--model needs a value"],
    [["--model", "m.json", "--year="], "--year needs a value"],
    [[...base.slice(0, 2), "--year", "20222"], '--year must be a four-digit year (got "20222")'],
    [[...base.slice(0, 2), "--year", "x2022"], '--year must be a four-digit year (got "x2022")'],
    [[...base.slice(0, 2), "--year", "2022x"], '--year must be a four-digit year (got "2022x")'],
    [[...base, "--kind", "best"], '--kind must be one of nomination, improvement (got "best")'],
    [[...base, "--window", "5"], '--window must be one of 3, 4 (got "5")'],
    [[...base, "--format", "xml"], '--format must be one of csv, json, csv-sv, xlsx, parquet (got "xml")'],
    [[...base, "--normalisation", "rank"], '--normalisation must be one of zscore, minmax, percentile, goalposts (got "rank")'],
    [[...base, "--aggregation", "harmonic"], '--aggregation must be one of arithmetic, geometric (got "harmonic")'],
    [[...base, "--group", "county"], '--group must be one of none, kommungrupp, main-group (got "county")'],
    [[...base, "--kind", "improvement", "--method", "ols"], '--method must be one of theil-sen, national, regression (got "ols")'],
    [[...base, "--method", "national"], "--method applies to --kind improvement only"],
    [[...base, "--min-steadiness", "0.5"], "--min-steadiness applies to --kind improvement only"],
    [[...base, "--kind", "improvement", "--normalisation", "zscore"], "--normalisation applies to --kind nomination only"],
    [[...base, "--winsorise=yes"], "--winsorise takes no value"],
    [[...base, "--help=1"], "--help takes no value"],
    [[...base, "--year", "2021"], "--year is given twice"],
    [[...base, "--winsorise", "--winsorise"], "--winsorise is given twice"],
    [[...base, "--colour=red"], "unknown option --colour"],
    [[...base, "-x"], 'unexpected argument "-x"'],
    [[...base, "--out"], "--out needs a value"]
  ])("%j: %s", (argv, message) => {
    expect(usageError(() => parseArgs(argv))).toBe(message);
  });

  it("--help is a usage error with no message, wherever it stands and whatever else is wrong", () => {
    expect(usageError(() => parseArgs(["--help"]))).toBe("");
    expect(usageError(() => parseArgs([...base, "--kind", "best", "--help"]))).toBe("");
  });

  it("--winsorise takes no value: the next argument is the next option", () => {
    expect(parseArgs(["--winsorise", ...base])).toStrictEqual({...RANK_DEFAULTS, winsorise: true});
  });
});

const ROBUSTNESS_DEFAULTS = {
  model: "m.json",
  year: 2022,
  kind: "nomination",
  window: 4,
  top: 10,
  draws: 1000,
  seed: 1,
  noise: 0.25,
  vary: ["dimension_weights", "kpi_weights"],
  bounds: {lo: 0.5, hi: 2},
  sobol: 1000,
  format: "csv"
};

describe("robustness arguments", () => {
  const base = ["--model", "m.json", "--year", "2022"];

  it("has the documented defaults", () => {
    expect(parseRobustnessArgs(base)).toStrictEqual(ROBUSTNESS_DEFAULTS);
  });

  it("reads every option", () => {
    const argv = ["--model=x.json", "--year", "2019", "--kind", "improvement", "--window", "3", "--top", "25", "--draws", "20000", "--seed", "4294967295", "--noise", "0.1", "--vary", "window,kpi_weights,method", "--bounds", "0,inf", "--sobol", "2", "--format", "json"];
    expect(parseRobustnessArgs(argv)).toStrictEqual({
      model: "x.json",
      year: 2019,
      kind: "improvement",
      window: 3,
      top: 25,
      draws: 20000,
      seed: 4294967295,
      noise: 0.1,
      vary: ["kpi_weights", "window", "method"],
      bounds: {lo: 0, hi: Infinity},
      sobol: 2,
      format: "json"
    });
  });

  it("takes the nomination-only choice for nomination, the bounds and edges of each range", () => {
    const argv = [...base, "--vary", "normalisation,aggregation,winsorise", "--bounds", "0.25,4", "--top", "290", "--draws", "1", "--seed", "0", "--noise", "1", "--sobol", "0"];
    expect(parseRobustnessArgs(argv)).toStrictEqual({...ROBUSTNESS_DEFAULTS, vary: ["normalisation", "aggregation", "winsorise"], bounds: {lo: 0.25, hi: 4}, top: 290, draws: 1, seed: 0, noise: 1, sobol: 0});
    expect(parseRobustnessArgs([...base, "--top", "1", "--noise", "0", "--sobol", "20000"])).toStrictEqual({...ROBUSTNESS_DEFAULTS, top: 1, noise: 0, sobol: 20000});
    expect(usageError(() => parseRobustnessArgs([...base, "--vary="]))).toBe("--vary needs a value");
  });

  it("returns fresh default lists, not the shared constants", () => {
    const a = parseRobustnessArgs(base);
    a.vary.push("window");
    a.bounds.lo = 9;
    expect(parseRobustnessArgs(base)).toStrictEqual(ROBUSTNESS_DEFAULTS);
  });

  it.each([
    [[...base, "--top", "291"], '--top must be a whole number from 1 to 290 (got "291")'],
    [[...base, "--sobol", "1"], '--sobol must be 0 (no Sobol indices) or a whole number from 2 to 20000 (got "1")'],
    [[...base, "--sobol", "2.5"], '--sobol must be 0 (no Sobol indices) or a whole number from 2 to 20000 (got "2.5")'],
    [[...base, "--sobol", "x3"], '--sobol must be 0 (no Sobol indices) or a whole number from 2 to 20000 (got "x3")'],
    [[...base, "--sobol", "3x"], '--sobol must be 0 (no Sobol indices) or a whole number from 2 to 20000 (got "3x")'],
    [[...base, "--vary", "window"], "--vary window applies to --kind improvement only"],
    [[...base, "--kind", "improvement", "--vary", "kpi_weights,normalisation"], "--vary normalisation applies to --kind nomination only"],
    [[...base, "--vary", "colour"], 'unknown --vary value "colour" (allowed: dimension_weights, kpi_weights, normalisation, aggregation, winsorise, window, method)'],
    [[...base, "--draws", "0"], '--draws must be a whole number from 1 to 20000 (got "0")'],
    [[...base, "--format", "xlsx"], '--format must be one of csv, json (got "xlsx")'],
    [[...base, "--noise="], "--noise needs a value"],
    [[...base, "--help=x"], "--help takes no value"]
  ])("%j: %s", (argv, message) => {
    expect(usageError(() => parseRobustnessArgs(argv))).toBe(message);
  });

  it("--help is a usage error with no message", () => {
    expect(usageError(() => parseRobustnessArgs([...base, "--draws", "0", "--help"]))).toBe("");
  });
});

describe("audit arguments", () => {
  const base = ["--model", "m.json", "--year", "2022"];

  it("has the documented defaults", () => {
    expect(parseAuditArgs(base)).toStrictEqual({model: "m.json", year: 2022, top: 10, format: "csv", kind: "nomination", window: 4});
  });

  it("reads every option", () => {
    expect(parseAuditArgs(["--year=2018", "--model", "a.json", "--top", "290", "--format", "json", "--kind", "improvement", "--window", "3"])).toStrictEqual({model: "a.json", year: 2018, top: 290, format: "json", kind: "improvement", window: 3});
    expect(parseAuditArgs([...base, "--top", "1"]).top).toBe(1);
  });

  it.each([
    [[...base, "--top", "291"], '--top must be a whole number from 1 to 290 (got "291")'],
    [[...base, "--kind", "x"], '--kind must be one of nomination, improvement (got "x")'],
    [[...base, "--window", "2"], '--window must be one of 3, 4 (got "2")'],
    [["--model", "m.json", "--year", "1e3"], '--year must be a four-digit year (got "1e3")']
  ])("%j: %s", (argv, message) => {
    expect(usageError(() => parseAuditArgs(argv))).toBe(message);
  });

  it("--help is a usage error with no message", () => {
    expect(usageError(() => parseAuditArgs(["--top", "0", "--help"]))).toBe("");
  });
});

describe("cli/args.ts helpers", () => {
  const spec = {valued: ["--a", "--b"], valueless: ["--s"]};

  it("parseFlags: values in both forms, valueless switches as empty strings, nothing else", () => {
    expect([...parseFlags(["--a", "1", "--s", "--b=x=y"], spec)]).toEqual([
      ["--a", "1"],
      ["--s", ""],
      ["--b", "x=y"]
    ]);
    expect([...parseFlags([], spec)]).toEqual([]);
    expect([...parseFlags(["--a=--z"], spec)]).toEqual([["--a", "--z"]]);
    expect([...parseFlags(["--a", "-1"], {valued: ["--a"]})]).toEqual([["--a", "-1"]]);
  });

  it.each([
    [["x"], 'unexpected argument "x"'],
    [["-a", "1"], 'unexpected argument "-a"'],
    [["--c"], "unknown option --c"],
    [["--c=1"], "unknown option --c"],
    [["--a"], "--a needs a value"],
    [["--a="], "--a needs a value"],
    [["--a", ""], "--a needs a value"],
    [["--a", "--b", "1"], "--a needs a value"],
    [["--s=1"], "--s takes no value"],
    [["--s", "--s"], "--s is given twice"],
    [["--a", "1", "--a=2"], "--a is given twice"]
  ])("parseFlags %j: %s", (argv, message) => {
    expect(usageError(() => parseFlags(argv, spec))).toBe(message);
  });

  it("parseFlags without valueless options", () => {
    expect(usageError(() => parseFlags(["--s"], {valued: ["--a"]}))).toBe("unknown option --s");
  });

  it("oneOf and required", () => {
    expect(oneOf("--k", "b", ["a", "b"])).toBe("b");
    expect(usageError(() => oneOf("--k", "c", ["a", "b"]))).toBe('--k must be one of a, b (got "c")');
    expect(required(new Map([["--m", "f"]]), "--m", "FILE")).toBe("f");
    expect(required(new Map([["--m", ""]]), "--m", "FILE")).toBe("");
    expect(usageError(() => required(new Map(), "--m", "FILE"))).toBe("--m FILE is required");
  });

  it("parseYear: exactly four digits", () => {
    expect(parseYear("--y", "0999")).toBe(999);
    expect(parseYear("--y", "2022")).toBe(2022);
    for (const bad of ["202", "20222", "a2022", "2022a", "", "20.2"]) expect(usageError(() => parseYear("--y", bad))).toBe(`--y must be a four-digit year (got "${bad}")`);
  });

  it("parseInteger: plain digits within [min, max], both ends included", () => {
    expect(parseInteger("--n", "3", 3, 7)).toBe(3);
    expect(parseInteger("--n", "7", 3, 7)).toBe(7);
    expect(parseInteger("--n", "05", 3, 7)).toBe(5);
    for (const bad of ["2", "8", "-4", "4.0", "x4", "4x", "", "1e0"]) expect(usageError(() => parseInteger("--n", bad, 3, 7))).toBe(`--n must be a whole number from 3 to 7 (got "${bad}")`);
  });

  it("fromParsed: the value, or the error with the option's dashes when it starts with the bare name", () => {
    expect(fromParsed("--draws", {value: 0})).toBe(0);
    expect(usageError(() => fromParsed("--draws", {error: "draws must be small"}))).toBe("--draws must be small");
    expect(usageError(() => fromParsed("--draws", {error: "drawsX must be small"}))).toBe("drawsX must be small");
    expect(usageError(() => fromParsed("--vary", {error: "unknown --vary value"}))).toBe("unknown --vary value");
    expect(usageError(() => fromParsed("draws", {error: "draws is bad"}))).toBe("--draws is bad");
  });

  it("csvField quotes a field with a comma, a quote or a line break, doubling quotes", () => {
    expect(csvField("plain text; ok")).toBe("plain text; ok");
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("a\nb")).toBe('"a\nb"');
    expect(csvField("a\rb")).toBe('"a\rb"');
    expect(csvField("")).toBe("");
  });

  it("csvNumber: full precision, and empty (never 0) for a missing value", () => {
    expect(csvNumber(0)).toBe("0");
    expect(csvNumber(-1.25)).toBe("-1.25");
    expect(csvNumber(0.1 + 0.2)).toBe("0.30000000000000004");
    for (const x of [null, undefined, NaN, Infinity, -Infinity]) expect(csvNumber(x)).toBe("");
  });

  describe("isMainModule", () => {
    const argv1 = process.argv[1];
    afterEach(() => {
      process.argv[1] = argv1!;
    });
    const self = fileURLToPath(import.meta.url);

    it("is true for the script Node was started with, also through a symbolic link", () => {
      process.argv[1] = self;
      expect(isMainModule(import.meta.url)).toBe(true);
      const dir = mkdtempSync(path.join(tmpdir(), "args-test-"));
      try {
        const link = path.join(dir, "link.ts");
        symlinkSync(self, link);
        process.argv[1] = link;
        expect(isMainModule(import.meta.url)).toBe(true);
        expect(isMainModule(pathToFileURL(link).href)).toBe(false);
        writeFileSync(path.join(dir, "other.ts"), "");
        process.argv[1] = path.join(dir, "other.ts");
        expect(isMainModule(import.meta.url)).toBe(false);
      } finally {
        rmSync(dir, {recursive: true, force: true});
      }
    });

    it("is false without a script, or for one that does not exist", () => {
      process.argv.length = 1;
      expect(isMainModule(import.meta.url)).toBe(false);
      process.argv[1] = "";
      expect(isMainModule(import.meta.url)).toBe(false);
      process.argv[1] = path.join(tmpdir(), "no-such-dir-xyz", "x.ts");
      expect(isMainModule(import.meta.url)).toBe(false);
    });
  });
});

describe("UsageError", () => {
  it("reads as a usage error where a caller prints it uncaught (a script calling a parser)", () => {
    const error = new UsageError("--top: needs a value");
    expect(error.name).toBe("UsageError");
    expect(String(error)).toBe("UsageError: --top: needs a value");
  });
});

describe("parseCommandLine", () => {
  /** A parser: the number of arguments, or --help as a usage error without a message. */
  const parse = (argv: readonly string[]) => {
    if (parseFlags(argv, {valued: ["--a"], valueless: ["--help"]}).has("--help")) throw new UsageError("");
    return argv.length;
  };
  const io = () => {
    const out = {stderr: ""};
    return {out, io: {stderr: (s: string) => void (out.stderr += s)}};
  };

  it("gives the parsed arguments and prints nothing", () => {
    const {out, io: sink} = io();
    expect(parseCommandLine("cmd", "usage: cmd", parse, ["--a", "1"], sink)).toStrictEqual({args: 2});
    expect(out.stderr).toBe("");
  });

  it("a usage error: 'command: message', then the usage; exit code 2", () => {
    const {out, io: sink} = io();
    expect(parseCommandLine("cmd", "usage: cmd --a X", parse, ["--b"], sink)).toStrictEqual({exitCode: 2});
    expect(out.stderr).toBe("cmd: unknown option --b\nusage: cmd --a X\n");
  });

  it("--help (a usage error without a message): only the usage; exit code 0", () => {
    const {out, io: sink} = io();
    expect(parseCommandLine("cmd", "usage: cmd", parse, ["--help"], sink)).toStrictEqual({exitCode: 0});
    expect(out.stderr).toBe("usage: cmd\n");
  });

  it("any other error is not a usage problem: it propagates", () => {
    const {io: sink} = io();
    const broken = () => {
      throw new RangeError("bug");
    };
    expect(() => parseCommandLine("cmd", "usage", broken, [], sink)).toThrow(RangeError);
  });
});

describe("runIfMain", () => {
  const self = fileURLToPath(import.meta.url);
  /** A stand-in for Node's process: what the command was given, wrote and set. */
  function fakeProcess(argv: string[]) {
    const written = {stdout: "", stderr: "", exit: [] as number[]};
    let onError: ((error: NodeJS.ErrnoException) => void) | undefined;
    const proc: MainProcess = {
      argv,
      env: {KOLADA_SNAPSHOT_DIR: "/snap"},
      exitCode: undefined,
      // Like process.exit, never returns.
      exit: (code: number) => {
        written.exit.push(code);
        throw new Error(`exit ${code}`);
      },
      stdout: {write: (s: string) => (written.stdout += s), on: (_event, listener) => (onError = listener)},
      stderr: {write: (s: string) => (written.stderr += s)}
    };
    return {proc, written, pipeError: (code: string) => onError!(Object.assign(new Error(code), {code}))};
  }

  it("runs main with the arguments after the script, the environment and the streams, and sets the exit code", async () => {
    const {proc, written} = fakeProcess(["node", self, "--a", "1"]);
    let seen: {argv: readonly string[]; env: NodeJS.ProcessEnv} | undefined;
    await runIfMain(
      import.meta.url,
      async (argv, io) => {
        seen = {argv, env: io.env};
        io.stdout("out\n");
        io.stderr("err\n");
        return 3;
      },
      proc
    );
    expect(seen).toStrictEqual({argv: ["--a", "1"], env: {KOLADA_SNAPSHOT_DIR: "/snap"}});
    expect(written).toStrictEqual({stdout: "out\n", stderr: "err\n", exit: []});
    expect(proc.exitCode).toBe(3);
  });

  it("does nothing when the module is not the entry point", async () => {
    const {proc, written} = fakeProcess(["node", path.join(path.dirname(self), "cli-rank.test.ts")]);
    let ran = false;
    await runIfMain(import.meta.url, async () => ((ran = true), 0), proc);
    expect(ran).toBe(false);
    expect(proc.exitCode).toBeUndefined();
    expect(written).toStrictEqual({stdout: "", stderr: "", exit: []});
  });

  it("ends quietly with exit code 0 when the reader closes the pipe (EPIPE), and rethrows any other stream error", async () => {
    const {proc, written, pipeError} = fakeProcess(["node", self]);
    await runIfMain(import.meta.url, async () => 0, proc);
    expect(() => pipeError("EPIPE")).toThrow("exit 0");
    expect(written.exit).toStrictEqual([0]);
    expect(() => pipeError("EIO")).toThrow("EIO");
    expect(written.exit).toStrictEqual([0]);
  });
});

describe("takeList (a list-valued option, as scenarios --models)", () => {
  it("takes every argument up to the next option, and leaves the rest in order", () => {
    expect(takeList(["--models", "a.json", "b.json", "--year", "2022"], "--models")).toEqual({values: ["a.json", "b.json"], rest: ["--year", "2022"]});
    expect(takeList(["--year", "2022", "--models", "a.json"], "--models")).toEqual({values: ["a.json"], rest: ["--year", "2022"]});
    // --name=A B starts the list with A.
    expect(takeList(["--models=a.json", "b.json", "--top", "5"], "--models")).toEqual({values: ["a.json", "b.json"], rest: ["--top", "5"]});
  });

  it("is undefined when the option is absent, and does not take an option that only starts with its name", () => {
    expect(takeList(["--year", "2022"], "--models")).toEqual({values: undefined, rest: ["--year", "2022"]});
    expect(takeList(["--modelsx", "a.json"], "--models")).toEqual({values: undefined, rest: ["--modelsx", "a.json"]});
    expect(takeList([], "--models")).toEqual({values: undefined, rest: []});
  });

  it("refuses the option given twice, or without a value (also an empty one)", () => {
    const error = (argv: string[]) => {
      try {
        takeList(argv, "--models");
      } catch (e) {
        expect(e).toBeInstanceOf(UsageError);
        return (e as Error).message;
      }
      return "no error";
    };
    expect(error(["--models", "a.json", "--models", "b.json"])).toBe("--models is given twice");
    expect(error(["--models", "--year", "2022"])).toBe("--models needs a value");
    expect(error(["--models"])).toBe("--models needs a value");
    expect(error(["--models="])).toBe("--models needs a value");
    expect(error(["--models=", "a.json"])).toBe("--models needs a value");
  });
});
