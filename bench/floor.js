// The floor: the POSTs a bench scenario makes, from a bare `fetch` loop with
// the same number in flight, and nothing else (no suite, checks or results).
// A 429 waits the retry-after-ms it was given and asks again, as the CLI's
// transport does. Started by run.js; prints {"answered", "rejected"}.
// Usage: node bench/floor.js --url http://127.0.0.1:PORT/v1/chat/completions --calls 9000 --concurrency 32
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { url: { type: "string" }, calls: { type: "string" }, concurrency: { type: "string" } } });
const url = values.url;
const calls = Number(values.calls);
const concurrency = Number(values.concurrency);
if (!url || !(calls > 0) || !(concurrency > 0)) {
  console.error("usage: node bench/floor.js --url <chat completions url> --calls <n> --concurrency <n>");
  process.exit(2);
}

let next = 0;
let answered = 0;
let rejected = 0;

// The body of the CLI's target call (system and user message), so both send the same bytes.
const bodyOf = (i) =>
  JSON.stringify({
    model: "bench-target",
    messages: [
      { role: "system", content: "You are the support assistant of Acme Cloud Notes. Answer in at most three sentences.\n" },
      { role: "user", content: `Customer question: Question ${i}: how do I export my notes to PDF from the web app?\n` },
    ],
  });

async function worker() {
  while (next < calls) {
    const body = bodyOf(next++);
    for (;;) {
      const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json", authorization: "Bearer bench-not-a-secret" }, body });
      if (response.status === 429) {
        await response.arrayBuffer();
        rejected += 1;
        await sleep(Number(response.headers.get("retry-after-ms") ?? "0"));
        continue;
      }
      const completion = await response.json();
      if (!response.ok || typeof completion.choices?.[0]?.message?.content !== "string") {
        throw new Error(`stand-in answered HTTP ${response.status}: ${JSON.stringify(completion).slice(0, 200)}`);
      }
      answered += 1;
      break;
    }
  }
}

await Promise.all(Array.from({ length: concurrency }, worker));
console.log(JSON.stringify({ answered, rejected }));
