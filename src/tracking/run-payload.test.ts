import { describe, expect, it } from "vitest";
import type { RunManifest } from "../log/index.js";
import { ciBuildUrl, runName } from "./run-payload.js";

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

describe("runName", () => {
  const manifest = { suite: "support-bot", started_at: "2025-01-02T03:04:05.678Z" } as RunManifest;

  it("is <suite>-<short sha>-<UTC timestamp>", () => {
    expect(runName({ ...manifest, git: { commit: "1a2b3c4d5e6f" } })).toBe("support-bot-1a2b3c4-20250102-030405");
  });

  it("says nogit when the run was not made from a git checkout", () => {
    expect(runName(manifest)).toBe("support-bot-nogit-20250102-030405");
  });
});
