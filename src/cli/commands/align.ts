import { resolve } from "node:path";
import { Command, Option } from "commander";
import { EvalgateError } from "../../errors.js";
import type { AlignHistoryEntry, AlignResult, RateFigure } from "../../alignment/index.js";

export function register(program: Command): void {
  program
    .command("align")
    .description("Re-judge hand-labelled outputs with a judge file as it is now and measure its agreement with the labels (TPR, TNR, kappa)")
    .argument("[judge-file]", "the judge's Markdown file")
    .option("--labels <label-set>", "label set name (latest version) or name@version")
    .addOption(new Option("--split <split>", "which labelled items to score; test is meant to be scored once, and each look is recorded").choices(["dev", "test", "all"]).default("dev"))
    .option("--suite <file>", "the suite (its labels/ folder, judge_model, providers and cache); default: the nearest evalgate.yaml above the judge file")
    .option("--history <judge-id>", "show every stored align result of this judge across its versions, instead of aligning")
    .option("--json", "print the result as JSON on stdout")
    .addOption(new Option("--no-cache", "call the judge model for every item, never the response cache"))
    .action(async (judgeFile: string | undefined, options: AlignOptions) => {
      const { alignHistory, alignJudge } = await import("../../alignment/index.js");
      if (options.history) {
        const entries = await alignHistory(options.history, { suiteFile: resolve(options.suite ?? "evalgate.yaml") });
        process.stdout.write(options.json ? `${JSON.stringify(entries.map(({ verdicts: _v, ...rest }) => rest), null, 2)}\n` : formatHistory(options.history, entries));
        return;
      }
      if (!judgeFile || !options.labels) throw new EvalgateError("CONFIG_INVALID", "align needs <judge-file> and --labels <label-set> (or --history <judge-id>).");
      const result = await alignJudge({
        judgeFile,
        labels: options.labels,
        split: options.split,
        cache: options.cache,
        ...(options.suite ? { suiteFile: options.suite } : {}),
      });
      process.stdout.write(options.json ? `${JSON.stringify(result, null, 2)}\n` : formatAlign(result));
    });
}

interface AlignOptions {
  labels?: string;
  split: "dev" | "test" | "all";
  suite?: string;
  history?: string;
  json?: boolean;
  cache: boolean;
}

const pct = (value: number | null) => (value === null ? "insufficient" : `${(value * 100).toFixed(1)}%`);

function rate(figure: RateFigure): string {
  if (figure.insufficient) return `insufficient (n = ${figure.n} < 10)`;
  const cases = figure.cases !== undefined && figure.cases < figure.n ? ` in ${figure.cases} cases` : "";
  return `${pct(figure.value)}  95% CI ${pct(figure.low)}–${pct(figure.high)}  (n = ${figure.n}${cases})`;
}

function formatAlign(result: AlignResult): string {
  const { tp, fn, tn, fp } = result.confusion;
  const lines = [
    `judge ${result.judge} (version ${result.version}) vs label set ${result.label_set}@${result.label_set_version}, split ${result.split}`,
    `n ${result.n}: ${result.human_pass} human PASS, ${result.human_fail} human FAIL${result.unscored.length ? ` · ${result.unscored.length} unscored` : ""}${result.skipped ? ` · ${result.skipped} skipped (applies_when)` : ""} · ${result.cached} cached`,
    "",
    "                 judge PASS  judge FAIL",
    `  human PASS  ${String(tp).padStart(10)}  ${String(fn).padStart(10)}`,
    `  human FAIL  ${String(fp).padStart(10)}  ${String(tn).padStart(10)}`,
    "",
    `TPR       ${rate(result.tpr)}`,
    `TNR       ${rate(result.tnr)}`,
    `accuracy  ${pct(result.accuracy)}`,
    `kappa     ${result.kappa === null ? (result.n < 10 ? "insufficient" : "undefined") : result.kappa.toFixed(3)}`,
  ];
  if (result.test_viewings !== undefined) lines.push(`test split viewed ${result.test_viewings} time${result.test_viewings === 1 ? "" : "s"} for this judge version${result.test_viewings > 1 ? ": its figures are no longer an unbiased estimate" : ""}`);
  if (result.changed_since) lines.push(`${result.changed_since.items.length} verdicts changed since version ${result.changed_since.version}`);
  if (result.disagreements.length > 0) {
    lines.push("", `disagreements (${result.disagreements.length})`);
    for (const d of result.disagreements) {
      lines.push(`  ${d.case_id} #${d.trial}: human ${d.human.toUpperCase()}, judge ${d.judge.toUpperCase()}${d.notes ? ` — notes: ${d.notes}` : ""}`, `    ${d.critique}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

function formatHistory(judgeId: string, entries: readonly AlignHistoryEntry[]): string {
  if (entries.length === 0) return `no align results stored for judge ${judgeId}\n`;
  const rows = entries.map((e) => [e.at.slice(0, 19).replace("T", " "), e.version, `${e.label_set}@${e.label_set_version}`, e.split, String(e.n), pct(e.tpr.value), pct(e.tnr.value), pct(e.accuracy), e.kappa === null ? "—" : e.kappa.toFixed(3)]);
  const header = ["when", "version", "labels", "split", "n", "TPR", "TNR", "accuracy", "kappa"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd();
  return `${[`judge ${judgeId}: agreement across versions`, line(header), ...rows.map(line)].join("\n")}\n`;
}
