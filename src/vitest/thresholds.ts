import { minimatch } from "minimatch";
import { closestMatch } from "../config/index.js";
import { ConfigError, type Issue } from "../errors.js";

/** One floor on one metric's pass rate, after globs are expanded. */
export interface Threshold {
  metric: string;
  floor: number;
  on: "lower_bound" | "estimate";
}

const GLOB = /[*?[\]{}!]/;

/**
 * Expands `threshold:` over a run's metric ids (`overall`, check and judge
 * ids, `tag:<tag>`) the way the gate selects metrics: a glob matches tags
 * only when it starts with `tag:`. A literal id that names no metric is an
 * error (a typo would otherwise gate nothing), reported before anything runs.
 */
export function expandThresholds(
  floors: Readonly<Record<string, number>>,
  on: Threshold["on"],
  metricIds: readonly string[],
  where: { file: string; subject: string },
): Threshold[] {
  const issues: Issue[] = [];
  const expanded = new Map<string, Threshold>();
  for (const [pattern, floor] of Object.entries(floors)) {
    if (!GLOB.test(pattern)) {
      if (metricIds.includes(pattern)) expanded.set(pattern, { metric: pattern, floor, on });
      else issues.push({ path: `threshold[${JSON.stringify(pattern)}]`, message: unknownMetric(pattern, metricIds) });
      continue;
    }
    const matched = metricIds.filter((id) => (id.startsWith("tag:") && !pattern.startsWith("tag:") ? false : minimatch(id, pattern)));
    if (matched.length === 0) issues.push({ path: `threshold[${JSON.stringify(pattern)}]`, message: `"${pattern}" matches no metric. Metrics: ${metricIds.join(", ")}` });
    // A literal id set next to a glob wins for that metric, as the more specific floor.
    for (const metric of matched) if (!Object.hasOwn(floors, metric)) expanded.set(metric, { metric, floor, on });
  }
  if (issues.length > 0) throw new ConfigError(where.file, issues, { subject: where.subject });
  return metricIds.flatMap((id) => expanded.get(id) ?? []);
}

function unknownMetric(id: string, metricIds: readonly string[]): string {
  const suggestion = closestMatch(id, metricIds);
  const hint = suggestion === undefined ? "" : ` Did you mean "${suggestion}"?`;
  return `No metric "${id}" in this eval.${hint} Metrics: ${metricIds.join(", ")}`;
}
