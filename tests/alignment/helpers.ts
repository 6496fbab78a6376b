import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runPaths, writeManifest, type TrialRecord } from "../../src/log/index.js";
import { manifestOf, trialOf } from "../fixtures/runs/fixture-runs.js";

export const RUN_ID = "20250601-100000-demo-abcd";

/** A temp project: a suite file (its labels/ folder receives label sets) and a reports dir with one run. */
export async function labelProject(cases: number, repeats = 1): Promise<{ dir: string; suiteFile: string; reportsDir: string; trials: TrialRecord[] }> {
  const dir = await mkdtemp(join(tmpdir(), "evalgate-labels-"));
  const suiteFile = join(dir, "evalgate.yaml");
  await writeFile(suiteFile, "name: demo\n");
  const reportsDir = join(dir, "reports");
  const paths = runPaths(reportsDir, RUN_ID);
  const caseIds = Array.from({ length: cases }, (_, i) => `case-${String(i).padStart(2, "0")}`);
  const trials = caseIds.flatMap((caseId, i) =>
    Array.from({ length: repeats }, (_, trial) =>
      trialOf({
        run_id: RUN_ID,
        case_id: caseId,
        trial,
        input: `Question ${i}?`,
        output: `Answer ${i}.${trial}`,
        tags: [i % 3 === 0 ? "billing" : "account"],
        trace: { context: [{ id: `kb-${i}`, title: `Article ${i}`, text: `Fact ${i}.` }] },
        checks: [{ id: "cites", type: "citations", outcome: i % 4 === 0 ? "fail" : "pass", reason: "" }],
        judges: [{ id: "grounded", version: "v1", failure_mode: "unsupported claim", model: "scripted:x", outcome: i % 5 === 0 ? "fail" : "pass", critique: `SECRET-CRITIQUE-${i}` }],
      }),
    ),
  );
  await mkdir(paths.dir, { recursive: true });
  await writeManifest(paths, manifestOf({ run_id: RUN_ID, suite_file: suiteFile, case_ids: caseIds, repeats, judges: [{ id: "grounded", version: "v1", model: "scripted:x", failure_mode: "unsupported claim" }] }));
  await writeFile(paths.results, trials.map((t) => `${JSON.stringify(t)}\n`).join(""));
  return { dir, suiteFile, reportsDir, trials };
}
