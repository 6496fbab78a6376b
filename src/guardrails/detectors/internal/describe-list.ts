/** `"a", "b" and 3 more`: names from a config, quoted, shortened for a reason line. */
export function describeList(items: readonly string[], shown = 3): string {
  const quoted = items.slice(0, shown).map((item) => JSON.stringify(item));
  const rest = items.length - quoted.length;
  if (rest > 0) return `${quoted.join(", ")} and ${rest} more`;
  if (quoted.length <= 1) return quoted.join("");
  return `${quoted.slice(0, -1).join(", ")} and ${quoted[quoted.length - 1]}`;
}
