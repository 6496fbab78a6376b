import { execFile } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { FIXTURES } from "./cli.js";

const exec = promisify(execFile);
const ROOT = join(FIXTURES, "..", "..", "..");

describe("the package entry point", () => {
  it("runs a suite through `import { runSuite } from \"evalgate\"`, as the README shows", async () => {
    const reportsDir = await mkdtemp(join(tmpdir(), "evalgate-lib-"));
    const script = `
      import { runSuite } from "evalgate";
      const { summary, runDir } = await runSuite({ configFile: ${JSON.stringify(join(FIXTURES, "faulty", "evalgate.yaml"))}, reportsDir: ${JSON.stringify(reportsDir)} });
      console.log(JSON.stringify({ runDir, overall: summary.overall }));
    `;
    const { stdout } = await exec(process.execPath, ["--input-type=module", "-e", script], { cwd: ROOT });
    const result = JSON.parse(stdout);
    expect(result.runDir.startsWith(reportsDir)).toBe(true);
    // faulty fixture: "ok" passes and "wrong" fails in both trials; "throws" and "hangs" error.
    expect(result.overall).toMatchObject({ passed: 2, failed: 2, errors: 4 });
    expect(result.overall.pass_rate.rate).toBe(0.5);
  });
});
