import { basename } from "node:path";
import { Command, InvalidArgumentError, Option } from "commander";
import type { ImportLabelsResult } from "../../alignment/index.js";
import { errorMessage } from "../../errors.js";
import { ExitCode } from "../exit-codes.js";
import { parsePositiveInt } from "../output.js";

export function register(program: Command, setExit: (code: ExitCode) => void): void {
  const label = program.command("label").description("Hand-label judged trials in a spreadsheet, blind, and import the labels");

  label
    .command("export")
    .description("Write a run's trials for one judge to a CSV or xlsx sheet for blind labelling (never the judge's verdicts or critiques)")
    .argument("<run-id>", "the run whose trials to label")
    .requiredOption("--judge <id>", "the judge the labels are for")
    .requiredOption("--out <file>", "the sheet to write: FILE.csv or FILE.xlsx (plus FILE.evalgate.json beside it)")
    .option("--reports-dir <dir>", "where run directories are", "reports")
    .option("--sample <n>", "export n trials instead of all", parsePositiveInt)
    .option("--seed <n>", "seed of the sample", parseSeed, 0)
    .addOption(new Option("--stratify <by>", "share the sample across the cases' first tag").choices(["tag"]))
    .addOption(new Option("--prefer <what>", "sample first where the judge disagrees with a code check or another judge").choices(["disagreements"]))
    .option("--bom", "CSV: start with a UTF-8 byte-order mark (Excel on Windows)")
    .action(async (runId: string, options: ExportOptions) => {
      const { exportLabels } = await import("../../alignment/index.js");
      const result = await exportLabels({
        runId,
        judge: options.judge,
        out: options.out,
        reportsDir: options.reportsDir,
        seed: options.seed,
        bom: options.bom === true,
        ...(options.sample === undefined ? {} : { sample: options.sample }),
        ...(options.stratify ? { stratify: options.stratify } : {}),
        ...(options.prefer ? { prefer: options.prefer } : {}),
      });
      process.stdout.write(`wrote ${result.rows} of ${result.available} trials judged by ${options.judge} to ${result.file}\nfill the label column (pass/fail, 1/0, y/n, ✅/❌; blank = unlabelled), then: evalgate label import ${options.out} --as <name>\n`);
    });

  const importCommand = label
    .command("import")
    .description("Import a filled label sheet as a new version of a label set under the suite's labels/ folder")
    .argument("<file>", "the filled sheet (.csv or .xlsx)")
    .requiredOption("--as <name>", "the label set's name")
    .option("--run <run-id>", "the run the rows came from (default: the export's side file)")
    .option("--judge <id>", "the judge the labels are for (default: the export's side file)")
    .option("--reports-dir <dir>", "where run directories are (with --run)", "reports");
  withLabelSetOptions(importCommand)
    .option("--tracking-uri <uri>", "also write the labels to the run's traces in this MLflow (default: when the suite or MLFLOW_TRACKING_URI configures MLflow)")
    .addOption(new Option("--no-tracking", "do not write the labels to MLflow even when tracking is configured"))
    .action(async (file: string, options: ImportOptions) => {
      const [{ importLabels }, { writeHumanLabels }] = await Promise.all([import("../../alignment/index.js"), import("../../tracking/index.js")]);
      const result = await importLabels({
        file,
        as: options.as,
        reportsDir: options.reportsDir,
        ...(options.run ? { runId: options.run } : {}),
        ...(options.judge ? { judge: options.judge } : {}),
        ...(options.suite ? { suiteFile: options.suite } : {}),
        ...(options.splitSeed === undefined ? {} : { splitSeed: options.splitSeed }),
      });
      process.stdout.write(options.json ? `${JSON.stringify(importSummary(result), null, 2)}\n` : formatImport(result));
      if (!options.tracking) return;
      try {
        const written = await writeHumanLabels({
          runDir: result.runDir,
          judge: result.labelSet.judge,
          labels: result.labelSet.items,
          labeler: basename(file),
          onlyIfConfigured: options.trackingUri === undefined,
          ...(options.trackingUri ? { trackingUri: options.trackingUri } : {}),
        });
        if (written) process.stderr.write(`evalgate: wrote ${written.written} labels (${written.unchanged} already there) to MLflow run ${written.mlflowRunId} as HUMAN assessments named ${result.labelSet.judge}\n`);
      } catch (error) {
        process.stderr.write(`evalgate: the label set is saved, but writing the labels to MLflow failed: ${errorMessage(error)}\n`);
        setExit(ExitCode.runtime);
      }
    });

  const pullCommand = label
    .command("pull")
    .description("Turn the HUMAN assessments on an MLflow run's traces (e.g. from MLflow's review app) into a new version of a label set")
    .argument("<mlflow-run-id>", "an MLflow run logged by evalgate")
    .requiredOption("--as <name>", "the label set's name")
    .option("--judge <id>", "the assessment name to take (needed when the traces carry HUMAN assessments for several judges)")
    .option("--reports-dir <dir>", "where the local run is, or is pulled to", "reports");
  withLabelSetOptions(pullCommand)
    .option("--tracking-uri <uri>", "http(s)://host:port, databricks or databricks://<profile> (default: MLFLOW_TRACKING_URI)")
    .action(async (mlflowRunId: string, options: PullOptions) => {
      const { pullLabelsFromMlflow } = await import("../../tracking/index.js");
      const result = await pullLabelsFromMlflow({
        mlflowRunId,
        as: options.as,
        reportsDir: options.reportsDir,
        ...(options.judge ? { judge: options.judge } : {}),
        ...(options.suite ? { suiteFile: options.suite } : {}),
        ...(options.splitSeed === undefined ? {} : { splitSeed: options.splitSeed }),
        ...(options.trackingUri ? { trackingUri: options.trackingUri } : {}),
      });
      for (const i of result.ignored) process.stderr.write(`evalgate: ignored HUMAN assessment ${i.judge} on ${i.case_id} #${i.trial}: ${JSON.stringify(i.value)} is not a PASS/FAIL label\n`);
      process.stdout.write(options.json ? `${JSON.stringify(importSummary(result), null, 2)}\n` : formatImport(result));
    });
}

interface PullOptions {
  as: string;
  judge?: string;
  reportsDir: string;
  suite?: string;
  splitSeed?: number;
  trackingUri?: string;
  json?: boolean;
}

interface ExportOptions {
  judge: string;
  out: string;
  reportsDir: string;
  sample?: number;
  seed: number;
  stratify?: "tag";
  prefer?: "disagreements";
  bom?: boolean;
}

interface ImportOptions {
  as: string;
  run?: string;
  judge?: string;
  reportsDir: string;
  suite?: string;
  splitSeed?: number;
  json?: boolean;
  trackingUri?: string;
  /** False with --no-tracking. */
  tracking: boolean;
}

/** Where a new label-set version goes and how it is split and printed: the same for every label source. */
function withLabelSetOptions(command: Command): Command {
  return command
    .option("--suite <file>", "the suite whose labels/ folder receives the set (default: the run's suite)")
    .option("--split-seed <n>", "seed of the train/dev/test split (default: the set's previous seed, else 0)", parseSeed)
    .option("--json", "print the label set's summary as JSON");
}

function parseSeed(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new InvalidArgumentError(`Expected an integer seed, received "${value}".`);
  return n;
}

/** A label set as imported from a sheet (with its unlabelled rows) or pulled from MLflow (only labelled trials). */
type Imported = Pick<ImportLabelsResult, "labelSet" | "saved" | "file"> & { unlabelled?: number };

function importSummary(result: Imported) {
  const { labelSet } = result;
  const count = (predicate: (item: (typeof labelSet.items)[number]) => boolean) => labelSet.items.filter(predicate).length;
  return {
    name: labelSet.name,
    version: labelSet.hash,
    previous: labelSet.previous,
    saved: result.saved,
    file: result.file,
    judge: labelSet.judge,
    run_id: labelSet.run_id,
    labelled: labelSet.items.length,
    pass: count((item) => item.label === "pass"),
    fail: count((item) => item.label === "fail"),
    unlabelled: result.unlabelled ?? 0,
    splits: { train: count((i) => i.split === "train"), dev: count((i) => i.split === "dev"), test: count((i) => i.split === "test") },
    ...(labelSet.annotators ? { annotators: labelSet.annotators } : {}),
  };
}

function formatImport(result: Imported): string {
  const s = importSummary(result);
  const lines = [
    `label set ${s.name}@${s.version}${s.saved ? (s.previous ? ` (replaces ${s.previous})` : " (new)") : " (unchanged: same as the latest version)"}`,
    `  ${s.labelled} labelled for judge ${s.judge} from run ${s.run_id}: ${s.pass} pass, ${s.fail} fail, ${s.unlabelled} unlabelled`,
    `  splits: train ${s.splits.train} · dev ${s.splits.dev} · test ${s.splits.test}`,
  ];
  if (s.annotators) {
    const kappa = s.annotators.kappa === null ? "undefined" : s.annotators.kappa.toFixed(3);
    lines.push(`  annotators: Cohen's kappa ${kappa} over ${s.annotators.n} rows both labelled; ${s.annotators.disagreements.length} disagreements (left unlabelled unless a label column settles them):`);
    for (const d of s.annotators.disagreements) lines.push(`    ${d.case_id} #${d.trial}: a ${d.label_a.toUpperCase()}, b ${d.label_b.toUpperCase()}`);
  }
  lines.push(`  ${s.file}`);
  return `${lines.join("\n")}\n`;
}
