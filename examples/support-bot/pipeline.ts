import { join } from "node:path";
import { ChatMessageSchema, TargetError, createProvider, type ChatMessage, type TargetFunction } from "evalgate";
import { loadCorpus } from "./corpus.js";
import { buildPrompt } from "./prompt.js";
import { createBm25Retriever, type Retriever } from "./retriever.js";

const TOP_K = 3;
const here = import.meta.dirname;

// Offline by default: the scripted model answers from replies.jsonl and names itself in every trace.
// SUPPORT_BOT_MODEL=openai:gpt-4.1-mini (or any evalgate model id) swaps in a real model.
const provider = createProvider(process.env.SUPPORT_BOT_MODEL ?? "scripted:replies.jsonl", { baseDir: here });

let retriever: Promise<Retriever> | undefined;

/** The support bot: BM25 over the help centre, then one grounded model call. */
const supportBot: TargetFunction = async (input, ctx) => {
  const conversation = toConversation(input);
  retriever ??= loadCorpus(join(here, "corpus")).then(createBm25Retriever);
  // Every user turn feeds retrieval, so a follow-up like "how long does that take?" keeps its topic.
  const query = conversation.filter((m) => m.role === "user").map((m) => m.content).join(" ");
  const articles = (await retriever).search(query, TOP_K);

  const reply = await provider.chat(buildPrompt(conversation, articles), {
    temperature: 0.2,
    signal: ctx.signal,
    metadata: { case_id: ctx.caseId, trial: String(ctx.trial) },
  });
  return {
    output: reply.text,
    trace: {
      context: articles.map(({ id, title, text, score }) => ({ id, title, text, score })),
      model: reply.model,
      usage: reply.usage,
      ...(reply.costUsd === undefined ? {} : { cost_usd: reply.costUsd }),
    },
  };
};
export default supportBot;

/** A case's input is a question, or a whole conversation as chat messages. */
function toConversation(input: unknown): ChatMessage[] {
  if (typeof input === "string") return [{ role: "user", content: input }];
  const parsed = ChatMessageSchema.array().min(1).safeParse(input);
  if (!parsed.success) {
    throw new TargetError(`support-bot expects a question string or a list of {role, content} chat messages; got ${JSON.stringify(input)}.`);
  }
  return parsed.data;
}
