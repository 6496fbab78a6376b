export type PathLookup = { found: true; value: unknown } | { found: false; missing: string };

/**
 * Follows a dotted path (`answer`, `choices.0.text`) into a value. Numeric
 * segments index arrays. `missing` names the first segment that was absent.
 */
export function lookupPath(root: unknown, path: string): PathLookup {
  let current = root;
  const walked: string[] = [];
  for (const segment of path.split(".")) {
    walked.push(segment);
    const container = current as Record<string, unknown> | null | undefined;
    const present =
      container !== null &&
      typeof container === "object" &&
      Object.prototype.hasOwnProperty.call(container, segment) &&
      container[segment] !== undefined;
    if (!present) return { found: false, missing: walked.join(".") };
    current = container[segment];
  }
  return { found: true, value: current };
}
