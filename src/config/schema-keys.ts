import type { z } from "zod";

type PathSegment = PropertyKey;

/** The parts of a zod 4 schema definition this walk reads. */
interface SchemaDef {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  options?: z.ZodType[];
  discriminator?: string;
  valueType?: z.ZodType;
  getter?: () => z.ZodType;
}

function defOf(schema: z.ZodType): SchemaDef {
  return (schema as unknown as { _zod: { def: SchemaDef } })._zod.def;
}

function valueAt(input: unknown, key: PathSegment): unknown {
  return input !== null && typeof input === "object" ? (input as Record<PropertyKey, unknown>)[key] : undefined;
}

/**
 * The object schemas that may describe `input`: wrappers are unwrapped and a
 * union is narrowed by its discriminator (or by trying each option) so the keys
 * suggested for a check of type "regex" are the regex check's keys.
 */
function objectCandidates(schema: z.ZodType, input: unknown): z.ZodType[] {
  const def = defOf(schema);
  if (def.innerType) return objectCandidates(def.innerType, input);
  if (def.type === "pipe" && def.in) return objectCandidates(def.in, input);
  if (def.type === "lazy" && def.getter) return objectCandidates(def.getter(), input);
  if (def.type === "union" && def.options) {
    const options = def.options.flatMap((option) => objectCandidates(option, input));
    const matching = options.filter((option) => {
      if (!def.discriminator) return option.safeParse(input).success;
      const tag = defOf(option).shape?.[def.discriminator];
      return tag !== undefined && tag.safeParse(valueAt(input, def.discriminator)).success;
    });
    return matching.length > 0 ? matching : options;
  }
  return [schema];
}

/** The schema of the value at `path` inside `input`, or undefined when the path leaves the schema. */
function schemaAt(schema: z.ZodType, path: readonly PathSegment[], input: unknown): z.ZodType | undefined {
  if (path.length === 0) return schema;
  const [head, ...rest] = path as [PathSegment, ...PathSegment[]];
  for (const candidate of objectCandidates(schema, input)) {
    const def = defOf(candidate);
    const child =
      def.type === "object" ? def.shape?.[String(head)] : def.type === "array" ? def.element : def.type === "record" ? def.valueType : undefined;
    if (child) return schemaAt(child, rest, valueAt(input, head));
  }
  return undefined;
}

/**
 * The keys an object at `path` may have, read from the schema itself so the
 * list never drifts from what validation accepts. `input` is the whole value
 * being validated; it picks the branch of discriminated unions.
 */
export function objectKeysAt(schema: z.ZodType, path: readonly PathSegment[], input: unknown): string[] {
  const target = schemaAt(schema, path, input);
  if (!target) return [];
  const valueHere = path.reduce<unknown>((value, key) => valueAt(value, key), input);
  return [...new Set(objectCandidates(target, valueHere).flatMap((candidate) => Object.keys(defOf(candidate).shape ?? {})))];
}
