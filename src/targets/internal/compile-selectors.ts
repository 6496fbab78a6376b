import { ConfigError } from "../../errors.js";
import { compileSelector, SelectorSyntaxError, type Selector } from "./json-selector.js";

/** Compiles named selectors up front so a typo is a config error before the run, located by its key. */
export function compileSelectors<K extends string>(
  expressions: Partial<Record<K, string>>,
  configPath: string,
): Partial<Record<K, Selector>> {
  const compiled: Partial<Record<K, Selector>> = {};
  for (const [key, expression] of Object.entries(expressions) as [K, string | undefined][]) {
    if (expression === undefined) continue;
    try {
      compiled[key] = compileSelector(expression);
    } catch (error) {
      if (!(error instanceof SelectorSyntaxError)) throw error;
      throw new ConfigError(undefined, [{ path: `${configPath}.${key}`, message: error.message }]);
    }
  }
  return compiled;
}
