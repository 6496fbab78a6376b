import { spawnSync } from "node:child_process";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { BIN } from "./cli.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const HOOK = fileURLToPath(new URL("../support/module-log/register.mjs", import.meta.url));

/** Every file module the built CLI resolves for these arguments, relative to the repo. */
async function modulesLoaded(args: string[]): Promise<string[]> {
  const log = join(await mkdtemp(join(tmpdir(), "evalgate-modules-")), "modules.txt");
  const child = spawnSync(process.execPath, ["--import", HOOK, BIN, ...args], { env: { ...process.env, EVALGATE_MODULE_LOG: log }, encoding: "utf8" });
  expect(child.status, child.stderr).toBe(0);
  const urls = (await readFile(log, "utf8")).trim().split("\n");
  return [...new Set(urls.filter((u) => u.startsWith("file:")).map((u) => relative(ROOT, fileURLToPath(u))))].sort();
}

describe("startup loads only what parsing argv needs", () => {
  it.each(["--help", "--version", "run --help", "merge --help"])("evalgate %s loads commander and the CLI, no SDK, schema or report code", async (line) => {
    const loaded = await modulesLoaded(line.split(" "));
    const packages = [...new Set(loaded.filter((f) => f.startsWith("node_modules/")).map((f) => f.split("/")[1]))];
    expect(packages).toEqual(["commander"]);
    const own = loaded.filter((f) => f.startsWith("dist/") && !f.startsWith("dist/cli/"));
    expect(own).toEqual(["dist/errors.js", "dist/guardrails/proxy/defaults.js", "dist/version.js"]);
  });

  it("a command's action still loads what it needs (the hook sees lazy imports)", async () => {
    const loaded = await modulesLoaded(["validate", "--dataset", join(ROOT, "tests/e2e/fixtures/slow/cases.jsonl")]);
    expect(loaded).toContain("dist/datasets/index.js");
  });
});
