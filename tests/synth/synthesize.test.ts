import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { validateDatasetFile } from "../../src/datasets/index.js";
import type { ChatProvider } from "../../src/providers/index.js";
import { runSuite } from "../../src/runner/index.js";
import { parseDimensions, synthesizeCases } from "../../src/synth/index.js";
import { runCli } from "../e2e/cli.js";
import { startStandin, type Standin } from "../support/standin/server.js";

// 3 × 2 × 2 = 12 combinations.
const DIMS = `
description: Acme Cloud Notes, a note-taking app with Free, Plus and Team plans.
instructions: One sentence, as typed into a help chat.
dimensions:
  persona:
    values: [new-customer, team-admin, churning]
  goal:
    values:
      refund: money back for a charge
      export: get notes out
  scenario:
    values: [mobile, web]
`;
const PERSONAS = ["new-customer", "team-admin", "churning"];
const COMBINATIONS = PERSONAS.flatMap((p) => ["refund", "export"].flatMap((g) => ["mobile", "web"].map((s) => `${p}.${g}.${s}`)));

/** A scripted reply per combination; two combinations answer the same question up to case and punctuation. */
function queryOf(key: string): string {
  if (key === "churning.refund.web") return "I WANT A REFUND -- now.";
  if (key === "churning.refund.mobile") return "I want a refund, now!";
  return `Question from ${key.replaceAll(".", " / ")}?`;
}
const replyLine = (key: string) => JSON.stringify({ case_id: key, text: JSON.stringify({ query: queryOf(key) }) });

let dir: string;
let dimsFile: string;
let repliesFile: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "evalgate-synth-"));
  dimsFile = join(dir, "dims.yaml");
  repliesFile = join(dir, "replies.jsonl");
  await writeFile(dimsFile, DIMS);
  await writeFile(repliesFile, `${COMBINATIONS.map(replyLine).join("\n")}\n`);
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const synth = (n: number, seed: number, to: string) =>
  synthesizeCases({ dimensionsFile: dimsFile, n, seed, to, model: `scripted:${repliesFile}` });
const linesOf = async (file: string) => (await readFile(file, "utf8")).trim().split("\n").map((line) => JSON.parse(line) as { id: string; input: string; tags: string[]; metadata: Record<string, unknown> });

describe("dataset synth", () => {
  it("tags every case with its dimension values and keeps them under metadata.dimensions", async () => {
    const result = await synth(5, 3, join(dir, "synth.jsonl"));
    expect(result.added).toHaveLength(5);
    for (const [index, c] of (await linesOf(join(dir, "synth.jsonl"))).entries()) {
      const values = result.plan[index]!.values;
      expect(c.tags).toEqual(["synthetic", `persona:${values.persona}`, `goal:${values.goal}`, `scenario:${values.scenario}`]);
      expect(c.metadata).toEqual({ dimensions: values, synth: { model: `scripted:${repliesFile}`, seed: 3, occurrence: 0 } });
      expect(c.input).toBe(queryOf(result.plan[index]!.key));
      expect(c.id).toMatch(new RegExp(`^synth-${values.persona}-${values.goal}-${values.scenario}-[0-9a-f]{8}$`));
    }
    expect((await validateDatasetFile(join(dir, "synth.jsonl"))).cases).toHaveLength(5);
  });

  it("writes the same cases for the same seed, and another sample for another seed", async () => {
    await synth(7, 11, join(dir, "a.jsonl"));
    await synth(7, 11, join(dir, "b.jsonl"));
    await synth(7, 12, join(dir, "c.jsonl"));
    const [a, b, c] = await Promise.all(["a", "b", "c"].map((name) => readFile(join(dir, `${name}.jsonl`), "utf8")));
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });

  it("drops near-duplicates, counting them, and adds nothing when run again", async () => {
    const file = join(dir, "synth.jsonl");
    const first = await synth(12, 1, file);
    expect(first.generated).toBe(12);
    expect(first.added).toHaveLength(11);
    expect(first.skipped).toEqual([expect.objectContaining({ reason: "same-input", duplicateIn: "batch", source: expect.stringMatching(/^churning\.refund\.(web|mobile) #0$/) })]);
    const before = await readFile(file);
    const again = await synth(12, 2, file);
    expect(again.added).toEqual([]);
    expect(again.skipped).toHaveLength(12);
    expect(await readFile(file)).toEqual(before);
  });

  it("prints combinations and prompts on a dry run without calling the model or writing", async () => {
    const provider: ChatProvider = { id: "never", chat: () => Promise.reject(new Error("a dry run must not call the model")) };
    const result = await synthesizeCases({ dimensionsFile: dimsFile, n: 4, seed: 5, to: join(dir, "dry.jsonl"), provider, dryRun: true });
    expect(result.plan).toHaveLength(4);
    expect(result.plan[0]?.messages[1]?.content).toContain("- goal: ");
    await expect(readFile(join(dir, "dry.jsonl"))).rejects.toMatchObject({ code: "ENOENT" });

    const cli = await runCli(["dataset", "synth", "--dimensions", dimsFile, "--n", "4", "--seed", "5", "--to", join(dir, "dry.jsonl"), "--dry-run"]);
    expect(cli.code).toBe(0);
    expect(cli.stdout.split("\n").slice(0, 6).join("\n").replace(dir, "<dir>")).toMatchInlineSnapshot(`
      "4 combinations (seed 5); no model called, nothing written to <dir>/dry.jsonl

      values drawn:
        persona: new-customer ×1, team-admin ×2, churning ×1
        goal: refund ×2, export ×2
        scenario: mobile ×2, web ×2"
    `);
  });

  it("keeps what the model answered and reports a combination it could not answer", async () => {
    await writeFile(repliesFile, `${COMBINATIONS.map((key) => (key === "team-admin.export.web" ? JSON.stringify({ case_id: key, text: "Sure! Here is a question: how do I export?" }) : replyLine(key))).join("\n")}\n`);
    const result = await synth(12, 0, join(dir, "synth.jsonl"));
    expect(result.generated).toBe(11);
    expect(result.failed).toEqual([{ combination: "team-admin.export.web", occurrence: 0, error: 'the reply is not {"query": "…"} (not JSON): Sure! Here is a question: how do I export?' }]);
    const cli = await runCli(["dataset", "synth", "--dimensions", dimsFile, "--n", "12", "--model", `scripted:${repliesFile}`, "--to", join(dir, "cli.jsonl")]);
    expect(cli.code).toBe(3);
    expect(cli.stdout).toContain('✖ no query for team-admin.export.web: the reply is not {"query": "…"} (not JSON)');
  });

  it("never has more model calls in flight than --concurrency", async () => {
    let inFlight = 0;
    let most = 0;
    const provider: ChatProvider = {
      id: "counting",
      async chat(_messages, options) {
        most = Math.max(most, ++inFlight);
        await new Promise((resolve) => setTimeout(resolve, 5));
        inFlight--;
        return { text: JSON.stringify({ query: `q ${options?.metadata?.case_id} ${options?.metadata?.trial}` }), usage: { input_tokens: 0, output_tokens: 0 }, latencyMs: 5, model: "counting" };
      },
    };
    const result = await synthesizeCases({ dimensionsFile: dimsFile, n: 20, seed: 0, to: join(dir, "c.jsonl"), provider, concurrency: 3 });
    expect(result.generated).toBe(20);
    expect(most).toBe(3);
  });

  it("asks once more, with the problem, when a reply does not match the schema", async () => {
    const conversations: string[][] = [];
    const replies = ['{"question": "wrong key"}', '{"query": "How do I export my notes?"}'];
    const provider: ChatProvider = {
      id: "fixing",
      async chat(messages) {
        conversations.push(messages.map((m) => `${m.role}: ${m.content}`));
        return { text: replies[conversations.length - 1]!, usage: { input_tokens: 0, output_tokens: 0 }, latencyMs: 1, model: "fixing" };
      },
    };
    const result = await synthesizeCases({ dimensionsFile: dimsFile, n: 1, to: join(dir, "f.jsonl"), provider });
    expect(result.added.map((c) => c.input)).toEqual(["How do I export my notes?"]);
    expect(conversations).toHaveLength(2);
    expect(conversations[1]?.slice(-2)).toMatchInlineSnapshot(`
      [
        "assistant: {"question": "wrong key"}",
        "user: That reply is not valid: query: Invalid input: expected string, received undefined. Reply with only the JSON object {"query": "<the message>"}.",
      ]
    `);
  });

  it("gives the summary a pass rate per persona, goal and scenario when the cases are run", async () => {
    const file = join(dir, "synth.jsonl");
    await synth(12, 4, file);
    // A target that answers refunds only: the export goal fails for every persona.
    await writeFile(join(dir, "target.mjs"), `export default async (input) => ({ output: input.toLowerCase().includes("refund") ? "Refunds within 14 days." : "Sorry." });\n`);
    await writeFile(join(dir, "evalgate.yaml"), `name: synth-pivot\ndataset: ./synth.jsonl\ntarget: { type: module, path: ./target.mjs }\nchecks:\n  - { id: answers, type: contains, values: ["14 days"] }\n`);
    const run = await runSuite({ configFile: join(dir, "evalgate.yaml"), reportsDir: join(dir, "reports"), tracking: "off" });
    const rate = (tag: string) => run.summary.tags.find((t) => t.tag === tag)?.pass_rate.rate;
    expect(rate("goal:refund")).toBe(1);
    expect(rate("goal:export")).toBe(0);
    for (const persona of PERSONAS) expect(rate(`persona:${persona}`)).toBeGreaterThan(0);
    expect(run.summary.tags.map((t) => t.tag)).toEqual(expect.arrayContaining(["scenario:mobile", "scenario:web", "synthetic"]));
  });
});

describe("dataset synth against an OpenAI-style server", () => {
  let standin: Standin;
  const KEY = "sk-test-synth-0123456789abcdef";
  beforeAll(async () => {
    standin = await startStandin({ apiKeys: [KEY] });
  });
  afterAll(() => standin.close());

  it("asks through the openai client for structured output and writes the query", async () => {
    standin.script({ json: { query: "Can I get my money back on the mobile app?" } });
    const to = join(dir, "openai.jsonl");
    const dims = parseDimensions(DIMS, dimsFile);
    const cli = await runCli(["dataset", "synth", "--dimensions", dimsFile, "--n", "1", "--seed", "9", "--model", "openai:gpt-4.1-mini", "--to", to, "--json"], {
      OPENAI_API_KEY: KEY,
      OPENAI_BASE_URL: `${standin.url}/v1`,
    });
    expect(cli.stderr).toBe("");
    expect(cli.code).toBe(0);
    expect(standin.requests).toHaveLength(1);
    const body = standin.requests[0]?.body as { model: string; response_format: { type: string; json_schema: { name: string; schema: Record<string, unknown>; strict: boolean } }; messages: { role: string; content: string }[] };
    expect(body.model).toBe("gpt-4.1-mini");
    expect(body.response_format).toEqual({
      type: "json_schema",
      json_schema: { name: "synthetic_query", strict: true, schema: { type: "object", properties: { query: { type: "string" } }, required: ["query"], additionalProperties: false } },
    });
    const summary = JSON.parse(cli.stdout) as { added: number; combinations: { values: Record<string, string> }[] };
    expect(summary.added).toBe(1);
    const values = summary.combinations[0]!.values;
    expect(body.messages.at(-1)?.content).toContain(`- persona: ${values.persona}`);
    expect(dims.dimensions.map((d) => d.name)).toEqual(Object.keys(values));
    const [written] = await linesOf(to);
    expect(written).toMatchObject({ input: "Can I get my money back on the mobile app?", tags: ["synthetic", `persona:${values.persona}`, `goal:${values.goal}`, `scenario:${values.scenario}`] });
    expect((written?.metadata.synth as { model: string }).model).toBe("openai:gpt-4.1-mini");
  });
});
