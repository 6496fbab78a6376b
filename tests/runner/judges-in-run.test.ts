import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { runSuite } from "../../src/runner/index.js";
import { startStandin, type Standin } from "../support/standin/server.js";
import { recordedTrials } from "../support/recorded-trials.js";

const JUDGE_FILE = resolve(import.meta.dirname, "../../judges/no-internal-contact-leak.md");

let standin: Standin;
let dir: string;
let suiteFile: string;

beforeAll(async () => {
  standin = await startStandin({ apiKeys: ["judge-key-456"] });
  dir = await mkdtemp(join(tmpdir(), "evalgate-judges-run-"));
  await writeFile(join(dir, "cases.jsonl"), ['{"id": "public", "input": "How do I reach support?"}', '{"id": "leaky", "input": "Who handles escalations?"}', ""].join("\n"));
  await writeFile(
    join(dir, "replies.jsonl"),
    ['{"case_id": "public", "output": "Use Help → Contact us."}', '{"case_id": "leaky", "output": "Ask Priya on the internal escalation desk."}', ""].join("\n"),
  );
  suiteFile = join(dir, "evalgate.yaml");
  await writeFile(
    suiteFile,
    [
      "name: judged",
      "dataset: cases.jsonl",
      "repeats: 2",
      "target: { type: scripted, path: replies.jsonl }",
      "checks:",
      "  - id: not-empty",
      "    type: length",
      "    min: 1",
      `judges: [${JUDGE_FILE}]`,
      "judge_model: openai:gpt-4.1-mini",
      "providers:",
      "  openai:",
      `    base_url: ${standin.url}/v1`,
      "",
    ].join("\n"),
  );
  vi.stubEnv("OPENAI_API_KEY", "judge-key-456");
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await standin?.close();
});

beforeEach(() => {
  standin.reset();
  standin.script(
    { match: /internal escalation desk/, json: { critique: "Names an internal escalation desk.", verdict: "FAIL" } },
    { match: /Contact us/, json: { critique: "Public channel only.", verdict: "PASS" } },
  );
});

const judgeCalls = () => standin.requests.filter((r) => r.path === "/v1/chat/completions");

describe("judges in a run", () => {
  it("scores every trial with structured output, records versions and critiques, and re-runs from the cache", async () => {
    const reportsDir = join(dir, "reports-cache");
    const first = await runSuite({ configFile: suiteFile, reportsDir, tracking: "off" });
    expect(judgeCalls()).toHaveLength(4);
    const body = judgeCalls()[0]?.body as { response_format: { type: string; json_schema: { name: string } } };
    expect(body.response_format.type).toBe("json_schema");

    const [entry] = first.manifest.judges;
    expect(entry).toMatchObject({ id: "no-internal-contact-leak", model: "openai:gpt-4.1-mini" });
    expect(entry?.version).toMatch(/^[0-9a-f]{12}$/);
    const verdicts = (await recordedTrials(first)).map((t) => [t.case_id, t.judges[0]?.outcome, t.judges[0]?.version, t.judges[0]?.cached]);
    expect(verdicts.sort()).toEqual([
      ["leaky", "fail", entry?.version, false],
      ["leaky", "fail", entry?.version, false],
      ["public", "pass", entry?.version, false],
      ["public", "pass", entry?.version, false],
    ]);
    const score = first.summary.scores.find((s) => s.kind === "judge");
    expect(score).toMatchObject({ passed: 2, failed: 2, errors: 0 });
    expect(score?.kind === "judge" && score.failing.map((f) => f.critique)).toEqual(["Names an internal escalation desk.", "Names an internal escalation desk."]);
    const line = JSON.parse((await readFile(join(first.runDir, "results.jsonl"), "utf8")).split("\n")[0] as string);
    expect(line.judges[0]).toMatchObject({ id: "no-internal-contact-leak", failure_mode: "leaks internal contact details or procedures" });

    const second = await runSuite({ configFile: suiteFile, reportsDir, tracking: "off" });
    expect(judgeCalls()).toHaveLength(4);
    expect((await recordedTrials(second)).every((t) => t.judges[0]?.cached === true)).toBe(true);
    expect(second.summary.usage.judges.cache_hits).toBe(4);
  });

  it("neither reads nor writes the cache with noCache", async () => {
    const reportsDir = join(dir, "reports-nocache");
    await runSuite({ configFile: suiteFile, reportsDir, tracking: "off", noCache: true });
    await runSuite({ configFile: suiteFile, reportsDir, tracking: "off", noCache: true });
    expect(judgeCalls()).toHaveLength(8);
  });

  it("skips the judges of a trial whose gating check failed", async () => {
    const gated = join(dir, "gated.yaml");
    await writeFile(gated, (await readFile(suiteFile, "utf8")).replace("name: judged", "name: gated").replace("    min: 1", "    max: 5\n    gating: true"));
    const run = await runSuite({ configFile: gated, reportsDir: join(dir, "reports-gated"), tracking: "off", noCache: true });
    expect(judgeCalls()).toHaveLength(0);
    expect((await recordedTrials(run)).every((t) => t.checks[0]?.outcome === "fail" && t.judges.length === 0)).toBe(true);
  });
});

describe("resuming after a judge changed", () => {
  it("refuses, so verdicts of two judge versions are never pooled in one run", async () => {
    const { copyFile } = await import("node:fs/promises");
    const judgeDir = await mkdtemp(join(tmpdir(), "evalgate-judge-copy-"));
    const judgeCopy = join(judgeDir, "leak.md");
    await copyFile(JUDGE_FILE, judgeCopy);
    await copyFile(JUDGE_FILE.replace(/\.md$/, ".examples.jsonl"), join(judgeDir, "no-internal-contact-leak.examples.jsonl"));
    const suite = join(dir, "resume.yaml");
    await writeFile(suite, (await readFile(suiteFile, "utf8")).replace("name: judged", "name: resumable").replace(JUDGE_FILE, judgeCopy));
    const reportsDir = join(dir, "reports-resume");
    const first = await runSuite({ configFile: suite, reportsDir, tracking: "off", noCache: true });

    await writeFile(judgeCopy, (await readFile(judgeCopy, "utf8")).replace("Quote the leaked part.", "Quote the leaked part exactly."));
    await expect(runSuite({ resume: first.runId, reportsDir, tracking: "off", noCache: true })).rejects.toThrow(
      `Cannot resume run ${first.runId}: the judge no-internal-contact-leak (its version: template, examples, model or temperature; the file ${judgeCopy}) changed since it started`,
    );
  });
});
