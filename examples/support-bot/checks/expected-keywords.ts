import { defineCheck } from "evalgate";

/**
 * The answer must state every key fact of the case (`expected.keywords`, e.g.
 * "14 days"): a cheap catch for wrong numbers before any judge runs. Cases
 * without keywords (refusals) pass.
 */
export default defineCheck(({ output, expected }) => {
  const keywords = (expected as { keywords?: unknown } | undefined)?.keywords;
  if (!Array.isArray(keywords) || keywords.length === 0) return { pass: true, reason: "no expected keywords for this case" };
  const text = (typeof output === "string" ? output : JSON.stringify(output)).toLowerCase();
  const missing = keywords.filter((keyword) => !text.includes(String(keyword).toLowerCase()));
  return missing.length === 0
    ? { pass: true, reason: `states ${keywords.map((k) => JSON.stringify(k)).join(", ")}` }
    : { pass: false, reason: `missing expected ${missing.map((k) => JSON.stringify(k)).join(", ")}` };
});
