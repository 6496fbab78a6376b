import type { GuardStage } from "../types.js";
import type { GuardConfig, GuardrailsConfig, GuardType } from "../config-schema.js";

/** Guard types whose findings carry spans, so `action: redact` has something to mask. */
export const REDACTABLE_TYPES: readonly GuardType[] = ["pii", "secrets", "keywords", "regex", "url", "custom"];

/** Types that make sense at one stage only, and why (said in the message). */
const ONLY_AT: Partial<Record<GuardType, { stage: GuardStage; why: string }>> = {
  "json-schema": { stage: "output", why: "it validates the pipeline's answer" },
  groundedness: { stage: "output", why: "it compares the answer with the retrieved documents" },
  scope: { stage: "input", why: "it judges the user's request" },
};

/** A rule broken by a guardrails config that the schema alone cannot see, at a path into the file. */
export interface RuleIssue {
  segments: (string | number)[];
  message: string;
}

/**
 * What the schema cannot check guard by guard: unique ids across both
 * stages, `redact` only where there are spans to mask, stage-bound types and
 * `parallel` only on input block guards.
 */
export function stageRuleIssues(config: Pick<GuardrailsConfig, "input" | "output">): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const firstUse = new Map<string, string>();
  for (const stage of ["input", "output"] as const) {
    config[stage].forEach((guard, index) => {
      const at = (field: string): (string | number)[] => [stage, index, field];
      const first = firstUse.get(guard.id);
      if (first === undefined) firstUse.set(guard.id, `${stage}[${index}]`);
      else issues.push({ segments: at("id"), message: `Duplicate guard id "${guard.id}" (already used by ${first}). Ids name summary rows and metrics: give each guard its own.` });

      const only = ONLY_AT[guard.type];
      if (only && only.stage !== stage) {
        issues.push({ segments: at("type"), message: `A ${guard.type} guard runs at the ${only.stage} stage only (${only.why}); move it under \`${only.stage}:\`.` });
      }
      if (guard.action === "redact") issues.push(...redactIssues(guard, at));
      if (guard.parallel === true && (stage !== "input" || guard.action !== "block")) {
        issues.push({ segments: at("parallel"), message: "`parallel` applies to input guards with action block only: it lets the pipeline call start while the guard runs, and cancels it if the guard fires." });
      }
    });
  }
  return issues;
}

function redactIssues(guard: GuardConfig, at: (field: string) => (string | number)[]): RuleIssue[] {
  if (!REDACTABLE_TYPES.includes(guard.type)) {
    return [{ segments: at("action"), message: `A ${guard.type} guard finds no spans to mask, so it cannot redact: use action block or warn. Guards that can redact: ${REDACTABLE_TYPES.join(", ")}.` }];
  }
  if ((guard.type === "keywords" || guard.type === "regex") && guard.allow !== undefined) {
    return [{ segments: at("allow"), message: "An allow list triggers when nothing on it appears, which leaves nothing to mask: a guard with `allow` cannot redact. Use action block or warn, or a `block` list." }];
  }
  return [];
}
