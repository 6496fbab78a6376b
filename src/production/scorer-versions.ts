import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { isAbsolute } from "node:path";
import type { Suite } from "../runner/index.js";

/**
 * The version of every check and judge of a suite, by id. A judge's is its
 * own (template, examples, model, temperature). A check's is a hash of its
 * config and of the files it names (a custom module, a schema file), so an
 * edit to either re-scores traces already scored by the old one.
 */
export async function scorerVersions(suite: Pick<Suite, "config" | "checks" | "judges">): Promise<Record<string, string>> {
  const checks = await Promise.all(
    suite.config.checks.map(async (config, index) => {
      const hash = createHash("sha256").update(JSON.stringify(config));
      for (const file of namedFiles(config)) hash.update(await readFile(file).catch(() => Buffer.from("")));
      // createChecks builds one check per config entry, in order, and assigns the ids.
      return [suite.checks[index]?.id ?? config.type, `check-${hash.digest("hex").slice(0, 12)}`] as const;
    }),
  );
  const judges = (suite.judges?.manifestEntries() ?? []).map((judge) => [judge.id, judge.version] as const);
  return Object.fromEntries([...checks, ...judges]);
}

function namedFiles(config: object): string[] {
  return Object.values(config).filter((value): value is string => typeof value === "string" && isAbsolute(value));
}
