import { z } from "zod";
import type { CheckConfigOf, ExpectedToolCall } from "../config/index.js";
import { errorMessage } from "../errors.js";
import type { ToolCall } from "../log/index.js";
import { configProblem } from "./internal/config-problem.js";
import { show } from "./internal/excerpt.js";
import { argumentMismatch, findInvalidRegexLiteral } from "./internal/match-arguments.js";
import { fail, pass, unscored } from "./internal/verdict.js";
import type { CheckInput, CheckRun, CheckVerdict } from "./types.js";

export type ToolCallOrder = CheckConfigOf<"tool-call">["order"];

export interface ToolCallExpectation {
  calls: readonly ExpectedToolCall[];
  order: ToolCallOrder;
  /** Ignored for exact-sequence, where any extra call fails. */
  allowExtra: boolean;
}

// Case data is curated by hand; keep unknown keys (e.g. an id) out of the way rather than rejecting them.
const CaseToolCallsSchema = z.array(z.object({ name: z.string().min(1), arguments: z.record(z.string(), z.unknown()).optional() }));

/** Was the right tool called, with the right arguments, in the right order? */
export function scoreToolCalls(made: readonly ToolCall[], expectation: ToolCallExpectation): CheckVerdict {
  const actual = made.map((call) => ({ name: call.name, arguments: parseArguments(call.arguments) }));
  const { calls: expected, order } = expectation;
  const outcome =
    order === "exact-sequence" ? matchExactSequence(actual, expected) : order === "subsequence" ? matchSubsequence(actual, expected) : matchAnyOrder(actual, expected);
  if (outcome.missing !== undefined) return fail(describeMissing(outcome.missing, expectation, actual));
  const extra = actual.filter((_, i) => !outcome.used.has(i));
  if (extra.length > 0 && (order === "exact-sequence" || !expectation.allowExtra)) {
    return fail(`unexpected extra call${extra.length === 1 ? "" : "s"}: ${extra.map(describeCall).join(", ")}`);
  }
  const orderNote = order === "any" ? "" : ` (${order})`;
  return pass(`called ${expected.map((call) => call.name).join(", ")}${orderNote}`);
}

export function toolCallCheck(config: CheckConfigOf<"tool-call">): CheckRun {
  const configured = configuredCalls(config);
  configured?.forEach((call, i) => {
    const invalid = findInvalidRegexLiteral(call.arguments ?? {});
    if (!invalid) return;
    const field = config.calls ? `calls[${i}].arguments.${invalid.path}` : `arguments.${invalid.path}`;
    throw configProblem(field, `${invalid.message}. Write regexes as "/pattern/flags".`);
  });
  return (input: CheckInput) => {
    const made = input.trace?.tool_calls;
    if (made === undefined) return unscored("trace has no `tool_calls`: the target must return trace.tool_calls ([{ name, arguments }])");
    let calls = configured;
    if (calls === undefined) {
      const fromCase = readCaseToolCalls(input.expected);
      if (!fromCase.ok) return fromCase.verdict;
      calls = fromCase.calls;
    }
    try {
      return scoreToolCalls(made, { calls, order: config.order, allowExtra: config.allow_extra });
    } catch (error) {
      // Only an invalid regex in the case's expected arguments can throw here.
      return unscored(`expected.tool_calls has an invalid regex: ${errorMessage(error)}`);
    }
  };
}

interface MatchOutcome {
  /** The first expected call that could not be matched. */
  missing?: ExpectedToolCall;
  /** Indexes of actual calls matched to expected ones. */
  used: Set<number>;
}

type ActualCall = { name: string; arguments: unknown };

function fits(actual: ActualCall, expected: ExpectedToolCall): boolean {
  return actual.name === expected.name && (expected.arguments === undefined || argumentMismatch(actual.arguments, expected.arguments) === undefined);
}

/** Maximum bipartite matching (augmenting paths), so a loose expectation never steals the only call a strict one fits. */
function matchAnyOrder(actual: readonly ActualCall[], expected: readonly ExpectedToolCall[]): MatchOutcome {
  const owner = new Array<number | undefined>(actual.length).fill(undefined);
  const augment = (e: number, seen: Set<number>): boolean => {
    for (const [a, call] of actual.entries()) {
      if (seen.has(a) || !fits(call, expected[e] as ExpectedToolCall)) continue;
      seen.add(a);
      const current = owner[a];
      if (current === undefined || augment(current, seen)) {
        owner[a] = e;
        return true;
      }
    }
    return false;
  };
  const missingIndex = expected.findIndex((_, e) => !augment(e, new Set()));
  const used = new Set(owner.flatMap((e, a) => (e === undefined ? [] : [a])));
  return missingIndex === -1 ? { used } : { missing: expected[missingIndex], used };
}

/** Greedy earliest match is optimal for subsequences. */
function matchSubsequence(actual: readonly ActualCall[], expected: readonly ExpectedToolCall[]): MatchOutcome {
  const used = new Set<number>();
  let next = 0;
  for (const call of expected) {
    while (next < actual.length && !fits(actual[next] as ActualCall, call)) next++;
    if (next === actual.length) return { missing: call, used };
    used.add(next++);
  }
  return { used };
}

function matchExactSequence(actual: readonly ActualCall[], expected: readonly ExpectedToolCall[]): MatchOutcome {
  const used = new Set<number>();
  for (const [i, call] of expected.entries()) {
    const made = actual[i];
    if (made === undefined || !fits(made, call)) return { missing: call, used };
    used.add(i);
  }
  return { used };
}

function describeMissing(call: ExpectedToolCall, expectation: ToolCallExpectation, actual: readonly ActualCall[]): string {
  const callsMade = `calls made: ${actual.map((made) => made.name).join(", ") || "none"}`;
  const sameName = actual.filter((made) => made.name === call.name);
  if (sameName.length === 0) return `expected call ${describeCall(call)} not made (${callsMade})`;
  const first = sameName[0] as ActualCall;
  if (call.arguments !== undefined && !sameName.some((made) => fits(made, call))) {
    return `${call.name} called with other arguments: ${argumentMismatch(first.arguments, call.arguments)}`;
  }
  const wanted = expectation.calls.filter((expected) => expected.name === call.name).length;
  if (sameName.length < wanted) return `${call.name} called ${times(sameName.length)}, expected ${times(wanted)} (${callsMade})`;
  return `${describeCall(call)} not called in the expected order (${expectation.order}; ${callsMade})`;
}

function describeCall(call: { name: string; arguments?: unknown }): string {
  return call.arguments === undefined ? call.name : `${call.name}(${show(call.arguments, 60)})`;
}

/** Providers such as OpenAI send arguments as JSON text. */
function parseArguments(value: unknown): unknown {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function configuredCalls(config: CheckConfigOf<"tool-call">): readonly ExpectedToolCall[] | undefined {
  if (config.calls) return config.calls;
  if (config.tool === undefined) return undefined;
  return [config.arguments === undefined ? { name: config.tool } : { name: config.tool, arguments: config.arguments }];
}

function readCaseToolCalls(expected: unknown): { ok: true; calls: ExpectedToolCall[] } | { ok: false; verdict: CheckVerdict } {
  const raw = (expected as { tool_calls?: unknown } | null | undefined)?.tool_calls;
  if (raw === undefined) {
    return { ok: false, verdict: unscored("no expected tool calls: set `tool` or `calls` on the check, or `expected.tool_calls` on the case") };
  }
  const parsed = CaseToolCallsSchema.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, verdict: unscored(`case's expected.tool_calls is not a list of { name, arguments? }: ${show(raw)}`) };
  }
  return { ok: true, calls: parsed.data };
}

function times(count: number): string {
  return count === 1 ? "once" : `${count} times`;
}
