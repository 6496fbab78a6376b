const MAX_LISTED = 5;

/** Validation failures as one short line: `/items/0/price must be number; / must have required property 'id'`. */
export function listProblems(problems: readonly { path: string; message: string }[]): string {
  const listed = problems.slice(0, MAX_LISTED).map((p) => `${p.path || "/"} ${p.message}`);
  const more = problems.length > MAX_LISTED ? ` (+${problems.length - MAX_LISTED} more)` : "";
  return `${listed.join("; ")}${more}`;
}

/** A path as a JSON pointer, so zod and JSON Schema failures read alike. */
export function jsonPointer(segments: readonly PropertyKey[]): string {
  return segments.map((segment) => `/${String(segment)}`).join("");
}

/** The pointer of a dotted `field` (`a.0.b` → `/a/0/b`), so failures inside it read from the output's root. */
export function fieldPointer(field: string | undefined): string {
  return field === undefined ? "" : jsonPointer(field.split("."));
}
