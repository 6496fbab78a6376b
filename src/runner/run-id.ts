import { randomBytes } from "node:crypto";

/** Sortable by start time, readable, and unique: 20261123-195012-support-bot-a1b2. */
export function createRunId(suiteName: string, now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
  const slug = suiteName.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 40) || "suite";
  return `${stamp}-${slug}-${randomBytes(2).toString("hex")}`;
}
