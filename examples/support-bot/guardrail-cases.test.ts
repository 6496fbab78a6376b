import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { evaluateGuardrails, loadGuardrails } from "evalgate";

const HERE = import.meta.dirname;

describe("the labelled guardrail cases", () => {
  it("name only guards of guardrails/support-bot.yaml at their stage, and give every guard positives and clean rows", async () => {
    const guardrails = await loadGuardrails(join(HERE, "guardrails", "support-bot.yaml"));
    // Throws a DatasetError naming the row if a row expects a guard the file lacks or runs at the other stage.
    const report = await evaluateGuardrails({ guardrails, dataset: join(HERE, "datasets", "guardrail-cases.jsonl") });
    expect(report.rows).toBeGreaterThanOrEqual(80);
    // The scope guard's scripted model answers only inside an eval run (by case id and trial): here every row records why.
    const onTopic = report.guards.find((guard) => guard.id === "on-topic")!;
    expect(onTopic.errors.length).toBe(onTopic.rows);
    expect(new Set(onTopic.errors.map((e) => e.error))).toEqual(new Set([expect.stringContaining("scripted model guards answer only inside an eval run")]));
    for (const guard of report.guards.filter((g) => g.id !== "on-topic")) {
      expect.soft(guard.tp + guard.fn, `${guard.id}: rows expecting it`).toBeGreaterThan(0);
      expect.soft(guard.clean_rows, `${guard.id}: clean rows of its stage`).toBeGreaterThanOrEqual(10);
    }
  });
});
