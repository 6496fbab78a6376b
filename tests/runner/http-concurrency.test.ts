import { createServer, type Server } from "node:http";
import { mkdtemp, writeFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSuite } from "../../src/runner/index.js";

let server: Server;
let url: string;
let inFlight = 0;
let peak = 0;

beforeAll(async () => {
  // A service that answers after a pause and remembers how many calls it held at once.
  server = createServer(async (request, response) => {
    inFlight++;
    peak = Math.max(peak, inFlight);
    for await (const _ of request);
    await sleep(40);
    inFlight--;
    response.setHeader("content-type", "application/json");
    response.end(JSON.stringify({ answer: "ok" }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/answer`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe("an http target under the run's concurrency", () => {
  it("lets its host take as many calls as the run has trials in flight, and never more", async () => {
    const dir = await mkdtemp(join(tmpdir(), "evalgate-http-concurrency-"));
    const cases = Array.from({ length: 32 }, (_, i) => JSON.stringify({ id: `c${i}`, input: `q${i}` })).join("\n");
    await writeFile(join(dir, "cases.jsonl"), `${cases}\n`);
    const suite = join(dir, "evalgate.yaml");
    await writeFile(
      suite,
      ["name: wide", "dataset: cases.jsonl", "repeats: 2", "concurrency: 24", "target:", "  type: http", `  url: ${url}`, "  body: { q: '{{input}}' }", "  output: $.answer", ""].join("\n"),
    );
    const result = await runSuite({ configFile: suite, reportsDir: join(dir, "reports"), tracking: "off" });
    expect(result.summary.errors.trials).toBe(0);
    expect(peak).toBeLessThanOrEqual(24);
    // Above the shared default per-host cap of 16: the suite's concurrency is the bound that counts.
    expect(peak).toBeGreaterThan(16);
  });
});
