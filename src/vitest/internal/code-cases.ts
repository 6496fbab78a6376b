import { describeZodIssues, formatPath } from "../../config/index.js";
import { CaseSchema, type Case, type LoadedDataset } from "../../datasets/index.js";
import { ConfigError, type Issue } from "../../errors.js";

/**
 * Cases given in code (an array, or what a loader returned), validated with
 * the dataset files' case schema; one ConfigError lists every bad case by
 * its index, e.g. `data[3].input`.
 */
export function codeCases(values: unknown, where: { file: string; subject: string }): LoadedDataset {
  if (!Array.isArray(values)) {
    const got = values === null ? "null" : typeof values;
    throw new ConfigError(where.file, [{ path: "data", message: `Expected an array of cases ({ id, input, expected?, … }), received ${got}` }], { subject: where.subject });
  }
  const issues: Issue[] = [];
  const cases: Case[] = [];
  const firstIndex = new Map<string, number>();
  values.forEach((value, index) => {
    const parsed = CaseSchema.safeParse(value);
    if (!parsed.success) {
      for (const issue of describeZodIssues(parsed.error.issues, CaseSchema, value)) {
        issues.push({ path: formatPath(["data", index, ...issue.segments]), message: issue.message });
      }
      return;
    }
    const earlier = firstIndex.get(parsed.data.id);
    if (earlier !== undefined) {
      issues.push({ path: formatPath(["data", index, "id"]), message: `Case id "${parsed.data.id}" is also the id of data[${earlier}]; ids name cases in results and reports, so make them unique` });
      return;
    }
    firstIndex.set(parsed.data.id, index);
    cases.push(parsed.data);
  });
  if (values.length === 0) issues.push({ path: "data", message: "No cases: give at least one case { id, input }" });
  if (issues.length > 0) throw new ConfigError(where.file, issues, { subject: where.subject });
  return { cases, files: [], warnings: [] };
}
