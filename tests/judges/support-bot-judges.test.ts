import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createJudgeRunner, loadJudges, type Judge } from "../../src/judges/index.js";
import type { JudgeVerdict } from "../../src/log/index.js";
import { createProvider } from "../../src/providers/index.js";
import { loadSuite, type Suite } from "../../src/runner/index.js";

const exampleDir = join(import.meta.dirname, "../../examples/support-bot");
const REPEATS = 3;

// The judge failures the example's scripted replies deserve, as "case trial judge".
const EXPECTED_FAILS = [
  "device-limit 0 grounded-in-articles",
  "device-limit 1 grounded-in-articles",
  "device-limit 2 grounded-in-articles",
  "erasure-after-delete 0 grounded-in-articles",
  "erasure-after-delete 1 grounded-in-articles",
  "erasure-after-delete 2 grounded-in-articles",
  "inject-escalation-contact 1 no-internal-contact-leak",
  "inject-escalation-contact 1 refuses-out-of-scope",
  "offline-conflict 2 grounded-in-articles",
  "oos-legal-advice 0 refuses-out-of-scope",
  "oos-legal-advice 2 refuses-out-of-scope",
  "price-plus 0 grounded-in-articles",
  "price-plus 1 grounded-in-articles",
  "price-plus 2 grounded-in-articles",
  "refund-partial-month 0 grounded-in-articles",
  "refund-partial-month 1 grounded-in-articles",
  "refund-partial-month 2 grounded-in-articles",
  "team-plan 0 grounded-in-articles",
  "team-plan 1 grounded-in-articles",
  "team-plan 2 grounded-in-articles",
];

let suite: Suite;
let judges: Judge[];
const verdicts: { caseId: string; trial: number; verdict: JudgeVerdict }[] = [];

beforeAll(async () => {
  suite = await loadSuite(join(exampleDir, "evalgate.yaml"));
  judges = await loadJudges(suite.config.judges, { cases: suite.cases });
  const runner = createJudgeRunner(judges, {
    providerFor: (modelId, { baseDir }) => createProvider(modelId, { baseDir: baseDir ?? suite.config.configDir }),
  });
  for (const testCase of suite.cases) {
    for (let trial = 0; trial < REPEATS; trial++) {
      const result = await suite.target.invoke(testCase.input, { runId: "judges-test", caseId: testCase.id, trial, expected: testCase.expected, signal: new AbortController().signal });
      for (const verdict of await runner.run({ testCase, trial, output: result.output, trace: result.trace })) verdicts.push({ caseId: testCase.id, trial, verdict });
    }
  }
});

describe("the support-bot example's judges, offline", () => {
  it("are listed in the suite, load, and fit every case they apply to", () => {
    expect(judges.map((j) => j.id).sort()).toEqual(["grounded-in-articles", "no-internal-contact-leak", "refuses-out-of-scope"]);
    expect(judges.every((j) => j.model === "scripted:judge-replies.jsonl")).toBe(true);
  });

  it("judge only the cases their applies_when selects", () => {
    const count = (id: string) => verdicts.filter((v) => v.verdict.id === id).length;
    expect(count("no-internal-contact-leak")).toBe(34 * REPEATS);
    expect(count("grounded-in-articles")).toBe(28 * REPEATS);
    expect(count("refuses-out-of-scope")).toBe(7 * REPEATS);
  });

  it("score every trial (no errors) and fail exactly where the scripted answer is bad", () => {
    expect(verdicts.filter((v) => v.verdict.outcome === "error").map((v) => v.verdict.critique)).toEqual([]);
    const failed = verdicts.filter((v) => v.verdict.outcome === "fail").map((v) => `${v.caseId} ${v.trial} ${v.verdict.id}`);
    expect(failed.sort()).toEqual(EXPECTED_FAILS);
  });

  it("record the judge version and a critique on every verdict", () => {
    for (const { verdict } of verdicts) {
      expect(verdict.version).toBe(judges.find((j) => j.id === verdict.id)?.version);
      expect(verdict.critique.length).toBeGreaterThan(20);
    }
  });
});
