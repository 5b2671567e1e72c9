/**
 * The commands' argument handling, in-process and without data: the parsers
 * (rank, robustness, audit) and the helpers of cli/args.ts. The same error
 * cases as the commands' own tests (test/cli-*.test.ts, which run `main()`
 * on the real snapshot), here fast enough for the mutation run
 * (vitest.stryker.config.ts).
 */
import {describe, expect, it} from "vitest";
import {parseAuditArgs} from "../cli/audit.ts";
import {parseArgs, UsageError} from "../cli/rank.ts";
import {parseRobustnessArgs} from "../cli/robustness.ts";

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
    [[...base, "extra"], /unexpected argument "extra"/]
  ] as const)("%j is a usage error naming the problem", (argv, message) => {
    expect(usageError(() => parseRobustnessArgs(argv))).toMatch(message);
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
