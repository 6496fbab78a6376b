import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createScriptedProvider } from "./scripted.js";

const user = [{ role: "user" as const, content: "How do I reset my password?" }];
let file: string;

beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), "evalgate-scripted-"));
  file = join(dir, "replies.jsonl");
  const lines = [
    { case_id: "reset", text: "Use the reset link [kb-passwords]." },
    { case_id: "reset", trial: 2, text: "Call us." },
    { case_id: "reset", judge: "hallucination", text: "Critique: grounded.\nVERDICT: PASS" },
    { case_id: "no-text", answer: "wrong key" },
  ];
  await writeFile(file, lines.map((l) => JSON.stringify(l)).join("\n") + "\n");
});

describe("createScriptedProvider", () => {
  it("answers with the case's reply and reports itself as a free scripted model", async () => {
    const provider = createScriptedProvider(file);
    const result = await provider.chat(user, { metadata: { case_id: "reset", trial: "0" } });
    expect(result.text).toBe("Use the reset link [kb-passwords].");
    expect(result.model).toBe(`scripted:${file}`);
    expect(provider.id).toBe(`scripted:${file}`);
    expect(result.usage).toEqual({ input_tokens: 0, output_tokens: 0 });
    expect(result.costUsd).toBe(0);
  });

  it("matches a trial given as a metadata string against a numeric trial in the file", async () => {
    const provider = createScriptedProvider(file);
    const result = await provider.chat(user, { metadata: { case_id: "reset", trial: "2" } });
    expect(result.text).toBe("Call us.");
  });

  it("prefers the judge-specific reply for a judge call", async () => {
    const provider = createScriptedProvider(file);
    const result = await provider.chat(user, { metadata: { case_id: "reset", trial: "1", judge: "hallucination" } });
    expect(result.text).toBe("Critique: grounded.\nVERDICT: PASS");
  });

  it("never answers a judge call with the pipeline's reply, nor the pipeline with a judge's", async () => {
    const provider = createScriptedProvider(file);
    await expect(provider.chat(user, { metadata: { case_id: "reset", judge: "tone" } })).rejects.toThrow(/No scripted reply/);
    const pipeline = await provider.chat(user, { metadata: { case_id: "reset", trial: "1" } });
    expect(pipeline.text).toBe("Use the reset link [kb-passwords].");
  });

  it("names the case, trial, judge and file when no reply matches", async () => {
    const provider = createScriptedProvider(file);
    const call = provider.chat(user, { metadata: { case_id: "unknown", trial: "1", judge: "tone" } });
    await expect(call).rejects.toMatchObject({ code: "CONFIG_INVALID" });
    const message = await call.catch((error: Error) => error.message.replace(file, "<file>"));
    expect(message).toMatchInlineSnapshot(`"No scripted reply for case_id="unknown", trial=1, judge="tone" in <file>. Add a line such as {"case_id": "unknown", "text": "…"} (optionally with "trial" or "judge")."`);
  });

  it("says how to write a reply when the matching line has no text", async () => {
    const provider = createScriptedProvider(file);
    const message = await provider
      .chat(user, { metadata: { case_id: "no-text" } })
      .catch((error: Error) => error.message.replace(file, "<file>"));
    expect(message).toMatchInlineSnapshot(`"Scripted reply at <file>:4 has no string "text" field; a scripted model reply looks like {"case_id": "…", "text": "…"}."`);
  });

  it("reports a missing replies file as bad input naming the model", async () => {
    const provider = createScriptedProvider("/nonexistent/replies.jsonl");
    const call = provider.chat(user, { metadata: { case_id: "reset" } });
    await expect(call).rejects.toMatchObject({ code: "CONFIG_INVALID" });
    await expect(call).rejects.toThrow(/^Cannot read the replies of model scripted:\/nonexistent\/replies\.jsonl: ENOENT/);
  });
});
