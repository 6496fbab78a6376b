import { InvalidArgumentError } from "commander";
import type { Summary } from "../report/index.js";

/** Loads the table formatter only when there is a summary to print, so `--help` stays light. */
export async function printSummary(summary: Summary, json: boolean): Promise<void> {
  if (json) {
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    return;
  }
  const { formatSummaryTable } = await import("../report/index.js");
  const color = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
  process.stdout.write(`${formatSummaryTable(summary, { color })}\n`);
}

export function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`Expected a whole number ≥ 1, received "${value}".`);
  return n;
}
