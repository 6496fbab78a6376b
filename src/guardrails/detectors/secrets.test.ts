import { describe, expect, it } from "vitest";
import { createSeededRandom } from "../../stats/index.js";
import { findSecrets } from "./secrets.js";

/** The labelled substrings findSecrets returns for `text`. */
function found(text: string): [string, string][] {
  return findSecrets(text).map((s) => [s.label, text.slice(s.start, s.end)]);
}

// Token-shaped values are built at run time so no credential-like literal is committed.
// RANDOM is a fixed pseudo-random base62 string (evalgate's seeded generator), so tests are repeatable.
const RANDOM = (() => {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  const random = createSeededRandom(42);
  return Array.from({ length: 200 }, () => alphabet[random.int(0, alphabet.length - 1)]).join("");
})();
const r = (length: number, offset = 0) => RANDOM.slice(offset, offset + length);
const hex = "0123456789abcdef";
const pemBody = `MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7${r(24)}\n${r(64, 30)}\n${r(20, 100)}==`;

const POSITIVES: [string, string, string][] = [
  ["openai-key", `OPENAI_API_KEY is sk-proj-${r(40)} ok`, `sk-proj-${r(40)}`],
  ["openai-key", `use sk-${r(48)}`, `sk-${r(48)}`],
  ["anthropic-key", `key sk-ant-api03-${r(60)}`, `sk-ant-api03-${r(60)}`],
  ["databricks-token", `token dapi${hex}${hex} for the workspace`, `dapi${hex}${hex}`],
  ["aws-access-key", `id AKIA${"ABCD2345".repeat(2)} here`, `AKIA${"ABCD2345".repeat(2)}`],
  ["aws-secret-key", `aws_secret_access_key = ${r(40, 3)}`, r(40, 3)],
  ["aws-secret-key", `AKIA${"ABCD2345".repeat(2)} / ${r(18, 50)}/${r(21, 80)}`, `${r(18, 50)}/${r(21, 80)}`],
  ["github-token", `git clone with ghp_${r(36)}`, `ghp_${r(36)}`],
  ["github-token", `github_pat_${r(22)}_${r(59, 30)}`, `github_pat_${r(22)}_${r(59, 30)}`],
  ["slack-token", `xoxb-${"1234".repeat(3)}-${"5678".repeat(3)}-${r(24)}`, `xoxb-${"1234".repeat(3)}-${"5678".repeat(3)}-${r(24)}`],
  ["jwt", `Authorization: eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.${r(43)}`, `eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.${r(43)}`],
  ["bearer", `-H "Authorization: Bearer ${hex}${hex}"`, `Bearer ${hex}${hex}`],
  ["google-api-key", `maps key AIza${r(35)}`, `AIza${r(35)}`],
  ["stripe-key", `STRIPE=sk_live_${r(24)}`, `sk_live_${r(24)}`],
  ["private-key", `here:\n-----BEGIN RSA PRIVATE KEY-----\n${pemBody}\n-----END RSA PRIVATE KEY-----\nthanks`, `-----BEGIN RSA PRIVATE KEY-----\n${pemBody}\n-----END RSA PRIVATE KEY-----`],
  ["private-key", `-----BEGIN OPENSSH PRIVATE KEY-----\n${pemBody}\n\nCan you fix my ssh?`, `-----BEGIN OPENSSH PRIVATE KEY-----\n${pemBody}`],
  ["password", `db:\n  password: "${r(12, 7)}"`, r(12, 7)],
  ["password", `PASSWORD=Tr0ub4dor&3 npm start`, "Tr0ub4dor&3"],
  ["secret-assignment", `{"client_secret": "${hex.slice(0, 14)}"}`, hex.slice(0, 14)],
  ["secret-assignment", `api_key=${hex}${hex}`, `${hex}${hex}`],
  ["high-entropy", `the webhook signing key is ${r(32, 11)}.`, r(32, 11)],
  ["secret-assignment", `curl "https://api.example.com/v1/items?access_token=${r(32, 60)}"`, r(32, 60)],
  ["high-entropy", `GET https://storage.example.com/f.bin?exp=1700000000&sig=${r(40, 90)}`, r(40, 90)],
];

const HARD_NEGATIVES: [string, string][] = [
  ["a UUID", "request 550e8400-e29b-41d4-a716-446655440000 failed"],
  ["a git SHA in a commit message", "Reverts commit 9fceb02d0ae598e95dc970b74767f19372d61af8 (broke the build)"],
  ["a SHA-256 hash", "sha256 of the file: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"],
  ["a docker digest", "image@sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"],
  ["an SRI hash", 'integrity="sha384-oqVuAfXRKap7fdgcCY5uykM6+R9GqQ8K/uxy9rx7HNQlGYl1kPzQho1wx4JwY8wC"'],
  ["base64 of an ordinary sentence", "decode this: VGhlIHF1aWNrIGJyb3duIGZveCBqdW1wcyBvdmVyIHRoZSBsYXp5IGRvZw=="],
  ["a long English word", "antidisestablishmentarianism and pneumonoultramicroscopicsilicovolcanoconiosis"],
  ["a camelCase identifier", "call getUserAccountSettingsFromDatabase2 then renderDashboardWidgetsV2"],
  ["a snake_case identifier", "the column customer_lifetime_value_2024_q3_adjusted is empty"],
  ["a file path", "/usr/local/lib/python3.11/site-packages/numpy/core/_multiarray_umath.cpython-311-x86_64-linux-gnu.so"],
  ["a Windows path", "C:/Users/jane/AppData/Local/Programs/Python/Python311/python.exe"],
  ["a URL", "https://github.com/openai/openai-node/blob/main/src/resources/chat/completions.ts#L120"],
  ["a document id in a URL", "https://docs.google.com/document/d/1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms/edit"],
  ["a data URI", "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"],
  ["words with vendor-like prefixes", "task-list sk-learn-pipeline risk-assessment dapi Bearer token xoxo eyJ AKIA"],
  ["a password question", "How do I reset my password? The token expired yesterday."],
  ["a password rule", "Password: must be at least 8 characters"],
  ["placeholders", 'api_key = "<your-api-key>"\nOPENAI_API_KEY=${OPENAI_API_KEY}\ntoken: process.env.TOKEN\npassword: "********"'],
  ["a secret read from the environment", 'const secret = os.environ["CLIENT_SECRET"]'],
  ["a version and a build id", "v2.14.0-rc.1+build.20240115"],
  ["model names", "claude-sonnet-4-5-20250929 or databricks-meta-llama-3-3-70b-instruct"],
  ["a run name with a short commit hash", "run support-bot-af9c36f-20261123-201820 finished"],
  ["a platform triple", "cpython-311-x86_64-linux-gnu"],
  ["a BEGIN line of a public key", "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\n-----END PUBLIC KEY-----"],
];

describe("findSecrets", () => {
  it.each(POSITIVES)("finds a %s in %j", (label, text, expected) => {
    expect(found(text)).toContainEqual([label, expected]);
  });

  it.each(HARD_NEGATIVES)("finds nothing in %s", (_, text) => {
    expect(found(text)).toEqual([]);
  });

  it("labels an Anthropic key once, not also as an OpenAI key", () => {
    expect(found(`a sk-ant-api03-${r(60)} b`).map(([label]) => label)).toEqual(["anthropic-key"]);
  });

  it("reports spans in text order as offsets into the text", () => {
    const text = `x ghp_${r(36)} y AKIA${"ABCD2345".repeat(2)}`;
    expect(findSecrets(text)).toEqual([
      { start: 2, end: 42, label: "github-token" },
      { start: 45, end: 65, label: "aws-access-key" },
    ]);
  });

  it("stays linear on long runs of token characters and key names", () => {
    const longName = `api_key_${"1".repeat(38)}x=1 `;
    const text = `${"a".repeat(50_000)} ${"token: ".repeat(5_000)} ${"-----BEGIN ".repeat(2_000)} ${"aws ".repeat(2_000)} ${longName.repeat(200)}`;
    expect(findSecrets(text)).toEqual([]);
  });
});
