import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PromptTargetSchema } from "../../src/config/targets-schema.js";
import { ConfigError, CredentialsError, TargetError } from "../../src/errors.js";
import type { ChatMessage } from "../../src/log/index.js";
import type { ChatOptions, ChatProvider } from "../../src/providers/index.js";
import { createPromptTarget, createTarget } from "../../src/targets/index.js";
import { startStandin, type Standin } from "../support/standin/server.js";
import { recordingTransport, trialContext } from "./support.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "evalgate-prompt-"));
});

async function templateFile(name: string, text: string): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, text);
  return file;
}

/** Records what the target sends and answers like a real provider would. */
function recordingProvider(): { provider: ChatProvider; calls: { messages: readonly ChatMessage[]; options: ChatOptions | undefined }[] } {
  const calls: { messages: readonly ChatMessage[]; options: ChatOptions | undefined }[] = [];
  const provider: ChatProvider = {
    id: "openai:gpt-4.1-mini",
    async chat(messages, options) {
      calls.push({ messages, options });
      return { text: "Refunds take 5 business days.", usage: { input_tokens: 42, output_tokens: 7 }, latencyMs: 3, model: "openai:gpt-4.1-mini", costUsd: 0.0000252 };
    },
  };
  return { provider, calls };
}

const SUPPORT_TEMPLATE = `system: |
  You are Acme's support assistant. Customer tier: {{input.tier}}.
user: |
  Question: {{input.question}}
  Reference answer style: {{expected.style}}
`;

describe("prompt target", () => {
  it("renders system and user parts from the case and records model, usage and cost", async () => {
    const template = await templateFile("support.yaml", SUPPORT_TEMPLATE);
    const { provider, calls } = recordingProvider();
    const config = PromptTargetSchema.parse({ type: "prompt", model: "openai:gpt-4.1-mini", template, temperature: 0.2, max_tokens: 200 });
    const target = await createPromptTarget(config, { provider });
    const result = await target.invoke({ question: "How long do refunds take?", tier: "gold" }, trialContext({ caseId: "refund-1", trial: 1, expected: { style: "brief" } }));

    expect(calls).toHaveLength(1);
    expect(calls[0]?.messages).toEqual([
      { role: "system", content: "You are Acme's support assistant. Customer tier: gold.\n" },
      { role: "user", content: "Question: How long do refunds take?\nReference answer style: brief\n" },
    ]);
    expect(calls[0]?.options).toMatchObject({ temperature: 0.2, maxTokens: 200, metadata: { case_id: "refund-1", trial: "1" } });
    expect(result).toEqual({
      output: "Refunds take 5 business days.",
      trace: { model: "openai:gpt-4.1-mini", usage: { input_tokens: 42, output_tokens: 7 }, cost_usd: 0.0000252 },
    });
    expect(target.info).toEqual({ type: "prompt", description: `prompt ${template} on openai:gpt-4.1-mini`, model: "openai:gpt-4.1-mini", template });
  });

  it("inserts a whole string input with {{input}} and omits the system message when there is none", async () => {
    const template = await templateFile("plain.yaml", "user: 'Translate to French: {{input}}'\n");
    const { provider, calls } = recordingProvider();
    const target = await createPromptTarget(PromptTargetSchema.parse({ type: "prompt", model: "m:x", template }), { provider });
    await target.invoke("good morning", trialContext());
    expect(calls[0]?.messages).toEqual([{ role: "user", content: "Translate to French: good morning" }]);
    expect(calls[0]?.options?.temperature).toBeUndefined();
  });

  it("fails the trial, naming each placeholder the case cannot fill, without calling the model", async () => {
    const template = await templateFile("support-missing.yaml", SUPPORT_TEMPLATE);
    const { provider, calls } = recordingProvider();
    const target = await createPromptTarget(PromptTargetSchema.parse({ type: "prompt", model: "m:x", template }), { provider });
    const error = await target.invoke({ question: "q" }, trialContext()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TargetError);
    expect((error as Error).message.replace(template, "<template>")).toMatchInlineSnapshot(
      `"Prompt template <template>: placeholder {{input.tier}}, {{expected.style}} has no value for this case; add the field to the case's input or change the template."`,
    );
    expect(calls).toHaveLength(0);
  });

  it("rejects a template file without a user part, or with a misspelt placeholder root, before the run", async () => {
    const { provider } = recordingProvider();
    const noUser = await templateFile("no-user.yaml", "system: hello\nusr: '{{input}}'\n");
    const error = await createPromptTarget(PromptTargetSchema.parse({ type: "prompt", model: "m:x", template: noUser }), { provider }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues.map((issue) => issue.path)).toEqual(["user", ""]);

    const typo = await templateFile("typo.yaml", "user: '{{inptu.question}}'\n");
    const typoError = await createPromptTarget(PromptTargetSchema.parse({ type: "prompt", model: "m:x", template: typo }), { provider }).catch((e: unknown) => e);
    expect((typoError as ConfigError).issues).toEqual([
      { path: "", message: "Unknown placeholder {{inptu.question}}; placeholders start with input, expected, case_id or trial" },
    ]);
  });

  it("reports a missing template file as a config error naming it", async () => {
    const { provider } = recordingProvider();
    const missing = join(dir, "nope.yaml");
    const error = await createPromptTarget(PromptTargetSchema.parse({ type: "prompt", model: "m:x", template: missing }), { provider }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain(missing);
  });
});

describe("prompt target through a real provider", () => {
  const KEY = "sk-test-0123456789abcdef";
  let standin: Standin;
  beforeAll(async () => {
    standin = await startStandin({ apiKeys: [KEY] });
  });
  afterAll(() => standin.close());

  it("calls the model's chat API with the rendered prompt and records model, usage and cost", async () => {
    standin.script({ match: "refunds", text: "Within 14 days.", usage: { input_tokens: 30, output_tokens: 4 } });
    const template = await templateFile("e2e.yaml", SUPPORT_TEMPLATE);
    const target = await createTarget(
      PromptTargetSchema.parse({ type: "prompt", model: "openai:gpt-4.1-mini", template, temperature: 0, max_tokens: 50 }),
      { providers: { env: { OPENAI_API_KEY: KEY }, baseURL: `${standin.url}/v1`, transport: recordingTransport().transport } },
    );
    await target.prepare?.();
    const result = await target.invoke({ question: "Can I get refunds?", tier: "free" }, trialContext({ expected: { style: "brief" } }));

    const [request] = standin.requests;
    expect(request?.path).toBe("/v1/chat/completions");
    expect(request?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(request?.body).toMatchObject({
      model: "gpt-4.1-mini",
      temperature: 0,
      max_completion_tokens: 50,
      messages: [
        { role: "system", content: "You are Acme's support assistant. Customer tier: free.\n" },
        { role: "user", content: "Question: Can I get refunds?\nReference answer style: brief\n" },
      ],
    });
    expect(result.output).toBe("Within 14 days.");
    expect(result.trace).toMatchObject({ model: "openai:gpt-4.1-mini", usage: { input_tokens: 30, output_tokens: 4 } });
    expect(result.trace?.cost_usd).toBeGreaterThan(0);
    expect(JSON.stringify(result)).not.toContain(KEY);
  });

  it("stops in prepare when the model's API key is not set", async () => {
    const template = await templateFile("e2e-nokey.yaml", SUPPORT_TEMPLATE);
    const target = await createTarget(PromptTargetSchema.parse({ type: "prompt", model: "openai:gpt-4.1-mini", template }), {
      providers: { env: {}, baseURL: `${standin.url}/v1` },
    });
    const error = await target.prepare?.().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredentialsError);
    expect((error as CredentialsError).variable).toBe("OPENAI_API_KEY");
  });

  it("answers offline from a scripted:<file> model resolved against the suite directory", async () => {
    await writeFile(join(dir, "replies.jsonl"), '{"case_id": "case-1", "text": "scripted answer"}\n');
    const template = await templateFile("offline.yaml", "user: '{{input}}'\n");
    const target = await createTarget(PromptTargetSchema.parse({ type: "prompt", model: "scripted:replies.jsonl", template }), {
      providers: { baseDir: dir },
    });
    const result = await target.invoke("anything", trialContext());
    expect(result.output).toBe("scripted answer");
    // The id as the suite wrote it: results carry no machine-specific paths.
    expect(result.trace?.model).toBe("scripted:replies.jsonl");
  });
});
