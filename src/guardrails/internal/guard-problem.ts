/**
 * A problem building one guard (a missing module, a bad schema file, no
 * model), located on a field of that guard; the loader adds the stage, index
 * and YAML line.
 */
export class GuardProblem extends Error {
  readonly field: string;
  constructor(field: string, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "GuardProblem";
    this.field = field;
  }
}
