import { describe, expect, it } from "vitest";
import { retryPushCommand } from "./retry-command.js";

describe("retryPushCommand", () => {
  it("names no reports dir when the run is under the default reports/", () => {
    expect(retryPushCommand({ runId: "r1", runDir: "/w/reports/r1", cwd: "/w" })).toBe("evalgate mlflow push r1");
  });

  it("names a reports dir below cwd relative to it, and one elsewhere absolutely", () => {
    expect(retryPushCommand({ runId: "r1", runDir: "/w/out/evals/r1", cwd: "/w" })).toBe("evalgate mlflow push r1 --reports-dir out/evals");
    expect(retryPushCommand({ runId: "r1", runDir: "/tmp/x/r1", cwd: "/w" })).toBe("evalgate mlflow push r1 --reports-dir /tmp/x");
  });

  it("quotes paths with spaces and quotes, and repeats the URI and experiment the push was given", () => {
    expect(retryPushCommand({ runId: "r1", runDir: "/tmp/my runs/it's/r1", cwd: "/w", trackingUri: "http://127.0.0.1:5000", experiment: "/Shared/support evals" })).toBe(
      `evalgate mlflow push r1 --reports-dir '/tmp/my runs/it'\\''s' --tracking-uri http://127.0.0.1:5000 --experiment '/Shared/support evals'`,
    );
  });
});
