import { TargetError } from "../errors.js";
import { findScriptedReply, loadScriptedReplies } from "../providers/scripted-replies.js";
import { checkTargetResult } from "./module-target.js";
import type { Target } from "./types.js";

/** Canned outputs keyed by case id (and optionally trial): clearly not a model. */
export async function createScriptedTarget(path: string): Promise<Target> {
  const replies = await loadScriptedReplies(path);
  return {
    info: { type: "scripted", description: `scripted responses from ${path}` },
    async invoke(_input, ctx) {
      const reply = findScriptedReply(replies, { case_id: ctx.caseId, trial: ctx.trial });
      if (!reply) throw new TargetError(`No scripted response for case "${ctx.caseId}" (trial ${ctx.trial}) in ${path}.`);
      return checkTargetResult(reply.payload, `${path}:${reply.line}`);
    },
  };
}
