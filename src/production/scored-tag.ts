/**
 * The trace tag that says which checks and judges, at which version, have
 * scored a trace: `{"<check or judge id>": "<version>"}` as JSON. One tag
 * per trace keeps the write to one request; judges whose `applies_when`
 * excluded the trace are listed too, so it is not re-scored for them.
 */
export const SCORED_TAG = "evalgate.scored";

export function readScoredTag(tags: Readonly<Record<string, string>>): Record<string, string> | undefined {
  const text = tags[SCORED_TAG];
  if (text === undefined) return undefined;
  try {
    const value = JSON.parse(text) as unknown;
    if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
    return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
  } catch {
    return undefined;
  }
}

/** Scorers whose current version is not yet on the trace. */
export function unscored(scorers: Readonly<Record<string, string>>, scored: Readonly<Record<string, string>> | undefined): string[] {
  return Object.entries(scorers)
    .filter(([id, version]) => scored?.[id] !== version)
    .map(([id]) => id);
}
