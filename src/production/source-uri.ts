import { EvalgateError } from "../errors.js";

/** A parsed `--from` value. */
export type SourceUri =
  | { kind: "mlflow"; uri: string; experiment: string; filter?: string }
  | { kind: "jsonl"; uri: string; file: string };

/**
 * `mlflow:<experiment name or id>[?filter=<MLflow trace filter>]` or
 * `jsonl:<file>`. The filter is everything after `?filter=`, taken as is
 * (MLflow filters hold quotes and `=`), URL-decoded when it was encoded.
 */
export function parseSourceUri(uri: string): SourceUri {
  if (uri.startsWith("mlflow:")) {
    const rest = uri.slice("mlflow:".length);
    const at = rest.indexOf("?filter=");
    const experiment = (at < 0 ? rest : rest.slice(0, at)).trim();
    const filter = at < 0 ? undefined : decodeFilter(rest.slice(at + "?filter=".length));
    if (experiment === "") throw badSource(uri, "name the MLflow experiment the traces are logged to, e.g. mlflow:/Shared/support-bot or mlflow:1234567890");
    return { kind: "mlflow", uri, experiment, ...(filter ? { filter } : {}) };
  }
  if (uri.startsWith("jsonl:")) {
    const file = uri.slice("jsonl:".length).trim();
    if (file === "") throw badSource(uri, "name the file, e.g. jsonl:exports/inference.jsonl");
    return { kind: "jsonl", uri, file };
  }
  throw badSource(uri, "use mlflow:<experiment>[?filter=…] or jsonl:<file>");
}

function decodeFilter(text: string): string {
  try {
    return decodeURIComponent(text).trim();
  } catch {
    return text.trim();
  }
}

function badSource(uri: string, hint: string): EvalgateError {
  return new EvalgateError("CONFIG_INVALID", `Cannot read production records from "${uri}": ${hint}.`);
}
