import { InvalidArgumentError } from "commander";
import { formatSummaryTable, type Summary } from "../report/index.js";

export function printSummary(summary: Summary, json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    return;
  }
  const color = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
  process.stdout.write(`${formatSummaryTable(summary, { color })}\n`);
}

export function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`Expected a whole number ≥ 1, received "${value}".`);
  return n;
}
