/**
 * Credential shapes beyond the vendor tokens evalgate already redacts from its
 * own logs (`TOKEN_SHAPES` in secrets/): keys of other common services, found
 * by their documented prefixes. Each pattern is a prefix followed by one
 * bounded character class, so matching is linear in the text.
 */
export const EXTRA_SHAPES: readonly { kind: string; pattern: RegExp }[] = [
  { kind: "google-api-key", pattern: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g },
  { kind: "stripe-key", pattern: /\b(?:sk|rk|pk)_(?:live|test)_[0-9A-Za-z]{16,}/g },
  { kind: "huggingface-token", pattern: /\bhf_[A-Za-z0-9]{30,}/g },
  { kind: "gitlab-token", pattern: /\bglpat-[0-9A-Za-z_-]{20,}/g },
  { kind: "npm-token", pattern: /\bnpm_[A-Za-z0-9]{36,}/g },
  { kind: "slack-webhook", pattern: /\bhttps:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]{6,}\/B[A-Z0-9]{6,}\/[A-Za-z0-9]{16,}/g },
  { kind: "sendgrid-key", pattern: /\bSG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}/g },
];
