import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createGuardrails, runGuarded, type GuardrailsOptions, type UserGuardConfig } from "../../src/guardrails/index.js";
import { createResponseCache } from "../../src/providers/index.js";
import { testTransport } from "../providers/helpers.js";
import { startStandin, type Standin } from "../support/standin/server.js";

const KEY = "sk-test-guard-0123456789abcdef";
const MODEL = "openai:gpt-4.1-mini";
let standin: Standin;

beforeAll(async () => {
  standin = await startStandin({ apiKeys: [KEY] });
});
afterAll(() => standin.close());
beforeEach(() => standin.reset());

const options = (extra: GuardrailsOptions = {}): GuardrailsOptions => ({
  providers: { env: { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: `${standin.url}/v1` }, transport: testTransport().transport },
  ...extra,
});
const scope: UserGuardConfig = { id: "on-topic", type: "scope", action: "block", description: "Support for Acme Cloud Notes: billing, accounts, sync, sharing.", model: MODEL };
const grounded: UserGuardConfig = { id: "grounded", type: "groundedness", action: "warn", model: MODEL };
const userTurn = (index: number) => (standin.requests[index]?.body as { messages: { role: string; content: string }[] }).messages.find((m) => m.role === "user")?.content ?? "";

describe("scope guard (judge model on the local stand-in)", () => {
  it("triggers on a FAIL verdict with the critique as its reason, and passes a PASS", async () => {
    standin.script(
      { match: /sue my landlord/, json: { critique: "Legal advice about a landlord is outside Acme Notes support.", verdict: "FAIL" } },
      { match: /export my notes/, json: { critique: "Exporting notes is an account question.", verdict: "PASS" } },
    );
    const guardrails = await createGuardrails({ name: "scoped", input: [scope] }, options());

    const off = await guardrails.runStage("input", "Can I sue my landlord for my deposit?");
    expect(off).toMatchObject({ blockedBy: "on-topic", decisions: [{ id: "on-topic", type: "scope", triggered: true, reason: "Legal advice about a landlord is outside Acme Notes support." }] });
    const on = await guardrails.runStage("input", "How do I export my notes?");
    expect(on).toMatchObject({ text: "How do I export my notes?", decisions: [{ triggered: false, reason: "Exporting notes is an account question." }] });

    // The judge sees the scope and the message, and answers in the judges' structured shape.
    expect(userTurn(0)).toContain("<scope>\nSupport for Acme Cloud Notes: billing, accounts, sync, sharing.\n</scope>");
    expect(userTurn(0)).toContain("<message>\nCan I sue my landlord for my deposit?\n</message>");
    expect((standin.requests[0]?.body as { response_format: { type: string } }).response_format.type).toBe("json_schema");
  });

  it("follows on_error when the judge cannot decide: closed blocks on a provider failure, open lets it through", async () => {
    standin.injectFault({ status: 400, message: "context too long" }, { times: 2 });
    const closed = await createGuardrails({ name: "c", input: [{ ...scope, on_error: "closed" }] }, options());
    const open = await createGuardrails({ name: "o", input: [scope] }, options());

    const blocked = await closed.runStage("input", "hello");
    expect(blocked).toMatchObject({ blockedBy: "on-topic", decisions: [{ triggered: true, error: expect.stringMatching(/^Judge call failed: .*context too long/) }] });
    const passed = await open.runStage("input", "hello");
    expect(passed).toMatchObject({ text: "hello", decisions: [{ triggered: false, error: expect.stringMatching(/context too long/) }] });
    expect(passed.decisions[0]?.error).not.toContain(KEY);
  });

  it("errs when the model outlasts timeout_ms", async () => {
    standin.injectFault({ latencyMs: 3_000 }, { times: 1 });
    standin.script({ json: { critique: "fine", verdict: "PASS" } });
    const guardrails = await createGuardrails({ name: "slow", input: [{ ...scope, timeout_ms: 200, on_error: "closed" }] }, options());
    const result = await guardrails.runStage("input", "hello");
    expect(result).toMatchObject({ blockedBy: "on-topic", decisions: [{ triggered: true, error: expect.stringContaining("200 ms") }] });
  });

  it("answers a repeated request from the response cache", async () => {
    standin.script({ json: { critique: "In scope.", verdict: "PASS" }, times: 5 });
    const cache = createResponseCache({ dir: await mkdtemp(join(tmpdir(), "evalgate-guard-cache-")) });
    const build = () => createGuardrails({ name: "cached", input: [scope] }, options({ cache }));
    await (await build()).runStage("input", "How do I reset my password?");
    const again = await (await build()).runStage("input", "How do I reset my password?");
    expect(standin.requests).toHaveLength(1);
    expect(again.decisions[0]).toMatchObject({ triggered: false, reason: "In scope." });
  });
});

describe("groundedness guard", () => {
  it("compares the answer with the documents and the question", async () => {
    standin.script({ json: { critique: "The documents say 14 days; the answer says 30.", verdict: "FAIL" } });
    const guardrails = await createGuardrails({ name: "g", output: [grounded] }, options());
    const result = await guardrails.runStage("output", "Refunds within 30 days.", { input: "Refund window?", context: ["Annual plans: refund within 14 days."] });

    expect(result).toMatchObject({ text: "Refunds within 30 days.", decisions: [{ id: "grounded", action: "warn", triggered: true, reason: "The documents say 14 days; the answer says 30." }] });
    expect(userTurn(0)).toContain('<document id="1">\nAnnual plans: refund within 14 days.\n</document>');
    expect(userTurn(0)).toContain("<question>\nRefund window?\n</question>");
    expect(userTurn(0)).toContain("<answer>\nRefunds within 30 days.\n</answer>");
  });

  it("errs without documents to compare with, asking no model", async () => {
    const guardrails = await createGuardrails({ name: "g", output: [grounded] }, options());
    const result = await guardrails.runStage("output", "Refunds within 30 days.");
    expect(result.decisions[0]).toMatchObject({ triggered: false });
    expect(result.decisions[0]?.error).toMatchInlineSnapshot(`"groundedness needs the retrieved documents (trace.context) to compare the answer with, and none came with it"`);
    expect(standin.requests).toHaveLength(0);
  });

  it("takes the suite's judge model when it names none", async () => {
    standin.script({ json: { critique: "Supported.", verdict: "PASS" } });
    const { model: _model, ...unnamed } = grounded as { model: string };
    const guardrails = await createGuardrails({ name: "g", output: [unnamed as UserGuardConfig] }, options({ defaultModel: MODEL }));
    await expect(guardrails.runStage("output", "a", { context: ["a"] })).resolves.toMatchObject({ decisions: [{ triggered: false, reason: "Supported." }] });
  });
});

describe("model guards on a scripted model", () => {
  const scripted = async () => {
    const dir = await mkdtemp(join(tmpdir(), "evalgate-scripted-guard-"));
    const replies = [
      { judge: "on-topic", case_id: "weather", text: JSON.stringify({ critique: "Weather is not Acme Notes support.", verdict: "FAIL" }) },
      { judge: "on-topic", case_id: "weather", trial: 1, text: JSON.stringify({ critique: "Read as small talk this time.", verdict: "PASS" }) },
    ];
    await writeFile(join(dir, "replies.jsonl"), replies.map((reply) => JSON.stringify(reply)).join("\n"));
    return createGuardrails({ name: "s", input: [{ ...scope, action: "warn", model: "scripted:replies.jsonl" }] }, { baseDir: dir });
  };

  it("answers for the case and trial of an eval run, as a judge's call does", async () => {
    const guardrails = await scripted();
    const call = (trial: number) => runGuarded(guardrails, "Will it rain in Lisbon tomorrow?", undefined, (input) => ({ output: `echo: ${String(input)}` }), { caseId: "weather", trial });
    expect((await call(0)).decisions).toMatchObject([{ id: "on-topic", triggered: true, reason: "Weather is not Acme Notes support." }]);
    expect((await call(1)).decisions).toMatchObject([{ id: "on-topic", triggered: false, reason: "Read as small talk this time." }]);
  });

  it("errs, naming why, where no case id comes with the call (proxy, guard(), guard eval)", async () => {
    const guardrails = await scripted();
    const result = await guardrails.runStage("input", "Will it rain in Lisbon tomorrow?");
    expect(result.decisions[0]?.triggered).toBe(false);
    expect(result.decisions[0]?.error).toMatchInlineSnapshot(`"guard "on-topic" uses the scripted model scripted:replies.jsonl, which answers by case id and trial, and this call has none: scripted model guards answer only inside an eval run. Give the guard a real model to use it in guard serve, guard() or guard eval."`);
  });
});
