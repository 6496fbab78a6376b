import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { runSuite } from "../../src/runner/index.js";
import { startStandin, type Standin } from "../support/standin/server.js";
import { recordedTrials } from "../support/recorded-trials.js";

let standin: Standin;
beforeAll(async () => {
  standin = await startStandin({ apiKeys: ["test-key-429"] });
  vi.stubEnv("OPENAI_API_KEY", "test-key-429");
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await standin?.close();
});
beforeEach(() => standin.reset());

describe("a prompt target whose model is rate limited", () => {
  it("records the 429 and its Retry-After when the wait would outlast the trial's timeout, instead of a bare timeout", async () => {
    standin.injectFault({ status: 429, retryAfter: 120, message: "slow down" }, { times: 5 });
    const dir = await mkdtemp(join(tmpdir(), "evalgate-rate-limited-"));
    await writeFile(join(dir, "cases.jsonl"), `${JSON.stringify({ id: "c1", input: "q" })}\n`);
    await writeFile(join(dir, "prompt.yaml"), "user: |\n  Answer: {{input}}\n");
    const suite = join(dir, "evalgate.yaml");
    const lines = ["name: limited", "dataset: cases.jsonl", "repeats: 1", "timeout_ms: 30000", "target:", "  type: prompt", "  model: openai:gpt-4.1-mini", "  template: prompt.yaml"];
    await writeFile(suite, [...lines, "providers:", "  openai:", `    base_url: ${standin.url}/v1`, ""].join("\n"));

    const result = await runSuite({ configFile: suite, reportsDir: join(dir, "reports"), tracking: "off" });
    const [trial] = (await recordedTrials(result));
    // Failed on the first answer instead of sleeping into the trial's timeout.
    expect(standin.requests.filter((r) => r.path === "/v1/chat/completions")).toHaveLength(1);
    expect(trial?.status).toBe("error");
    expect(trial?.error).toMatchObject({ status: 429 });
    expect(trial?.error?.message).toMatch(/^Gave up waiting: the endpoint asked to retry after 120 s \(HTTP 429\) but the trial's timeout is 30 s\. HTTP 429 from /);
  });
});
