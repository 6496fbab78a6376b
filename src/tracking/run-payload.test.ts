import { describe, expect, it } from "vitest";
import type { RunManifest } from "../log/index.js";
import type { Summary } from "../report/index.js";
import { alignedFixtureSummary } from "../../tests/fixtures/runs/alignment-fixtures.js";
import { readFixtureRun } from "../../tests/fixtures/runs/fixture-runs.js";
import { alignmentMetrics, buildRunPayload, ciBuildUrl, runName, runUser, targetModelsOf } from "./run-payload.js";

describe("ciBuildUrl", () => {
  it("builds the GitHub Actions run URL from its three variables", () => {
    expect(ciBuildUrl({ GITHUB_SERVER_URL: "https://github.com", GITHUB_REPOSITORY: "acme/bot", GITHUB_RUN_ID: "42", BUILD_URL: "https://jenkins/1" })).toBe(
      "https://github.com/acme/bot/actions/runs/42",
    );
  });

  it("falls back to Jenkins BUILD_URL, then GitLab CI_JOB_URL, else nothing", () => {
    expect(ciBuildUrl({ BUILD_URL: "https://jenkins/job/7/", CI_JOB_URL: "https://gitlab/j/1" })).toBe("https://jenkins/job/7/");
    expect(ciBuildUrl({ CI_JOB_URL: "https://gitlab/j/1" })).toBe("https://gitlab/j/1");
    expect(ciBuildUrl({ GITHUB_RUN_ID: "42" })).toBeUndefined();
  });
});

describe("runUser", () => {
  // The order of mlflow/tracking/context/default_context.py: tracking credentials, then getpass.getuser(), then "unknown".
  it("prefers MLFLOW_TRACKING_USERNAME, then the login name, then unknown", () => {
    expect(runUser({ MLFLOW_TRACKING_USERNAME: "ana@acme.dev" }, () => "ana")).toBe("ana@acme.dev");
    expect(runUser({ MLFLOW_TRACKING_USERNAME: " " }, () => "ana")).toBe("ana");
    expect(
      runUser({}, () => {
        throw new Error("no passwd entry for uid 1001");
      }),
    ).toBe("unknown");
  });
});

describe("runName", () => {
  const manifest = { suite: "support-bot", started_at: "2025-01-02T03:04:05.678Z" } as RunManifest;

  it("is <suite>-<short sha>-<UTC timestamp>", () => {
    expect(runName({ ...manifest, git: { commit: "1a2b3c4d5e6f" } })).toBe("support-bot-1a2b3c4-20250102-030405");
  });

  it("says nogit when the run was not made from a git checkout", () => {
    expect(runName(manifest)).toBe("support-bot-nogit-20250102-030405");
  });
});

describe("buildRunPayload serving tags", () => {
  const manifest = (servedEntities: unknown[]) =>
    ({
      run_id: "20250102-030405-abcd",
      suite: "support-bot",
      status: "completed",
      started_at: "2025-01-02T03:04:05.678Z",
      ended_at: "2025-01-02T03:05:05.678Z",
      repeats: 3,
      concurrency: 4,
      evalgate_version: "0.1.0",
      config_hash: "c0ffee",
      judges: [],
      datasets: [],
      target: {
        type: "databricks-serving",
        description: "databricks-serving support-agent (chat)",
        serving: { endpoint: "support-agent", config_version: 4, served_entities: servedEntities, traffic: [] },
      },
    }) as unknown as RunManifest;
  // Only what metrics read: a run with no scores, no errors and no usage.
  const rate = { rate: null, low: 0, high: 0, trials: 0, cases: 0, method: "wilson" as const, design_effect: null, within_case_share: null };
  const summary = {
    generated_at: "2025-01-02T03:05:05.678Z",
    scores: [],
    tags: [],
    overall: { pass_rate: rate },
    pass_k: { pass_at_k: null, pass_hat_k: null, cases_excluded: 2 },
    errors: { rate: 0 },
    latency_ms: { p50: null, p95: null },
    usage: { target: { input_tokens: 0, output_tokens: 0 }, judges: { input_tokens: 0, output_tokens: 0 }, total_cost_usd: null },
  } as unknown as Summary;
  const servingTags = (servedEntities: unknown[]) =>
    Object.fromEntries(
      buildRunPayload({ manifest: manifest(servedEntities), summary, targetModels: [], env: {}, user: "ci" })
        .tags.filter((t) => t.key.startsWith("evalgate.serving."))
        .map((t) => [t.key, t.value]),
    );

  it("tags the logged-model id and the run that logged it of each resolved entity, comma-separated", () => {
    const tags = servingTags([
      { name: "agent-3", entity_name: "main.support.agent", entity_version: "3", uc_model: { run_id: "run-3", source: "dbfs:/x" } },
      { name: "agent-4", entity_name: "main.support.agent", entity_version: "4", uc_model: { run_id: "run-4", model_id: "m-4", source: "models:/m-4" } },
    ]);
    expect(tags).toEqual({
      "evalgate.serving.endpoint": "support-agent",
      "evalgate.serving.config_version": "4",
      "evalgate.serving.entity_name": "main.support.agent,main.support.agent",
      "evalgate.serving.entity_version": "3,4",
      "evalgate.serving.model_id": "m-4",
      "evalgate.serving.model_run_id": "run-3,run-4",
    });
  });

  it("adds no model tags when no entity's model version was resolved", () => {
    const tags = servingTags([{ name: "agent-3", entity_name: "main.support.agent", entity_version: "3" }]);
    expect(Object.keys(tags)).not.toContain("evalgate.serving.model_id");
    expect(Object.keys(tags)).not.toContain("evalgate.serving.model_run_id");
    expect(tags["evalgate.serving.entity_version"]).toBe("3");
  });

  it("logs how many cases pass@k and pass^k left out, even when no case qualified for the figures", () => {
    const metrics = buildRunPayload({ manifest: manifest([]), summary, targetModels: [], env: {}, user: "ci" }).metrics;
    expect(metrics.filter((m) => m.key.startsWith("pass")).map((m) => [m.key, m.value])).toEqual([["pass_k_cases_excluded", 2]]);
  });

  it("records a shard as params and a tag, and a merged run's shards as a tag only", () => {
    const pick = (entries: { key: string; value: string }[]) => Object.fromEntries(entries.filter((e) => /shard|merged/.test(e.key)).map((e) => [e.key, e.value]));
    const shard = { index: 2, count: 4, cases_total: 10, positions: [1, 5] };
    const sharded = buildRunPayload({ manifest: { ...manifest([]), shard }, summary, targetModels: [], env: {}, user: "ci" });
    expect(pick(sharded.params)).toEqual({ shard_index: "2", shard_count: "4" });
    expect(pick(sharded.tags)).toEqual({ "evalgate.shard": "2/4" });

    const from = (id: string, index: number) => ({ run_id: id, shard: { index, count: 2 }, started_at: "2025-01-02T03:04:05.678Z" });
    const merged = buildRunPayload({ manifest: { ...manifest([]), merged_from: [from("a", 1), from("b", 2)] }, summary, targetModels: [], env: {}, user: "ci" });
    expect(pick(merged.params)).toEqual({});
    expect(pick(merged.tags)).toEqual({ "evalgate.merged_from": "a,b" });
  });
});

describe("alignment metrics", () => {
  it("logs each aligned judge's TPR, TNR, kappa and corrected pass rate with its interval; nothing for a refused correction", async () => {
    const summary = await alignedFixtureSummary();
    const metrics = alignmentMetrics(summary);
    const grounded = summary.scores.find((s) => s.id === "grounded" && s.kind === "judge");
    const corrected = grounded?.kind === "judge" && grounded.alignment?.corrected.status === "estimated" ? grounded.alignment.corrected : undefined;
    expect(metrics).toEqual({
      "grounded/tpr": 31 / 34,
      "grounded/tnr": 10 / 12,
      "grounded/kappa": 0.5,
      "grounded/corrected_mean": expect.closeTo(2193 / 2508, 12),
      "grounded/corrected_ci_low": corrected?.low,
      "grounded/corrected_ci_high": 1,
      "polite/tpr": 0.5,
      "polite/tnr": 0.5,
      "polite/kappa": 0.5,
    });
    const run = await readFixtureRun("support-bot");
    const logged = buildRunPayload({ manifest: run.manifest, summary, targetModels: targetModelsOf(run.trials), env: {}, user: "ci" }).metrics.map((m) => m.key);
    expect(logged).toEqual(expect.arrayContaining(["grounded/corrected_mean", "grounded/corrected_ci_low", "grounded/corrected_ci_high", "grounded/tpr", "polite/tnr"]));
    expect(logged).not.toContain("polite/corrected_mean");
  });
});
