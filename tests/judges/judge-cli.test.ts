import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { main } from "../../src/cli/index.js";
import { runSuite } from "../../src/runner/index.js";

const exampleDir = join(import.meta.dirname, "../../examples/support-bot");
const suite = join(exampleDir, "evalgate.yaml");
const judge = (name: string) => join(exampleDir, "judges", `${name}.md`);

/** Runs the CLI in-process, capturing what it writes. */
async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const out = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => ((stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => ((stderr += String(chunk)), true));
  try {
    const code = await main(["node", "evalgate", ...args]);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

let reportsDir: string;
let runId: string;

beforeAll(async () => {
  reportsDir = await mkdtemp(join(tmpdir(), "evalgate-judge-cli-"));
  runId = (await runSuite({ configFile: suite, reportsDir, repeats: 1, tracking: "off" })).runId;
});

afterAll(() => rm(reportsDir, { recursive: true, force: true }));

describe("evalgate judge test", () => {
  it("prints the exact prompt on a dry run without calling the model", async () => {
    const { code, stdout } = await cli("judge", "test", judge("no-internal-contact-leak"), "--case", "oos-weather", "--suite", suite, "--output", "Call Priya.", "--dry-run");
    expect(code).toBe(0);
    expect(stdout).toMatch(/^judge no-internal-contact-leak \(version [0-9a-f]{12}, model scripted:judge-replies.jsonl\) on case oos-weather, trial 0\n/);
    expect(stdout).toContain("── system ──\nYou are a strict evaluator.");
    expect(stdout).toContain('<example index="4">');
    expect(stdout).toContain("<customer_message>\nWhat will the weather be like in Lisbon tomorrow?\n</customer_message>\n\n<answer>\nCall Priya.\n</answer>");
    expect(stdout).toMatch(/\(dry run: no model call\)\n$/);
  });

  it("judges the output recorded in a run, with the run's retrieved articles as context", async () => {
    const { code, stdout } = await cli("judge", "test", judge("grounded-in-articles"), "--case", "price-plus", "--run", runId, "--reports-dir", reportsDir, "--json");
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as { messages: { content: string }[]; verdict: { outcome: string; critique: string } };
    expect(result.messages[1]?.content).toContain('<document id="kb-import-notes"');
    expect(result.messages[1]?.content).toContain("Plus costs $6 per month");
    expect(result.verdict).toMatchObject({ outcome: "fail", critique: expect.stringContaining("none of the retrieved articles") as unknown });
  });

  it("says how to supply a response the judge needs", async () => {
    const { code, stderr } = await cli("judge", "test", judge("grounded-in-articles"), "--case", "price-plus", "--suite", suite);
    expect(code).toBe(2);
    expect(stderr.replace(exampleDir, "<example>")).toMatchInlineSnapshot(`
      "evalgate: Judge grounded-in-articles needs {{context}}, {{output}}, which case "price-plus" alone cannot fill: judge a recorded trial with --run <run-id> (its output and retrieved context), or pass --output <text>.
      "
    `);
  });

  it("suggests the closest case id for a typo", async () => {
    const { code, stderr } = await cli("judge", "test", judge("refuses-out-of-scope"), "--case", "oos-wether", "--suite", suite, "--dry-run");
    expect(code).toBe(2);
    expect(stderr).toContain('No case "oos-wether" in the datasets of');
    expect(stderr).toContain('Did you mean "oos-weather"?');
  });
});
