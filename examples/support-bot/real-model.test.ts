import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startStandin, type Standin } from "../../tests/support/standin/server.js";

const KEY = "sk-test-support-bot";
let standin: Standin;

beforeAll(async () => {
  standin = await startStandin({ apiKeys: [KEY] });
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await standin.close();
});

describe("support-bot with SUPPORT_BOT_MODEL set", () => {
  it("sends the grounded prompt to that model and traces its model id and usage", async () => {
    vi.stubEnv("SUPPORT_BOT_MODEL", "openai:gpt-4.1-mini");
    vi.stubEnv("OPENAI_BASE_URL", `${standin.url}/v1`);
    vi.stubEnv("OPENAI_API_KEY", KEY);
    standin.script({ text: "Yes, within 14 days [kb-billing-refunds].", usage: { input_tokens: 420, output_tokens: 12 } });
    // The pipeline picks its model when imported, so import it after the environment is set.
    vi.resetModules();
    const { default: supportBot } = await import("./pipeline.js");

    const question = "I bought an annual Plus plan last week. Can I get my money back?";
    const result = await supportBot(question, { runId: "r", caseId: "refund-annual", trial: 0, signal: new AbortController().signal });

    expect(result.output).toBe("Yes, within 14 days [kb-billing-refunds].");
    expect(result.trace).toMatchObject({ model: "openai:gpt-4.1-mini", usage: { input_tokens: 420, output_tokens: 12 } });
    const [request] = standin.requests;
    const body = request?.body as { model: string; messages: { role: string; content: string }[] };
    expect(body.model).toBe("gpt-4.1-mini");
    expect(body.messages.map((m) => m.role)).toEqual(["system", "user"]);
    expect(body.messages[0]?.content).toContain("Answer ONLY from the help-centre articles");
    expect(body.messages[0]?.content).toContain("[kb-billing-refunds] Refund policy");
    expect(body.messages[1]?.content).toBe(question);
    // Trial labels steer the scripted model only; a real API never sees them.
    expect(request?.rawBody).not.toContain("refund-annual");
  });
});
