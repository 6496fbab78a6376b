import { describe, expect, it } from "vitest";
import { parseIni } from "./databrickscfg.js";

describe("parseIni", () => {
  it("reads sections, trims keys and values, lower-cases keys and skips comments", () => {
    const ini = ["# top comment", "[DEFAULT]", "host = https://a.example.test ", "Token=dapi1", "", "; other", "[dev]", "host=https://b.example.test", "orphan"].join("\n");
    expect(Object.fromEntries(parseIni(ini))).toEqual({
      DEFAULT: { host: "https://a.example.test", token: "dapi1" },
      dev: { host: "https://b.example.test" },
    });
  });
});
