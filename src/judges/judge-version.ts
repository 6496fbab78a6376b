import { createHash } from "node:crypto";
import { canonicalJson } from "../config/index.js";

export interface VersionMaterial {
  /** The unrendered template: case data never enters the version. */
  template: string;
  /** Fixed instructions plus rendered examples. */
  systemPrompt: string;
  model: string;
  temperature: number;
  replySchema: Record<string, unknown>;
}

/**
 * A short hash of everything that changes verdicts, so verdicts from two
 * versions of a judge are never pooled: template, system prompt (failure
 * mode and examples), model, temperature and reply schema. 12 hex digits keep
 * collisions negligible across the handful of versions a judge ever has.
 */
export function judgeVersion(material: VersionMaterial): string {
  return createHash("sha256").update(canonicalJson(material)).digest("hex").slice(0, 12);
}
