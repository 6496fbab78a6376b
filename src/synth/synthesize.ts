import { dirname, resolve } from "node:path";
import pLimit from "p-limit";
import { appendCases, derivedCaseId, normaliseText, planAppend, requireJsonl, type CaseCandidate, type SkippedCase } from "../datasets/index.js";
import type { CaseInput } from "../datasets/index.js";
import { EvalgateError, errorMessage } from "../errors.js";
import type { ChatMessage } from "../log/index.js";
import { createProvider, type ChatProvider, type ProviderOptions } from "../providers/index.js";
import { loadDimensions, type LoadedDimensions } from "./load-dimensions.js";
import { sampleCombinations, type Combination } from "./sample-combinations.js";
import { SYNTH_REPLY_SCHEMA_NAME, SynthReplySchema, synthMessages, synthReplyJsonSchema } from "./synth-prompt.js";

export const DEFAULT_SYNTH_CONCURRENCY = 4;
export const DEFAULT_SYNTH_TIMEOUT_MS = 60_000;
const DEFAULT_TEMPERATURE = 1;

export interface SynthesizeOptions {
  /** dims.yaml; or `dimensions`, already loaded. */
  dimensionsFile?: string;
  dimensions?: LoadedDimensions;
  n: number;
  seed?: number;
  /** The JSONL dataset to append to (created when missing). */
  to: string;
  /** Model id, e.g. "openai:gpt-4.1-mini" or "scripted:replies.jsonl" (relative to the dimensions file); not needed for a dry run. */
  model?: string;
  /** Overrides `model` (tests, a shared provider). */
  provider?: ChatProvider;
  providerOptions?: ProviderOptions;
  concurrency?: number;
  /** Time limit of one model call, retries included. */
  timeoutMs?: number;
  /** Plan only: the combinations and prompts, no model call, nothing written. */
  dryRun?: boolean;
}

export interface SynthPlanItem {
  key: string;
  occurrence: number;
  values: Record<string, string>;
  messages: ChatMessage[];
}

export interface SynthFailure {
  combination: string;
  occurrence: number;
  error: string;
}

export interface SynthResult {
  file: string;
  dimensionsFile?: string;
  dryRun: boolean;
  n: number;
  seed: number;
  model?: string;
  /** The dimensions and their values, in file order. */
  dimensions: { name: string; values: string[] }[];
  /** The drawn combinations, in order, with the prompt each is asked with. */
  plan: SynthPlanItem[];
  /** Queries the model returned. */
  generated: number;
  /** Cases already in the file before. */
  existing: number;
  added: CaseInput[];
  /** Near-duplicates dropped (same normalised text as another query or an existing case). */
  skipped: SkippedCase[];
  /** Combinations the model gave no usable query for. */
  failed: SynthFailure[];
  sha256Before?: string;
  sha256After?: string;
}

/**
 * `evalgate dataset synth`: draws a seeded, balanced sample of dimension
 * combinations, asks the model for one realistic user query each (structured
 * output), drops near-duplicates and appends the rest as cases tagged with
 * their dimension values, so results pivot by persona, goal or scenario.
 */
export async function synthesizeCases(options: SynthesizeOptions): Promise<SynthResult> {
  const spec = options.dimensions ?? (await loadDimensions(requireFile(options.dimensionsFile)));
  const seed = options.seed ?? 0;
  const dimensions = spec.dimensions.map((d) => ({ name: d.name, values: d.values.map((v) => v.value) }));
  const combinations = sampleCombinations(dimensions, options.n, seed);
  const plan = combinations.map((c) => ({ key: c.key, occurrence: c.occurrence, values: c.values, messages: synthMessages(spec, c) }));
  const file = resolve(options.to);
  requireJsonl(file);
  const base = { file, ...(spec.file ? { dimensionsFile: spec.file } : {}), n: options.n, seed, dimensions, plan };
  if (options.dryRun) {
    const current = await planAppend(file, []);
    return { ...base, dryRun: true, generated: 0, existing: current.existing, added: [], skipped: [], failed: [], ...(current.sha256Before ? { sha256Before: current.sha256Before } : {}) };
  }

  // A scripted: path is relative to the dimensions file, as a suite's files are to the suite.
  const provider = options.provider ?? createProvider(requireModel(options.model), { baseDir: dirname(spec.file), ...options.providerOptions });
  await provider.prepare?.();
  const limit = pLimit(options.concurrency ?? DEFAULT_SYNTH_CONCURRENCY);
  const temperature = spec.temperature ?? DEFAULT_TEMPERATURE;
  const timeoutMs = options.timeoutMs ?? DEFAULT_SYNTH_TIMEOUT_MS;
  const answers = await Promise.all(
    plan.map((item, index) => limit(() => askQuery(provider, item, combinations[index]!, { temperature, timeoutMs }))),
  );
  const failed = answers.flatMap((a) => ("error" in a ? [a.error] : []));
  const generated = answers.flatMap((a) => ("query" in a ? [a] : []));
  if (generated.length === 0 && failed.length > 0) {
    throw new EvalgateError("PROVIDER_API_ERROR", `The model returned no usable query (${failed.length} tried); first problem, for ${failed[0]!.combination}: ${failed[0]!.error}`);
  }
  const candidates: CaseCandidate[] = generated.map(({ query, model, combination }) => ({
    case: caseOf(query, combination, { model, seed }),
    source: `${combination.key} #${combination.occurrence}`,
  }));
  const appendPlan = await planAppend(file, candidates);
  const sha256After = appendPlan.add.length > 0 ? await appendCases(file, appendPlan.add) : undefined;
  return {
    ...base,
    dryRun: false,
    model: provider.id,
    generated: generated.length,
    existing: appendPlan.existing,
    added: appendPlan.add,
    skipped: appendPlan.skipped,
    failed,
    ...(appendPlan.sha256Before ? { sha256Before: appendPlan.sha256Before } : {}),
    ...(sha256After ? { sha256After } : {}),
  };
}

/** A generated query as a case: tagged "<dimension>:<value>" per dimension, the values also under metadata.dimensions. */
export function caseOf(query: string, combination: Combination, provenance: { model: string; seed: number }): CaseInput {
  const text = query.trim();
  return {
    id: derivedCaseId("synth", combination.key, `${combination.key}\n${normaliseText(text)}`),
    input: text,
    tags: ["synthetic", ...Object.entries(combination.values).map(([name, value]) => `${name}:${value}`)],
    metadata: { dimensions: combination.values, synth: { model: provenance.model, seed: provenance.seed, occurrence: combination.occurrence } },
  };
}

type Answer = { query: string; model: string; combination: Combination } | { error: SynthFailure };

/** One query for one combination; a reply that does not match the schema is asked again once, with the problem. */
async function askQuery(provider: ChatProvider, item: SynthPlanItem, combination: Combination, settings: { temperature: number; timeoutMs: number }): Promise<Answer> {
  const failure = (error: string): Answer => ({ error: { combination: item.key, occurrence: item.occurrence, error } });
  const options = {
    temperature: settings.temperature,
    timeoutMs: settings.timeoutMs,
    jsonSchema: { name: SYNTH_REPLY_SCHEMA_NAME, schema: synthReplyJsonSchema() },
    // Scripted models answer by these: the combination as case_id, its repeat as trial.
    metadata: { case_id: item.key, trial: String(item.occurrence) },
  };
  let conversation = item.messages;
  for (let attempt = 0; attempt < 2; attempt++) {
    let text: string;
    let model: string;
    try {
      ({ text, model } = await provider.chat(conversation, options));
    } catch (error) {
      return failure(errorMessage(error));
    }
    const problem = replyProblem(text);
    if (typeof problem !== "string") return { query: problem.query, model, combination };
    if (attempt === 1) return failure(`the reply is not {"query": "…"} (${problem}): ${text.slice(0, 200)}`);
    conversation = [...item.messages, { role: "assistant", content: text }, { role: "user", content: `That reply is not valid: ${problem}. Reply with only the JSON object {"query": "<the message>"}.` }];
  }
  return failure("no reply");
}

function replyProblem(text: string): { query: string } | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return "not JSON";
  }
  const parsed = SynthReplySchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  return `${issue?.path.join(".") || "reply"}: ${issue?.message ?? "invalid"}`;
}

function requireFile(file: string | undefined): string {
  if (!file) throw new EvalgateError("CONFIG_INVALID", "No dimensions: pass --dimensions <dims.yaml>.");
  return file;
}

function requireModel(model: string | undefined): string {
  if (!model) throw new EvalgateError("CONFIG_INVALID", "No model to write the queries: pass --model <provider:model> (e.g. openai:gpt-4.1-mini, or scripted:<replies.jsonl> offline), or --dry-run to see the prompts.");
  return model;
}
