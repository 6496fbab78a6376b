import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { freePort } from "./free-port.js";
import { spawnManaged, waitForHttp } from "./process.js";
import { mlflowVenv } from "./venv.js";

const run = promisify(execFile);

export interface ModelServer {
  /** http://127.0.0.1:<port>/invocations */
  invocationsUrl: string;
  stop(): Promise<void>;
}

/**
 * Saves a pyfunc model with `saveScript <model dir>` (run by the venv's python)
 * and serves it with `mlflow models serve --env-manager local` on 127.0.0.1,
 * ready when /ping answers. stop() ends only this server and removes its files.
 */
export async function serveModel(saveScript: string): Promise<ModelServer> {
  const venv = await mlflowVenv();
  const dir = await mkdtemp(join(tmpdir(), "evalgate-pyfunc-"));
  const modelDir = join(dir, "model");
  // The scoring server execs `uvicorn` by name: the venv's bin dir must come first on PATH.
  const env = { ...process.env, PATH: `${dirname(venv.python)}:${process.env.PATH ?? ""}`, MLFLOW_ENABLE_TELEMETRY: "false", MLFLOW_DISABLE_TELEMETRY: "true", DO_NOT_TRACK: "true" };
  try {
    await run(venv.python, [saveScript, modelDir], { cwd: dir, env, timeout: 180_000 });
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    const e = error as { stderr?: string; message: string };
    throw new Error(`Saving the pyfunc model with ${saveScript} failed:\n${e.stderr ?? e.message}`);
  }
  const port = await freePort();
  const proc = spawnManaged(
    venv.mlflow,
    ["models", "serve", "-m", modelDir, "--env-manager", "local", "--host", "127.0.0.1", "--port", String(port), "--workers", "1"],
    env,
    dir,
  );
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${base}/ping`, proc, 120_000);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    invocationsUrl: `${base}/invocations`,
    async stop() {
      await proc.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
