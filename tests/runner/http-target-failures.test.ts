import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runSuite } from "../../src/runner/index.js";
import { startStandin, type Standin } from "../support/standin/server.js";
import { recordedTrials } from "../support/recorded-trials.js";

let standin: Standin;
beforeAll(async () => {
  standin = await startStandin();
  standin.route("POST", "/answer", () => ({ json: { answer: "ok" } }));
});
afterAll(() => standin.close());
beforeEach(() => standin.reset());

/** A one-case, one-trial suite against the stand-in's /answer, with extra target and suite lines. */
async function runOnce(options: { target?: string[]; suite?: string[] } = {}) {
  const dir = await mkdtemp(join(tmpdir(), "evalgate-http-failures-"));
  await writeFile(join(dir, "cases.jsonl"), `${JSON.stringify({ id: "c1", input: "q" })}\n`);
  const suite = join(dir, "evalgate.yaml");
  const target = ["target:", "  type: http", `  url: ${standin.url}/answer`, "  body: { q: '{{input}}' }", "  output: $.answer", ...(options.target ?? []).map((l) => `  ${l}`)];
  await writeFile(suite, ["name: flaky-service", "dataset: cases.jsonl", "repeats: 1", ...(options.suite ?? []), ...target, ""].join("\n"));
  const result = await runSuite({ configFile: suite, reportsDir: join(dir, "reports"), tracking: "off" });
  const [trial] = (await recordedTrials(result));
  return trial!;
}

describe("an http target whose service fails", () => {
  it("does not retry a 5xx of the system under test by default, and records the one attempt", async () => {
    standin.injectFault({ status: 503, message: "overloaded" }, { times: 5, path: "/answer" });
    const trial = await runOnce();
    expect(standin.requests).toHaveLength(1);
    expect(trial.status).toBe("error");
    expect(trial.error).toMatchObject({ code: "PROVIDER_API_ERROR", status: 503, attempts: 1 });
    expect(trial.error?.message).not.toContain("already retried");
  });

  it("retries as often as `retries` asks and records the attempts in the trace", async () => {
    standin.injectFault({ status: 502 }, { times: 2, path: "/answer" });
    const trial = await runOnce({ target: ["retries: 2"] });
    expect(standin.requests).toHaveLength(3);
    expect(trial.status).toBe("ok");
    expect(trial.output).toBe("ok");
    expect(trial.trace?.attempts).toBe(3);
  });

  it("keeps the 429 and its Retry-After when the wait would outlast the trial's timeout", async () => {
    standin.injectFault({ status: 429, retryAfter: 120, message: "slow down" }, { times: 5, path: "/answer" });
    const trial = await runOnce({ suite: ["timeout_ms: 30000"], target: ["retries: 3"] });
    expect(standin.requests).toHaveLength(1);
    expect(trial.error).toMatchObject({ code: "PROVIDER_API_ERROR", status: 429, attempts: 1 });
    expect(trial.error?.message).toMatch(/^Gave up waiting: the endpoint asked to retry after 120 s \(HTTP 429\) but the trial's timeout is 30 s\. HTTP 429 from /);
    expect(trial.error?.message).toContain("slow down");
  });
});
