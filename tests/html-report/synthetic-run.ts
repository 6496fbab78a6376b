import type { RunManifest, TrialRecord } from "../../src/log/index.js";
import { manifestOf } from "../fixtures/runs/fixture-runs.js";

/**
 * A large run made up in memory, shaped like a RAG suite's: questions,
 * expected facts, three retrieved documents from a shared corpus, answers of
 * 75–115 words that vary between repeats, three checks and two judges whose
 * failing critiques are written per trial. The texts are drawn from a
 * vocabulary with a fixed pseudo-random sequence, so they compress like
 * prose, not like copies of one string, and the run is the same every time.
 */
export function syntheticRun(options: { cases: number; repeats: number }): { manifest: RunManifest; trials: TrialRecord[] } {
  const random = sequence(20250601);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const vocabulary = Array.from({ length: 3000 }, () => Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(SYLLABLES)).join(""));
  const words = (n: number) => Array.from({ length: n }, () => pick(vocabulary)).join(" ");
  const sentence = (n: number) => `${words(n)}.`;
  const corpus = Array.from({ length: 2000 }, (_, i) => ({ id: `kb-${i}`, title: words(4), text: `${sentence(30)} ${sentence(30)}` }));
  const tags = Array.from({ length: 40 }, (_, i) => `topic-${i}`);
  const caseIds = Array.from({ length: options.cases }, (_, i) => `case-${String(i).padStart(6, "0")}`);
  const trials: TrialRecord[] = [];
  for (const caseId of caseIds) {
    const input = `${words(12)}?`;
    const expected = { facts: sentence(20) };
    const caseTags = [pick(tags), ...(random() < 0.4 ? [pick(tags)] : [])];
    const docs = [pick(corpus), pick(corpus), pick(corpus)];
    const answer = `${sentence(40)} ${sentence(30)}`;
    const hard = random() < 0.2;
    for (let trial = 0; trial < options.repeats; trial++) {
      // Repeats share most of the answer and differ in a sentence, as sampled model output does.
      const output = `${answer} ${sentence(5 + Math.floor(random() * 40))} [${docs[0]!.id}]`;
      const fails = (p: number) => random() < (hard ? p * 4 : p);
      const cites = !fails(0.03);
      const grounded = !fails(0.06);
      const polite = !fails(0.01);
      trials.push({
        schema_version: 1,
        run_id: "synthetic",
        case_id: caseId,
        trial,
        started_at: "2025-06-01T10:00:01.000Z",
        ended_at: "2025-06-01T10:00:02.000Z",
        latency_ms: 400 + Math.floor(random() * 1200),
        status: "ok",
        input,
        expected,
        tags: caseTags,
        output,
        trace: {
          context: docs.map((doc) => ({ ...doc, score: Math.round(random() * 1000) / 100 })),
          model: "gpt-4.1-mini",
          usage: { input_tokens: 900 + Math.floor(random() * 300), output_tokens: 60 + Math.floor(random() * 60) },
          cost_usd: 0.0004,
        },
        checks: [
          { id: "cites-retrieved", type: "citations", outcome: cites ? "pass" : "fail", reason: cites ? `cites ${docs[0]!.id}` : `cites ${pick(corpus).id}, which was not retrieved` },
          { id: "max-words", type: "length", outcome: "pass", reason: `${40 + Math.floor(random() * 50)} words (≤ 120)` },
          { id: "no-email", type: "regex", outcome: "pass", reason: "no match for /[\\w.+-]+@[\\w-]+\\.[\\w.-]+/" },
        ],
        judges: [
          { id: "grounded", version: "3f2a9c1b7d4e", failure_mode: "unsupported claim", model: "gpt-4.1", outcome: grounded ? "pass" : "fail", critique: grounded ? `Every claim is supported by ${docs[0]!.id}.` : `Claims "${words(6)}" but no retrieved article says so; ${sentence(14)}` },
          { id: "polite", version: "9b1c0e2f4a6d", failure_mode: "rude tone", model: "gpt-4.1", outcome: polite ? "pass" : "fail", critique: polite ? "Courteous and direct." : `Dismissive: ${sentence(10)}` },
        ],
      });
    }
  }
  const manifest = manifestOf({
    run_id: "synthetic",
    suite: "synthetic",
    repeats: options.repeats,
    case_ids: caseIds,
    datasets: [{ file: "datasets/synthetic.jsonl", sha256: "a".repeat(64), cases: options.cases }],
    checks: [
      { id: "cites-retrieved", type: "citations" },
      { id: "max-words", type: "length" },
      { id: "no-email", type: "regex" },
    ],
    judges: [
      { id: "grounded", version: "3f2a9c1b7d4e", model: "gpt-4.1", failure_mode: "unsupported claim" },
      { id: "polite", version: "9b1c0e2f4a6d", model: "gpt-4.1", failure_mode: "rude tone" },
    ],
    ended_at: "2025-06-01T12:00:00.000Z",
  });
  return { manifest, trials };
}

const SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "ta", "ve", "zo", "pri", "sta", "an", "el", "or", "un", "is", "qua", "bre", "dor", "fin", "gal"];

/** Park–Miller minimal standard generator: a fixed sequence in [0, 1). */
function sequence(seed: number): () => number {
  let state = seed % 2147483647;
  return () => (state = (state * 48271) % 2147483647) / 2147483647;
}
