import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

export interface MlflowVenv {
  python: string;
  /** The `mlflow` console script next to python. */
  mlflow: string;
}

let cached: Promise<MlflowVenv> | undefined;

/**
 * The pinned MLflow venv, installed on first use by scripts/install-mlflow.sh
 * (idempotent and cached). Throws with the installer's output when MLflow
 * cannot be installed: the integration tests must fail, never skip.
 */
export function mlflowVenv(): Promise<MlflowVenv> {
  cached ??= install();
  return cached;
}

async function install(): Promise<MlflowVenv> {
  const script = join(repoRoot, "scripts", "install-mlflow.sh");
  let stdout: string;
  try {
    ({ stdout } = await run("bash", [script], { cwd: repoRoot, maxBuffer: 16 * 1024 * 1024, timeout: 15 * 60_000 }));
  } catch (error) {
    const e = error as { stderr?: string; message: string };
    throw new Error(`MLflow could not be installed by scripts/install-mlflow.sh, so the MLflow integration tests cannot run:\n${e.stderr ?? ""}\n${e.message}`);
  }
  const python = stdout.trim().split("\n").pop() ?? "";
  const mlflow = join(dirname(python), "mlflow");
  if (!existsSync(python) || !existsSync(mlflow)) {
    throw new Error(`scripts/install-mlflow.sh printed "${python}", but no python/mlflow executables exist there.`);
  }
  return { python, mlflow };
}
