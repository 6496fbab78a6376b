import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { forEachTrial, type CheckResult, type GuardDecision, type JudgeVerdict, type RunManifest, type TrialRecord } from "../../src/log/index.js";
import { createSummaryAggregator, summarize } from "../../src/report/index.js";
import { GENERATED_AT, manifestOf } from "../fixtures/runs/fixture-runs.js";
import { referenceSummarize } from "../support/reference-summarize.js";

// Small alphabets, so ids, messages, tags and (case, trial) pairs collide often:
// duplicates, ties and first-seen orders are what an incremental summary can get wrong.
const CASES = ["a", "b", "c", "d", "e", "x-unlisted", "y-unlisted"];
const outcome = fc.constantFrom<"pass" | "fail" | "error">("pass", "fail", "error");
const message = fc.constantFrom("timeout", "bad json", "refused");
// Costs with many significant bits, so a sum in another order would differ in its last bits.
const cost = fc.oneof(fc.constant(undefined), fc.constant(0), fc.double({ min: 0, max: 3, noNaN: true }));
const usage = fc.option(fc.record({ input_tokens: fc.nat(500), output_tokens: fc.nat(500) }), { nil: undefined });

const check: fc.Arbitrary<CheckResult> = fc.record({
  id: fc.constantFrom("c1", "c2", "c-new"),
  type: fc.constantFrom("regex", "contains"),
  outcome,
  reason: message,
});
const judge: fc.Arbitrary<JudgeVerdict> = fc
  .record({
    id: fc.constantFrom("j1", "j-new", "j-other"),
    version: fc.constantFrom("v1", "v2"),
    failure_mode: fc.constantFrom("hallucination", "tone"),
    model: fc.constantFrom("m1", "m2"),
    outcome,
    critique: message,
    usage,
    cost_usd: cost,
    cached: fc.option(fc.boolean(), { nil: undefined }),
  })
  .map(withoutUndefined);
const guard: fc.Arbitrary<GuardDecision> = fc
  .record({
    id: fc.constantFrom("pii", "inject"),
    type: fc.constantFrom("regex", "model"),
    stage: fc.constantFrom<"input" | "output">("input", "output"),
    triggered: fc.boolean(),
    action: fc.constantFrom<"block" | "redact" | "warn">("block", "warn"),
    latency_ms: fc.double({ min: 0, max: 50, noNaN: true }),
    error: fc.option(message, { nil: undefined }),
  })
  .map(withoutUndefined);

const trial: fc.Arbitrary<TrialRecord> = fc
  .record({
    case_id: fc.constantFrom(...CASES),
    trial: fc.nat(3),
    status: fc.constantFrom<"ok" | "error">("ok", "ok", "ok", "error"),
    latency_ms: fc.double({ min: 0, max: 5000, noNaN: true }),
    tags: fc.option(fc.array(fc.constantFrom("billing", "refunds", "en"), { maxLength: 3 }), { nil: undefined }),
    error: fc.option(fc.record({ code: fc.constant("TARGET_FAILED"), message }), { nil: undefined }),
    trace: fc.option(fc.record({ usage, cost_usd: cost, cached: fc.option(fc.boolean(), { nil: undefined }) }).map(withoutUndefined), { nil: undefined }),
    checks: fc.array(check, { maxLength: 3 }),
    judges: fc.array(judge, { maxLength: 3 }),
    guardrails: fc.option(fc.array(guard, { maxLength: 3 }), { nil: undefined }),
  })
  .map((t) =>
    withoutUndefined({
      schema_version: 1 as const,
      run_id: "run-1",
      started_at: "2025-06-01T10:00:01.000Z",
      ended_at: "2025-06-01T10:00:02.000Z",
      input: "question",
      ...t,
    }),
  );

const manifest: fc.Arbitrary<RunManifest> = fc
  .record({
    case_ids: fc.subarray(CASES.slice(0, 5)),
    checks: fc.subarray([
      { id: "c1", type: "regex" },
      { id: "c2", type: "contains" },
    ]),
    judges: fc.subarray([{ id: "j1", version: "v1", model: "m1", failure_mode: "hallucination" }]),
    repeats: fc.integer({ min: 1, max: 4 }),
  })
  .map((m) => manifestOf(m));

const runs = fc.record({ manifest, trials: fc.array(trial, { maxLength: 40 }) });

describe("the incremental summary", () => {
  it("equals the batch summary over random result sets, in any order and with duplicate lines", () => {
    fc.assert(
      fc.property(runs, ({ manifest, trials }) => {
        expect(summarize(manifest, trials, { generatedAt: GENERATED_AT })).toEqual(referenceSummarize(manifest, trials, { generatedAt: GENERATED_AT }));
      }),
      { seed: 1313, numRuns: 500 },
    );
  });

  it("gives the same summary from a streaming pass over the results file", async () => {
    const dir = await mkdtemp(join(tmpdir(), "evalgate-incremental-"));
    await fc.assert(
      fc.asyncProperty(runs, async ({ manifest, trials }) => {
        const file = join(dir, "results.jsonl");
        await writeFile(file, trials.map((t) => `${JSON.stringify(t)}\n`).join(""));
        let aggregator = createSummaryAggregator(manifest, { generatedAt: GENERATED_AT });
        await forEachTrial(file, () => {
          aggregator = createSummaryAggregator(manifest, { generatedAt: GENERATED_AT });
          return aggregator.add;
        });
        expect(aggregator.finish()).toEqual(referenceSummarize(manifest, trials, { generatedAt: GENERATED_AT }));
      }),
      { seed: 1314, numRuns: 100 },
    );
  });
});

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
