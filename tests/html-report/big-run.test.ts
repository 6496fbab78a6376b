import { describe, expect, it } from "vitest";
import { EMBEDDED_TRIALS_LIMIT, renderHtmlReport, type ReportData } from "../../src/html-report/index.js";
import { trialOutcome } from "../../src/log/index.js";
import { readPageData, summarize } from "../../src/report/index.js";
import { syntheticRun } from "./synthetic-run.js";

/** docs/report.md: report.html of a 100,000-trial run stays far within MLflow's 50 MiB artifact preview. */
const SIZE_BUDGET_BYTES = 8 * 1024 * 1024;

describe("report.html of a 100,000-trial run", () => {
  const { manifest, trials } = syntheticRun({ cases: 25_000, repeats: 4 });
  const summary = summarize(manifest, trials);

  it("embeds at most EMBEDDED_TRIALS_LIMIT trials, failing and unscored ones first, and every case's outcomes", { timeout: 300_000 }, () => {
    const html = renderHtmlReport({ manifest, trials, summary });
    expect(Buffer.byteLength(html)).toBeLessThanOrEqual(SIZE_BUDGET_BYTES);
    const data = readPageData(html) as ReportData;
    expect(data.embedded).toEqual({ trials: EMBEDDED_TRIALS_LIMIT, recorded: 100_000, limit: EMBEDDED_TRIALS_LIMIT });
    expect(data.trials.case).toHaveLength(EMBEDDED_TRIALS_LIMIT);
    // The synthetic run fails more than the limit's worth of trials, so every embedded one is a failure.
    expect(trials.filter((t) => trialOutcome(t) !== "pass").length).toBeGreaterThan(EMBEDDED_TRIALS_LIMIT);
    expect(data.trials.outcome).not.toContain("p");
    expect(data.cases.id).toHaveLength(25_000);
    expect(data.cases.outcomes.join("")).toHaveLength(100_000);
    expect(data.summary.totals.trials_recorded).toBe(100_000);
  });

  it("still cuts the longest texts to the text limit", { timeout: 300_000 }, () => {
    const data = readPageData(renderHtmlReport({ manifest, trials, summary, textLimit: 200_000 })) as ReportData;
    expect(data.budget.chars).toBeGreaterThan(200_000);
    expect(data.texts.reduce((sum, t) => sum + t.length, 0)).toBeLessThanOrEqual(200_000);
    expect(data.shortened.index.length).toBeGreaterThan(0);
  });
});
