import { z } from "zod";

// Values become tags ("persona:new-customer") and scripted-reply keys, so they are kept to one plain token.
const SLUG = /^[a-z0-9][a-z0-9_-]*$/;
const slug = (what: string) =>
  z.string().regex(SLUG, `${what} must be lowercase letters, digits, "-" or "_" (it becomes a tag such as "persona:new-customer")`);

const ValuesSchema = z.union([
  z
    .array(slug("A value"))
    .min(1, "List at least one value")
    .refine((values) => new Set(values).size === values.length, "List each value once"),
  z.record(slug("A value"), z.string()).refine((values) => Object.keys(values).length > 0, "List at least one value"),
]);

export const DimensionSchema = z.strictObject({
  /** What the dimension is, shown to the model, e.g. "who is writing". */
  description: z.string().optional(),
  /** The values: a list, or a mapping value → description shown to the model. */
  values: ValuesSchema,
});

/**
 * dims.yaml: what `evalgate dataset synth` generates queries from. Dimensions
 * are crossed (persona × goal × scenario); each case gets one value of each.
 */
export const DimensionsFileSchema = z.strictObject({
  /** The product the queries are for, in a few sentences: what a user could ask about. */
  description: z.string().min(1, "Describe the product in a few sentences: the model writes queries a user of it would send"),
  /** Extra guidance for every query: tone, length, language, what to avoid. */
  instructions: z.string().optional(),
  /** Sampling temperature of the model; default 1 (varied queries). */
  temperature: z.number().min(0).max(2).optional(),
  dimensions: z
    .record(slug("A dimension name"), DimensionSchema)
    .refine((dimensions) => Object.keys(dimensions).length > 0, "List at least one dimension, e.g. persona: { values: [new-customer, admin] }"),
});
export type DimensionsFile = z.infer<typeof DimensionsFileSchema>;

/** A dimension with its values in file order, descriptions resolved. */
export interface Dimension {
  name: string;
  description?: string;
  values: { value: string; description?: string }[];
}
