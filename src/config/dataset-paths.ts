import { stat } from "node:fs/promises";
import type { ConfigIssue } from "./load.js";
import type { ResolvedConfig } from "./resolve.js";

/** The YAML line of a config path such as ["dataset", 1], when known. */
export type LineOf = (segments: readonly PropertyKey[]) => number | undefined;

/** Where dataset entry `index` sits in the suite: `dataset` when it is one string, else `dataset[i]`. */
function segmentsOf(written: unknown, index: number): PropertyKey[] {
  return typeof written === "string" ? ["dataset"] : ["dataset", index];
}

/** Entry `index` of `dataset` as the user wrote it, quoted. */
function writtenAt(written: unknown, index: number): string {
  return JSON.stringify(Array.isArray(written) ? written[index] : written);
}

function located(segments: readonly PropertyKey[], message: string, lineOf: LineOf): ConfigIssue {
  const path = segments.length === 1 ? "dataset" : `dataset[${String(segments[1])}]`;
  const line = lineOf(segments);
  return line === undefined ? { path, message } : { path, message: `${message} (line ${line})`, line };
}

/**
 * A file listed twice would make every one of its ids a "duplicate" of itself;
 * say what actually happened instead. Paths are compared after resolving, so
 * `cases.jsonl` and `./cases.jsonl` are the same file.
 */
export function repeatedDatasetIssues(config: Pick<ResolvedConfig, "datasets">, written: unknown, lineOf: LineOf): ConfigIssue[] {
  const first = new Map<string, number>();
  return config.datasets.flatMap((file, index) => {
    const earlier = first.get(file);
    if (earlier === undefined) {
      first.set(file, index);
      return [];
    }
    const message = `dataset[${index}] ${writtenAt(written, index)} is the same file as dataset[${earlier}] ${writtenAt(written, earlier)} (${file}), so it is listed twice; list each dataset file once`;
    return [located(segmentsOf(written, index), message, lineOf)];
  });
}

/** Dataset files that do not exist, located at the suite line that names them (not at line 1 of a missing file). */
export async function missingDatasetIssues(config: Pick<ResolvedConfig, "datasets" | "configDir">, written: unknown, lineOf: LineOf): Promise<ConfigIssue[]> {
  const missing = await Promise.all(
    config.datasets.map(async (file, index) => {
      try {
        await stat(file);
        return [];
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") return [];
        const message = `Dataset file not found: ${file} (written as ${writtenAt(written, index)}, relative to ${config.configDir}). Fix the path or create the file`;
        return [located(segmentsOf(written, index), message, lineOf)];
      }
    }),
  );
  return missing.flat();
}
