import { TargetError } from "../errors.js";
import { loadModuleExport } from "../config/load-module.js";
import { GuardDecisionSchema, TraceSchema } from "../log/index.js";
import type { Target, TargetFunction, TargetResult } from "./types.js";

export async function createModuleTarget(path: string, exportName: string): Promise<Target> {
  const fn = await loadModuleExport(path, exportName, "target.path");
  if (typeof fn !== "function") {
    throw new TargetError(`target: export "${exportName}" of ${path} is a ${typeof fn}, expected a function (input, ctx) => Promise<{ output, trace? }>.`);
  }
  return {
    info: { type: "module", description: `module ${path}#${exportName}` },
    async invoke(input, ctx) {
      return checkTargetResult(await (fn as TargetFunction)(input, ctx), `${path}#${exportName}`);
    },
  };
}

/** Targets are user code: validate what they return so a wrong shape is a clear error, not a silent pass. */
export function checkTargetResult(value: unknown, where: string): TargetResult {
  if (value === null || typeof value !== "object" || !("output" in value)) {
    const got = value === null ? "null" : Array.isArray(value) ? "an array" : typeof value;
    throw new TargetError(`${where} returned ${got}; expected an object { output, trace? } (wrap a plain answer as { output: answer }).`);
  }
  const { output, trace, guardrails } = value as { output: unknown; trace?: unknown; guardrails?: unknown };
  const result: TargetResult = { output };
  if (trace !== undefined) {
    const parsed = TraceSchema.safeParse(trace);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      throw new TargetError(`${where} returned an invalid trace at trace.${first?.path.join(".")}: ${first?.message}`);
    }
    result.trace = parsed.data;
  }
  if (guardrails !== undefined) {
    // What guard() attaches: the pipeline's own guard decisions, recorded like the suite's.
    const parsed = GuardDecisionSchema.array().safeParse(guardrails);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      throw new TargetError(`${where} returned invalid guardrails at guardrails.${first?.path.join(".")}: ${first?.message} (guardrails holds the decisions guard() returns).`);
    }
    result.guardrails = parsed.data;
  }
  return result;
}
