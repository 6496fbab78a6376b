import type { Article } from "./corpus.js";

export interface RetrievedArticle extends Article {
  score: number;
}

export interface Retriever {
  /** The `k` best-scoring articles for `query`, best first; articles sharing no term with it are left out. */
  search(query: string, k: number): RetrievedArticle[];
}

export interface Bm25Options {
  /** Term-frequency saturation. */
  k1?: number;
  /** Document-length normalisation, 0 (none) to 1 (full). */
  b?: number;
}

// Function words carry no topic, and without stemming they would dominate short queries.
const STOP_WORDS = new Set(
  ("a an and are as at be but by can do does for from has have how i if in into is it its me my no not of on or " +
    "our so that the their them then there these they this to was we were what when where which who why will " +
    "with you your").split(" "),
);

export function tokenize(text: string): string[] {
  return (text.toLowerCase().match(/[a-z0-9]+/g) ?? []).filter((token) => !STOP_WORDS.has(token));
}

/**
 * Okapi BM25 over title + body (Robertson & Zaragoza 2009, "The Probabilistic
 * Relevance Framework: BM25 and Beyond", §3):
 *   score(q, d) = Σ_{t ∈ q} idf(t) · tf·(k1 + 1) / (tf + k1·(1 − b + b·|d|/avgdl))
 * with idf(t) = ln(1 + (N − n_t + 0.5)/(n_t + 0.5)): the +1 (as in Lucene) keeps
 * terms found in over half the corpus from scoring negative.
 */
export function createBm25Retriever(articles: readonly Article[], options: Bm25Options = {}): Retriever {
  const k1 = options.k1 ?? 1.2;
  const b = options.b ?? 0.75;
  const docs = articles.map((article) => {
    const tokens = tokenize(`${article.title} ${article.text}`);
    const tf = new Map<string, number>();
    for (const token of tokens) tf.set(token, (tf.get(token) ?? 0) + 1);
    return { article, length: tokens.length, tf };
  });
  const avgLength = docs.reduce((sum, doc) => sum + doc.length, 0) / Math.max(docs.length, 1);
  const docFrequency = new Map<string, number>();
  for (const doc of docs) for (const term of doc.tf.keys()) docFrequency.set(term, (docFrequency.get(term) ?? 0) + 1);
  const idf = (term: string): number => {
    const n = docFrequency.get(term) ?? 0;
    return Math.log(1 + (docs.length - n + 0.5) / (n + 0.5));
  };

  return {
    search(query, k) {
      // Repeated query words count once: "refund refund" is not a stronger query.
      const terms = [...new Set(tokenize(query))];
      return docs
        .map((doc) => {
          let score = 0;
          for (const term of terms) {
            const tf = doc.tf.get(term) ?? 0;
            if (tf === 0) continue;
            score += (idf(term) * (tf * (k1 + 1))) / (tf + k1 * (1 - b + (b * doc.length) / avgLength));
          }
          return { ...doc.article, score };
        })
        .filter((hit) => hit.score > 0)
        .sort((x, y) => y.score - x.score || x.id.localeCompare(y.id))
        .slice(0, k);
    },
  };
}
