import { describe, expect, it } from "vitest";
import { describeEndpoint, redactSecrets, secretHeaderValues } from "./redact.js";

describe("redaction", () => {
  it("finds credential values in auth headers, with and without their scheme", () => {
    const headers = new Headers({ Authorization: "Bearer tok-123456", "X-Api-Key": "key-abcdef", "content-type": "application/json" });
    expect(secretHeaderValues(headers).sort()).toEqual(["Bearer tok-123456", "key-abcdef", "tok-123456"]);
  });

  it("replaces known secrets, vendor-shaped tokens and URL userinfo", () => {
    const text = "key key-abcdef, sk-proj-ABCDEFGHIJ, dapi0123456789abcdef01, Bearer eyJhbGciOi.x.y at https://u:p@host/x";
    expect(redactSecrets(text, ["key-abcdef"])).toBe("key [redacted], [redacted], [redacted], [redacted] at https://[redacted]@host/x");
  });

  it("describes an endpoint without userinfo or query string", () => {
    expect(describeEndpoint("https://u:p@api.example.test/v1/chat?api-key=secret")).toBe("https://api.example.test/v1/chat");
  });
});
