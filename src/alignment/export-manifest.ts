import { readFile } from "node:fs/promises";
import { basename, dirname, extname, join } from "node:path";
import { z } from "zod";
import { LabelError } from "./errors.js";

/**
 * The side file an export writes next to the sheet (`<name>.evalgate.json`):
 * which run and judge the rows came from, and the full text of every context
 * cut short in its cell. Import reads it, so a filled sheet needs no flags.
 */
export const ExportManifestSchema = z.object({
  run_id: z.string(),
  run_dir: z.string(),
  judge: z.string(),
  suite_file: z.string(),
  exported_at: z.iso.datetime(),
  /** Full context text by "case_id#trial", for cells that were truncated. */
  full_context: z.record(z.string(), z.string()),
});
export type ExportManifest = z.infer<typeof ExportManifestSchema>;

/** labels.csv and labels.xlsx share labels.evalgate.json, so a sheet re-saved in another format still finds it. */
export function exportManifestPath(sheetFile: string): string {
  return join(dirname(sheetFile), `${basename(sheetFile, extname(sheetFile))}.evalgate.json`);
}

export async function readExportManifest(sheetFile: string): Promise<ExportManifest | undefined> {
  const file = exportManifestPath(sheetFile);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    return undefined;
  }
  const parsed = ExportManifestSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new LabelError([{ file, message: `Not an evalgate export manifest: ${parsed.error.issues[0]?.message}` }]);
  return parsed.data;
}
