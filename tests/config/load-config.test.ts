import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/index.js";
import { ConfigError } from "../../src/errors.js";

const FIXTURES = resolve(import.meta.dirname, "../fixtures");

describe("loadConfig", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "evalgate-config-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("resolves every relative path against the config file, not the working directory", async () => {
    const config = await loadConfig(join(FIXTURES, "config/basic/evalgate.yaml"));
    const base = join(FIXTURES, "config/basic");
    expect(config.configFile).toBe(join(base, "evalgate.yaml"));
    expect(config.configDir).toBe(base);
    expect(config.datasets).toEqual([join(FIXTURES, "datasets/cases.jsonl"), join(FIXTURES, "datasets/cases.csv")]);
    expect(config.target).toMatchObject({ type: "module", path: join(base, "pipeline.ts") });
    expect(config.judges).toEqual([join(base, "judges/grounded.md")]);
    expect(config.repeats).toBe(2);
  });

  it("reports a missing config file with its absolute path", async () => {
    const missing = join(dir, "nope.yaml");
    const error = await loadConfig(missing).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues[0]?.message).toBe(`Config file not found: ${missing}. Check the path, or create the suite file there.`);
  });

  it("reports a directory given in place of the config file", async () => {
    const error = await loadConfig(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues[0]?.message).toContain("is a directory");
  });

  it("reports an empty config file as a ConfigError naming the file", async () => {
    const file = join(dir, "evalgate.yaml");
    await writeFile(file, "");
    const error = await loadConfig(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).file).toBe(file);
    expect((error as ConfigError).message).toContain("The file is empty");
  });
});
