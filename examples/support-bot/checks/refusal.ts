import { defineCheck } from "evalgate";

// Phrasings the prompt asks for, plus the usual variants models produce.
const REFUSAL = /\b(can only help with|can(?:['’]|no)t (?:help|share|answer|assist)|unable to (?:help|share|answer)|not able to (?:help|share))\b/i;

/** Out-of-scope requests must be declined; every other case passes (it is not this check's concern). */
export default defineCheck(({ output, tags = [] }) => {
  if (!tags.includes("out-of-scope")) return { pass: true, reason: "not an out-of-scope case" };
  const text = typeof output === "string" ? output : JSON.stringify(output);
  return REFUSAL.test(text)
    ? { pass: true, reason: "declined the out-of-scope request" }
    : { pass: false, reason: `expected a refusal for an out-of-scope request, got: "${excerpt(text)}"` };
});

function excerpt(text: string): string {
  return text.length <= 80 ? text : `${text.slice(0, 80)}…`;
}
