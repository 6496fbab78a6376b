import { dirname, isAbsolute, relative, resolve } from "node:path";

export interface RetryCommandInput {
  runId: string;
  /** The run directory pushed: <reports dir>/<run id>. */
  runDir: string;
  trackingUri?: string;
  experiment?: string;
  /** Where the command will be typed; default process.cwd(). */
  cwd?: string;
}

/**
 * The `evalgate mlflow push` command that redoes a failed push, runnable as
 * printed from `cwd`: it names the reports dir unless it is the default
 * `reports`, repeats the URI and experiment the push was given, and quotes
 * what a POSIX shell would split or expand.
 */
export function retryPushCommand({ runId, runDir, trackingUri, experiment, cwd = process.cwd() }: RetryCommandInput): string {
  const reportsDir = resolve(cwd, dirname(runDir));
  const args = ["evalgate", "mlflow", "push", runId];
  if (reportsDir !== resolve(cwd, "reports")) args.push("--reports-dir", displayPath(reportsDir, cwd));
  if (trackingUri !== undefined) args.push("--tracking-uri", trackingUri);
  if (experiment !== undefined) args.push("--experiment", experiment);
  return args.map(shellQuote).join(" ");
}

/** Relative to cwd when below it (shorter to read), absolute otherwise. */
function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel) ? rel : path;
}

export function shellQuote(arg: string): string {
  if (/^[A-Za-z0-9_./:@%+=,-]+$/.test(arg)) return arg;
  return `'${arg.split("'").join(`'\\''`)}'`;
}
