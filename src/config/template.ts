/**
 * `{{path.to.value}}` templates shared by prompt targets and judges. Strings
 * are inserted as-is; other values as pretty JSON. Missing values are reported
 * rather than rendered as empty strings, so a typo never reaches a model.
 */
const PLACEHOLDER = /\{\{\s*([A-Za-z_][\w-]*(?:\.[\w-]+)*)\s*\}\}/g;

/** The distinct placeholder paths a template uses, in order of first appearance. */
export function templatePlaceholders(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1] as string))];
}

export function lookupPath(value: unknown, path: string): unknown {
  let current: unknown = value;
  for (const key of path.split(".")) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

export function formatValue(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value, null, 2);
}

export interface RenderResult {
  text: string;
  /** Placeholders whose value was undefined. */
  missing: string[];
}

export function renderTemplate(template: string, vars: Record<string, unknown>): RenderResult {
  const missing: string[] = [];
  const text = template.replace(PLACEHOLDER, (_match, path: string) => {
    const value = lookupPath(vars, path);
    if (value === undefined) {
      missing.push(path);
      return "";
    }
    return formatValue(value);
  });
  return { text, missing: [...new Set(missing)] };
}
