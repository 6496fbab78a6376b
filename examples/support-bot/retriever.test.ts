import { describe, expect, it } from "vitest";
import { createBm25Retriever, tokenize } from "./retriever.js";

// Three articles whose token counts (title + body, stop words dropped) are 4, 5 and 4, so avgdl = 13/3.
const articles = [
  { id: "kb-refunds", title: "Refunds", text: "Refunds for annual plans." },
  { id: "kb-plans", title: "Plans", text: "Annual plans and monthly prices." },
  { id: "kb-export", title: "Export", text: "Export notes as PDF." },
];

describe("tokenize", () => {
  it("lowercases, splits on non-alphanumerics and drops stop words", () => {
    expect(tokenize("How do I export MY notes as PDF, v2?")).toEqual(["export", "notes", "pdf", "v2"]);
  });
});

describe("createBm25Retriever", () => {
  it("scores like hand-computed Okapi BM25 with k1=1.2, b=0.75", () => {
    // Robertson & Zaragoza 2009, "The Probabilistic Relevance Framework: BM25 and Beyond":
    //   w = idf · tf(k1+1) / (tf + k1(1 − b + b·dl/avgdl)), idf = ln(1 + (N − n + 0.5)/(n + 0.5)).
    // N = 3; idf(refunds, n=1) = ln(8/3) = 0.980829; idf(annual, n=2) = ln(1.6) = 0.470004.
    // kb-refunds (dl 4): refunds tf 2 → 0.980829 · 4.4/3.130769 = 1.378463; annual tf 1 → 0.485275; sum 1.863737.
    // kb-plans (dl 5): annual tf 1 → 0.470004 · 2.2/2.338462 = 0.442174.
    const hits = createBm25Retriever(articles).search("refunds on annual", 3);
    expect(hits.map((hit) => hit.id)).toEqual(["kb-refunds", "kb-plans"]);
    expect(hits[0]?.score).toBeCloseTo(1.863737, 5);
    expect(hits[1]?.score).toBeCloseTo(0.442174, 5);
  });

  it("leaves out articles sharing no term with the query and returns nothing for an off-topic query", () => {
    const retriever = createBm25Retriever(articles);
    expect(retriever.search("export", 3).map((hit) => hit.id)).toEqual(["kb-export"]);
    expect(retriever.search("weather in Lisbon", 3)).toEqual([]);
  });

  it("returns at most k articles, best first", () => {
    const hits = createBm25Retriever(articles).search("annual plans refunds pdf", 2);
    expect(hits).toHaveLength(2);
    expect(hits[0]!.score).toBeGreaterThanOrEqual(hits[1]!.score);
  });

  it("weighs document length by b: with b=0 a longer article is not penalised", () => {
    const [withoutLengthPenalty] = createBm25Retriever(articles, { b: 0 }).search("monthly", 1);
    // b = 0: tf 1 → idf(n=1) · 2.2/2.2 = ln(8/3) exactly.
    expect(withoutLengthPenalty?.score).toBeCloseTo(Math.log(8 / 3), 10);
  });
});
