import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { synthesizeCases, validateDatasetFile } from "evalgate";

const DIMS = fileURLToPath(new URL("./dims.yaml", import.meta.url));

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "support-bot-synth-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("the example's synthetic cases (README: Synthetic cases)", () => {
  it("has a scripted query for every persona × goal × scenario, one pair of them near-duplicates", async () => {
    const to = join(dir, "synth.jsonl");
    const result = await synthesizeCases({ dimensionsFile: DIMS, n: 12, seed: 7, model: "scripted:synth/synth-replies.jsonl", to });
    expect(new Set(result.plan.map((item) => item.key)).size).toBe(12);
    expect(result.failed).toEqual([]);
    expect(result.added).toHaveLength(11);
    expect(result.skipped.map((s) => s.reason)).toEqual(["same-input"]);
    expect((await validateDatasetFile(to)).cases).toHaveLength(11);
  });
});
