import { mapStrings } from "./map-strings.js";

/**
 * Redaction by value. Every secret evalgate puts into a request (a `${VAR}`
 * header value, a provider key, a Databricks token) is added here the moment
 * it is resolved, under the name it came from; everything a run writes passes
 * through `value()` / `text()` first. Matching values, not variable names,
 * means a secret behind an innocuous name (`SVC_BEARER`) is caught too.
 */

/**
 * Values shorter than this are never redacted: "1", "true" or a short id would
 * otherwise be cut out of ordinary outputs, and they are not secrets anyway.
 */
export const MIN_SECRET_LENGTH = 8;

/** What replaces a secret: names the variable (not secret), never the value. */
export function redactionMarker(name: string): string {
  return `[redacted:${name}]`;
}

/** The feeding side, handed to code that resolves credentials. */
export interface SecretSink {
  /** Registers `value` under `name`; blank or short values are ignored. */
  add(name: string, value: string | undefined): void;
}

export interface Redactor extends SecretSink {
  /** `text` with every known secret replaced by its marker. */
  text(text: string): string;
  /** A copy of a JSON-like value (strings, keys, arrays, plain objects) with every string redacted. */
  value<T>(value: T): T;
  /** The same error with its message (and stack) redacted in place, so class, code and status survive. */
  error<T>(error: T): T;
  /** Distinct secret values registered so far. */
  readonly size: number;
}

export function createRedactor(): Redactor {
  // Value → name; longest first at replacement time so a secret containing another is cut whole.
  const secrets = new Map<string, string>();
  const values = new Set<string>();
  let ordered: [string, string][] = [];

  const text = (input: string): string => {
    let out = input;
    for (const [secret, name] of ordered) if (out.includes(secret)) out = out.split(secret).join(redactionMarker(name));
    return out;
  };

  return {
    add(name, value) {
      if (value === undefined || value.length < MIN_SECRET_LENGTH) return;
      // The forms a value takes once echoed inside a URL or a JSON string.
      if (values.has(value)) return;
      values.add(value);
      for (const form of [value, encodeURIComponent(value), JSON.stringify(value).slice(1, -1)]) {
        if (!secrets.has(form)) secrets.set(form, name);
      }
      ordered = [...secrets].sort(([a], [b]) => b.length - a.length);
    },
    text: (input) => (ordered.length === 0 ? input : text(input)),
    value: <T>(value: T): T => (ordered.length === 0 ? value : mapStrings(value, text)),
    error<T>(error: T): T {
      if (ordered.length === 0 || !(error instanceof Error)) return error;
      const message = text(error.message);
      if (message !== error.message) error.message = message;
      if (error.stack !== undefined) error.stack = text(error.stack);
      return error;
    },
    get size() {
      return values.size;
    },
  };
}
