import { readFile } from "node:fs/promises";
import { DatasetError } from "../errors.js";
import { parseJsonlObjects } from "../log/index.js";

/**
 * Scripted replies: a JSONL file of canned answers for offline demos and
 * tests, used only where a suite names it explicitly (the `scripted` target or
 * a `scripted:<file>` model). Each line names what it answers for with match
 * keys (`case_id`, optional `trial`, optional `judge`) plus a payload; the most
 * specific matching line wins, so a file can script one answer per case and
 * override single trials to show flakiness.
 */
export const MATCH_KEYS = ["case_id", "trial", "judge"] as const;
export type MatchKey = (typeof MATCH_KEYS)[number];
export type ReplyQuery = Partial<Record<MatchKey, string | number>>;

export interface ScriptedReply {
  line: number;
  match: ReplyQuery;
  payload: Record<string, unknown>;
}

export async function loadScriptedReplies(file: string): Promise<ScriptedReply[]> {
  const { rows, issues } = parseJsonlObjects(await readFile(file, "utf8"), file);
  const replies: ScriptedReply[] = [];
  for (const { line, value: record } of rows) {
    if (typeof record.case_id !== "string") {
      issues.push({ file, line, field: "case_id", message: "expected a string case_id naming the case this reply is for" });
      continue;
    }
    const match: ReplyQuery = {};
    const payload: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(record)) {
      if ((MATCH_KEYS as readonly string[]).includes(key)) match[key as MatchKey] = v as string | number;
      else payload[key] = v;
    }
    replies.push({ line, match, payload });
  }
  if (issues.length > 0) throw new DatasetError(issues);
  return replies;
}

/** The most specific reply whose match keys all equal the query's; undefined when none matches. */
export function findScriptedReply(replies: readonly ScriptedReply[], query: ReplyQuery): ScriptedReply | undefined {
  let best: ScriptedReply | undefined;
  let bestSpecificity = -1;
  for (const reply of replies) {
    const keys = Object.keys(reply.match) as MatchKey[];
    if (keys.every((key) => reply.match[key] === query[key]) && keys.length > bestSpecificity) {
      best = reply;
      bestSpecificity = keys.length;
    }
  }
  return best;
}
