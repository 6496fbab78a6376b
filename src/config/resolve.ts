import { dirname, isAbsolute, relative, resolve, sep } from "node:path";
import type { ParsedConfig } from "./schema.js";

/** The suite config after validation: defaults applied, every path absolute. */
export type ResolvedConfig = Omit<ParsedConfig, "dataset"> & {
  /** Dataset files, absolute, in the order given. */
  datasets: string[];
  /** Absolute path of the suite file. */
  configFile: string;
  /** Directory every relative path in the suite file is resolved against. */
  configDir: string;
  /**
   * Where each of `datasets` is named in the suite file, for messages about a
   * dataset file as a whole (missing, listed twice). Not part of the config hash.
   */
  datasetSources?: DatasetSource[];
};

export interface DatasetSource {
  /** The path as written in the suite. */
  written: string;
  /** `dataset`, or `dataset[i]` in a list. */
  path: string;
  /** 1-based line in the suite file, when known. */
  line?: number;
}

/**
 * Field names that hold file paths inside `target` and each check. Matched by
 * name rather than per type so a new check or target kind with a `path`,
 * `schema_file` or `module` field is resolved without touching this file.
 * `template` is the prompt target's template file.
 */
const PATH_FIELDS = ["path", "schema_file", "module", "template"] as const;

function mapPathFields<T>(entry: T, map: (path: string) => string): T {
  if (entry === null || typeof entry !== "object") return entry;
  const copy: Record<string, unknown> = { ...(entry as Record<string, unknown>) };
  for (const field of PATH_FIELDS) {
    const value = copy[field];
    if (typeof value === "string") copy[field] = map(value);
  }
  return copy as T;
}

type PathCarrying = Pick<ResolvedConfig, "datasets" | "target" | "judges" | "checks" | "guardrails">;

/** Applies `map` to every path in the config; the one place that knows where paths live. */
export function mapConfigPaths<T extends PathCarrying>(config: T, map: (path: string) => string): T {
  return {
    ...config,
    datasets: config.datasets.map(map),
    target: mapPathFields(config.target, map),
    judges: config.judges.map(map),
    checks: config.checks.map((check) => mapPathFields(check, map)),
    ...(config.guardrails === undefined ? {} : { guardrails: map(config.guardrails) }),
  };
}

export function resolveConfig(parsed: ParsedConfig, configFile: string): ResolvedConfig {
  const absoluteFile = resolve(configFile);
  const configDir = dirname(absoluteFile);
  const { dataset, ...rest } = parsed;
  const datasets = typeof dataset === "string" ? [dataset] : dataset;
  return mapConfigPaths({ ...rest, datasets, configFile: absoluteFile, configDir }, (path) => (isAbsolute(path) ? path : resolve(configDir, path)));
}

/** A path as written relative to the config directory, with forward slashes on every OS. */
export function relativeToConfig(config: Pick<ResolvedConfig, "configDir">, path: string): string {
  return relative(config.configDir, path).split(sep).join("/");
}
