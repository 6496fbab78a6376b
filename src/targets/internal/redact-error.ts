/**
 * Removes secret values from a thrown error's message before it reaches the
 * results log, keeping its class, code and status so the runner still records
 * what failed. Used where secrets come from user config (http headers), which
 * the transport cannot know are secret.
 */
export function redactErrorMessage(error: unknown, secrets: readonly string[]): unknown {
  if (!(error instanceof Error)) return error;
  const meaningful = secrets.filter((secret) => secret.length >= 4).sort((a, b) => b.length - a.length);
  let message = error.message;
  for (const secret of meaningful) message = message.split(secret).join("[redacted]");
  if (message !== error.message) error.message = message;
  return error;
}
