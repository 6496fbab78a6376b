import { TOKEN_SHAPES } from "../../secrets/index.js";
import type { GuardSpan } from "../types.js";
import { findAssignments } from "./internal/assignment.js";
import { findHighEntropy } from "./internal/high-entropy.js";
import { findPrivateKeys } from "./internal/private-key.js";
import { EXTRA_SHAPES } from "./internal/secret-shapes.js";
import type { Range } from "./internal/span.js";
import { findUrls } from "./internal/url-scan.js";

/** An AWS secret access key: 40 base64 characters, recognisable only next to its name or its access key id. */
const AWS_SECRET = /(?<![A-Za-z0-9+/=])[A-Za-z0-9+/]{40}(?![A-Za-z0-9+/=])/g;
const AWS_SECRET_CONTEXT = /aws|secret[_ ]?access[_ ]?key|\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/i;
/** URL query parameters that carry credentials: a random value there is a secret, elsewhere in a URL it is an id. */
const SECRET_PARAMETER = /[?&](?:[a-z_]*token|[a-z_]*key|secret|sig|signature|password|auth|code)=$/i;

/**
 * Credentials in `text`, labelled with their kind: vendor tokens by prefix
 * ("openai-key", "anthropic-key", "databricks-token", "github-token",
 * "slack-token", "aws-access-key", "jwt", "bearer", and the extra shapes),
 * "private-key" blocks, "aws-secret-key" near its id or name, values assigned
 * to credential-named keys ("password", "secret-assignment"), and
 * "high-entropy" tokens. Earlier kinds win where two overlap.
 */
export function findSecrets(text: string): GuardSpan[] {
  const spans: GuardSpan[] = [];
  const taken = new Uint8Array(text.length);
  const overlaps = (r: Range) => taken.subarray(r.start, r.end).includes(1);
  const claim = (r: Range, label: string) => {
    if (r.end <= r.start || overlaps(r)) return;
    taken.fill(1, r.start, r.end);
    spans.push({ start: r.start, end: r.end, label });
  };

  for (const range of findPrivateKeys(text)) claim(range, "private-key");
  for (const { kind, pattern } of [...TOKEN_SHAPES, ...EXTRA_SHAPES]) {
    for (const m of text.matchAll(pattern)) claim({ start: m.index, end: m.index + m[0].length }, kind);
  }
  for (const m of text.matchAll(AWS_SECRET)) {
    const around = text.slice(Math.max(0, m.index - 200), m.index + 240);
    if (AWS_SECRET_CONTEXT.test(around) && /[a-z]/.test(m[0]) && /[A-Z]/.test(m[0]) && /\d/.test(m[0])) claim({ start: m.index, end: m.index + 40 }, "aws-secret-key");
  }
  for (const a of findAssignments(text)) claim(a, a.kind);

  const urls = findUrls(text);
  const inUrlNotAsSecret = (r: Range) => urls.some((u) => r.start >= u.start && r.end <= u.end && !SECRET_PARAMETER.test(text.slice(u.start, r.start)));
  for (const range of findHighEntropy(text, (r) => overlaps(r) || inUrlNotAsSecret(r))) claim(range, "high-entropy");

  return spans.sort((a, b) => a.start - b.start);
}
