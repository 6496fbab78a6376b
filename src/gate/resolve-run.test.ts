import { describe, expect, it } from "vitest";
import { parseLatest } from "./resolve-run.js";

describe("parseLatest", () => {
  it("turns tag parameters into an MLflow filter", () => {
    expect(parseLatest("latest?experiment=support-bot&tag.mlflow.source.git.branch=main&tag.evalgate.serving.entity_version=7")).toEqual({
      experiment: "support-bot",
      filter: "tags.`mlflow.source.git.branch` = 'main' and tags.`evalgate.serving.entity_version` = '7'",
    });
  });

  it("falls back to the suite's experiment, and refuses quotes MLflow filters cannot hold", () => {
    expect(parseLatest("latest?tag.team=search", "support-bot")).toEqual({ experiment: "support-bot", filter: "tags.`team` = 'search'" });
    expect(() => parseLatest("latest?tag.note=it's", "support-bot")).toThrow("quotes and backticks cannot appear");
  });

  it("rejects a missing experiment and unknown parameters", () => {
    expect(() => parseLatest("latest?tag.a=b")).toThrow("names no experiment; add ?experiment=<name>");
    expect(() => parseLatest("latest?experiment=x&branch=main")).toThrow('unknown parameter "branch"; use experiment=<name> and tag.<key>=<value>');
  });
});
