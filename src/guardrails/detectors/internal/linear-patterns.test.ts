import { describe, expect, it } from "vitest";
import { TOKEN_SHAPES } from "../../../secrets/index.js";
import { RULES } from "./injection-rules.js";
import { EXTRA_SHAPES } from "./secret-shapes.js";

/**
 * The sources of unbounded repetition nested in unbounded repetition, like
 * "(a+)*" or "(?:\w+\s?)+": the shape that makes a backtracking engine take
 * exponential time on a near-miss. A repeated group whose inner repetition is
 * bounded ("(?:\w+\s){0,3}") is polynomial with a small degree and allowed.
 */
function nestedUnbounded(source: string): string[] {
  const found: string[] = [];
  const stack: { start: number; unbounded: boolean }[] = [{ start: 0, unbounded: false }];
  const quantifierAt = (i: number): { unbounded: boolean; length: number } | undefined => {
    const c = source.charAt(i);
    if (c === "*" || c === "+") return { unbounded: true, length: source.charAt(i + 1) === "?" ? 2 : 1 };
    if (c === "?") return { unbounded: false, length: 1 };
    const braces = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i));
    if (braces) return { unbounded: braces[2] !== undefined && braces[3] === "", length: braces[0].length };
    return undefined;
  };
  let i = 0;
  while (i < source.length) {
    const c = source.charAt(i);
    let atomEnd = i + 1;
    if (c === "\\") atomEnd = i + 2;
    else if (c === "[") {
      let j = i + 1;
      while (j < source.length && source.charAt(j) !== "]") j += source.charAt(j) === "\\" ? 2 : 1;
      atomEnd = j + 1;
    } else if (c === "(") {
      stack.push({ start: i, unbounded: false });
      i++;
      continue;
    } else if (c === ")") {
      const group = stack.pop()!;
      const q = quantifierAt(i + 1);
      if (q?.unbounded && group.unbounded) found.push(source.slice(group.start, i + 1 + q.length));
      if (group.unbounded || q?.unbounded) stack[stack.length - 1]!.unbounded = true;
      i += 1 + (q?.length ?? 0);
      continue;
    }
    const q = quantifierAt(atomEnd);
    if (q?.unbounded) stack[stack.length - 1]!.unbounded = true;
    i = atomEnd + (q?.length ?? 0);
  }
  return found;
}

describe("built-in patterns", () => {
  it("the checker finds nested unbounded repetition", () => {
    expect(nestedUnbounded("(a+)*")).toEqual(["(a+)*"]);
    expect(nestedUnbounded("x(?:\\w+\\s?)+y")).toEqual(["(?:\\w+\\s?)+"]);
    expect(nestedUnbounded("(?:\\w+\\s){0,3}[a-z]+")).toEqual([]);
    expect(nestedUnbounded("[(a+)*]b")).toEqual([]);
  });

  const patterns = [
    ...RULES.map((r) => [`injection rule ${r.id}`, r.pattern] as const),
    ...EXTRA_SHAPES.map((s) => [`secret shape ${s.kind}`, s.pattern] as const),
    ...TOKEN_SHAPES.map((s) => [`token shape ${s.kind}`, s.pattern] as const),
  ];
  it.each(patterns)("%s has no nested unbounded repetition", (_, pattern) => {
    expect(nestedUnbounded(pattern.source)).toEqual([]);
  });
});
