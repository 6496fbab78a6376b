import { openAIErrorBody } from "../../tests/support/standin/openai.js";
import { startStandin, type HandlerResult, type RouteContext } from "../../tests/support/standin/server.js";
import { uniformInt } from "pure-rand/distribution/uniformInt";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";

/**
 * The tests' local model stand-in with one bench route: OpenAI chat
 * completions answered after a set latency, a set share of them rejected with
 * 429 and a Retry-After, and counters of what was answered. Judges (any model
 * named `*judge*`) get a verdict in the JSON they ask for; every tenth case
 * (inputs marked "(tricky)") fails, so reports carry failures too.
 */
export interface Load {
  latencyMs: number;
  rejectRate: number;
  maxRetryAfterMs: number;
}

export interface Counters {
  answered: number;
  rejected: number;
  askedWaitMs: number;
}

export interface BenchStandin {
  url: string;
  /** Sets the load for the next scenario and zeroes the counters. */
  configure(load: Load, seed: number): void;
  counters(): Counters;
  close(): Promise<void>;
}

interface ChatBody {
  model?: string;
  messages?: { role: string; content: unknown }[];
}

export async function startBenchStandin(): Promise<BenchStandin> {
  const standin = await startStandin();
  let load: Load = { latencyMs: 0, rejectRate: 0, maxRetryAfterMs: 0 };
  let random = seeded(1);
  let counters: Counters = { answered: 0, rejected: 0, askedWaitMs: 0 };

  const chat = (ctx: RouteContext): HandlerResult => {
    // The stand-in records every request for tests to inspect; tens of thousands of them would only grow this process.
    standin.requests.length = 0;
    if (load.rejectRate > 0 && random() < load.rejectRate) {
      // Rate limiters answer at once: the cost of a 429 is the wait it asks for.
      const waitMs = Math.floor(random() * load.maxRetryAfterMs);
      counters.rejected += 1;
      counters.askedWaitMs += waitMs;
      return {
        status: 429,
        headers: { "retry-after-ms": String(waitMs), "retry-after": String(Math.ceil(waitMs / 1000)) },
        json: openAIErrorBody(429, "Rate limit reached (bench stand-in)."),
      };
    }
    counters.answered += 1;
    const body = (ctx.request.body ?? {}) as ChatBody;
    const prompt = lastUserText(body.messages ?? []);
    const judge = (body.model ?? "").includes("judge");
    const content = judge
      ? JSON.stringify({ critique: "The answer restates the question and adds nothing unsupported.", verdict: prompt.includes("(tricky)") ? "FAIL" : "PASS" })
      : `Thanks for asking. ${prompt.slice(0, 200)} The short answer: open Settings, choose Billing, and follow the steps there.`;
    const completion = {
      id: `chatcmpl-bench-${counters.answered}`,
      object: "chat.completion",
      created: Math.floor(Date.now() / 1000),
      model: body.model ?? "bench",
      choices: [{ index: 0, message: { role: "assistant", content, refusal: null }, finish_reason: "stop", logprobs: null }],
      usage: { prompt_tokens: Math.ceil(prompt.length / 4), completion_tokens: Math.ceil(content.length / 4), total_tokens: Math.ceil((prompt.length + content.length) / 4) },
    };
    return { json: completion, ...(load.latencyMs > 0 ? { fault: { latencyMs: load.latencyMs } } : {}) };
  };
  standin.route("POST", "/v1/chat/completions", chat, { errorBody: openAIErrorBody, requestIdHeader: "x-request-id" });

  return {
    url: standin.url,
    configure(next, seed) {
      load = next;
      random = seeded(seed);
      counters = { answered: 0, rejected: 0, askedWaitMs: 0 };
    },
    counters: () => ({ ...counters }),
    close: () => standin.close(),
  };
}

function lastUserText(messages: { role: string; content: unknown }[]): string {
  const user = [...messages].reverse().find((m) => m.role === "user");
  return typeof user?.content === "string" ? user.content : "";
}

/** Uniform in [0, 1), reproducible from the seed, so a scenario's 429s fall alike run after run. */
function seeded(seed: number): () => number {
  const generator = xoroshiro128plus(seed | 0);
  return () => uniformInt(generator, 0, 999_999) / 1_000_000;
}
