import { z } from "zod";

/** A TypeScript/JavaScript module exporting `(input, ctx) => Promise<{ output, trace? }>`. */
export const ModuleTargetSchema = z.strictObject({
  type: z.literal("module"),
  path: z.string().min(1),
  export: z.string().default("default"),
});

/**
 * Canned responses keyed by case id, for offline demos. Explicit by design:
 * evalgate never falls back to it silently.
 */
export const ScriptedTargetSchema = z.strictObject({
  type: z.literal("scripted"),
  path: z.string().min(1),
});

export const TargetConfigSchema = z.discriminatedUnion("type", [ModuleTargetSchema, ScriptedTargetSchema]);
export type TargetConfig = z.infer<typeof TargetConfigSchema>;
