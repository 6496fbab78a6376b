import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { CliScenario } from "./scenarios.js";

/**
 * Writes a scenario's suite into `dir`: cases.jsonl, evalgate.yaml and, for
 * the prompt target, its template and two judges. Every path is inside `dir`
 * except the module target, which is the bench's own `sleep-target.mjs`.
 */
export async function writeSuite(dir: string, scenario: CliScenario, where: { standinUrl: string; moduleTarget: string }): Promise<string> {
  await mkdir(join(dir, "judges"), { recursive: true });
  const lines: string[] = [];
  for (let i = 0; i < scenario.cases; i++) {
    // Every tenth case is one the stand-in's judges fail, so the reports have failures to list.
    const tricky = i % 10 === 0 ? " (tricky)" : "";
    lines.push(JSON.stringify({ id: `case-${String(i).padStart(6, "0")}`, input: `Question ${i}: how do I export my notes to PDF from the web app?${tricky}` }));
  }
  await writeFile(join(dir, "cases.jsonl"), `${lines.join("\n")}\n`);
  const suite = scenario.target === "prompt" ? await promptSuite(dir, scenario, where.standinUrl) : moduleSuite(scenario, where.moduleTarget);
  const file = join(dir, "evalgate.yaml");
  await writeFile(file, suite);
  return file;
}

async function promptSuite(dir: string, s: CliScenario, standinUrl: string): Promise<string> {
  await writeFile(
    join(dir, "prompt.yaml"),
    ["system: |", "  You are the support assistant of Acme Cloud Notes. Answer in at most three sentences.", "user: |", "  Customer question: {{input}}", ""].join("\n"),
  );
  const judges = ["on-topic", "no-made-up-steps", "polite", "no-contact-leak"].slice(0, s.judges);
  for (const id of judges) await writeFile(join(dir, "judges", `${id}.md`), judgeFile(id));
  return [
    "name: bench",
    "dataset: ./cases.jsonl",
    "target:",
    "  type: prompt",
    "  model: openai:bench-target",
    "  template: ./prompt.yaml",
    `repeats: ${s.repeats}`,
    `concurrency: ${s.concurrency}`,
    "checks:",
    "  - { type: contains, value: Settings }",
    "  - { type: regex, pattern: '\\d+@\\w+', mode: must-not-match }",
    "  - { type: length, unit: words, max: 120 }",
    "  - { type: latency, max_ms: 30000 }",
    "judges:",
    ...judges.map((id) => `  - judges/${id}.md`),
    "judge_model: openai:bench-judge",
    "providers:",
    "  openai:",
    `    base_url: ${standinUrl}/v1`,
    // The host cap equals the trial concurrency, so the CLI and the floor keep the same number of calls in flight.
    `    max_concurrency: ${s.concurrency}`,
    // A 429 storm of 20 % leaves 0.2^4 of calls failed at the default 4 attempts; 10 keep errors out of the timing.
    "    max_attempts: 10",
    "",
  ].join("\n");
}

function moduleSuite(s: CliScenario, moduleTarget: string): string {
  return [
    "name: bench",
    "dataset: ./cases.jsonl",
    `target: { type: module, path: ${JSON.stringify(moduleTarget)} }`,
    `repeats: ${s.repeats}`,
    `concurrency: ${s.concurrency}`,
    "checks:",
    "  - { type: contains, value: answer }",
    "  - { type: regex, pattern: '\\d+@\\w+', mode: must-not-match }",
    "  - { type: length, unit: words, max: 120 }",
    "  - { type: citations }",
    "",
  ].join("\n");
}

function judgeFile(id: string): string {
  return [
    "---",
    `id: ${id}`,
    `failure_mode: answer fails the ${id} criterion`,
    "inputs: [input, output]",
    "---",
    `PASS: the answer meets the ${id} criterion for the customer's question.`,
    "",
    `FAIL: the answer breaks the ${id} criterion; name where.`,
    "",
    "<question>",
    "{{input}}",
    "</question>",
    "",
    "<answer>",
    "{{output}}",
    "</answer>",
    "",
  ].join("\n");
}
