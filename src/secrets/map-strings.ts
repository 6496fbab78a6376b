/**
 * `value` with `fn` applied to every string, object keys included. Only arrays
 * and plain objects are descended into: anything else (numbers, null, a Date)
 * is kept as it is. Copy on write: an array or object in which `fn` changed
 * nothing is returned as is, not copied, since every trial record passes
 * through here and almost none holds a secret.
 */
export function mapStrings<T>(value: T, fn: (text: string) => string): T {
  const walk = (node: unknown): unknown => {
    if (typeof node === "string") return fn(node);
    if (Array.isArray(node)) return walkArray(node);
    if (isPlainObject(node)) return walkObject(node);
    return node;
  };
  const walkArray = (node: readonly unknown[]): unknown[] => {
    let copy: unknown[] | undefined;
    for (let i = 0; i < node.length; i++) {
      const before = node[i];
      const after = walk(before);
      if (copy === undefined && after !== before) copy = node.slice(0, i);
      copy?.push(after);
    }
    return copy ?? (node as unknown[]);
  };
  const walkObject = (node: Record<string, unknown>): Record<string, unknown> => {
    const entries = Object.entries(node);
    let changed = false;
    for (const entry of entries) {
      const [key, before] = entry;
      const newKey = fn(key);
      const after = walk(before);
      if (newKey !== key || after !== before) {
        changed = true;
        entry[0] = newKey;
        entry[1] = after;
      }
    }
    return changed ? Object.fromEntries(entries) : node;
  };
  return walk(value) as T;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object") return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
