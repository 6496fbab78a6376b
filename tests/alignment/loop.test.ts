import { copyFile, mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alignHistory, alignJudge, exportLabels, importLabels, type AlignResult } from "../../src/alignment/index.js";
import { JudgeError } from "../../src/judges/index.js";
import { runSuite } from "../../src/runner/index.js";
import { testTransport } from "../providers/helpers.js";
import { startStandin, type Standin } from "../support/standin/server.js";

/**
 * The alignment loop on the support-bot example: run it (scripted, offline),
 * export the grounded-in-articles trials, fill the sheet programmatically,
 * import it, align v1 of a copy of the judge (answered by the local stand-in,
 * so the response cache is in play), edit the copy, align v2, read history.
 */
const EXAMPLE = fileURLToPath(new URL("../../examples/support-bot/", import.meta.url));
const KEY = "sk-test-align-0123456789abcdef";
const JUDGE = "grounded-in-articles";

let standin: Standin;
let work: string;
let suiteFile: string;
let judgeFile: string;
let runId: string;
const providerOptions = () => ({ env: { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: `${standin.url}/v1` }, transport: testTransport().transport });

beforeAll(async () => {
  standin = await startStandin({ apiKeys: [KEY] });
  work = await mkdtemp(join(tmpdir(), "evalgate-align-loop-"));
  const run = await runSuite({ configFile: join(EXAMPLE, "evalgate.yaml"), reportsDir: join(work, "reports") });
  runId = run.manifest.run_id;
  // A suite of our own (so labels/ and the cache live in the temp dir) over the example's dataset and target.
  suiteFile = join(work, "evalgate.yaml");
  await mkdir(join(work, "judges"));
  judgeFile = join(work, "judges", `${JUDGE}.md`);
  await copyFile(join(EXAMPLE, "judges", `${JUDGE}.examples.jsonl`), join(work, "judges", `${JUDGE}.examples.jsonl`));
  const original = await readFile(join(EXAMPLE, "judges", `${JUDGE}.md`), "utf8");
  await writeFile(judgeFile, original.replace("model: scripted:judge-replies.jsonl", "model: openai:gpt-4.1-mini"));
  await writeFile(suiteFile, [
    "name: support-bot-labels",
    `dataset: ${resolve(EXAMPLE, "datasets/support-bot.jsonl")}`,
    `target: { type: module, path: ${resolve(EXAMPLE, "pipeline.ts")} }`,
    "judges: [judges/grounded-in-articles.md]",
    "",
  ].join("\n"));
}, 120_000);
afterAll(() => standin?.close());

describe("the alignment loop on the support-bot example", () => {
  let v1: AlignResult;

  it("exports, imports filled labels, aligns v1, re-aligns from the cache, aligns an edited v2, and keeps the history", async () => {
    // 1. export, blind
    const sheet = join(work, "grounded.csv");
    const exported = await exportLabels({ runId, reportsDir: join(work, "reports"), judge: JUDGE, out: sheet });
    expect(exported.rows).toBe(84);
    const text = await readFile(sheet, "utf8");
    expect(text).not.toContain("is supported by kb-");

    // 2. fill: a "human" who fails every refund answer and passes the rest
    const [header, ...rows] = parse(text) as string[][];
    expect(header).toEqual(["case_id", "trial", "input", "output", "context", "label", "notes"]);
    const filled = ["case_id,trial,label,notes", ...rows.map(([caseId, trial]) => `${caseId},${trial},${caseId!.startsWith("refund") ? "❌" : "✅"},`)];
    await writeFile(join(work, "filled.csv"), `${filled.join("\r\n")}\r\n`);
    await copyFile(join(work, "grounded.evalgate.json"), join(work, "filled.evalgate.json"));

    // 3. import
    const imported = await importLabels({ file: join(work, "filled.csv"), as: "grounded-labels", suiteFile });
    expect(imported.labelSet.items).toHaveLength(84);
    const dev = imported.labelSet.items.filter((item) => item.split === "dev");

    // 4. align v1: the judge passes everything
    standin.reset();
    standin.script({ match: /[\s\S]/, json: { critique: "Every claim is in the articles.", verdict: "PASS" } });
    v1 = await alignJudge({ judgeFile, labels: "grounded-labels", suiteFile, providerOptions: providerOptions() });
    const devFails = dev.filter((item) => item.label === "fail").length;
    expect(v1).toMatchObject({ judge: JUDGE, split: "dev", n: dev.length, tnr: { n: devFails, insufficient: devFails < 10 } });
    // Trials of a case with the same output send the same prompt: the first is a call, the rest are cache hits.
    expect(standin.requests.length + v1.cached).toBe(dev.length);
    expect(v1.confusion).toEqual({ tp: dev.length - devFails, fn: 0, tn: 0, fp: devFails });
    expect(v1.disagreements).toHaveLength(devFails);

    // the same judge again: every verdict comes from the cache, no call
    standin.reset();
    const again = await alignJudge({ judgeFile, labels: "grounded-labels", suiteFile, providerOptions: providerOptions() });
    expect(again).toMatchObject({ version: v1.version, cached: dev.length, confusion: v1.confusion });
    expect(standin.requests).toHaveLength(0);

    // 5. edit the judge; 6. align v2: it now fails the refund answers
    await writeFile(judgeFile, (await readFile(judgeFile, "utf8")).replace("Ignore tone, length", "Refund terms need an exact article match. Ignore tone, length"));
    standin.reset();
    standin.script({ match: "refund", json: { critique: "The refund terms are not in the articles.", verdict: "FAIL" } }, { match: /[\s\S]/, json: { critique: "Supported.", verdict: "PASS" } });
    const v2 = await alignJudge({ judgeFile, labels: "grounded-labels", suiteFile, providerOptions: providerOptions() });
    expect(v2.version).not.toBe(v1.version);
    expect(standin.requests.length + v2.cached).toBe(dev.length);
    expect(standin.requests.length).toBeGreaterThan(0);
    expect(v2.changed_since?.version).toBe(v1.version);
    expect(v2.changed_since?.items.every((item) => item.before === "pass" && item.after === "fail")).toBe(true);
    expect(v2.tnr.n).toBe(devFails);

    // 7. history shows both versions, oldest first
    const history = await alignHistory(JUDGE, { suiteFile });
    expect(history.map((entry) => entry.version)).toEqual([v1.version, v1.version, v2.version]);
  });

  it("asks again only for items whose rendered prompt changed: a new version with the same prompts is free, an edited example is not", async () => {
    const original = await readFile(judgeFile, "utf8");
    const dev = (await importLabels({ file: join(work, "filled.csv"), as: "grounded-labels", suiteFile })).labelSet.items.filter((item) => item.split === "dev");
    standin.reset();
    standin.script({ match: /[\s\S]/, json: { critique: "Supported.", verdict: "PASS" } });
    const before = await alignJudge({ judgeFile, labels: "grounded-labels", suiteFile, providerOptions: providerOptions() });

    // Spacing inside placeholders and blank lines after the body: a new judge version, byte-identical prompts.
    await writeFile(judgeFile, `${original.replaceAll("{{output}}", "{{ output }}")}\n\n`);
    standin.reset();
    const respaced = await alignJudge({ judgeFile, labels: "grounded-labels", suiteFile, providerOptions: providerOptions() });
    expect(respaced.version).not.toBe(before.version);
    expect(standin.requests).toHaveLength(0);
    expect(respaced.cached).toBe(dev.length);

    // One few-shot example edited: it is in every item's system prompt, so every item is asked again.
    const examples = join(work, "judges", `${JUDGE}.examples.jsonl`);
    const exampleLines = await readFile(examples, "utf8");
    const [first, ...rest] = exampleLines.trimEnd().split("\n");
    const edited = JSON.parse(first!) as { critique: string };
    await writeFile(examples, `${[JSON.stringify({ ...edited, critique: `${edited.critique} (reviewed)` }), ...rest].join("\n")}\n`);
    standin.reset();
    standin.script({ match: /[\s\S]/, json: { critique: "Supported.", verdict: "PASS" } });
    const reexampled = await alignJudge({ judgeFile, labels: "grounded-labels", suiteFile, providerOptions: providerOptions() });
    await writeFile(examples, exampleLines);
    await writeFile(judgeFile, original);
    expect(reexampled.version).not.toBe(respaced.version);
    expect(reexampled.unscored).toEqual([]);
    expect(reexampled.cached + standin.requests.length).toBe(dev.length);
    // Every distinct prompt (trials of a case with the same output share one) was asked for; none came from before the edit.
    const distinctItems = new Set(dev.map((item) => JSON.stringify([item.case_id, item.output]))).size;
    expect(new Set(standin.requests.map((r) => JSON.stringify((r.body as { messages: unknown }).messages))).size).toBe(distinctItems);
  });

  it("refuses a judge whose few-shot example is a dev or test item", async () => {
    const { labelSet } = await importLabels({ file: join(work, "filled.csv"), as: "grounded-labels", suiteFile });
    const held = labelSet.items.find((item) => item.split === "test")!;
    const examples = join(work, "judges", `${JUDGE}.examples.jsonl`);
    const original = await readFile(examples, "utf8");
    await writeFile(examples, `${original.trimEnd()}\n${JSON.stringify({ input: held.input, output: held.output, critique: "Copied from the test split.", verdict: "PASS" })}\n`);
    const error = await alignJudge({ judgeFile, labels: "grounded-labels", suiteFile, providerOptions: providerOptions() }).catch((e: unknown) => e);
    await writeFile(examples, original);
    expect(error).toBeInstanceOf(JudgeError);
    expect((error as JudgeError).message).toMatch(new RegExp(`Few-shot example \\d+ is ${held.case_id} trial \\d, a test item of label set grounded-labels: examples may come only from the train split`));
  });
});
