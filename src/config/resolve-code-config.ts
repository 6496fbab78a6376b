import { isAbsolute, resolve } from "node:path";
import { ConfigError } from "../errors.js";
import { repeatedDatasetIssues } from "./dataset-paths.js";
import { mapConfigPaths, type ResolvedConfig } from "./resolve.js";
import { UserConfigSchema, type UserConfig } from "./schema.js";
import { describeZodIssues } from "./zod-issues.js";

/** A suite config written as an object in code: the suite file's keys, none required when a suite file supplies them. */
export type CodeConfig = Partial<UserConfig>;

export interface ResolveCodeConfigOptions {
  /** Recorded as the run's suite_file when no `base` suite is given; named in messages. */
  configFile: string;
  /** Relative paths written in code resolve against this directory (a test file's, like its imports). */
  baseDir: string;
  /** A loaded suite file: every key the object leaves out comes from it. */
  base?: ResolvedConfig;
  /** What the object is, for the error's first line, e.g. `describeEval("support") options`. */
  subject?: string;
}

// Without a suite file, a code config needs a name and a target (the caller supplies both);
// its cases may come from code rather than dataset files.
const StandaloneSchema = UserConfigSchema.partial({ dataset: true });
const OverrideSchema = UserConfigSchema.partial();

/**
 * Resolves a suite config given in code with the suite file's schema and
 * defaults, so code and YAML cannot drift apart. With `base`, the object's
 * keys replace the suite's one by one (a `checks` list replaces the suite's,
 * it is not appended) and everything else, defaults included, is the suite's.
 * Throws one ConfigError listing every problem, with dotted paths.
 */
export function resolveCodeConfig(input: CodeConfig, options: ResolveCodeConfigOptions): ResolvedConfig {
  const schema = options.base ? OverrideSchema : StandaloneSchema;
  const errorOptions = options.subject === undefined ? {} : { subject: options.subject };
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const issues = describeZodIssues(parsed.error.issues, schema, input).map(({ path, message }) => ({ path, message }));
    throw new ConfigError(options.configFile, issues, errorOptions);
  }
  const { dataset, ...rest } = parsed.data;
  const absolute = (path: string) => (isAbsolute(path) ? path : resolve(options.baseDir, path));
  const datasets = dataset === undefined ? [] : typeof dataset === "string" ? [dataset] : dataset;
  const own = mapConfigPaths(
    { ...rest, datasets, judges: rest.judges ?? [], checks: rest.checks ?? [], target: rest.target! },
    absolute,
  ) as ResolvedConfig;

  let config: ResolvedConfig;
  if (options.base) {
    const given = Object.keys(input).filter((key) => input[key as keyof CodeConfig] !== undefined);
    const overrides = Object.fromEntries(given.map((key) => (key === "dataset" ? ["datasets", own.datasets] : [key, own[key as keyof ResolvedConfig]])));
    const { datasetSources, ...base } = options.base;
    // Dataset lines of the suite file no longer locate datasets given in code.
    config = { ...base, ...(given.includes("dataset") || datasetSources === undefined ? {} : { datasetSources }), ...overrides };
  } else {
    config = { ...own, configFile: options.configFile, configDir: options.baseDir };
  }
  const repeated = repeatedDatasetIssues(config);
  if (repeated.length > 0) throw new ConfigError(options.configFile, repeated, errorOptions);
  return config;
}
