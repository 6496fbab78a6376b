import { describe, expect, it } from "vitest";
import { parseSourceUri } from "./source-uri.js";

describe("parseSourceUri", () => {
  it("reads an MLflow experiment with an optional filter, taken as is or URL-decoded", () => {
    expect(parseSourceUri("mlflow:/Shared/support-bot")).toEqual({ kind: "mlflow", uri: "mlflow:/Shared/support-bot", experiment: "/Shared/support-bot" });
    expect(parseSourceUri("mlflow:123?filter=tags.env = 'prod'")).toMatchObject({ experiment: "123", filter: "tags.env = 'prod'" });
    expect(parseSourceUri("mlflow:prod?filter=trace.status%20%3D%20'OK'")).toMatchObject({ filter: "trace.status = 'OK'" });
  });

  it("reads a JSONL file", () => {
    expect(parseSourceUri("jsonl:exports/x.jsonl")).toEqual({ kind: "jsonl", uri: "jsonl:exports/x.jsonl", file: "exports/x.jsonl" });
  });

  it("explains what a source looks like", () => {
    expect(() => parseSourceUri("exports/x.jsonl")).toThrowErrorMatchingInlineSnapshot(
      `[EvalgateError: Cannot read production records from "exports/x.jsonl": use mlflow:<experiment>[?filter=…] or jsonl:<file>.]`,
    );
    expect(() => parseSourceUri("mlflow:?filter=x")).toThrowErrorMatchingInlineSnapshot(
      `[EvalgateError: Cannot read production records from "mlflow:?filter=x": name the MLflow experiment the traces are logged to, e.g. mlflow:/Shared/support-bot or mlflow:1234567890.]`,
    );
  });
});
