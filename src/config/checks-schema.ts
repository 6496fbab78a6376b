import { z } from "zod";

/** Fields every check accepts. `id` defaults to the check's type (made unique by the loader). */
const common = {
  id: z.string().min(1).optional(),
  /** A failed gating check skips the judges of that trial (saves judge cost). */
  gating: z.boolean().default(false),
};

export const CheckConfigSchema = z.discriminatedUnion("type", [
  z.strictObject({ ...common, type: z.literal("contains"), value: z.string(), case_sensitive: z.boolean().default(false) }),
  z.strictObject({ ...common, type: z.literal("not-contains"), value: z.string(), case_sensitive: z.boolean().default(false) }),
]);
export type CheckConfig = z.infer<typeof CheckConfigSchema>;
