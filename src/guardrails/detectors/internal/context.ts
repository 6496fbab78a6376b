/**
 * Context words around a candidate: "call me on 467 3395" is a phone number,
 * "order 4672 3395" is not. Words are read nearest first, so the closest cue
 * decides when both kinds appear in the window.
 */

const WORD = /[\p{L}\p{N}]+|[#$€£¥]/gu;
const NEGATIVE_REACH = 3;

export type Cue = "positive" | "negative";

export interface CueWords {
  positive: ReadonlySet<string>;
  negative: ReadonlySet<string>;
}

/**
 * The cue nearest before `start` (within `window` characters and `reach`
 * words), else a positive one among the two words after `end`. A negative cue
 * counts only within three words: "call our card services at …" is still a
 * phone number.
 */
export function nearestCue(text: string, start: number, end: number, words: CueWords, reach = 6, window = 48): Cue | undefined {
  const before = wordsIn(text.slice(Math.max(0, start - window), start)).reverse().slice(0, reach);
  for (const [distance, word] of before.entries()) {
    if (words.negative.has(word) && distance < NEGATIVE_REACH) return "negative";
    if (words.positive.has(word)) return "positive";
  }
  for (const word of wordsIn(text.slice(end, end + 20)).slice(0, 2)) {
    if (words.positive.has(word)) return "positive";
  }
  return undefined;
}

/** True when any of `words` occurs within `window` characters before `start`. */
export function hasWordBefore(text: string, start: number, words: ReadonlySet<string>, window = 40): boolean {
  return wordsIn(text.slice(Math.max(0, start - window), start)).some((word) => words.has(word));
}

function wordsIn(text: string): string[] {
  return (text.toLowerCase().match(WORD) ?? []) as string[];
}
