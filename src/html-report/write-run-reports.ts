import { loadRunAlignment } from "../alignment/index.js";
import { forEachTrial, runPathsIn, writeFileDurably, writeStreamDurably, type ResultsScan, type TrialRecord } from "../log/index.js";
import { formatResultsCsv, resultsCsvHeader, resultsCsvRows, summarize, summarizeResults, summaryMetrics } from "../report/index.js";
import type { HtmlReportInput } from "./build-report-data.js";
import { TrialSelection } from "./internal/trial-selection.js";
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

export interface RunReportsInput extends Omit<RunReportInput, "trials" | "recorded"> {
  /** The run directory: results.csv goes there, and report.html unless htmlFile says otherwise. */
  runDir: string;
  htmlFile?: string;
  /** Trials already in memory; by default results.jsonl of runDir is read in a streaming pass. */
  trials?: readonly TrialRecord[];
  /** Applied to every trial before it reaches a file (the run's secrets redactor). */
  redact?: <T>(value: T) => T;
  /** The scan that made `summary` (summarizeResults): its duplicates spare a pass over the log. */
  scan?: Pick<ResultsScan, "duplicates">;
}

/**
 * Writes the files derived from a run's log for people to read: report.html
 * and results.csv. Both are rebuilt at any time by `evalgate report`.
 * Reads the log line by line: results.csv is written trial by trial (in log
 * order) while the trials report.html embeds are picked (TrialSelection).
 * Returns the paths written.
 */
export async function writeRunReports(input: RunReportsInput): Promise<{ html: string; csv: string }> {
  const paths = runPathsIn(input.runDir);
  const html = input.htmlFile ?? paths.reportHtml;
  const redact = input.redact ?? (<T>(value: T) => value);
  const { trials: inMemory, redact: _redact, scan: known, ...rest } = input;
  if (inMemory) {
    const trials = inMemory.map((t) => redact(t));
    await writeHtmlReport(html, { ...rest, trials });
    await writeFileDurably(paths.resultsCsv, formatResultsCsv(input.manifest, trials));
    return { html, csv: paths.resultsCsv };
  }

  const { summary, scan } = input.summary
    ? { summary: input.summary, scan: known }
    : await summarizeResults(paths.results, input.manifest, { alignment: await loadRunAlignment(input.manifest) });
  const metrics = summaryMetrics(summary);
  const selection = new TrialSelection();
  await writeStreamDurably(paths.resultsCsv, async (write) => {
    await write(resultsCsvHeader());
    await forEachTrial(
      paths.results,
      () => async (record, latest) => {
        if (!latest) return;
        const trial = redact(record);
        selection.add(trial);
        await write(resultsCsvRows(metrics, trial));
      },
      // Without an earlier scan, a log with duplicates would be read twice, writing the CSV twice.
      scan ?? (await scanDuplicates(paths.results)),
    );
  });
  const { trials, recorded } = selection.finish();
  await writeHtmlReport(html, { ...rest, summary, trials, recorded });
  return { html, csv: paths.resultsCsv };
}

async function scanDuplicates(file: string) {
  return forEachTrial(file, () => () => undefined);
}
