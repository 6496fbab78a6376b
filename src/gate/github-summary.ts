import { appendFile } from "node:fs/promises";

/**
 * GitHub Actions renders whatever a step appends to the file named by
 * GITHUB_STEP_SUMMARY on the run's summary page; outside Actions the variable
 * is unset and this does nothing. Returns whether it wrote.
 */
export async function appendGithubStepSummary(markdown: string, env: Readonly<Record<string, string | undefined>> = process.env): Promise<boolean> {
  const file = env.GITHUB_STEP_SUMMARY;
  if (!file) return false;
  // Appended, not written: earlier tools in the same step may have added their own sections.
  const text = markdown.endsWith("\n") ? markdown : `${markdown}\n`;
  try {
    await appendFile(file, `\n${text}`);
  } catch (error) {
    throw new Error(
      `Could not append the gate summary to GITHUB_STEP_SUMMARY (${file}): ${error instanceof Error ? error.message : String(error)}. ` +
        "Point GITHUB_STEP_SUMMARY at a writable file, or unset it outside GitHub Actions.",
      { cause: error },
    );
  }
  return true;
}
