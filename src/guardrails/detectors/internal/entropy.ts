/** Shannon entropy of `text` in bits per character, over its own character frequencies. */
export function shannonEntropy(text: string): number {
  if (text.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

function classOf(code: number): number {
  if (code >= 48 && code <= 57) return 0;
  if (code >= 65 && code <= 90) return 1;
  if (code >= 97 && code <= 122) return 2;
  return 3;
}

/**
 * Share of neighbouring characters of different kinds (digit, upper, lower,
 * other). Random base62 text switches kind at about 0.6 of positions;
 * identifiers switch only at word boundaries ("getUserName2": 0.27).
 */
export function classSwitchRate(text: string): number {
  if (text.length < 2) return 0;
  let switches = 0;
  for (let i = 1; i < text.length; i++) if (classOf(text.charCodeAt(i)) !== classOf(text.charCodeAt(i - 1))) switches++;
  return switches / (text.length - 1);
}
