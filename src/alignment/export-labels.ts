import { resolve } from "node:path";
import { EvalgateError } from "../errors.js";
import { readRun, runPaths, type TrialRecord } from "../log/index.js";
import { ExportManifestSchema, exportManifestPath } from "./export-manifest.js";
import { sheetFormatOf, writeSheet } from "./internal/sheet.js";
import { writeJsonAtomic } from "../log/index.js";
import { sampleItems } from "./sample.js";

export const LABEL_SHEET_COLUMNS = ["case_id", "trial", "input", "output", "context", "label", "notes"] as const;
export const DEFAULT_CONTEXT_CHARS = 2000;

export interface ExportLabelsOptions {
  runId: string;
  reportsDir?: string;
  /** The judge whose trials are exported (its verdicts never are). */
  judge: string;
  /** .csv or .xlsx */
  out: string;
  sample?: number;
  seed?: number;
  /** "tag": allocate the sample across the cases' first tags. */
  stratify?: "tag";
  /** "disagreements": sample first where the judge disagrees with a code check or another judge. */
  prefer?: "disagreements";
  /** CSV: start with a UTF-8 BOM (Excel on Windows). */
  bom?: boolean;
  /** Context longer than this is cut in its cell; the full text goes to the side file. */
  contextChars?: number;
  now?: Date;
}

export interface ExportLabelsResult {
  file: string;
  manifestFile: string;
  rows: number;
  /** Trials the judge scored in the run (what a sample was drawn from). */
  available: number;
}

/**
 * Writes a sheet for blind labelling: the case, trial, input, output and
 * context of each trial the judge scored, with empty label and notes columns.
 * The judge's verdict and critique are never written: an annotator who sees
 * them anchors on them, and the agreement measured afterwards is inflated.
 */
export async function exportLabels(options: ExportLabelsOptions): Promise<ExportLabelsResult> {
  const out = resolve(options.out);
  sheetFormatOf(out);
  const runDir = runPaths(resolve(options.reportsDir ?? "reports"), options.runId).dir;
  const run = await readRun(runDir);
  const judged = run.trials.filter((trial) => trial.judges.some((verdict) => verdict.id === options.judge));
  if (judged.length === 0) {
    const ids = run.manifest.judges.map((judge) => judge.id);
    throw new EvalgateError("CONFIG_INVALID", `Judge "${options.judge}" scored no trial of run ${options.runId}; its judges are ${ids.join(", ") || "none"}.`);
  }
  const chosen = options.sample === undefined
    ? judged
    : sampleItems(judged, options.sample, {
        seed: options.seed ?? 0,
        ...(options.stratify === "tag" ? { stratum: (trial: TrialRecord) => trial.tags?.[0] ?? "" } : {}),
        ...(options.prefer === "disagreements" ? { preferred: (trial: TrialRecord) => disagrees(trial, options.judge) } : {}),
      });
  const caseOrder = new Map(run.manifest.case_ids.map((id, index) => [id, index]));
  chosen.sort((a, b) => (caseOrder.get(a.case_id) ?? 0) - (caseOrder.get(b.case_id) ?? 0) || a.trial - b.trial);

  const limit = options.contextChars ?? DEFAULT_CONTEXT_CHARS;
  const manifestFile = exportManifestPath(out);
  const fullContext: Record<string, string> = {};
  const rows = chosen.map((trial) => {
    let context = contextText(trial);
    if (context.length > limit) {
      fullContext[`${trial.case_id}#${trial.trial}`] = context;
      context = `${context.slice(0, limit)}… [cut at ${limit} characters; full text in ${manifestFile}]`;
    }
    return [trial.case_id, String(trial.trial), cellText(trial.input), cellText(trial.output), context, "", ""];
  });
  await writeSheet(out, { header: [...LABEL_SHEET_COLUMNS], rows }, { bom: options.bom === true, choiceColumns: ["label"] });
  await writeJsonAtomic(manifestFile, ExportManifestSchema.parse({
    run_id: run.manifest.run_id,
    run_dir: runDir,
    judge: options.judge,
    suite_file: run.manifest.suite_file,
    exported_at: (options.now ?? new Date()).toISOString(),
    full_context: fullContext,
  }));
  return { file: out, manifestFile, rows: rows.length, available: judged.length };
}

/** Where human time is best spent: the judge says one thing, a code check or another judge the other. */
function disagrees(trial: TrialRecord, judgeId: string): boolean {
  const verdict = trial.judges.find((v) => v.id === judgeId)?.outcome;
  if (verdict !== "pass" && verdict !== "fail") return false;
  const others = [...trial.checks.map((check) => check.outcome), ...trial.judges.filter((v) => v.id !== judgeId).map((v) => v.outcome)].filter((o) => o !== "error");
  return verdict === "pass" ? others.includes("fail") : others.length > 0 && others.every((o) => o === "pass");
}

function cellText(value: unknown): string {
  if (value === undefined || value === null) return "";
  return typeof value === "string" ? value : JSON.stringify(value, null, 2);
}

/** The retrieved documents as a reader scans them: "[id] title", then the text. */
function contextText(trial: TrialRecord): string {
  const docs = trial.trace?.context ?? [];
  return docs.map((doc) => `[${doc.id}]${doc.title ? ` ${doc.title}` : ""}\n${doc.text ?? ""}`.trim()).join("\n\n");
}
