import { stat } from "node:fs/promises";
import { ConfigError, type Issue } from "../errors.js";
import type { DatasetSource, ResolvedConfig } from "./resolve.js";

/** The YAML line of a config path such as ["dataset", 1], when known. */
export type LineOf = (segments: readonly PropertyKey[]) => number | undefined;

/** Where each dataset entry is written: `dataset` when it is one string, else `dataset[i]`, with its line. */
export function datasetSources(written: string | readonly string[], lineOf: LineOf): DatasetSource[] {
  if (typeof written === "string") return [{ written, path: "dataset", ...lineField(lineOf(["dataset"])) }];
  return written.map((entry, index) => ({ written: entry, path: `dataset[${index}]`, ...lineField(lineOf(["dataset", index])) }));
}

function lineField(line: number | undefined): { line?: number } {
  return line === undefined ? {} : { line };
}

function located(source: DatasetSource | undefined, index: number, message: string): Issue & { line?: number } {
  const path = source?.path ?? `dataset[${index}]`;
  return source?.line === undefined ? { path, message } : { path, message: `${message} (line ${source.line})`, line: source.line };
}

const quoted = (source: DatasetSource | undefined, file: string) => JSON.stringify(source?.written ?? file);

/**
 * A file listed twice would make every one of its ids a "duplicate" of itself;
 * say what actually happened instead. Paths are compared after resolving, so
 * `cases.jsonl` and `./cases.jsonl` are the same file.
 */
export function repeatedDatasetIssues(config: Pick<ResolvedConfig, "datasets" | "datasetSources">): Issue[] {
  const first = new Map<string, number>();
  const sources = config.datasetSources ?? [];
  return config.datasets.flatMap((file, index) => {
    const earlier = first.get(file);
    if (earlier === undefined) {
      first.set(file, index);
      return [];
    }
    const message = `dataset[${index}] ${quoted(sources[index], file)} is the same file as dataset[${earlier}] ${quoted(sources[earlier], file)} (${file}), so it is listed twice; list each dataset file once`;
    return [located(sources[index], index, message)];
  });
}

/**
 * Throws a ConfigError located at the suite line that names each missing
 * dataset file, rather than at line 1 of a file that does not exist. Called
 * by whatever is about to read the datasets, so reading a suite for its other
 * blocks (tracking, judges) never depends on them.
 */
export async function checkDatasetFilesExist(config: Pick<ResolvedConfig, "datasets" | "datasetSources" | "configDir" | "configFile">): Promise<void> {
  const sources = config.datasetSources ?? [];
  const missing = await Promise.all(
    config.datasets.map(async (file, index) => {
      const exists = await stat(file).then(
        () => true,
        (error: NodeJS.ErrnoException) => error.code !== "ENOENT",
      );
      if (exists) return [];
      const message = `Dataset file not found: ${file} (written as ${quoted(sources[index], file)}, relative to ${config.configDir}). Fix the path or create the file`;
      return [located(sources[index], index, message)];
    }),
  );
  if (missing.flat().length > 0) throw new ConfigError(config.configFile, missing.flat());
}
