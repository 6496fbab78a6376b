import { lookupPath, renderTemplate } from "../../config/template.js";

/** `{{ path }}` and nothing else: the whole string is one placeholder. */
const WHOLE_PLACEHOLDER = /^\{\{\s*([A-Za-z_][\w-]*(?:\.[\w-]+)*)\s*\}\}$/;

export interface JsonRenderResult {
  value: unknown;
  /** Placeholders whose value was undefined. */
  missing: string[];
}

/**
 * Renders a JSON request-body template: strings are templates, except that a
 * string which is exactly one placeholder becomes the raw value (so
 * `"{{input.top_k}}"` sends the number 5, and `"{{input}}"` a whole object).
 * Object keys are never templated.
 */
export function renderJsonTemplate(template: unknown, vars: Record<string, unknown>): JsonRenderResult {
  const missing = new Set<string>();
  const render = (node: unknown): unknown => {
    if (typeof node === "string") {
      const whole = WHOLE_PLACEHOLDER.exec(node);
      if (whole) {
        const path = whole[1] as string;
        const value = lookupPath(vars, path);
        if (value === undefined) missing.add(path);
        return value ?? null;
      }
      const rendered = renderTemplate(node, vars);
      rendered.missing.forEach((path) => missing.add(path));
      return rendered.text;
    }
    if (Array.isArray(node)) return node.map(render);
    if (node !== null && typeof node === "object") {
      return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, render(value)]));
    }
    return node;
  };
  const value = render(template);
  return { value, missing: [...missing] };
}
