import { describe, expect, it } from "vitest";
import { splitFrontMatter } from "./front-matter.js";

describe("splitFrontMatter", () => {
  it("separates the YAML from the body and reports where each starts", () => {
    const parts = splitFrontMatter("---\nid: a\nmodel: m\n---\nBody line 1\n{{output}}\n");
    expect(parts).toEqual({ yaml: "id: a\nmodel: m", body: "Body line 1\n{{output}}\n", yamlLine: 2, bodyLine: 5, hasFrontMatter: true });
  });

  it("accepts CRLF line endings and a byte-order mark", () => {
    const parts = splitFrontMatter("\uFEFF---\r\nid: a\r\n---\r\nBody\r\n");
    expect(parts).toMatchObject({ yaml: "id: a", body: "Body\n", bodyLine: 4, hasFrontMatter: true });
  });

  it("reports a file without an opening or closing fence as having no front matter", () => {
    expect(splitFrontMatter("Just a body").hasFrontMatter).toBe(false);
    expect(splitFrontMatter("---\nid: a\nno closing fence").hasFrontMatter).toBe(false);
  });
});
