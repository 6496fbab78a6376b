import { loadRunAlignment } from "../alignment/index.js";
import { runPathsIn, writeFileDurably } from "../log/index.js";
import { formatResultsCsv, summarize } from "../report/index.js";
import type { HtmlReportInput } from "./build-report-data.js";
import { loadReportAlignment } from "./load-report-alignment.js";
import { renderHtmlReport } from "./render-html-report.js";

/** A run as read from disk; the summary and alignment are computed when not given. */
export type RunReportInput = Omit<HtmlReportInput, "summary"> & Partial<Pick<HtmlReportInput, "summary">>;

/**
 * report.html for a run, with its judges' alignment read from the suite's
 * labels/ folder (as `evalgate run` and `evalgate report` show it).
 */
export async function htmlReportOf(input: RunReportInput): Promise<string> {
  const summary = input.summary ?? summarize(input.manifest, input.trials, { alignment: await loadRunAlignment(input.manifest) });
  const alignment = input.alignment ?? (await loadReportAlignment(input.manifest, summary));
  return renderHtmlReport({ ...input, summary, ...(alignment ? { alignment } : {}) });
}

/** Writes report.html to `file` (atomically, like every run file). */
export async function writeHtmlReport(file: string, input: RunReportInput): Promise<void> {
  await writeFileDurably(file, await htmlReportOf(input));
}

export interface RunReportsInput extends RunReportInput {
  /** The run directory: results.csv goes there, and report.html unless htmlFile says otherwise. */
  runDir: string;
  htmlFile?: string;
}

/**
 * Writes the files derived from a run's log for people to read: report.html
 * and results.csv. Both are rebuilt at any time by `evalgate report`.
 * Returns the paths written.
 */
export async function writeRunReports(input: RunReportsInput): Promise<{ html: string; csv: string }> {
  const paths = runPathsIn(input.runDir);
  const html = input.htmlFile ?? paths.reportHtml;
  await writeHtmlReport(html, input);
  await writeFileDurably(paths.resultsCsv, formatResultsCsv(input.manifest, input.trials));
  return { html, csv: paths.resultsCsv };
}
