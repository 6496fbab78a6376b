import { hasWordBefore } from "./context.js";
import { findDigitRuns, standsAlone } from "./digit-groups.js";
import type { Range } from "./span.js";

/**
 * US Social Security number rules (SSA, "Social Security Number
 * Randomization", 2011): area 001–899 except 666, group 01–99, serial
 * 0001–9999. 078-05-1120 and 219-09-9999 were printed on sample cards and
 * are void.
 */
export function ssnValid(area: string, group: string, serial: string): boolean {
  const a = Number(area);
  if (a === 0 || a === 666 || a >= 900) return false;
  if (Number(group) === 0 || Number(serial) === 0) return false;
  return !["078051120", "219099999"].includes(`${area}${group}${serial}`);
}

const SSN_WORDS = new Set(["ssn", "ssns", "social", "security", "ss", "taxpayer", "tin", "itin"]);

/**
 * SSNs written 123-45-6789 or 123 45 6789 (one separator kind), and nine
 * unbroken digits when the words before say "SSN" or "social security".
 */
export function findSsns(text: string): Range[] {
  const found: Range[] = [];
  for (const run of findDigitRuns(text, "- ", false)) {
    const { groups, separators } = run;
    for (let a = 0; a < groups.length; a++) {
      const [area, group, serial] = [groups[a]!, groups[a + 1], groups[a + 2]];
      // Spaced, the three groups must be the whole run: "0490 123 45 6789" is a phone number.
      const whole = separators[a] === "-" || groups.length === 3;
      if (group && serial && whole && area.digits.length === 3 && group.digits.length === 2 && serial.digits.length === 4 && separators[a] === separators[a + 1]) {
        if (standsAlone(text, area.start, serial.end) && ssnValid(area.digits, group.digits, serial.digits)) {
          found.push({ start: area.start, end: serial.end });
          a += 2;
          continue;
        }
      }
      const d = area.digits;
      if (d.length === 9 && standsAlone(text, area.start, area.end) && ssnValid(d.slice(0, 3), d.slice(3, 5), d.slice(5)) && hasWordBefore(text, area.start, SSN_WORDS, 30)) {
        found.push({ start: area.start, end: area.end });
      }
    }
  }
  return found;
}
