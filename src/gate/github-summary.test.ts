import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { appendGithubStepSummary } from "./github-summary.js";

describe("appendGithubStepSummary", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "evalgate-step-summary-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("appends to the file GITHUB_STEP_SUMMARY names, keeping what is already there", async () => {
    const file = join(dir, "step_summary");
    await writeFile(file, "## Tests\n\nall green\n");
    expect(await appendGithubStepSummary("## evalgate gate: PASS", { GITHUB_STEP_SUMMARY: file })).toBe(true);
    expect(await appendGithubStepSummary("second\n", { GITHUB_STEP_SUMMARY: file })).toBe(true);
    expect(await readFile(file, "utf8")).toBe("## Tests\n\nall green\n\n## evalgate gate: PASS\n\nsecond\n");
  });

  it("does nothing outside GitHub Actions", async () => {
    expect(await appendGithubStepSummary("## evalgate gate: PASS", {})).toBe(false);
    expect(await appendGithubStepSummary("## evalgate gate: PASS", { GITHUB_STEP_SUMMARY: "" })).toBe(false);
  });

  it("says which variable to fix when the file cannot be written", async () => {
    const file = join(dir, "missing", "step_summary");
    await expect(appendGithubStepSummary("x", { GITHUB_STEP_SUMMARY: file })).rejects.toThrow(
      `Could not append the gate summary to GITHUB_STEP_SUMMARY (${file}): ENOENT`,
    );
  });
});
