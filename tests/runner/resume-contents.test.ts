import { execFileSync } from "node:child_process";
import { appendFile, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { runSuite } from "../../src/runner/index.js";
import { recordedTrials } from "../support/recorded-trials.js";

let dir: string;

/** A suite that loads one file of each kind: module target, custom check module, JSON Schema file; and a prompt suite. */
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "evalgate-resume-contents-"));
  await writeFile(join(dir, "cases.jsonl"), '{"id": "a", "input": "one"}\n{"id": "b", "input": "two"}\n');
  await writeFile(join(dir, "target.ts"), "export default async (input: unknown) => ({ output: JSON.stringify({ answer: String(input) }) });\n");
  await writeFile(join(dir, "check.ts"), "export default () => true;\n");
  await writeFile(join(dir, "schema.json"), '{"type": "object"}\n');
  await writeFile(
    join(dir, "evalgate.yaml"),
    [
      "name: contents",
      "dataset: cases.jsonl",
      "target: { type: module, path: ./target.ts }",
      "repeats: 2",
      "concurrency: 2",
      "checks:",
      "  - { id: own, type: custom, module: ./check.ts }",
      "  - { id: shape, type: json-schema, schema_file: ./schema.json }",
      "",
    ].join("\n"),
  );
  await writeFile(join(dir, "prompt.yaml"), 'user: "Answer: {{input}}"\n');
  await writeFile(join(dir, "replies.jsonl"), '{"case_id": "a", "text": "A"}\n{"case_id": "b", "text": "B"}\n');
  await writeFile(
    join(dir, "prompt-suite.yaml"),
    ["name: prompted", "dataset: cases.jsonl", "target: { type: prompt, model: scripted:replies.jsonl, template: prompt.yaml }", ""].join("\n"),
  );
});

/** Starts a run and interrupts it before any trial, as Ctrl-C would. */
async function interruptedRun(suite: string): Promise<{ runId: string; reportsDir: string }> {
  const reportsDir = join(dir, "reports");
  const controller = new AbortController();
  controller.abort();
  const run = await runSuite({ configFile: join(dir, suite), reportsDir, tracking: "off", signal: controller.signal });
  expect(run.manifest.status).toBe("interrupted");
  return { runId: run.runId, reportsDir };
}

describe("resume compares the contents of every file the suite loads", () => {
  it.each([
    ["the module target", "evalgate.yaml", "target.ts", "// a new line of code\n"],
    ["a custom check module", "evalgate.yaml", "check.ts", "export const other = 1;\n"],
    ["a JSON Schema file", "evalgate.yaml", "schema.json", " "],
    ["the prompt template", "prompt-suite.yaml", "prompt.yaml", "system: be brief\n"],
    ["a scripted model's replies", "prompt-suite.yaml", "replies.jsonl", '{"case_id": "c", "text": "C"}\n'],
  ])("refuses when %s changed, naming the file", async (_kind, suite, file, addition) => {
    const { runId, reportsDir } = await interruptedRun(suite);
    await appendFile(join(dir, file), addition);
    await expect(runSuite({ resume: runId, reportsDir, tracking: "off" })).rejects.toThrow(
      `Cannot resume run ${runId}: the file ${join(dir, file)} changed since it started, so old and new trials would not be comparable. Undo the change to resume, or start a new run.`,
    );
  });

  it("accepts a change of concurrency alone, in the suite or as an option, and records the new value", async () => {
    const { runId, reportsDir } = await interruptedRun("evalgate.yaml");
    const suite = join(dir, "evalgate.yaml");
    await writeFile(suite, (await readFile(suite, "utf8")).replace("concurrency: 2", "concurrency: 3"));
    const fromYaml = await runSuite({ resume: runId, reportsDir, tracking: "off", signal: AbortSignal.abort() });
    expect(fromYaml.manifest.concurrency).toBe(3);

    const resumed = await runSuite({ resume: runId, reportsDir, tracking: "off", concurrency: 5 });
    expect(resumed.manifest).toMatchObject({ status: "completed", concurrency: 5 });
    expect((await recordedTrials(resumed))).toHaveLength(4);
  });

  it("records every loaded file's sha256 and the git dirty flag in run.json", async () => {
    const git = (...args: string[]) => execFileSync("git", ["-c", "user.email=e@example.com", "-c", "user.name=e", ...args], { cwd: dir, stdio: "ignore" });
    git("init", "-q");
    git("add", ".");
    git("commit", "-qm", "suite");
    const clean = await runSuite({ configFile: join(dir, "evalgate.yaml"), reportsDir: join(dir, "reports"), tracking: "off", signal: AbortSignal.abort() });
    expect(clean.manifest.git?.dirty).toBe(false);
    expect(clean.manifest.files?.map((f) => f.file)).toEqual(["check.ts", "schema.json", "target.ts"]);

    await appendFile(join(dir, "target.ts"), "// edited\n");
    const dirty = await runSuite({ configFile: join(dir, "evalgate.yaml"), reportsDir: join(dir, "reports"), tracking: "off", signal: AbortSignal.abort() });
    expect(dirty.manifest.git?.dirty).toBe(true);
  });
});
