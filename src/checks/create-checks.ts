import type { CheckConfig } from "../config/index.js";
import { ConfigError, type Issue } from "../errors.js";
import { citationsCheck } from "./citations.js";
import { containsCheck, notContainsCheck } from "./contains.js";
import { createCustomCheck } from "./custom.js";
import { equalsCheck } from "./equals.js";
import { guardrailCheck } from "./guardrail.js";
import { jsonCheck } from "./json.js";
import { createJsonSchemaCheck } from "./json-schema.js";
import { latencyCheck } from "./latency.js";
import { lengthCheck } from "./length.js";
import { regexCheck } from "./regex.js";
import { toolCallCheck } from "./tool-call.js";
import type { Check, CheckRun } from "./types.js";
import { createZodCheck } from "./zod-check.js";

export interface CreateChecksOptions {
  /** Relative `schema_file` / `module` paths are taken from here (the suite config's folder). */
  baseDir: string;
  /** The suite config file, named in errors. */
  configFile?: string;
}

/**
 * Turns validated check configs into ready checks, doing all I/O (schema
 * files, user modules) now rather than per trial. Every problem across all
 * checks is reported in one ConfigError, located as `checks[<index>].<field>`.
 */
export async function createChecks(configs: readonly CheckConfig[], options: CreateChecksOptions): Promise<Check[]> {
  const { ids, issuesByCheck } = assignIds(configs);
  const runs = await Promise.all(
    configs.map(async (config, index) => {
      try {
        return await buildRun(config, options.baseDir, ids[index] as string);
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        issuesByCheck[index]?.push(...error.issues.map((issue) => ({ path: `checks[${index}].${issue.path}`, message: issue.message })));
        return undefined;
      }
    }),
  );
  const issues = issuesByCheck.flat();
  if (issues.length > 0) throw new ConfigError(options.configFile, issues);
  return configs.map((config, index) => ({
    id: ids[index] as string,
    type: config.type,
    gating: config.gating,
    timeoutMs: config.timeout_ms,
    run: runs[index] as CheckRun,
  }));
}

/** Explicit ids must be unique; a check without one takes its type, then `<type>-2`, `<type>-3`, … */
function assignIds(configs: readonly CheckConfig[]): { ids: string[]; issuesByCheck: Issue[][] } {
  const issuesByCheck: Issue[][] = configs.map(() => []);
  const explicit = new Map<string, number>();
  configs.forEach((config, index) => {
    if (config.id === undefined) return;
    const first = explicit.get(config.id);
    if (first === undefined) explicit.set(config.id, index);
    else issuesByCheck[index]?.push({ path: `checks[${index}].id`, message: `Duplicate check id "${config.id}" (already used by checks[${first}]). Give each check a unique \`id\`.` });
  });
  const taken = new Set(explicit.keys());
  const ids = configs.map((config) => {
    if (config.id !== undefined) return config.id;
    let id: string = config.type;
    for (let n = 2; taken.has(id); n++) id = `${config.type}-${n}`;
    taken.add(id);
    return id;
  });
  return { ids, issuesByCheck };
}

function buildRun(config: CheckConfig, baseDir: string, id: string): CheckRun | Promise<CheckRun> {
  switch (config.type) {
    case "contains":
      return containsCheck(config);
    case "not-contains":
      return notContainsCheck(config);
    case "regex":
      return regexCheck(config, id);
    case "equals":
      return equalsCheck(config);
    case "json":
      return jsonCheck(config);
    case "json-schema":
      return createJsonSchemaCheck(config, baseDir);
    case "zod":
      return createZodCheck(config, baseDir);
    case "length":
      return lengthCheck(config);
    case "latency":
      return latencyCheck(config);
    case "custom":
      return createCustomCheck(config, baseDir);
    case "citations":
      return citationsCheck(config, id);
    case "tool-call":
      return toolCallCheck(config);
    case "guardrail":
      return guardrailCheck(config);
  }
}
