import { DEFAULT_JUDGE_TIMEOUT_MS } from "../config/index.js";
import { errorMessage } from "../errors.js";
import type { ChatMessage, JudgeVerdict, TokenUsage } from "../log/index.js";
import type { ChatOptions, ChatProvider, ChatResult } from "../providers/index.js";
import { withDeadline } from "../with-deadline.js";
import { JudgeTimeoutError } from "./errors.js";
import type { Judge, JudgeTrial } from "./judge.js";
import { JUDGE_REPLY_SCHEMA_NAME, judgeReplyJsonSchema, type JudgeReply } from "./judge-schema.js";
import { parseJudgeReply, retryInstruction } from "./parse-reply.js";
import { renderJudgeMessages } from "./render-prompt.js";

export interface RunJudgeOptions {
  provider: ChatProvider;
  signal?: AbortSignal;
  /**
   * Time limit of one call, retries included (the suite's judge_timeout_ms).
   * The verdict as a whole, its corrective retry included, gets twice this.
   */
  timeoutMs?: number;
}

/**
 * Judges one trial. Never throws: a prompt the trial cannot fill, a provider
 * failure, or a reply that still does not parse after one corrective retry
 * becomes an `error` verdict (with the raw reply kept), never a PASS or FAIL.
 * So does running out of time: a call past its deadline is abandoned (and
 * aborted, freeing its connection) even if the provider ignores its signal.
 */
export async function runJudge(judge: Judge, trial: JudgeTrial, options: RunJudgeOptions): Promise<JudgeVerdict> {
  const started = performance.now();
  const base = { id: judge.id, version: judge.version, failure_mode: judge.failureMode, model: judge.model };
  const { messages, missing } = renderJudgeMessages(judge, trial);
  if (missing.length > 0) {
    const fields = missing.map((path) => `{{${path}}}`).join(", ");
    return { ...base, outcome: "error", critique: `Not judged: this trial has no value for ${fields}.`, latency_ms: elapsed(started) };
  }

  const chatOptions: ChatOptions = {
    temperature: judge.temperature,
    jsonSchema: { name: JUDGE_REPLY_SCHEMA_NAME, schema: judgeReplyJsonSchema() },
    metadata: { judge: judge.id, case_id: trial.caseId, trial: String(trial.trial) },
    // No cache variant: the cache key is already the request itself (model,
    // rendered messages, temperature, reply schema), which covers everything
    // in the judge version that can change a verdict. A new version whose
    // prompt for this trial renders identically (spacing, a renamed examples
    // file) is then free, and an edited prompt is asked again.
    // A reply that does not parse is asked again on the next run, never replayed from the cache.
    isValidReply: (text) => parseJudgeReply(text).ok,
    ...(options.signal ? { signal: options.signal } : {}),
  };
  const calls: ChatResult[] = [];
  const record = (fields: Pick<JudgeVerdict, "outcome" | "critique"> & { raw?: string }): JudgeVerdict => ({
    ...base,
    // The model as the vendor resolved it (e.g. a dated snapshot), when a call was made.
    model: calls.at(-1)?.model ?? judge.model,
    ...fields,
    ...accounting(calls),
    latency_ms: elapsed(started),
  });

  const callMs = options.timeoutMs ?? DEFAULT_JUDGE_TIMEOUT_MS;
  const verdictEndsAt = started + 2 * callMs;
  const ask = async (conversation: readonly ChatMessage[]): Promise<ChatResult | JudgeVerdict> => {
    const left = verdictEndsAt - performance.now();
    const limitMs = Math.max(1, Math.floor(Math.min(callMs, left)));
    const timedOut = () =>
      new JudgeTimeoutError(
        left < callMs
          ? `Judge timed out: no verdict within ${2 * callMs} ms (twice judge_timeout_ms, for the call and its corrective retry); raise judge_timeout_ms in the suite config if ${judge.model} is slow.`
          : `Judge call timed out: no reply from ${judge.model} within ${callMs} ms (judge_timeout_ms); raise it in the suite config if the model is slow.`,
      );
    try {
      const result = await withDeadline(limitMs, options.signal, timedOut, (signal) =>
        options.provider.chat(conversation, {
          ...chatOptions,
          signal,
          timeoutMs: limitMs,
          deadline: { at: Date.now() + limitMs, timeoutMs: limitMs, label: "the judge's time limit (judge_timeout_ms)" },
        }),
      );
      calls.push(result);
      return result;
    } catch (error) {
      if (error instanceof JudgeTimeoutError) return record({ outcome: "error", critique: error.message });
      return record({ outcome: "error", critique: `Judge call failed: ${errorMessage(error)}` });
    }
  };
  const verdictOf = (reply: JudgeReply) => record({ outcome: reply.verdict === "PASS" ? "pass" : "fail", critique: reply.critique });

  const first = await ask(messages);
  if (!isChatResult(first)) return first;
  const parsed = parseJudgeReply(first.text);
  if (parsed.ok) return verdictOf(parsed.reply);

  // One corrective turn: the model sees its own reply and what was wrong with it.
  const second = await ask([...messages, { role: "assistant", content: first.text }, { role: "user", content: retryInstruction(parsed.error) }]);
  if (!isChatResult(second)) return second;
  const reparsed = parseJudgeReply(second.text);
  if (reparsed.ok) return verdictOf(reparsed.reply);
  return record({ outcome: "error", critique: `Unparseable judge reply after one retry: ${reparsed.error}`, raw: second.text });
}

function isChatResult(value: ChatResult | JudgeVerdict): value is ChatResult {
  return "text" in value;
}

/** Tokens and cost of every call this verdict took (the retry is part of its price). */
function accounting(calls: readonly ChatResult[]): Pick<JudgeVerdict, "usage" | "cost_usd" | "cached"> {
  if (calls.length === 0) return {};
  const usage: TokenUsage = {
    input_tokens: calls.reduce((sum, call) => sum + call.usage.input_tokens, 0),
    output_tokens: calls.reduce((sum, call) => sum + call.usage.output_tokens, 0),
  };
  const known = calls.every((call) => call.costUsd !== undefined);
  return {
    usage,
    ...(known ? { cost_usd: calls.reduce((sum, call) => sum + (call.costUsd ?? 0), 0) } : {}),
    cached: calls.every((call) => call.cached === true),
  };
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 1000) / 1000;
}
