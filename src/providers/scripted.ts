import { EvalgateError, errorMessage } from "../errors.js";
import type { ChatMessage } from "../log/index.js";
import { findScriptedReply, loadScriptedReplies, type ReplyQuery, type ScriptedReply } from "./scripted-replies.js";
import type { ChatOptions, ChatProvider, ChatResult } from "./types.js";

/**
 * A `scripted:<file>` model: answers from canned replies instead of an API, so
 * examples and tests run offline. Replies are looked up by the call's
 * `metadata` (`case_id`, `trial`, `judge`), never by the prompt, and every
 * result names the file as its model so a scripted run cannot pass for a real one.
 */
export function createScriptedProvider(file: string, id = `scripted:${file}`): ChatProvider {
  // `id` is the model id as the suite wrote it (e.g. "scripted:replies.jsonl"), so results don't carry machine paths.
  // Loaded on first use so creating the provider stays synchronous like the others.
  let replies: Promise<ScriptedReply[]> | undefined;

  return {
    id,
    async chat(_messages: readonly ChatMessage[], options: ChatOptions = {}): Promise<ChatResult> {
      const start = performance.now();
      replies ??= loadScriptedReplies(file).catch((error: unknown) => {
        if (error instanceof EvalgateError) throw error;
        throw new EvalgateError("CONFIG_INVALID", `Cannot read the replies of model ${id}: ${errorMessage(error)}`, { cause: error });
      });
      const query = replyQuery(options.metadata ?? {});
      // A judge call must never receive the pipeline's answer (and vice versa), even where both share a file.
      const candidates = (await replies).filter((reply) => (reply.match.judge === undefined) === (query.judge === undefined));
      const reply = findScriptedReply(candidates, query);
      if (!reply) throw missingReply(file, query);
      const text = reply.payload.text;
      if (typeof text !== "string") {
        throw new EvalgateError(
          "CONFIG_INVALID",
          `Scripted reply at ${file}:${reply.line} has no string "text" field; a scripted model reply looks like {"case_id": "…", "text": "…"}.`,
        );
      }
      return {
        text,
        usage: { input_tokens: 0, output_tokens: 0 },
        latencyMs: performance.now() - start,
        model: id,
        costUsd: 0,
      };
    },
  };
}

// Metadata values are strings on the wire, while replies files write trials as JSON numbers.
function replyQuery(metadata: Record<string, string>): ReplyQuery {
  const query: ReplyQuery = {};
  if (metadata.case_id !== undefined) query.case_id = metadata.case_id;
  if (metadata.judge !== undefined) query.judge = metadata.judge;
  if (metadata.trial !== undefined) query.trial = /^\d+$/.test(metadata.trial) ? Number(metadata.trial) : metadata.trial;
  return query;
}

function missingReply(file: string, query: ReplyQuery): EvalgateError {
  const asked = (["case_id", "trial", "judge"] as const)
    .filter((key) => query[key] !== undefined)
    .map((key) => `${key}=${JSON.stringify(query[key])}`);
  const what = asked.length > 0 ? asked.join(", ") : "a call without case_id/trial/judge metadata";
  return new EvalgateError(
    "CONFIG_INVALID",
    `No scripted reply for ${what} in ${file}. Add a line such as {"case_id": ${JSON.stringify(query.case_id ?? "…")}, "text": "…"} (optionally with "trial" or "judge").`,
  );
}
