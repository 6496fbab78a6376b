import { cp, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { readManifest, readResults, runPaths, type TrialRecord } from "../../src/log/index.js";
import { scoreProduction } from "../../src/production/index.js";
import { runSuite } from "../../src/runner/index.js";

const FIXTURES = resolve(import.meta.dirname, "fixtures");
let dir: string;
let suiteFile: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "evalgate-score-jsonl-"));
  await cp(FIXTURES, join(dir, "exports"), { recursive: true });
  suiteFile = join(dir, "evalgate.yaml");
  await writeFile(join(dir, "unused.jsonl"), "");
  await writeFile(
    suiteFile,
    [
      "name: support-bot-prod",
      "dataset: unused.jsonl",
      "target: { type: scripted, path: unused.jsonl }",
      "checks:",
      "  - { id: answered, type: length, min: 1 }",
      '  - { id: no-legal-advice, type: not-contains, value: "sue" }',
      "",
    ].join("\n"),
  );
});

async function score(file: string, extra: Partial<Parameters<typeof scoreProduction>[0]> = {}) {
  const result = await scoreProduction({ configFile: suiteFile, from: `jsonl:${join(dir, "exports", file)}`, reportsDir: join(dir, "reports"), tracking: "off", ...extra });
  const trials: TrialRecord[] = result.run ? (await readResults(runPaths(join(dir, "reports"), result.run.runId).results)).trials : [];
  const byId = new Map(trials.map((t) => [t.trace?.source?.trace_id, t]));
  return { result, trials, byId };
}

/** The error a promise rejects with, its temp directory replaced so the message is stable. */
async function failure(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => new Error("expected a rejection"),
    (thrown: unknown) => thrown as Error,
  );
  return `${error.name}: ${error.message.split(dir).join("<dir>")}`;
}

describe("scoring an inference-table export", () => {
  it("reads chat rows: request messages as the input, the completion as the output, failed requests left out", async () => {
    const { result, byId } = await score("inference-chat.jsonl");
    expect(result.source).toMatchObject({ kind: "jsonl", format: "inference-table (chat)", found: 3, skipped: 0, count: 2 });
    expect(result.failed).toBe(1);
    const first = byId.get("req-chat-1")!;
    expect(first).toMatchObject({ case_id: "req-chat-1", input: "How long do refunds take?", output: "Refunds take 5 business days." });
    expect(first.trace).toMatchObject({ usage: { input_tokens: 12, output_tokens: 7 }, model: "support-bot", source: { origin: expect.stringMatching(/^jsonl:.*inference-chat\.jsonl$/), trace_id: "req-chat-1" } });
    expect(byId.get("req-chat-2")?.input).toEqual([
      { role: "system", content: "Be brief." },
      { role: "user", content: "Can I sue you?" },
    ]);
    const manifest = await readManifest(runPaths(join(dir, "reports"), result.run!.runId));
    expect(manifest.source).toEqual(result.source);
    expect(manifest.target).toMatchObject({ type: "replay" });
  });

  it("refuses to resume a scored run as a suite run, which would call the target", async () => {
    const { result } = await score("inference-chat.jsonl");
    const resumed = runSuite({ resume: result.run!.runId, reportsDir: join(dir, "reports"), tracking: "off" });
    expect((await failure(resumed)).replace(result.run!.runId, "<run>").replace(/jsonl:\S+inference-chat\.jsonl/g, "jsonl:<file>")).toMatchInlineSnapshot(`"EvalgateError: Run <run> scored recorded outputs from jsonl:<file>, so evalgate run cannot resume it (it would call the suite's target). Score again with evalgate score --from jsonl:<file>: records already written back are skipped."`);
  });

  it("reads responses-agent rows with tool calls and the returned trace's retrieved documents", async () => {
    const { result, byId } = await score("inference-responses-agent.jsonl");
    expect(result.source.format).toBe("inference-table (responses-agent)");
    const trial = byId.get("req-resp-1")!;
    expect(trial).toMatchObject({ input: "Where is order A1?", output: "Order A1 has shipped." });
    expect(trial.trace?.tool_calls).toEqual([{ name: "get_order", arguments: { id: "A1" }, id: "call_1", output: "shipped" }]);
    expect(trial.trace?.context).toEqual([expect.objectContaining({ id: "kb/shipping.md", text: "Orders ship in 2 days." })]);
    expect(trial.checks.map((c) => c.outcome)).toEqual(["pass", "pass"]);
  });

  it("reads chat-agent rows: the last assistant message answers", async () => {
    const { result, byId } = await score("inference-chat-agent.jsonl");
    expect(result.source.format).toBe("inference-table (chat-agent)");
    expect(byId.get("req-agent-1")).toMatchObject({ input: "Reset my password", output: "I sent you a reset link." });
    expect(byId.get("req-agent-1")?.trace?.tool_calls).toEqual([{ name: "send_reset", arguments: {}, id: "t1" }]);
  });

  it("reads dataframe rows in records, split and inputs form", async () => {
    const { result, byId } = await score("inference-dataframe.jsonl");
    expect(result.source.format).toBe("inference-table (dataframe-records, dataframe-split, inputs)");
    expect([...byId].map(([id, t]) => [id, t.input, t.output])).toEqual([
      ["req-df-1", { question: "What plans exist?" }, { answer: "Free and Pro." }],
      ["req-df-2", { question: "Is there an API?" }, "Yes, a REST API."],
      ["req-df-3", { question: "Offline mode?" }, { answer: "Yes, on desktop." }],
    ]);
  });

  it("reads AI Gateway tables (request_time, JSON columns as objects)", async () => {
    const { result, byId } = await score("inference-gateway.jsonl", { since: "2026-12-01T07:00:00.000Z" });
    expect(result.source).toMatchObject({ format: "inference-table (chat)", found: 1, count: 1 });
    expect(byId.get("gw-1")?.output).toBe("Yes, 50% off Pro.");
  });
});

describe("scoring generic JSONL", () => {
  it("scores { input, output, context? } rows; rows without an id get a stable one", async () => {
    const first = await score("generic.jsonl");
    expect(first.result.source).toMatchObject({ format: "generic", found: 5, count: 5 });
    expect(first.byId.get("g-1")?.trace?.context).toEqual([{ id: "0", text: "Refunds take 5 business days." }]);
    expect(first.byId.get("g-4")?.checks.find((c) => c.id === "answered")?.outcome).toBe("fail");
    const unnamed = first.trials.find((t) => t.input === "No id here")!;
    expect(unnamed.case_id).toMatch(/^row-[0-9a-f]{16}$/);
    const again = await score("generic.jsonl");
    expect(again.trials.find((t) => t.input === "No id here")?.case_id).toBe(unnamed.case_id);
  });

  it("keeps records in [since, until) and samples the same records for the same seed, in any row order", async () => {
    const window = await score("generic.jsonl", { since: "2026-12-01T10:00:00.000Z", until: "2026-12-01T12:00:00.000Z" });
    expect(window.result.source).toMatchObject({ since: "2026-12-01T10:00:00.000Z", until: "2026-12-01T12:00:00.000Z", found: 2, count: 2 });
    expect([...window.byId.keys()].sort()).toEqual(["g-2", "g-3"]);

    const sampled = await score("generic.jsonl", { sample: 3, seed: 7 });
    expect(sampled.result.source).toMatchObject({ sample: 3, seed: 7, found: 5, count: 3 });
    const reversed = join(dir, "exports", "generic-reversed.jsonl");
    const lines = (await readFile(join(dir, "exports", "generic.jsonl"), "utf8")).trim().split("\n");
    await writeFile(reversed, `${lines.reverse().join("\n")}\n`);
    const again = await score("generic-reversed.jsonl", { sample: 3, seed: 7 });
    expect([...again.byId.keys()].sort()).toEqual([...sampled.byId.keys()].sort());
    const other = await Promise.all([1, 2, 3, 4, 5].map(async (seed) => [...(await score("generic.jsonl", { sample: 3, seed })).byId.keys()].sort().join()));
    expect(new Set(other).size).toBeGreaterThan(1);
  });

  it("names file, line and field of every bad row", async () => {
    const bad = join(dir, "exports", "bad.jsonl");
    await writeFile(
      bad,
      [
        '{"id": "ok", "input": "hi", "output": "hello"}',
        '{"id": "no-output", "input": "hi"}',
        "{not json",
        '{"id": "bad-context", "input": "hi", "output": "x", "context": "a string"}',
        '{"id": "bad-time", "input": "hi", "output": "x", "timestamp": "yesterday"}',
        "",
      ].join("\n"),
    );
    expect(await failure(score("bad.jsonl"))).toMatchInlineSnapshot(`
      "DatasetError: Dataset has 4 problems:
        ✖ <dir>/exports/bad.jsonl:2 (output): Missing "output": give the answer the application returned (or "error" for a failed request)
        ✖ <dir>/exports/bad.jsonl:3: Not valid JSON (Expected property name or '}' in JSON at position 1); each line must hold one complete JSON object
        ✖ <dir>/exports/bad.jsonl:4 (context): Expected "context" to be a list of documents (strings or { id?, text }), received a string
        ✖ <dir>/exports/bad.jsonl:5 (timestamp): Expected "timestamp" to be an ISO time or epoch milliseconds, received "yesterday""
    `);
    const badTable = join(dir, "exports", "bad-table.jsonl");
    await writeFile(
      badTable,
      [
        '{"databricks_request_id": "r1", "status_code": 200, "request": "{\\"messages\\": []}", "response": "{\\"nope\\": 1}"}',
        '{"status_code": 200, "request": "{}", "response": "{}"}',
        '{"databricks_request_id": "r3", "status_code": 200, "request": "{\\"prompt\\": \\"x\\"}", "response": "{}"}',
        '{"databricks_request_id": "r4", "status_code": 200, "request": "{\\"messages\\": [", "response": "{}"}',
        "",
      ].join("\n"),
    );
    expect(await failure(score("bad-table.jsonl"))).toMatchInlineSnapshot(`
      "DatasetError: Dataset has 4 problems:
        ✖ <dir>/exports/bad-table.jsonl:1 (response): databricks-serving (format chat): the response has no choices[0].message; received {"nope":1}. Check that \`format\` matches what the endpoint serves.
        ✖ <dir>/exports/bad-table.jsonl:2 (databricks_request_id): Missing the request id: an inference-table row needs databricks_request_id (or client_request_id)
        ✖ <dir>/exports/bad-table.jsonl:3 (request): Not a serving request evalgate reads: expected { messages }, { input: [...] }, { dataframe_records }, { dataframe_split } or { inputs }
        ✖ <dir>/exports/bad-table.jsonl:4 (request): Not valid JSON (Unexpected end of JSON input)"
    `);
  });
});
