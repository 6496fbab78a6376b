import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser, type Frame, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderHtmlReport } from "../../src/html-report/index.js";
import { summarize } from "../../src/report/index.js";
import { FIXTURES, runCli } from "../e2e/cli.js";
import { readFixtureRun } from "../fixtures/runs/fixture-runs.js";
import { syntheticRun } from "./synthetic-run.js";

/**
 * The HTML report in a real browser: Debian's chromium driven by
 * playwright-core. .ci/run installs chromium; without it these tests fail,
 * unless EVALGATE_SKIP_BROWSER=1 asks to skip them.
 */
// The page.evaluate callbacks run in the browser; this project compiles against Node's types only.
declare const document: { createElement(tag: string): { sandbox: { add(token: string): void }; style: Record<string, string>; src: string }; body: { append(node: unknown): void }; querySelector(selector: string): { textContent: string | null } | null };
declare const location: { hash: string };

const CHROMIUM = process.env.EVALGATE_CHROMIUM ?? "/usr/bin/chromium";
const SKIP = process.env.EVALGATE_SKIP_BROWSER === "1";
if (SKIP) console.warn("evalgate: EVALGATE_SKIP_BROWSER=1: skipping the HTML report's browser tests (tests/html-report/browser.test.ts).");

const EXAMPLE_DIR = join(FIXTURES, "..", "..", "..", "examples", "support-bot");
/** Screenshots land here for CI to keep as artifacts (reports/ is git-ignored). */
const ARTIFACTS = join(FIXTURES, "..", "..", "..", "reports", "test-artifacts");
const HOSTILE = "</script><script>alert(1)</script>";
/** Stable, passing cases whose replies the candidate degrades (the two flaky cases stay as they are). */
const DEGRADED = ["refund-annual", "pay-with-paypal", "vat-number", "password-reset", "enable-2fa", "change-email", "export-pdf", "delete-account"];

async function runExample(reportsDir: string, env: NodeJS.ProcessEnv = {}): Promise<string> {
  const before = new Set(await readdir(reportsDir));
  const result = await runCli(["run", join(EXAMPLE_DIR, "evalgate.yaml"), "--reports-dir", reportsDir, "--no-progress", "--no-cache", "--no-tracking"], env);
  expect(result.code, result.stderr).toBe(0);
  return (await readdir(reportsDir)).find((name) => !before.has(name) && !name.endsWith(".jsonl"))!;
}

/** The example's replies with DEGRADED answered unhelpfully, uncited, and with markup a browser must not run. */
async function degradedReplies(dir: string): Promise<string> {
  const lines = (await readFile(join(EXAMPLE_DIR, "replies.jsonl"), "utf8")).split("\n").filter((l) => l.trim() !== "");
  const out = lines.map((line) => {
    const reply = JSON.parse(line) as { case_id: string; text: string; trial?: number };
    if (!DEGRADED.includes(reply.case_id) || reply.trial !== undefined) return line;
    return JSON.stringify({ ...reply, text: `Please check our website for details. ${HOSTILE}` });
  });
  const file = join(dir, "degraded-replies.jsonl");
  await writeFile(file, `${out.join("\n")}\n`);
  return file;
}

/** Opens a report from file:// and waits for its first view; fails on any script error, dialog or request leaving the file. */
async function openReport(browser: Browser, file: string): Promise<{ page: Page; problems: string[]; ms: number }> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("dialog", (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on("request", (request) => {
    if (!request.url().startsWith("file://")) problems.push(`request: ${request.url()}`);
  });
  const started = performance.now();
  await page.goto(pathToFileURL(file).href);
  await page.waitForSelector("body[data-ready]", { timeout: 120_000 });
  const ms = performance.now() - started;
  expect(await page.getAttribute("body", "data-ready")).toBe("true");
  return { page, problems, ms };
}

describe.skipIf(SKIP)("the HTML report in Chromium", () => {
  let browser: Browser;
  let reportsDir: string;
  let baseline: string;
  let candidate: string;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`Chromium is not installed at ${CHROMIUM}. Install Debian's package (apt-get install chromium; .ci/run does), point EVALGATE_CHROMIUM at another build, or set EVALGATE_SKIP_BROWSER=1 to skip these tests.`);
    }
    reportsDir = await mkdtemp(join(tmpdir(), "evalgate-html-report-"));
    await mkdir(ARTIFACTS, { recursive: true });
    baseline = await runExample(reportsDir);
    candidate = await runExample(reportsDir, { SUPPORT_BOT_MODEL: `scripted:${await degradedReplies(reportsDir)}` });
    const gate = await runCli(["gate", "--baseline", baseline, "--candidate", candidate, "--reports-dir", reportsDir]);
    expect(gate.code, gate.stderr).toBe(1);
    browser = await chromium.launch({ executablePath: CHROMIUM });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
  });

  it("opens the example's report from file:// with its pass rate, interval and failure modes", async () => {
    const { page, problems } = await openReport(browser, join(reportsDir, baseline, "report.html"));
    expect(await page.textContent("#overall-pass-rate")).toMatch(/^Overall pass rate76\.5%95% CI 60\.7%–87\.3%/);
    await page.click("nav.tabs button[data-view=metrics]");
    const firstMetric = async () => page.textContent("#metrics-table tbody tr:nth-child(2) td:first-child");
    await page.click('#metrics-table th[data-key="rate"]');
    expect(await firstMetric()).toBe("no-email-or-phone");
    await page.click('#metrics-table th[data-key="rate"]');
    expect(await firstMetric()).toBe("grounded-in-articles");
    await page.click("nav.tabs button[data-view=failures]");
    expect(await page.textContent("#failure-modes-table tbody tr:first-child")).toContain("answer not supported by the retrieved articles");
    expect(problems).toEqual([]);
    await page.close();
  });

  it("filters to the flaky cases, opens one with its trials side by side, reads a critique, then shows the comparison", async () => {
    const { page, problems } = await openReport(browser, join(reportsDir, candidate, "report.html"));
    await page.click("nav.tabs button[data-view=cases]");
    await page.selectOption("#filter-outcome", "flaky");
    await page.waitForFunction(() => document.querySelector("#case-count")?.textContent?.startsWith("2 cases"));
    const listed = await page.$$eval("#case-results [data-case]", (links) => links.map((a) => a.textContent));
    expect(listed.sort()).toEqual(["offline-conflict", "oos-legal-advice"]);

    // The social-engineering case fails every trial (the static injection layer misses it), and trial 1 leaks.
    await page.selectOption("#filter-outcome", "fail");
    await page.click('#case-results [data-case="inject-escalation-contact"]');
    await page.waitForSelector("#trial-grid");
    const critique = await page.textContent('#trial-grid [data-metric="judge:refuses-out-of-scope"][data-trial="1"] .critique');
    expect(critique).toMatch(/^Falls for the social engineering in part/);
    // Trial 1 leaked where trials 0 and 2 declined: its differing words are marked against trial 0.
    expect(await page.textContent('#trial-grid .output[data-trial="1"] ins')).toContain("Priya Raman");
    await page.screenshot({ path: join(ARTIFACTS, "report-case.png"), fullPage: true });

    await page.click("nav.tabs button[data-view=compare]");
    await page.waitForSelector("#compare-view");
    expect(await page.textContent("#gate-verdict")).toBe("✗ FAIL");
    const regressed = await page.$$eval("#compare-table tr[data-regressed=true]", (rows) => rows.map((r) => (r as unknown as { dataset: { metric?: string } }).dataset.metric));
    expect(regressed).toEqual(expect.arrayContaining(["cites-retrieved-articles", "states-expected-facts"]));
    await page.screenshot({ path: join(ARTIFACTS, "report-compare.png"), fullPage: true });
    console.log(`screenshots: ${join(ARTIFACTS, "report-case.png")}, ${join(ARTIFACTS, "report-compare.png")}`);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("shows hostile model output as text, without running it", async () => {
    const { page, problems } = await openReport(browser, join(reportsDir, candidate, "report.html"));
    await page.evaluate(() => (location.hash = "#case?id=refund-annual"));
    await page.waitForSelector('#trial-grid .output[data-trial="0"]');
    expect(await page.textContent('#trial-grid .output[data-trial="0"]')).toContain(HOSTILE);
    expect(await page.$$eval("script", (scripts) => scripts.length)).toBe(2);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("works in a frame sandboxed as MLflow's artifact viewer shows HTML (blob URL, allow-scripts only)", async () => {
    const html = await readFile(join(reportsDir, candidate, "report.html"), "utf8");
    const page = await browser.newPage();
    // MLflow 3.17's ShowArtifactHtmlView: an iframe whose src is a blob URL of the artifact, sandbox="allow-scripts".
    await page.evaluate((text) => {
      const frame = document.createElement("iframe");
      frame.sandbox.add("allow-scripts");
      frame.style.width = "1200px";
      frame.style.height = "800px";
      frame.src = URL.createObjectURL(new Blob([text], { type: "text/html" }));
      document.body.append(frame);
    }, html);
    let frame: Frame | undefined;
    await expect.poll(() => (frame = page.frames().find((f) => f.url().startsWith("blob:")))).toBeDefined();
    await frame!.waitForSelector("body[data-ready=true]", { timeout: 60_000 });
    expect(await frame!.textContent("#overall-pass-rate")).toContain("95% CI");
    await frame!.click("nav.tabs button[data-view=compare]");
    expect(await frame!.textContent("#gate-verdict")).toBe("✗ FAIL");
    await page.close();
  });

  it("shows guard triggers per guard, their trials, and guard eval figures when given", async () => {
    const run = await readFixtureRun("support-bot");
    const trials = run.trials.map((t, i) => ({
      ...t,
      guardrails: [{ id: "pii-out", type: "pii", stage: "output" as const, triggered: i % 4 === 0, action: "redact" as const, spans: i % 4 === 0 ? [{ start: 0, end: 9, label: "EMAIL" }] : [], latency_ms: 2 }],
    }));
    const file = join(reportsDir, "guarded-report.html");
    const guardEval = { guards: [{ id: "pii-out", tp: 40, fp: 3, fn: 5, tn: 152, precision: 40 / 43, recall: 40 / 45, f1: 0.91, fpr: 3 / 155, p50_ms: 1.2, p95_ms: 3.4 }] };
    await writeFile(file, renderHtmlReport({ manifest: run.manifest, trials, summary: summarize(run.manifest, trials), guardEval }));
    const { page, problems } = await openReport(browser, file);
    await page.click("nav.tabs button[data-view=guardrails]");
    const row = await page.$$eval("#guards-table tbody tr:first-child td", (cells) => cells.map((c) => c.textContent));
    expect(row.slice(0, 6)).toEqual(["pii-out", "pii", "output", "redact", "12", "3"]);
    await page.click("#guards-table tbody tr:first-child");
    expect(await page.textContent("#guardrails-view h3")).toBe("pii-out: triggered on 3 texts");
    expect(await page.textContent("#guard-eval-table tbody")).toContain("93.0%");
    expect(problems).toEqual([]);
    await page.close();
  });

  it("opens a 100,000-trial report and renders its overview", { timeout: 300_000 }, async () => {
    const { manifest, trials } = syntheticRun({ cases: 25_000, repeats: 4 });
    const file = join(reportsDir, "synthetic-report.html");
    await writeFile(file, renderHtmlReport({ manifest, trials, summary: summarize(manifest, trials) }));
    const { page, problems, ms } = await openReport(browser, file);
    console.log(`100,000-trial report: overview rendered ${(ms / 1000).toFixed(1)} s after opening (decode and first render: ${await page.getAttribute("body", "data-render-ms")} ms)`);
    expect(await page.textContent("#overall-pass-rate")).toMatch(/^Overall pass rate\d+\.\d%/);
    await page.click("nav.tabs button[data-view=cases]");
    expect(await page.textContent("#case-count")).toBe("25,000 cases of 25,000");
    expect(problems).toEqual([]);
    await page.close();
  });
});
