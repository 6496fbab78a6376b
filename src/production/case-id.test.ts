import { describe, expect, it } from "vitest";
import { caseIdForTrace } from "./case-id.js";

describe("caseIdForTrace", () => {
  it("keeps plain trace ids and hashes the rest, stably", () => {
    expect(caseIdForTrace("tr-0123456789abcdef0123456789abcdef")).toBe("tr-0123456789abcdef0123456789abcdef");
    expect(caseIdForTrace("b3c7f1e2-2f1a-4c55-9d7e-123456789abc")).toBe("b3c7f1e2-2f1a-4c55-9d7e-123456789abc");
    const hashed = caseIdForTrace("a request id with spaces/and slashes");
    expect(hashed).toMatch(/^trace-[0-9a-f]{12}$/);
    expect(caseIdForTrace("a request id with spaces/and slashes")).toBe(hashed);
    expect(caseIdForTrace("x".repeat(200))).toMatch(/^trace-/);
  });
});
