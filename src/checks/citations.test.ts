import { describe, expect, it } from "vitest";
import { buildCheck, runCheck } from "../../tests/support/check-harness.js";
import { ConfigError } from "../errors.js";
import type { UserCheckConfig } from "./index.js";
import { DEFAULT_CITATION_PATTERN, expectsAnswer, extractCitations, scoreCitations } from "./citations.js";
import { builtInPattern, compileUserPattern } from "./internal/text-pattern.js";

const DEFAULT = builtInPattern(new RegExp(DEFAULT_CITATION_PATTERN));
const CONTEXT = [{ id: "kb-billing-refunds" }, { id: "kb-billing-plans" }];

describe("extractCitations with the default pattern", () => {
  it.each([
    { text: "Refunds take 14 days [kb-billing-refunds].", ids: ["kb-billing-refunds"] },
    { text: "See [kb-1, kb-2] and [kb-2].", ids: ["kb-1", "kb-2"] },
    { text: "See [doc_3; policy:refunds].", ids: ["doc_3", "policy:refunds"] },
    { text: "Read [the guide](https://example.com) [kb-1]", ids: ["kb-1"] },
    { text: "Prices [in US dollars] vary.", ids: [] },
    { text: "No citations here.", ids: [] },
  ])("$text → $ids", ({ text, ids }) => {
    expect(extractCitations(text, DEFAULT)).toEqual(ids);
  });

  it("uses the first capture group that matched in a custom pattern", () => {
    expect(extractCitations("(source: a1) and ^[b2]", compileUserPattern(String.raw`\(source: (\w+)\)|\^\[(\w+)\]`, ""))).toEqual(["a1", "b2"]);
  });
});

describe("expectsAnswer", () => {
  it.each([
    { expected: undefined, tags: [], answerable: true },
    { expected: { facts: "x" }, tags: ["billing"], answerable: true },
    { expected: undefined, tags: ["out-of-scope"], answerable: false },
    { expected: { answerable: false }, tags: [], answerable: false },
    { expected: { answerable: true }, tags: ["refusal"], answerable: true },
  ])("expected $expected, tags $tags → $answerable", ({ expected, tags, answerable }) => {
    expect(expectsAnswer(expected, tags, ["out-of-scope", "refusal"])).toBe(answerable);
  });
});

describe("scoreCitations", () => {
  it("names cited ids that were not retrieved", () => {
    expect(scoreCitations(["kb-1", "kb-9"], ["kb-1", "kb-2"], true, "…")).toMatchInlineSnapshot(`
      {
        "outcome": "fail",
        "reason": "cites kb-9, not among the retrieved documents (retrieved: kb-1, kb-2)",
      }
    `);
  });

  it("fails an answerable case that cites nothing", () => {
    expect(scoreCitations([], ["kb-1"], true, "Refunds take 14 days.")).toMatchInlineSnapshot(`
      {
        "outcome": "fail",
        "reason": "cites no retrieved document (retrieved: kb-1) in "Refunds take 14 days."",
      }
    `);
  });

  it("lets an unanswerable case cite nothing", () => {
    expect(scoreCitations([], ["kb-1"], false, "I can only help with Acme Notes.").outcome).toBe("pass");
  });
});

describe("citations check", () => {
  it("passes an answer citing only retrieved documents", async () => {
    const verdict = await runCheck({ type: "citations" }, { output: "14 days [kb-billing-refunds].", trace: { context: CONTEXT } });
    expect(verdict).toEqual({ outcome: "pass", reason: "cites kb-billing-refunds" });
  });

  it("fails an answer citing a document that was not retrieved, even on an out-of-scope case", async () => {
    const verdict = await runCheck({ type: "citations" }, { output: "No [kb-hr-leave].", trace: { context: CONTEXT }, tags: ["out-of-scope"] });
    expect(verdict.outcome).toBe("fail");
  });

  it("honours custom unanswerable_tags", async () => {
    const config: UserCheckConfig = { type: "citations", unanswerable_tags: ["chit-chat"] };
    expect((await runCheck(config, { output: "Hello!", trace: { context: [] }, tags: ["chit-chat"] })).outcome).toBe("pass");
    expect((await runCheck(config, { output: "Hello!", trace: { context: [] }, tags: ["out-of-scope"] })).outcome).toBe("fail");
  });

  it("is an error when the target reported no retrieved context", async () => {
    expect((await runCheck({ type: "citations" }, { output: "14 days [kb-1]." })).outcome).toBe("error");
    expect((await runCheck({ type: "citations" }, { output: "No citation here." })).outcome).toBe("error");
  });

  it("does not take a guardrail's mask for a citation", async () => {
    const redacted = { id: "pii-out", type: "pii", stage: "output" as const, action: "redact" as const, triggered: true, spans: [{ start: 11, end: 26, label: "PHONE" }], latency_ms: 0.1 };
    const verdict = await runCheck({ type: "citations" }, { output: "Call us on [PHONE] [kb-billing-refunds].", trace: { context: CONTEXT }, guardrails: [redacted] });
    expect(verdict).toEqual({ outcome: "pass", reason: "cites kb-billing-refunds" });
  });

  it("needs no retrieved context to pass an unanswerable case that cites nothing (e.g. a guardrail's fallback)", async () => {
    const verdict = await runCheck({ type: "citations" }, { output: "Sorry, I can't help with that.", tags: ["out-of-scope"] });
    expect(verdict).toEqual({ outcome: "pass", reason: "cites nothing, as allowed for an unanswerable case" });
  });

  it("rejects a pattern without a capture group at build time", async () => {
    const error = await buildCheck({ type: "citations", pattern: "\\[\\w+\\]" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues).toMatchInlineSnapshot(`
      [
        {
          "message": "Citation pattern '\\[\\w+\\]' has no capture group; expected one group around the cited id, e.g. pattern: '\\[([\\w-]+)\\]'.",
          "path": "checks[0].pattern",
        },
      ]
    `);
  });
});
