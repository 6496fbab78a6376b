import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const GROUNDED_BODY = `Does the answer make claims the retrieved articles do not support?

PASS: every factual claim in the answer is stated in the articles, or the answer declines.
FAIL: at least one claim is missing from, or contradicts, the articles.

<articles>
{{context}}
</articles>

<question>
{{input}}
</question>

<answer>
{{output}}
</answer>
`;

export const EXAMPLES = [
  { input: "Refund?", context: "Refunds within 14 days.", output: "Yes, within 30 days.", critique: "30 days contradicts the 14 in the article.", verdict: "FAIL" },
  { input: "Refund?", context: "Refunds within 14 days.", output: "Yes, within 14 days.", critique: "Matches the article.", verdict: "PASS" },
];

export interface JudgeFileSpec {
  id?: string;
  model?: string | undefined;
  temperature?: number;
  inputs?: string[];
  appliesWhen?: string;
  body?: string;
  examples?: unknown[] | undefined;
}

/** A fresh directory for judge files. */
export function judgeDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), "evalgate-judges-"));
}

/** Writes `<id>.md` (and `<id>.examples.jsonl` when examples are given) into `dir`; returns the judge file path. */
export async function writeJudge(dir: string, spec: JudgeFileSpec = {}): Promise<string> {
  const id = spec.id ?? "grounded";
  const lines = ["---", `id: ${id}`, "failure_mode: answer not supported by the retrieved articles"];
  if (spec.model !== undefined) lines.push(`model: ${spec.model}`);
  if (spec.temperature !== undefined) lines.push(`temperature: ${spec.temperature}`);
  lines.push(`inputs: [${(spec.inputs ?? ["input", "context", "output"]).join(", ")}]`);
  if (spec.appliesWhen) lines.push(`applies_when: ${spec.appliesWhen}`);
  const examples = "examples" in spec ? spec.examples : EXAMPLES;
  if (examples) {
    lines.push(`examples: ${id}.examples.jsonl`);
    await writeFile(join(dir, `${id}.examples.jsonl`), examples.map((e) => JSON.stringify(e)).join("\n") + "\n");
  }
  lines.push("---");
  const file = join(dir, `${id}.md`);
  await writeFile(file, `${lines.join("\n")}\n${spec.body ?? GROUNDED_BODY}`);
  return file;
}
