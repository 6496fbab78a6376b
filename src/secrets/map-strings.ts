/**
 * A copy of a JSON-like value with `fn` applied to every string, object keys
 * included. Only arrays and plain objects are descended into: anything else
 * (numbers, null, a Date) is kept as it is.
 */
export function mapStrings<T>(value: T, fn: (text: string) => string): T {
  const walk = (node: unknown): unknown => {
    if (typeof node === "string") return fn(node);
    if (Array.isArray(node)) return node.map(walk);
    if (isPlainObject(node)) return Object.fromEntries(Object.entries(node).map(([k, v]) => [fn(k), walk(v)]));
    return node;
  };
  return walk(value) as T;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object") return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
