import { describe, expect, it } from "vitest";
import type { AlignHistoryEntry } from "./align-schema.js";
import { pickJudgeAlignment } from "./run-alignment.js";

const entry = (version: string, split: AlignHistoryEntry["split"], at: string, tp = 20): AlignHistoryEntry => ({
  at,
  judge: "grounded",
  version,
  label_set: "labels",
  label_set_version: "aaaaaaaaaaaa",
  split,
  n: tp + 12,
  human_pass: tp,
  human_fail: 12,
  confusion: { tp, fn: 0, tn: 10, fp: 2 },
  tpr: { value: 1, low: 0.8, high: 1, n: tp, insufficient: false },
  tnr: { value: 10 / 12, low: 0.5, high: 0.95, n: 12, insufficient: false },
  accuracy: 0.9,
  kappa: 0.8,
  verdicts: {},
});

describe("pickJudgeAlignment", () => {
  it("takes the latest test result of the run's judge version, over any dev result", () => {
    const history = [entry("v1", "test", "2025-01-01T00:00:00.000Z", 11), entry("v2", "dev", "2025-01-02T00:00:00.000Z", 12), entry("v2", "test", "2025-01-03T00:00:00.000Z", 13), entry("v2", "dev", "2025-01-04T00:00:00.000Z", 14)];
    expect(pickJudgeAlignment(history, { id: "grounded", version: "v2" })).toMatchObject({ status: "measured", split: "test", judge_version: "v2", confusion: { tp: 13 } });
  });

  it("falls back to the latest dev result when the version was never scored on test, and says so", () => {
    const history = [entry("v2", "dev", "2025-01-02T00:00:00.000Z", 12), entry("v2", "all", "2025-01-03T00:00:00.000Z", 15), entry("v2", "dev", "2025-01-04T00:00:00.000Z", 14)];
    expect(pickJudgeAlignment(history, { id: "grounded", version: "v2" })).toMatchObject({ status: "measured", split: "dev", confusion: { tp: 14 }, aligned_at: "2025-01-04T00:00:00.000Z" });
  });

  it("never corrects a version with another version's figures", () => {
    expect(pickJudgeAlignment([entry("v1", "test", "2025-01-01T00:00:00.000Z")], { id: "grounded", version: "v2" })).toEqual({
      status: "unmeasured",
      reason: "judge version v2 has no align result on dev or test labels (aligned: only versions v1); run evalgate align <judge-file> --labels <label-set> with the judge as this run used it.",
    });
  });

  it("does not use --split all, which includes the train items few-shot examples come from", () => {
    expect(pickJudgeAlignment([entry("v2", "all", "2025-01-01T00:00:00.000Z")], { id: "grounded", version: "v2" })).toMatchObject({ status: "unmeasured", reason: expect.stringContaining("only on --split all") });
  });

  it("has nothing to say about a judge that was never aligned", () => {
    expect(pickJudgeAlignment([entry("v1", "test", "2025-01-01T00:00:00.000Z")], { id: "polite", version: "v1" })).toBeUndefined();
  });
});
