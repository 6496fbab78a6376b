import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { manifestOf, readFixtureRun, trialOf } from "../../tests/fixtures/runs/fixture-runs.js";
import type { RunData } from "../log/index.js";
import { formatResultsCsv, RESULTS_CSV_COLUMNS } from "./results-csv.js";

type Row = Record<(typeof RESULTS_CSV_COLUMNS)[number], string>;
const parseCsv = (text: string): Row[] => parse(text, { columns: true }) as Row[];

// tests/fixtures/runs/support-bot: 4 cases × 3 trials; checks cites-source and
// answer-length, judges grounded and polite; cancel-order trial 2 timed out.
let run: RunData;
beforeAll(async () => {
  run = await readFixtureRun("support-bot");
});

describe("formatResultsCsv", () => {
  it("writes one row per trial × metric, parsed back by csv-parse", () => {
    const rows = parseCsv(formatResultsCsv(run.manifest, run.trials));
    const metrics = run.manifest.checks.length + run.manifest.judges.length;
    expect(rows).toHaveLength(run.trials.length * metrics);
    expect(Object.keys(rows[0]!)).toEqual([...RESULTS_CSV_COLUMNS]);
    expect(rows.slice(0, 4).map((r) => [r.case, r.trial, r.metric, r.kind, r.failure_mode, r.outcome])).toEqual([
      ["refund-policy", "0", "cites-source", "check", "cites-source", "pass"],
      ["refund-policy", "0", "answer-length", "check", "answer-length", "pass"],
      ["refund-policy", "0", "grounded", "judge", "hallucination", "pass"],
      ["refund-policy", "0", "polite", "judge", "rude-tone", "pass"],
    ]);
  });

  it("marks every metric of a trial the target failed as error, with the target's message", () => {
    const rows = parseCsv(formatResultsCsv(run.manifest, run.trials)).filter((r) => r.case === "cancel-order" && r.trial === "2");
    expect(rows.map((r) => r.outcome)).toEqual(["error", "error", "error", "error"]);
    expect(rows[0]!.critique).toMatch(/^target failed: /);
  });

  it("says why a judge left no verdict, and keeps tags, multi-line critiques and formula-like text intact but inert", () => {
    const manifest = manifestOf({
      case_ids: ["a", "b"],
      checks: [{ id: "gate", type: "regex" }],
      judges: [{ id: "grounded", version: "v1", model: "m", failure_mode: "hallucination" }],
    });
    const trials = [
      trialOf({
        case_id: "a",
        tags: ["billing", "refunds"],
        checks: [{ id: "gate", type: "regex", outcome: "pass", reason: "ok" }],
        judges: [{ id: "grounded", version: "v1", model: "m", failure_mode: "hallucination", outcome: "fail", critique: '=HYPERLINK("http://x")\nsecond line, "quoted"' }],
      }),
      trialOf({ case_id: "b", checks: [{ id: "gate", type: "regex", outcome: "fail", reason: "no match", gating: true }] }),
    ];
    const rows = parseCsv(formatResultsCsv(manifest, trials));
    expect(rows.map((r) => [r.case, r.tags, r.metric, r.outcome, r.critique])).toEqual([
      ["a", "billing; refunds", "gate", "pass", "ok"],
      ["a", "billing; refunds", "grounded", "fail", `'=HYPERLINK("http://x")\nsecond line, "quoted"`],
      ["b", "", "gate", "fail", "no match"],
      ["b", "", "grounded", "skipped", "not judged: gating check gate failed"],
    ]);
  });
});
