import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { isAbsolute, resolve } from "node:path";
import { mapConfigPaths, relativeToConfig, type ResolvedConfig } from "./resolve.js";

/** One file a suite loads, by its path relative to the suite file, with the sha256 of its bytes. */
export interface SuiteFile {
  file: string;
  sha256: string;
}

/**
 * Every file the suite loads besides its datasets (which are recorded on
 * their own): the target's module, template or canned outputs, check modules
 * and schema files, judge files, the guardrails file, and `scripted:<file>` models. Their contents
 * decide what a trial does, so a resumed run compares these hashes, not the
 * paths. Files a module imports in turn are not followed: `git.dirty` in
 * run.json covers those. `loaded` adds files found by loading the suite
 * (what its guardrails file loads: custom guards, schema files).
 */
export async function hashSuiteFiles(config: ResolvedConfig, loaded: readonly string[] = []): Promise<SuiteFile[]> {
  const paths = new Set<string>(loaded);
  mapConfigPaths({ ...config, datasets: [] }, (path) => {
    paths.add(path);
    return path;
  });
  for (const model of [modelOf(config.target), config.judge_model]) {
    if (model?.startsWith("scripted:")) {
      const file = model.slice("scripted:".length);
      paths.add(isAbsolute(file) ? file : resolve(config.configDir, file));
    }
  }
  const files = await Promise.all(
    [...paths].map(async (path) => ({ file: relativeToConfig(config, path), sha256: await sha256Of(path) })),
  );
  return files.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/** Files whose hash differs from (or is missing in) `before`, by path. */
export function changedSuiteFiles(before: readonly SuiteFile[], now: readonly SuiteFile[]): string[] {
  const old = new Map(before.map((f) => [f.file, f.sha256]));
  const current = new Map(now.map((f) => [f.file, f.sha256]));
  const changed = now.filter((f) => old.get(f.file) !== f.sha256).map((f) => f.file);
  const removed = before.filter((f) => !current.has(f.file)).map((f) => f.file);
  return [...changed, ...removed];
}

function modelOf(target: ResolvedConfig["target"]): string | undefined {
  const model = (target as { model?: unknown }).model;
  return typeof model === "string" ? model : undefined;
}

/** A file that cannot be read hashes as "missing": loading the suite reports it properly. */
async function sha256Of(path: string): Promise<string> {
  try {
    return createHash("sha256").update(await readFile(path)).digest("hex");
  } catch {
    return "missing";
  }
}
