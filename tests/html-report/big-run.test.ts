import { describe, expect, it } from "vitest";
import { renderHtmlReport, TEXT_LIMIT_CHARS, type ReportData } from "../../src/html-report/index.js";
import { readPageData, summarize } from "../../src/report/index.js";
import { syntheticRun } from "./synthetic-run.js";

/** docs/report.md: report.html stays within this at 100,000 trials (MLflow previews artifacts up to 50 MiB). */
const SIZE_BUDGET_BYTES = 32 * 1024 * 1024;

describe("report.html of a 100,000-trial run", () => {
  it("stays within the size budget, its texts cut to the text limit", { timeout: 300_000 }, () => {
    const { manifest, trials } = syntheticRun({ cases: 25_000, repeats: 4 });
    const started = performance.now();
    const html = renderHtmlReport({ manifest, trials, summary: summarize(manifest, trials) });
    const seconds = (performance.now() - started) / 1000;
    const bytes = Buffer.byteLength(html);
    console.log(`100,000-trial report.html: ${(bytes / 1024 / 1024).toFixed(1)} MiB, rendered in ${seconds.toFixed(1)} s`);

    expect(bytes).toBeLessThanOrEqual(SIZE_BUDGET_BYTES);
    const data = readPageData(html) as ReportData;
    expect(data.trials.case).toHaveLength(100_000);
    // The synthetic texts add up to more than the limit, so the cap is what holds the budget.
    expect(data.budget.chars).toBeGreaterThan(TEXT_LIMIT_CHARS);
    expect(data.texts.reduce((sum, t) => sum + t.length, 0)).toBeLessThanOrEqual(TEXT_LIMIT_CHARS);
    expect(data.shortened.index.length).toBeGreaterThan(0);
  });
});
