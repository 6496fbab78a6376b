import { readFileSync } from "node:fs";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";

type Run = ["=" | "-" | "+", string];
// The file the page ships, run as the page runs it (a plain script, no module system).
const { wordDiff } = runInNewContext(`${readFileSync(new URL("./word-diff.js", import.meta.url), "utf8")}\n({ wordDiff })`) as {
  wordDiff: (before: string, after: string, maxEdits?: number) => Run[] | null;
};

const apply = (runs: Run[], side: "before" | "after") => runs.filter(([op]) => op === "=" || op === (side === "before" ? "-" : "+")).map(([, t]) => t).join("");

describe("wordDiff", () => {
  it("marks the words one trial changed, keeping the rest shared", () => {
    expect(wordDiff("Refunds take 5 to 10 days.", "Refunds take 30 days.")).toEqual([
      ["=", "Refunds take "],
      ["-", "5 to 10"],
      ["+", "30"],
      ["=", " days."],
    ]);
  });

  it("never splits a word, and rebuilds both texts exactly", () => {
    const before = "The most recent edit wins; the other copy is dropped.";
    const after = "Both edits are kept; the other becomes a conflicted copy.";
    const runs = wordDiff(before, after)!;
    expect(apply(runs, "before")).toBe(before);
    expect(apply(runs, "after")).toBe(after);
    expect(runs).toEqual([
      ["-", "The most recent edit wins"],
      ["+", "Both edits are kept"],
      ["=", "; the other "],
      ["-", "copy is dropped"],
      ["+", "becomes a conflicted copy"],
      ["=", "."],
    ]);
  });

  it("rebuilds both texts from the runs for any pair of texts", () => {
    // A fixed linear congruential sequence: the same 300 pairs every time.
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const vocab = ["refund", "14", "days", ",", " ", "  ", "\n", "plan", "é", "🙂", "kb-1", "."];
    const text = () => Array.from({ length: Math.floor(next() * 30) }, () => vocab[Math.floor(next() * vocab.length)]).join("");
    for (let i = 0; i < 300; i++) {
      const [before, after] = [text(), text()];
      const runs = wordDiff(before, after)!;
      expect(apply(runs, "before")).toBe(before);
      expect(apply(runs, "after")).toBe(after);
      expect(runs.every(([, t]) => t.length > 0)).toBe(true);
    }
  });

  it("handles identical, empty and one-sided texts", () => {
    expect(wordDiff("same text", "same text")).toEqual([["=", "same text"]]);
    expect(wordDiff("", "")).toEqual([]);
    expect(wordDiff("", "new words")).toEqual([["+", "new words"]]);
    expect(wordDiff("old words", "")).toEqual([["-", "old words"]]);
  });

  it("gives up (null) past the edit limit rather than spend seconds on unrelated texts", () => {
    const words = (prefix: string) => Array.from({ length: 50 }, (_, i) => `${prefix}${i}`).join(" ");
    expect(wordDiff(words("a"), words("b"), 20)).toBeNull();
    expect(wordDiff(words("a"), words("b"))).not.toBeNull();
  });
});
