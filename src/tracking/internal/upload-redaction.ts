import { createReadStream } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { createInterface } from "node:readline";
import { join } from "node:path";
import { readPageData } from "../../report/index.js";
import { addSecretsNamedInEnv, createRedactor, findTokenShapes, mapStrings, redactTokenShapes } from "../../secrets/index.js";
import type { Env } from "../connection.js";

export type UploadRedactor = <T>(value: T) => T;

/**
 * The last two layers before anything leaves for MLflow. A run is redacted by
 * value when it is written; a push may come later, from another machine, or
 * from a run an older evalgate wrote, so every string sent (params, tags,
 * traces, artifacts) also loses the values of credential-named variables in
 * the pushing environment and anything shaped like a vendor token.
 */
export function createUploadRedactor(env: Env): UploadRedactor {
  const byName = createRedactor();
  addSecretsNamedInEnv(byName, env);
  const text = (value: string) => redactTokenShapes(byName.text(value));
  return <T>(value: T): T => mapStrings(value, text);
}

/**
 * One warning per file of the run directory that holds token-shaped strings.
 * The local files are left as they are (they are the record); the warning says
 * where to look, and the upload redactor keeps the strings out of MLflow.
 */
export async function scanRunDirForTokens(runDir: string): Promise<string[]> {
  const warnings: string[] = [];
  for (const entry of await readdir(runDir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = join(entry.parentPath, entry.name);
    const found = await tokenShapesIn(file, entry.name);
    const kinds = Object.entries(found).map(([kind, count]) => `${count} ${kind}`);
    if (kinds.length === 0) continue;
    warnings.push(
      `${file} holds strings shaped like credentials (${kinds.join(", ")}); they were redacted in what was sent to MLflow, the local file is unchanged. If they are real, rotate them and delete the file.`,
    );
  }
  return warnings;
}

/** Files that grow with the run, searched line by line rather than read whole. */
const LINE_FILE = /\.(jsonl|csv)$/;

async function tokenShapesIn(file: string, name: string): Promise<Record<string, number>> {
  if (!LINE_FILE.test(name)) {
    const text = await readFile(file, "utf8");
    // report.html carries the run compressed; its data is searched as JSON.
    return findTokenShapes(name === "report.html" ? `${text}\n${JSON.stringify(readPageData(text) ?? null)}` : text);
  }
  const totals: Record<string, number> = {};
  for await (const line of createInterface({ input: createReadStream(file, { encoding: "utf8" }), crlfDelay: Infinity })) {
    for (const [kind, count] of Object.entries(findTokenShapes(line))) totals[kind] = (totals[kind] ?? 0) + count;
  }
  return totals;
}
