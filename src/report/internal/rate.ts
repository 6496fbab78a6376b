import { wilsonInterval } from "../../stats/index.js";
import type { Rate } from "../summary-schema.js";

export function rateOf(successes: number, n: number, confidence: number): Rate {
  const { estimate, low, high } = wilsonInterval(successes, n, confidence);
  return { rate: estimate, low, high, n };
}
