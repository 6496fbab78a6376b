import { access } from "node:fs/promises";
import { resolve } from "node:path";
import { z } from "zod";
import { loadModuleExport } from "../../config/index.js";
import { EvalgateError, errorMessage } from "../../errors.js";
import { GuardSpanSchema } from "../../log/index.js";
import type { GuardConfigOf } from "../config-schema.js";
import type { GuardFinding, GuardInput } from "../types.js";
import { GuardProblem } from "./guard-problem.js";

/** What a custom guard function may return: a finding, or just whether it triggered. */
export const CustomGuardResultSchema = z.union([
  z.boolean(),
  z.object({
    triggered: z.boolean(),
    spans: z.array(GuardSpanSchema).optional(),
    score: z.number().optional(),
    reason: z.string().optional(),
  }),
]);
export type CustomGuardResult = z.infer<typeof CustomGuardResultSchema>;

/** A custom guard: a module's export, sync or async. It should honour `input.signal` when it does I/O. */
export type CustomGuardFunction = (input: GuardInput) => CustomGuardResult | Promise<CustomGuardResult>;

/** Loads a custom guard's function once, at build time; problems are located on `module` or `export`. */
export async function loadCustomGuard(config: GuardConfigOf<"custom">, baseDir: string): Promise<CustomGuardFunction> {
  const path = resolve(baseDir, config.module);
  try {
    await access(path);
  } catch {
    throw new GuardProblem("module", `Custom guard module not found: ${path}. Expected a .ts or .js file; the path is relative to the guardrails file.`);
  }
  let fn: unknown;
  try {
    fn = await loadModuleExport(path, config.export, "custom guard");
  } catch (error) {
    // loadModuleExport wraps import failures (cause set) and reports a missing export without one.
    if (error instanceof EvalgateError && error.cause === undefined) {
      throw new GuardProblem("export", `${error.message} Set \`export:\` to the name the module exports, or add that export.`);
    }
    throw new GuardProblem("module", errorMessage(error), { cause: error });
  }
  if (typeof fn !== "function") {
    throw new GuardProblem("export", `Export "${config.export}" of ${path} is ${fn === null ? "null" : typeof fn}, not a function. Export \`(input) => { triggered, spans?, score?, reason? }\`, e.g. with defineGuard.`);
  }
  return fn as CustomGuardFunction;
}

/**
 * Runs a custom guard function and checks what it returned: a malformed
 * result, or spans outside the text, throw (the engine applies on_error).
 */
export async function runCustomGuard(fn: CustomGuardFunction, input: GuardInput): Promise<GuardFinding> {
  const returned: unknown = await fn(input);
  const parsed = CustomGuardResultSchema.safeParse(returned);
  if (!parsed.success) {
    throw new Error(`custom guard returned ${show(returned)}; expected true/false or { triggered: boolean, spans?: [{ start, end, label }], score?, reason? }`);
  }
  if (typeof parsed.data === "boolean") return { triggered: parsed.data };
  const outside = parsed.data.spans?.find((span) => span.start > span.end || span.end > input.text.length);
  if (outside) throw new Error(`custom guard returned the span ${JSON.stringify(outside)}, outside the text (${input.text.length} characters)`);
  const { triggered, spans, score, reason } = parsed.data;
  return { triggered, ...(spans ? { spans } : {}), ...(score === undefined ? {} : { score }), ...(reason === undefined ? {} : { reason }) };
}

function show(value: unknown): string {
  const text = value === undefined ? "undefined" : (JSON.stringify(value) ?? String(value));
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Typed authoring helper: `export default defineGuard(({ text }) => …)`. */
export function defineGuard(fn: CustomGuardFunction): CustomGuardFunction {
  return fn;
}
