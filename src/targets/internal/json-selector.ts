/**
 * A tiny JSONPath subset for picking fields out of API responses: `$`, `.key`,
 * `['key']`, `[n]` (negative counts from the end), `[*]` and `.*`. Written
 * here rather than pulling a JSONPath package because this subset covers
 * response mapping and its semantics (a wildcard yields a list) stay obvious.
 */
type Step = { kind: "key"; key: string } | { kind: "index"; index: number } | { kind: "all" };

export interface Selector {
  readonly expression: string;
  /** A wildcard selector yields every match as a list; otherwise the value or undefined. */
  select(value: unknown): unknown;
}

export class SelectorSyntaxError extends Error {}

const TOKEN = /^(?:\.([A-Za-z_$][\w$-]*)|\.\*|\[\*\]|\[(-?\d+)\]|\[(['"])(.*?)\3\])/;

export function compileSelector(expression: string): Selector {
  const steps = parseSteps(expression);
  const multi = steps.some((step) => step.kind === "all");
  return {
    expression,
    select(value) {
      const matches = steps.reduce<unknown[]>((current, step) => current.flatMap((v) => applyStep(v, step)), [value]);
      return multi ? matches : matches[0];
    },
  };
}

function parseSteps(expression: string): Step[] {
  if (!expression.startsWith("$")) throw new SelectorSyntaxError(`selector "${expression}" must start with $`);
  const steps: Step[] = [];
  let rest = expression.slice(1);
  while (rest.length > 0) {
    const match = TOKEN.exec(rest);
    if (!match) {
      throw new SelectorSyntaxError(
        `selector "${expression}" is not understood at "${rest}" (supported: .key, ['key'], [0], [-1], [*], .*)`,
      );
    }
    const [token, dotKey, index, , quotedKey] = match;
    if (dotKey !== undefined) steps.push({ kind: "key", key: dotKey });
    else if (quotedKey !== undefined) steps.push({ kind: "key", key: quotedKey });
    else if (index !== undefined) steps.push({ kind: "index", index: Number(index) });
    else steps.push({ kind: "all" });
    rest = rest.slice(token.length);
  }
  return steps;
}

function applyStep(value: unknown, step: Step): unknown[] {
  if (value === null || typeof value !== "object") return [];
  switch (step.kind) {
    case "key": {
      const found = Array.isArray(value) ? undefined : (value as Record<string, unknown>)[step.key];
      return found === undefined ? [] : [found];
    }
    case "index": {
      if (!Array.isArray(value)) return [];
      const found: unknown = value.at(step.index);
      return found === undefined ? [] : [found];
    }
    case "all":
      return Array.isArray(value) ? value : Object.values(value);
  }
}
