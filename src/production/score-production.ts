import { resolve } from "node:path";
import type { Case, LoadedDataset } from "../datasets/index.js";
import type { RunManifest } from "../log/index.js";
import { loadSuite, runSuite, type RunReporter, type RunResult, type Suite } from "../runner/index.js";
import { createRedactor } from "../secrets/index.js";
import { createMlflowClient, resolveMlflowConnection, type Env, type MlflowClient } from "../tracking/index.js";
import { caseIdForTrace } from "./case-id.js";
import { readJsonlRecords } from "./jsonl-source.js";
import { readMlflowTraces } from "./mlflow-source.js";
import type { ProductionRecord, SourceRecords } from "./record.js";
import { createReplayTarget } from "./replay-target.js";
import { unscored } from "./scored-tag.js";
import { scorerVersions } from "./scorer-versions.js";
import { sampleRecords, withinWindow, type TimeWindow } from "./select-records.js";
import { parseSourceUri, type SourceUri } from "./source-uri.js";
import { writeBack, type ScoredTrial, type WriteBackResult } from "./write-back.js";

export interface ScoreOptions {
  /** Path to evalgate.yaml: its checks, judges and guardrails score the records. */
  configFile: string;
  /** `mlflow:<experiment>[?filter=…]` or `jsonl:<file>`. */
  from: string;
  /** RFC 3339; records at or after it. */
  since?: string;
  /** RFC 3339; records before it. */
  until?: string;
  /** Score a seeded sample of this many records (after the window and the skipping). */
  sample?: number;
  /** Seed of the sample; default 0. */
  seed?: number;
  reportsDir?: string;
  /** "off": do not log the scoring run to MLflow (verdicts are still written back unless writeBack is false). */
  tracking?: "auto" | "off";
  /** Write verdicts back to the source traces (MLflow sources); default true. */
  writeBack?: boolean;
  /** MLflow tracking URI of the source traces; default MLFLOW_TRACKING_URI, then the suite's tracking_uri. */
  trackingUri?: string;
  env?: Env;
  reporters?: readonly RunReporter[];
  signal?: AbortSignal;
  noCache?: boolean;
  concurrency?: number;
  /** The MLflow client to read and write traces with; default one for the resolved connection. */
  client?: MlflowClient;
}

export interface ScoreResult {
  source: NonNullable<RunManifest["source"]>;
  /** Absent when there was nothing new to score. */
  run?: RunResult;
  /** MLflow sources: what was written back to the traces. */
  writeBack?: WriteBackResult;
  /** Records of failed requests (no output to score), left out of the run. */
  failed: number;
}

/**
 * Scores production records with a suite's checks, judges and guardrails,
 * without calling its target: a replay target answers each case with the
 * recorded output, and the run is a normal run (results, summary, reports,
 * MLflow, gate, label export). MLflow traces already scored by every check
 * and judge at its current version are skipped; verdicts are written back
 * to the traces they scored.
 */
export async function scoreProduction(options: ScoreOptions): Promise<ScoreResult> {
  const source = parseSourceUri(options.from);
  const configFile = resolve(options.configFile);
  const secrets = createRedactor();
  const window: TimeWindow = { ...(options.since ? { since: options.since } : {}), ...(options.until ? { until: options.until } : {}) };
  const cached = options.noCache ? { noCache: true } : {};
  // Loaded once without cases: which checks and judges (and versions) apply decides what to read.
  const probe = await loadSuite(configFile, { ...cached, secrets, dataset: emptyDataset(), target: createReplayTarget({ origin: options.from, records: new Map() }) });
  const scorers = await scorerVersions(probe);
  const tracking = options.tracking ?? "auto";
  const client = source.kind === "mlflow" ? (options.client ?? (await mlflowClientFor(options, probe))) : undefined;
  const needsScoring = (record: Pick<ProductionRecord, "scored">) => unscored(scorers, record.scored).length > 0;

  const read = await readSource(source, window, client, needsScoring);
  const inWindow = withinWindow(read.records, window);
  const found = uniqueByTrace(inWindow);
  const pending = found.filter(needsScoring);
  const answered = pending.filter((record) => record.error === undefined);
  const chosen = options.sample === undefined ? answered : sampleRecords(answered, options.sample, options.seed ?? 0);
  const manifestSource: ScoreResult["source"] = {
    kind: source.kind,
    uri: options.from,
    ...(read.format ? { format: read.format } : {}),
    ...window,
    ...(options.sample === undefined ? {} : { sample: options.sample, seed: options.seed ?? 0 }),
    found: found.length,
    skipped: found.length - pending.length,
    count: chosen.length,
  };
  const failed = pending.length - answered.length;
  if (chosen.length === 0) return { source: manifestSource, failed };

  const byCase = new Map(chosen.map((record) => [caseIdForTrace(record.traceId), record]));
  const target = createReplayTarget({ origin: read.origin, records: byCase, ...(probe.guardrails ? { guardrails: probe.guardrails } : {}) });
  const loaded = await loadSuite(configFile, { ...cached, secrets, dataset: datasetOf(byCase, read.origin), target });
  // Guards run inside the replay target, observing only: the runner's own stages would block or redact after the fact.
  const suite: Suite = loaded.guardrails ? { ...loaded, guardrails: { ...loaded.guardrails, input: [], output: [] } } : loaded;

  const trials: ScoredTrial[] = [];
  const collector: RunReporter = {
    onTrialEnd(record) {
      const traceId = record.trace?.source?.trace_id;
      if (record.status !== "ok" || traceId === undefined) return;
      const scored = byCase.get(record.case_id)?.scored;
      trials.push({ traceId, endedAt: record.ended_at, checks: record.checks, judges: record.judges, ...(scored ? { alreadyScored: scored } : {}) });
    },
  };
  const run = await runSuite({
    suite,
    secrets,
    source: manifestSource,
    repeats: 1,
    tracking,
    reporters: [collector, ...(options.reporters ?? [])],
    ...(options.reportsDir ? { reportsDir: options.reportsDir } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.noCache ? { noCache: true } : {}),
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
  });
  if (!client || options.writeBack === false || run.manifest.status !== "completed") return { source: manifestSource, run, failed };
  const mlflowRunId = run.tracking?.ok ? run.tracking.mlflowRunId : undefined;
  const written = await writeBack({ client, trials, scorers, runId: run.runId, ...(mlflowRunId ? { mlflowRunId } : {}) });
  return { source: manifestSource, run, writeBack: written, failed };
}

async function readSource(source: SourceUri, window: TimeWindow, client: MlflowClient | undefined, wanted: (r: Pick<ProductionRecord, "scored">) => boolean): Promise<SourceRecords> {
  if (source.kind === "jsonl") return readJsonlRecords(source.file);
  return readMlflowTraces({ client: client as MlflowClient, experiment: source.experiment, window, wanted, ...(source.filter ? { filter: source.filter } : {}) });
}

async function mlflowClientFor(options: ScoreOptions, suite: Suite): Promise<MlflowClient> {
  const connection = await resolveMlflowConnection({
    ...(options.trackingUri ? { trackingUri: options.trackingUri } : {}),
    suite: { file: suite.config.configFile, tracking: suite.config.tracking },
    env: options.env ?? process.env,
  });
  return createMlflowClient(connection);
}

/** A source may list a record twice (an export appended to); the first one counts. */
function uniqueByTrace(records: readonly ProductionRecord[]): ProductionRecord[] {
  const first = new Map<string, ProductionRecord>();
  for (const record of records) if (!first.has(record.traceId)) first.set(record.traceId, record);
  return [...first.values()];
}

function datasetOf(byCase: ReadonlyMap<string, ProductionRecord>, origin: string): LoadedDataset {
  const cases = [...byCase].map(([id, record]): Case => ({
    id,
    input: record.input as Case["input"],
    metadata: { source_trace: record.traceId, origin, ...(record.timestamp ? { timestamp: record.timestamp } : {}) },
  }));
  return { cases, files: [], warnings: [] };
}

function emptyDataset(): LoadedDataset {
  return { cases: [], files: [], warnings: [] };
}
