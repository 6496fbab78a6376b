import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ConfigError } from "../../src/errors.js";
import { createGuardrails, loadGuardrails, parseGuardrails } from "../../src/guardrails/index.js";

let dir: string;
let file: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "evalgate-guardrails-"));
  file = join(dir, "support-bot.yaml");
  await writeFile(join(dir, "answer.schema.json"), JSON.stringify({ type: "object", required: ["answer"] }));
  await writeFile(join(dir, "no-refunds.ts"), "export default ({ text }: { text: string }) => /refund/i.test(text);\nexport const notAFunction = 42;\n");
});

async function configError(text: string): Promise<ConfigError> {
  const error = await parseGuardrails(text, file).catch((e: unknown) => e);
  if (!(error instanceof ConfigError)) throw new Error(`expected a ConfigError, got ${String(error)}`);
  return error;
}

/** The messages of a ConfigError with the temp dir written as <dir>. */
const messages = (error: ConfigError) => error.issues.map((issue) => issue.message.split(dir).join("<dir>"));

const VALID = `name: support-bot
input:
  - { id: pii, type: pii, action: redact }
  - { id: injection, type: injection, action: block, threshold: 0.6 }
  - { id: secrets, type: secrets, action: block }
  - { id: topics, type: keywords, action: warn, block: [lawsuit, attorney] }
output:
  - { id: no-secrets-out, type: secrets, action: block }
  - { id: links, type: url, action: redact, allow: [acme.example] }
  - { id: shape, type: json-schema, action: warn, schema: answer.schema.json }
  - { id: refunds, type: custom, action: warn, module: no-refunds.ts, timeout_ms: 200 }
`;

describe("parseGuardrails: valid files", () => {
  it("builds both stages in order, with on_error and timeout defaults by type and stage", async () => {
    const guardrails = await parseGuardrails(VALID, file);
    expect(guardrails.name).toBe("support-bot");
    expect(guardrails.fallback).toBe("Sorry, I can't help with that.");
    const summary = (stage: "input" | "output") => guardrails[stage].map((g) => [g.id, g.action, g.onError, g.timeoutMs]);
    expect(summary("input")).toEqual([
      ["pii", "redact", "closed", 1_000],
      ["injection", "block", "closed", 1_000],
      ["secrets", "block", "closed", 1_000],
      ["topics", "warn", "open", 1_000],
    ]);
    expect(summary("output")).toEqual([
      ["no-secrets-out", "block", "open", 1_000],
      ["links", "redact", "open", 1_000],
      ["shape", "warn", "open", 1_000],
      ["refunds", "warn", "open", 200],
    ]);
  });

  it("lists the files the guards load, so a run can hash them", async () => {
    await writeFile(file, VALID);
    const guardrails = await loadGuardrails(file);
    expect([...guardrails.files].sort()).toEqual([join(dir, "answer.schema.json"), join(dir, "no-refunds.ts"), file].sort());
  });

  it("takes an explicit on_error over the default", async () => {
    const guardrails = await parseGuardrails("name: x\ninput:\n  - { id: injection, type: injection, action: block, on_error: open }\n", file);
    expect(guardrails.input[0]?.onError).toBe("open");
  });

  it("builds the same guardrails from a config object", async () => {
    const guardrails = await createGuardrails({ name: "inline", output: [{ id: "short", type: "length", action: "block", max: 10 }], fallback: "No." });
    await expect(guardrails.runStage("output", "a".repeat(11))).resolves.toMatchObject({ text: "No.", blockedBy: "short" });
  });
});

describe("parseGuardrails: mistakes, located by line", () => {
  it("names an unknown key with its line and the key it resembles", async () => {
    const error = await configError("name: x\ninput:\n  - id: injection\n    type: injection\n    action: block\n    treshold: 0.7\nouput: []\n");
    expect(error.message.split(dir).join("<dir>")).toMatchInlineSnapshot(`
      "Invalid guardrails config in <dir>/support-bot.yaml:
        ✖ Unknown key "treshold" in input[0]. Did you mean "threshold"? (line 6)
          → at input[0].treshold
        ✖ Unknown key "ouput" at top level. Did you mean "output"? (line 7)
          → at ouput"
    `);
  });

  it("suggests the guard type a misspelt one resembles", async () => {
    const error = await configError("name: x\ninput:\n  - { id: s, type: secret, action: block }\n");
    expect(messages(error)).toEqual([expect.stringMatching(/^Expected one of "pii", "secrets", .*received "secret"\. Did you mean "secrets"\? \(line 3\)$/)]);
  });

  it("rejects an unknown action and a PII entity it does not know", async () => {
    const error = await configError("name: x\ninput:\n  - { id: p, type: pii, action: mask, entities: [EMAIL, PASSPORT] }\n");
    expect(messages(error)).toMatchInlineSnapshot(`
      [
        "Expected one of "block", "redact", "warn", received "mask" (line 3)",
        "Expected one of "EMAIL", "PHONE", "US_SSN", "CREDIT_CARD", "IBAN", "IP_ADDRESS", "URL", "STREET_ADDRESS", received "PASSPORT" (line 3)",
      ]
    `);
  });

  it("checks rules across guards: unique ids, redact only with spans, stage-bound types, parallel", async () => {
    const error = await configError(`name: x
input:
  - { id: a, type: length, action: redact, max: 10 }
  - { id: grounded, type: groundedness, action: warn, model: "openai:gpt-4.1-mini" }
  - { id: allowed, type: keywords, action: redact, allow: [acme] }
output:
  - { id: a, type: secrets, action: block }
  - { id: topic, type: scope, action: block, description: Acme Notes support, model: "openai:gpt-4.1-mini" }
  - { id: late, type: secrets, action: block, parallel: true }
`);
    expect(messages(error)).toMatchInlineSnapshot(`
      [
        "A length guard finds no spans to mask, so it cannot redact: use action block or warn. Guards that can redact: pii, secrets, keywords, regex, url, custom. (line 3)",
        "A groundedness guard runs at the output stage only (it compares the answer with the retrieved documents); move it under \`output:\`. (line 4)",
        "An allow list triggers when nothing on it appears, which leaves nothing to mask: a guard with \`allow\` cannot redact. Use action block or warn, or a \`block\` list. (line 5)",
        "Duplicate guard id "a" (already used by input[0]). Ids name summary rows and metrics: give each guard its own. (line 7)",
        "A scope guard runs at the input stage only (it judges the user's request); move it under \`input:\`. (line 8)",
        "\`parallel\` applies to input guards with action block only: it lets the pipeline call start while the guard runs, and cancels it if the guard fires. (line 9)",
      ]
    `);
  });

  it("locates problems found while building guards: modules, exports, patterns, models", async () => {
    const error = await configError(`name: x
input:
  - { id: missing, type: custom, action: block, module: nowhere.ts }
  - { id: number, type: custom, action: block, module: no-refunds.ts, export: notAFunction }
  - id: lookahead
    type: regex
    action: block
    block:
      - 'refund(?! policy)'
  - { id: topic, type: scope, action: block, description: Acme Notes support }
`);
    expect(messages(error)).toMatchInlineSnapshot(`
      [
        "Custom guard module not found: <dir>/nowhere.ts. Expected a .ts or .js file; the path is relative to the guardrails file. (line 3)",
        "Export "notAFunction" of <dir>/no-refunds.ts is number, not a function. Export \`(input) => { triggered, spans?, score?, reason? }\`, e.g. with defineGuard. (line 4)",
        "Guard "lookahead": the pattern "refund(?! policy)" uses a lookahead, which evalgate's regex engine does not support. Patterns run on RE2, in time linear in the text so that no pattern can hang a run, and RE2 has no lookahead, lookbehind or backreferences. Instead: match the following text too, or move the excluded text to an \`allow\` pattern; or write a custom guard. (line 9)",
        "No model for this scope guard: set \`model:\` on it (e.g. openai:gpt-4.1-mini), or judge_model in the suite. (line 10)",
      ]
    `);
    expect(error.issues.map((i) => i.path)).toEqual(["input[0].module", "input[1].export", "input[2].block[0]", "input[3].model"]);
  });

  it("says what a guardrails file needs when it is empty", async () => {
    expect(messages(await configError(""))).toMatchInlineSnapshot(`
      [
        "The file is empty: expected a mapping with a name and \`input:\` and/or \`output:\` lists of guards.",
      ]
    `);
  });

  it("names a guardrails file that does not exist", async () => {
    const error = (await loadGuardrails(join(dir, "nope.yaml")).catch((e: unknown) => e)) as ConfigError;
    expect(messages(error)).toEqual([`Guardrails file not found: <dir>/nope.yaml. Check the path (a suite's \`guardrails:\` is relative to the suite file).`]);
  });

  it("validates a config object like a file, without lines", async () => {
    const error = (await createGuardrails({ name: "x", input: [{ id: "i", type: "injection", action: "block", treshold: 0.2 } as never] }).catch((e: unknown) => e)) as ConfigError;
    expect(error.message).toMatchInlineSnapshot(`
      "Invalid guardrails config:
        ✖ Unknown key "treshold" in input[0]. Did you mean "threshold"?
          → at input[0].treshold"
    `);
  });
});
