import { EvalgateError } from "../errors.js";

export const VENDORS = ["openai", "anthropic", "databricks", "openai-compatible", "scripted"] as const;
export type Vendor = (typeof VENDORS)[number];

export interface ModelRef {
  vendor: Vendor;
  /** What follows the prefix: a model name, an endpoint name, or a file. */
  name: string;
}

const EXAMPLES: Record<Vendor, string> = {
  openai: "openai:gpt-4.1-mini",
  anthropic: "anthropic:claude-sonnet-4-5",
  databricks: "databricks:<serving-endpoint-name>",
  "openai-compatible": "openai-compatible:<model> (with base_url or OPENAI_BASE_URL)",
  scripted: "scripted:<replies.jsonl>",
};

/** "vendor:name" → its parts, or an error listing the supported prefixes. */
export function parseModelId(modelId: string): ModelRef {
  const colon = modelId.indexOf(":");
  const vendor = colon > 0 ? modelId.slice(0, colon) : "";
  const name = colon > 0 ? modelId.slice(colon + 1).trim() : "";
  if ((VENDORS as readonly string[]).includes(vendor) && name !== "") return { vendor: vendor as Vendor, name };
  const supported = VENDORS.map((v) => `  ${EXAMPLES[v]}`).join("\n");
  const problem = colon > 0 && name === "" ? `has no model name after "${vendor}:"` : `has an unknown provider prefix`;
  return unsupported(`Model id "${modelId}" ${problem}. Write it as <provider>:<model>, one of:\n${supported}`);
}

function unsupported(message: string): never {
  throw new EvalgateError("CONFIG_INVALID", message);
}
