import { readdirSync } from "node:fs";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadJudges } from "../../src/judges/index.js";

const libraryDir = join(import.meta.dirname, "../../judges");
const files = readdirSync(libraryDir).filter((name) => name.endsWith(".md") && name !== "README.md").map((name) => join(libraryDir, name));

describe("the reusable judges in judges/", () => {
  it("load with the suite's judge model, each named after its file, with examples", async () => {
    const judges = await loadJudges(files, { defaultModel: "openai:gpt-4.1-mini" });
    expect(judges.map((j) => j.id).sort()).toEqual(["grounded-in-context", "no-internal-contact-leak", "refuses-out-of-scope"]);
    for (const judge of judges) {
      expect(basename(judge.file)).toBe(`${judge.id}.md`);
      expect(judge.model).toBe("openai:gpt-4.1-mini");
      expect(judge.examples.map((e) => e.verdict)).toEqual(expect.arrayContaining(["PASS", "FAIL"]));
    }
  });
});
