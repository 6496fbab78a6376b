import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "./free-port.js";
import { spawnManaged, waitForHttp } from "./process.js";
import { mlflowVenv } from "./venv.js";

export interface MlflowServer {
  /** http://127.0.0.1:<port> */
  url: string;
  /** Where the server keeps proxied artifacts. */
  artifactsDir: string;
  stop(): Promise<void>;
}

/**
 * A real `mlflow server` on 127.0.0.1 with a fresh SQLite store and proxied
 * artifacts in a temp dir, ready when /health answers. stop() ends only this
 * server's process group and removes the temp dir.
 */
export async function startMlflowServer(): Promise<MlflowServer> {
  const venv = await mlflowVenv();
  const dir = await mkdtemp(join(tmpdir(), "evalgate-mlflow-"));
  const artifactsDir = join(dir, "artifacts");
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const proc = spawnManaged(
    venv.mlflow,
    [
      "server",
      "--host", "127.0.0.1",
      "--port", String(port),
      "--backend-store-uri", `sqlite:///${join(dir, "mlflow.db")}`,
      "--artifacts-destination", artifactsDir,
      "--serve-artifacts",
      "--workers", "1",
    ],
    { ...process.env, MLFLOW_ENABLE_TELEMETRY: "false", MLFLOW_DISABLE_TELEMETRY: "true", DO_NOT_TRACK: "true" },
    dir,
  );
  try {
    await waitForHttp(`${url}/health`, proc, 120_000);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    url,
    artifactsDir,
    async stop() {
      await proc.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
