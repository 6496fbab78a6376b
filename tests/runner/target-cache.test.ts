import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { runSuite } from "../../src/runner/index.js";
import { startStandin, type Standin } from "../support/standin/server.js";
import { recordedTrials } from "../support/recorded-trials.js";

let standin: Standin;
let suiteFile: string;
let reportsDir: string;

beforeAll(async () => {
  standin = await startStandin({ apiKeys: ["test-key-123"] });
  const dir = await mkdtemp(join(tmpdir(), "evalgate-target-cache-"));
  reportsDir = join(dir, "reports");
  await writeFile(join(dir, "cases.jsonl"), '{"id": "a", "input": "first question"}\n{"id": "b", "input": "second question"}\n');
  await writeFile(join(dir, "prompt.yaml"), "user: |\n  Answer briefly: {{input}}\n");
  suiteFile = join(dir, "evalgate.yaml");
  await writeFile(
    suiteFile,
    [
      "name: cached-prompt",
      "dataset: cases.jsonl",
      "repeats: 3",
      "target:",
      "  type: prompt",
      "  model: openai:gpt-4.1-mini",
      "  template: prompt.yaml",
      "providers:",
      "  openai:",
      `    base_url: ${standin.url}/v1`,
      "checks:",
      "  - type: contains",
      "    value: answer",
      "",
    ].join("\n"),
  );
  vi.stubEnv("OPENAI_API_KEY", "test-key-123");
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await standin?.close();
});

const completions = () => standin.requests.filter((r) => r.path === "/v1/chat/completions").length;

describe("response cache for targets (--cache targets)", () => {
  it("never serves a repeat from the cache, and serves each trial from its own entry on a re-run", async () => {
    standin.script({ match: /question/, text: "an answer" });

    const first = await runSuite({ configFile: suiteFile, reportsDir, cacheTargets: true, tracking: "off" });
    // 2 cases × 3 repeats: every trial reached the model, none was answered from the cache.
    expect(completions()).toBe(6);
    expect((await recordedTrials(first)).every((t) => t.trace?.cached !== true)).toBe(true);

    const second = await runSuite({ configFile: suiteFile, reportsDir, cacheTargets: true, tracking: "off" });
    expect(completions()).toBe(6);
    expect((await recordedTrials(second)).map((t) => t.trace?.cached)).toEqual(Array(6).fill(true));
    expect(second.summary.usage.target.cache_hits).toBe(6);

    const third = await runSuite({ configFile: suiteFile, reportsDir, tracking: "off" });
    expect(completions()).toBe(12);
    expect((await recordedTrials(third)).every((t) => t.trace?.cached !== true)).toBe(true);
  });
});
