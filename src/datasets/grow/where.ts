import { closestMatch } from "../../config/index.js";
import { EvalgateError } from "../../errors.js";
import { trialOutcome, type Outcome, type TrialRecord } from "../../log/index.js";

/**
 * `--where` selects trials of a run. One expression is one or more conditions
 * separated by "," (any may hold); several expressions must all hold:
 *
 *   outcome=pass|fail|error            the trial's overall outcome
 *   status=ok|error                    whether the target (or the production record) answered
 *   check:<id>=pass|fail|error         a code check's outcome
 *   judge:<id>=pass|fail|error         a judge's verdict ("error": could not be judged)
 *   guard:<id>=triggered|clear         a guardrail's decision (clear: it ran and did not trigger)
 *   tag:<tag>                          the case carries the tag
 *
 * A check or judge that did not apply to a trial (applies_when) has no
 * outcome there, so no condition on it matches that trial.
 */
export type WhereCondition =
  | { kind: "outcome"; value: Outcome }
  | { kind: "status"; value: "ok" | "error" }
  | { kind: "check" | "judge"; id: string; value: Outcome }
  | { kind: "guard"; id: string; value: "triggered" | "clear" }
  | { kind: "tag"; tag: string };

/** Every expression must hold; within one, any condition may. */
export type WhereFilter = WhereCondition[][];

const OUTCOMES = ["pass", "fail", "error"] as const;
const GUARD_VALUES = ["triggered", "clear"] as const;
const STATUSES = ["ok", "error"] as const;
const SYNTAX = "outcome=fail, status=error, check:<id>=fail, judge:<id>=fail, guard:<id>=triggered or tag:<tag>";

export function parseWhere(expressions: readonly string[]): WhereFilter {
  return expressions.map((expression) => {
    const parts = expression.split(",").map((part) => part.trim());
    if (parts.some((part) => part === "")) throw whereError(expression, `an empty condition; separate conditions with a single ","`);
    return parts.map((part) => parseCondition(part, expression));
  });
}

function parseCondition(text: string, expression: string): WhereCondition {
  if (text.startsWith("tag:")) {
    const tag = text.slice(4).trim();
    if (tag === "" || tag.includes("=")) throw whereError(expression, `"${text}" is not a tag condition; write tag:<tag>, e.g. tag:refunds`);
    return { kind: "tag", tag };
  }
  const equals = text.indexOf("=");
  if (equals < 0) throw whereError(expression, `"${text}" has no "="; expected one of ${SYNTAX}`);
  const key = text.slice(0, equals).trim();
  const value = text.slice(equals + 1).trim();
  if (key === "outcome") return { kind: "outcome", value: oneOf(value, OUTCOMES, text, expression) };
  if (key === "status") return { kind: "status", value: oneOf(value, STATUSES, text, expression) };
  const colon = key.indexOf(":");
  const kind = colon > 0 ? key.slice(0, colon) : key;
  const id = colon > 0 ? key.slice(colon + 1).trim() : "";
  if (kind === "check" || kind === "judge" || kind === "guard") {
    if (id === "") throw whereError(expression, `"${text}" names no ${kind}; write ${kind}:<id>=${kind === "guard" ? "triggered" : "fail"}`);
    if (kind === "guard") return { kind, id, value: oneOf(value, GUARD_VALUES, text, expression) };
    return { kind, id, value: oneOf(value, OUTCOMES, text, expression) };
  }
  const known = ["outcome", "status", "check", "judge", "guard", "tag"];
  const suggestion = closestMatch(kind, known);
  throw whereError(expression, `unknown key "${kind}"${suggestion ? ` (did you mean "${suggestion}"?)` : ""}; expected one of ${SYNTAX}`);
}

function oneOf<T extends string>(value: string, allowed: readonly T[], text: string, expression: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw whereError(expression, `"${text}": expected ${allowed.join(", ")} after "=", received "${value}"`);
}

function whereError(expression: string, problem: string): EvalgateError {
  return new EvalgateError("CONFIG_INVALID", `--where '${expression}': ${problem}.`);
}

/** The ids a run's trials can be filtered on, for checking a filter before it silently matches nothing. */
export interface WhereVocabulary {
  checks: readonly string[];
  judges: readonly string[];
  guards: readonly string[];
}

/** Refuses a filter naming a check, judge or guard the run does not have, with the nearest name. */
export function checkWhereIds(filter: WhereFilter, vocabulary: WhereVocabulary, runLabel: string): void {
  for (const condition of filter.flat()) {
    if (condition.kind !== "check" && condition.kind !== "judge" && condition.kind !== "guard") continue;
    const ids = vocabulary[`${condition.kind}s`];
    if (ids.includes(condition.id)) continue;
    const suggestion = closestMatch(condition.id, ids);
    const listed = ids.length > 0 ? `its ${condition.kind}s are ${ids.join(", ")}` : `it has no ${condition.kind}s`;
    throw new EvalgateError(
      "CONFIG_INVALID",
      `--where ${condition.kind}:${condition.id}: run ${runLabel} has no ${condition.kind} "${condition.id}"${suggestion ? ` (did you mean "${suggestion}"?)` : ""}; ${listed}.`,
    );
  }
}

export function matchesWhere(trial: TrialRecord, filter: WhereFilter): boolean {
  return filter.every((anyOf) => anyOf.some((condition) => matchesCondition(trial, condition)));
}

function matchesCondition(trial: TrialRecord, condition: WhereCondition): boolean {
  switch (condition.kind) {
    case "outcome":
      return trialOutcome(trial) === condition.value;
    case "status":
      return trial.status === condition.value;
    case "check":
      return trial.checks.some((check) => check.id === condition.id && check.outcome === condition.value);
    case "judge":
      return trial.judges.some((verdict) => verdict.id === condition.id && verdict.outcome === condition.value);
    case "guard": {
      const decisions = (trial.guardrails ?? []).filter((decision) => decision.id === condition.id);
      if (decisions.length === 0) return false;
      const triggered = decisions.some((decision) => decision.triggered);
      return condition.value === "triggered" ? triggered : !triggered;
    }
    case "tag":
      return trial.tags?.includes(condition.tag) ?? false;
  }
}
