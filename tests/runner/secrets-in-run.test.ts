import { randomBytes } from "node:crypto";
import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { readPageData } from "../../src/report/index.js";
import { runSuite } from "../../src/runner/index.js";
import { startStandin, type Standin } from "../support/standin/server.js";
import { recordedTrials } from "../support/recorded-trials.js";

// Built at run time so no token-like literal is committed.
const PROVIDER_KEY = `provider-key-${randomBytes(8).toString("hex")}`;
const MODULE_KEY = `sk-module-${randomBytes(12).toString("hex")}`;

let standin: Standin;

beforeAll(async () => {
  standin = await startStandin({ apiKeys: [PROVIDER_KEY] });
});

afterAll(async () => {
  await standin?.close();
});

afterEach(() => {
  vi.unstubAllEnvs();
});

/** Every file under `dir` (run directory, response cache) that holds `secret`. */
async function filesHolding(dir: string, secret: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  const files = entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
  // report.html carries the run compressed: its data is searched as JSON, or a leak there would go unseen.
  const texts = await Promise.all(
    files.map(async (file) => {
      const text = await readFile(file, "utf8");
      return [file, file.endsWith("report.html") ? `${text}\n${JSON.stringify(readPageData(text) ?? null)}` : text] as const;
    }),
  );
  return texts.filter(([, text]) => text.includes(secret)).map(([file]) => file);
}

async function suiteDir(lines: string[], files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "evalgate-secrets-run-"));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  await writeFile(join(dir, "evalgate.yaml"), [...lines, ""].join("\n"));
  return dir;
}

describe("a run redacts the credentials it read before writing anything", () => {
  it("keeps a provider key out of results, reports and the response cache, even when the model echoes it", async () => {
    vi.stubEnv("OPENAI_API_KEY", PROVIDER_KEY);
    // The case carries the key, and the stand-in echoes the prompt: the key is in the answer and in what is cached.
    const dir = await suiteDir(
      ["name: echo-key", "dataset: cases.jsonl", "repeats: 1", "target:", "  type: prompt", "  model: openai:gpt-4.1-mini", "  template: prompt.yaml", "providers:", "  openai:", `    base_url: ${standin.url}/v1`],
      { "cases.jsonl": `${JSON.stringify({ id: "leaky", input: `my key is ${PROVIDER_KEY}` })}\n`, "prompt.yaml": "user: |\n  {{input}}\n" },
    );
    const result = await runSuite({ configFile: join(dir, "evalgate.yaml"), reportsDir: join(dir, "reports"), tracking: "off", cacheTargets: true });

    expect((await recordedTrials(result))[0]!.output).toBe("Echo: my key is [redacted:OPENAI_API_KEY]\n");
    expect(await filesHolding(join(dir, ".cache"), "[redacted:OPENAI_API_KEY]")).toHaveLength(1);
    // The dataset file holds it by construction; what evalgate wrote must not.
    expect(await filesHolding(join(dir, "reports"), PROVIDER_KEY)).toEqual([]);
    expect(await filesHolding(join(dir, ".cache"), PROVIDER_KEY)).toEqual([]);
  });

  it("redacts a key a module target read for itself from the message it threw", async () => {
    vi.stubEnv("MODULE_KEY", MODULE_KEY);
    const dir = await suiteDir(["name: module-throws", "dataset: cases.jsonl", "repeats: 1", "target:", "  type: module", "  path: ./pipeline.mjs"], {
      "cases.jsonl": '{"id": "c1", "input": "hi"}\n',
      "pipeline.mjs": "export default async () => { throw new Error(`upstream refused key ${process.env.MODULE_KEY}`); };\n",
    });
    const result = await runSuite({ configFile: join(dir, "evalgate.yaml"), reportsDir: join(dir, "reports"), tracking: "off" });

    expect((await recordedTrials(result))[0]!.error?.message).toBe("upstream refused key [redacted:openai-key]");
    expect(await filesHolding(join(dir, "reports"), MODULE_KEY)).toEqual([]);
  });
});
