// Loader for the public guardrail datasets kept outside the repo in
// ../shared/datasets/guardrails (see that folder's README.md). A user's clone
// has no ../shared, so absence is reported, never an error.
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";

export const GUARDRAILS_DIR = join(import.meta.dirname, "..", "..", "shared", "datasets", "guardrails");

/**
 * Returns `{ status: "skipped", reason }` when ../shared is absent, otherwise
 * the two datasets normalised to `{ id, text, expected }` rows:
 * - pii: presidio synth_dataset_v2, `expected` = the PII entity types present (empty for the clean sentences),
 *   `spans` = `{ type, start, end }` character spans of each;
 * - jailbreak: openai-guardrails demo data, `expected` = whether the Jailbreak guard should trigger.
 */
export async function loadGuardrailDatasets(dir = GUARDRAILS_DIR) {
  if (!existsSync(dir)) return { status: "skipped", reason: "../shared not present" };
  const presidio = JSON.parse(await readFile(join(dir, "presidio_synth_dataset_v2.json"), "utf8"));
  const pii = presidio.map((row, index) => ({
    id: `presidio-${index}`,
    text: row.full_text,
    expected: [...new Set(row.spans.map((span) => span.entity_type))].sort(),
    spans: row.spans.map((span) => ({ type: span.entity_type, start: span.start_position, end: span.end_position })),
  }));
  const jailbreakText = await readFile(join(dir, "openai_guardrails_demo_data.jsonl"), "utf8");
  const jailbreak = jailbreakText
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line))
    .map((row) => ({ id: row.id, text: row.data, expected: row.expected_triggers?.Jailbreak === true }));
  return { status: "loaded", dir, pii, jailbreak };
}
