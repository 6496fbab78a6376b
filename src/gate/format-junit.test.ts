import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { allPassing, caseIds, gateRunOf, type GateCaseSpec } from "../../tests/fixtures/runs/gate-runs.js";
import { compareRuns } from "./compare-runs.js";
import { formatGateJunit } from "./format-junit.js";
import { GateResultSchema, type GateResult } from "./gate-result-schema.js";
import { xmlAttribute } from "./internal/xml.js";

type CaseSpec = GateCaseSpec;
const runOf = (runId: string, cases: readonly CaseSpec[]) => gateRunOf(runId, cases);
const compared = (baseline: readonly CaseSpec[], candidate: readonly CaseSpec[], gate = {}): GateResult =>
  GateResultSchema.parse(compareRuns(runOf("base", baseline), runOf("cand", candidate), gate));

interface Failure {
  message: string;
  type: string;
  "#text"?: string;
}
interface TestCase {
  name: string;
  classname: string;
  failure?: Failure;
  skipped?: { message: string };
  "system-out"?: string;
}
interface Suite {
  name: string;
  tests: string;
  failures: string;
  errors: string;
  skipped: string;
  properties?: { property: Array<{ name: string; value: string }> };
  testcase?: TestCase[];
}
interface Parsed {
  testsuites: { name: string; tests: string; failures: string; errors: string; skipped: string; testsuite: Suite[] };
}

/** Parses the report as a CI reporter would, after checking it is well-formed XML. */
function parse(xml: string): Parsed["testsuites"] {
  expect(XMLValidator.validate(xml)).toBe(true);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "",
    parseAttributeValue: false,
    parseTagValue: false,
    trimValues: false,
    // Decode numeric character references (&#13;) as any conforming XML parser does.
    htmlEntities: true,
    isArray: (name) => ["testsuite", "testcase", "property"].includes(name),
  });
  return (parser.parse(xml) as Parsed).testsuites;
}

/** The invariant every reporter relies on: declared counts equal the testcases present, per suite and in total. */
function expectCountsMatch(root: Parsed["testsuites"]): void {
  let tests = 0;
  let failures = 0;
  let skipped = 0;
  for (const suite of root.testsuite) {
    const cases = suite.testcase ?? [];
    const suiteFailures = cases.filter((c) => c.failure !== undefined).length;
    const suiteSkipped = cases.filter((c) => c.skipped !== undefined).length;
    expect({ name: suite.name, tests: Number(suite.tests), failures: Number(suite.failures), skipped: Number(suite.skipped), errors: Number(suite.errors) }).toEqual({
      name: suite.name,
      tests: cases.length,
      failures: suiteFailures,
      skipped: suiteSkipped,
      errors: 0,
    });
    tests += cases.length;
    failures += suiteFailures;
    skipped += suiteSkipped;
  }
  expect([Number(root.tests), Number(root.failures), Number(root.skipped), Number(root.errors)]).toEqual([tests, failures, skipped, 0]);
}

const suiteNamed = (root: Parsed["testsuites"], name: string) => root.testsuite.find((s) => s.name === name)!;

describe("formatGateJunit", () => {
  it("writes one testcase per case and gated metric, failing the newly failing cases with their critiques", () => {
    const candidate = allPassing(30).map((c, i) => (i < 10 ? { ...c, grounded: "✗✗✓" } : c));
    const result = compared(allPassing(30), candidate);
    expect(result.verdict).toBe("fail");
    const root = parse(formatGateJunit(result));
    expectCountsMatch(root);

    expect(root.testsuite.map((s) => s.name)).toEqual(["evalgate.rules", "evalgate.overall", "evalgate.grounded"]);
    const grounded = suiteNamed(root, "evalgate.grounded");
    expect(grounded.testcase).toHaveLength(30);
    expect(grounded.testcase!.every((c) => c.classname === "evalgate.grounded")).toBe(true);
    expect(grounded.testcase!.map((c) => c.name)).toEqual(caseIds(30));
    expect(Number(grounded.failures)).toBe(10);
    const first = grounded.testcase![0]!;
    expect(first.failure).toEqual({
      message: "grounded: got worse, trials passed 3/3 → 1/3; grounded: case-01: promises a 60-day refund window; the article gives 30",
      type: "regression.fail",
      "#text": "trials passed 3/3 → 1/3\ngrounded: case-01: promises a 60-day refund window; the article gives 30",
    });
    expect(grounded.testcase![10]!.failure).toBeUndefined();
    expect(grounded.properties!.property).toContainEqual({ name: "verdict", value: "fail" });

    const rules = suiteNamed(root, "evalgate.rules");
    expect(rules.testcase!.map((c) => c.name)).toEqual(["max_regression: overall", "max_regression: grounded"]);
    expect(rules.testcase![1]!.failure!.type).toBe("max_regression");
    expect(rules.testcase![1]!.failure!.message).toMatch(/^grounded: −22\.2 pts .*a clear regression beyond −5\.0 pts\.$/);
    expect(Number(root.failures)).toBe(2 + 10 + 10);
  });

  it("passes every testcase when nothing got worse", () => {
    const root = parse(formatGateJunit(compared(allPassing(12), allPassing(12))));
    expectCountsMatch(root);
    expect(root).toMatchObject({ tests: String(2 + 12 + 12), failures: "0", skipped: "0", errors: "0" });
  });

  it("skips, rather than fails, what an inconclusive rule could not decide", () => {
    const result = compared(allPassing(3), [{ id: "case-01", grounded: "✓✗✗" }, ...allPassing(3).slice(1)]);
    expect(result.verdict).toBe("inconclusive");
    const root = parse(formatGateJunit(result));
    expectCountsMatch(root);
    expect(root.failures).toBe("0");
    const rule = suiteNamed(root, "evalgate.rules").testcase![1]!;
    expect(rule.skipped!.message).toMatch(/^Inconclusive: grounded: .*about 466 cases would be needed/);
    const grounded = suiteNamed(root, "evalgate.grounded").testcase!;
    expect(grounded[0]!.skipped!.message).toContain("got worse (trials passed 3/3 → 1/3), but the gate could not decide this metric");
    expect(grounded[1]!.skipped).toBeUndefined();
  });

  it("keeps a warning's rule green but shows the cases that got worse", () => {
    const base = allPassing(200);
    const cand = base.map((c, i) => (i < 6 ? { ...c, grounded: "✓✓✗" } : c));
    const result = compared(base, cand, { max_regression: 0.01 });
    expect(result.verdict).toBe("warn");
    const root = parse(formatGateJunit(result));
    expectCountsMatch(root);
    const rule = suiteNamed(root, "evalgate.rules").testcase!.find((c) => c.name === "max_regression: grounded")!;
    expect(rule.failure).toBeUndefined();
    expect(rule["system-out"]).toMatch(/^WARN: grounded: /);
    expect(Number(suiteNamed(root, "evalgate.grounded").failures)).toBe(6);
    expect(suiteNamed(root, "evalgate.grounded").testcase![0]!.failure!.type).toBe("regression.warn");
  });

  it("adds a testcase for the missing-cases rule and fails required cases with their rule", () => {
    const base = allPassing(12);
    const cand = [...allPassing(11).map((c, i) => (i === 0 ? { ...c, grounded: "✓✗✓" } : c)), { id: "new-case", grounded: "✓✓✓" }];
    const result = compared(base, cand, { missing_cases: "fail", rules: [{ metrics: "grounded", required_cases: ["case-01"] }] });
    const root = parse(formatGateJunit(result));
    expectCountsMatch(root);
    const rules = suiteNamed(root, "evalgate.rules").testcase!;
    expect(rules.map((c) => c.name)).toEqual(["required_cases: grounded", "max_regression: overall", "max_regression: grounded", "missing_cases"]);
    expect(rules[3]!.failure!.message).toContain("1 ran only in the baseline (case-12)");
    const required = suiteNamed(root, "evalgate.grounded").testcase![0]!;
    expect(required.failure!.type).toBe("required_cases");
    expect(required.failure!.message).toMatch(/^grounded: required case did not pass every trial \(trials passed 3\/3 → 2\/3\)/);
  });

  it("escapes markup and writes characters XML 1.0 forbids as visible escapes", () => {
    const critique = `Says "<b>60 days</b>" & 'maybe' ]]> then\u0000\u0007\u001b[31m, a lone \ud800 surrogate,\ttab\r\nand 🎉`;
    const id = `case-<01>&"x"`;
    const base = [{ id, grounded: "✓✓✓" }, ...allPassing(20)];
    const result = compared(base, [{ id, grounded: "✗✗✗", critique }, ...allPassing(20).map((c, i) => (i < 9 ? { ...c, grounded: "✗✗✗" } : c))]);
    expect(result.verdict).toBe("fail");
    const xml = formatGateJunit(result);
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    const root = parse(xml);
    expectCountsMatch(root);
    const testcase = suiteNamed(root, "evalgate.grounded").testcase![0]!;
    expect(testcase.name).toBe(id);
    expect(testcase.failure!["#text"]).toBe(
      `trials passed 3/3 → 0/3\ngrounded: Says "<b>60 days</b>" & 'maybe' ]]> then\\u0000\\u0007\\u001B[31m, a lone \\uD800 surrogate,\ttab\r\nand 🎉`,
    );
    expect(testcase.failure!.message).toContain(`Says "<b>60 days</b>" & 'maybe' ]]> then\\u0000`);
  });

  it("keeps tabs and line breaks in attributes as character references, which parsers do not normalise away", () => {
    const xml = `<a v="${xmlAttribute("one\ttwo\r\nthree <&> \"q\"")}"/>`;
    expect(xml).toBe(`<a v="one&#9;two&#13;&#10;three &lt;&amp;&gt; &quot;q&quot;"/>`);
    expect(XMLValidator.validate(xml)).toBe(true);
  });
});
