/** Headers whose values are credentials, in any casing. */
const SECRET_HEADERS = new Set(["authorization", "x-api-key", "api-key", "proxy-authorization", "cookie"]);

// Token shapes of the vendors evalgate talks to, caught even when the exact value is unknown.
const TOKEN_PATTERNS = [/\bsk-[A-Za-z0-9_-]{8,}/g, /\bdapi[a-f0-9]{16,}/g, /\bBearer\s+[A-Za-z0-9._~+/=-]{8,}/gi];

const URL_USERINFO = /\/\/[^/\s@]+@/g;

/** Credential values present in a request's headers (the raw token and any "Bearer x" / "Basic x" payload). */
export function secretHeaderValues(headers: Headers): string[] {
  const secrets: string[] = [];
  headers.forEach((value, name) => {
    if (!SECRET_HEADERS.has(name.toLowerCase())) return;
    secrets.push(value);
    const payload = value.replace(/^(Bearer|Basic)\s+/i, "");
    if (payload !== value) secrets.push(payload);
  });
  return secrets.filter((secret) => secret.length >= 4);
}

/** Text with the given secrets and anything shaped like a vendor token replaced by "[redacted]". */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) out = out.split(secret).join("[redacted]");
  for (const pattern of TOKEN_PATTERNS) out = out.replace(pattern, "[redacted]");
  return out.replace(URL_USERINFO, "//[redacted]@");
}

/** A URL fit for messages and logs: no userinfo, no query string (keys sometimes ride there). */
export function describeEndpoint(url: string | URL): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return "(invalid URL)";
  }
}
