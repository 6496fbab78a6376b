import { resolve } from "node:path";
import { changedSuiteFiles, configHash, hashSuiteFiles } from "../config/index.js";
import { EvalgateError } from "../errors.js";
import { RESULTS_SCHEMA_VERSION, type RunManifest } from "../log/index.js";
import { VERSION } from "../version.js";
import { gitInfo } from "./git-info.js";
import type { Suite } from "./load-suite.js";

export async function newManifest(runId: string, suite: Suite, repeats: number, concurrency: number, source?: RunManifest["source"]): Promise<RunManifest> {
  const { config } = suite;
  return {
    schema_version: RESULTS_SCHEMA_VERSION,
    run_id: runId,
    suite: config.name,
    suite_file: config.configFile,
    config_hash: configHash(config),
    status: "running",
    started_at: new Date().toISOString(),
    evalgate_version: VERSION,
    target: suite.target.info,
    datasets: suite.dataset.files,
    repeats,
    concurrency,
    case_ids: suite.cases.map((c) => c.id),
    checks: suite.checks.map((c) => ({ id: c.id, type: c.type })),
    judges: suite.judges?.manifestEntries() ?? [],
    git: await gitInfo(config.configDir),
    files: await hashSuiteFiles(config, suite.guardrails?.files),
    ...(source ? { source } : {}),
  };
}

/**
 * A resumed run must be the same experiment: same config, same data, same
 * files the suite loads (by contents, not paths), or its trials would not be
 * comparable. Only `concurrency` may change; the run records the new value.
 */
export async function resumedManifest(previous: RunManifest, suite: Suite, concurrency: number): Promise<RunManifest> {
  const changed = await whatChanged(previous, suite);
  if (changed) {
    throw new EvalgateError(
      "CONFIG_INVALID",
      `Cannot resume run ${previous.run_id}: ${changed} changed since it started, so old and new trials would not be comparable. Undo the change to resume, or start a new run.`,
    );
  }
  return { ...previous, concurrency };
}

async function whatChanged(previous: RunManifest, suite: Suite): Promise<string | undefined> {
  const { config } = suite;
  const changedData = suite.dataset.files.filter((f) => !previous.datasets.some((d) => d.file === f.file && d.sha256 === f.sha256));
  if (changedData.length > 0) return `the dataset ${changedData.map((f) => f.file).join(", ")}`;
  // Runs recorded before file hashes existed are compared on config and judge versions only.
  const changedFiles = previous.files ? changedSuiteFiles(previous.files, await hashSuiteFiles(config, suite.guardrails?.files)).map((file) => resolve(config.configDir, file)) : [];
  const files = `${changedFiles.length === 1 ? "the file" : "the files"} ${changedFiles.join(", ")}`;
  const before = new Map(previous.judges.map((j) => [j.id, j.version]));
  const now = suite.judges?.manifestEntries() ?? [];
  const changedJudges = [...now.filter((j) => before.get(j.id) !== j.version).map((j) => j.id), ...[...before.keys()].filter((id) => !now.some((j) => j.id === id))];
  if (changedJudges.length > 0) {
    return `the judge ${changedJudges.join(", ")} (its version: template, examples, model or temperature${changedFiles.length > 0 ? `; ${files}` : ""})`;
  }
  if (changedFiles.length > 0) return files;
  if (configHash(config) !== previous.config_hash) return `the suite config ${config.configFile}`;
  return undefined;
}
