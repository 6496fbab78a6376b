/** Where credentials come from: the process environment, or a record injected by tests. */
export type Env = Readonly<Record<string, string | undefined>>;

/** A variable's value, or undefined when unset or blank (a blank key is as good as none). */
export function envValue(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}
