import { Command, CommanderError } from "commander";
import { EvalgateError } from "../errors.js";
import { ExitCode, exitCodeFor } from "./exit-codes.js";
import { registerCommands } from "./commands/index.js";
import { VERSION } from "../version.js";

export { tuneHeapGrowth } from "./heap-growth.js";

/** Builds the program; commands set `process.exitCode`-free results through `setExit`. */
export function createProgram(setExit: (code: ExitCode) => void): Command {
  const program = new Command("evalgate")
    .description("Evaluate LLM pipelines: curated datasets, repeated trials, code checks, LLM judges, gates.")
    .version(VERSION)
    // One line in evalgate's own voice, then a pointer to the help, not the whole help text.
    .configureOutput({ outputError: (message, write) => write(`evalgate: ${message.replace(/^error: /, "")}`) })
    .showHelpAfterError("See: evalgate --help")
    .exitOverride();
  registerCommands(program, setExit);
  pointAtOwnHelp(program.commands, "evalgate");
  return program;
}

/** A usage error names the help of the command that was typed (`evalgate label export --help`). */
function pointAtOwnHelp(commands: readonly Command[], parent: string): void {
  for (const command of commands) {
    const path = `${parent} ${command.name()}`;
    command.showHelpAfterError(`See: ${path} --help`);
    pointAtOwnHelp(command.commands, path);
  }
}

/** The single top-level catch: every error becomes an exit code from one table. */
export async function main(argv: readonly string[]): Promise<ExitCode> {
  let code: ExitCode = ExitCode.ok;
  const program = createProgram((c) => {
    code = c;
  });
  try {
    await program.parseAsync([...argv]);
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version exit through here with code 0; usage errors are bad input.
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.badInput;
    }
    process.stderr.write(`${formatError(error)}\n`);
    return exitCodeFor(error);
  }
}

function formatError(error: unknown): string {
  if (error instanceof EvalgateError) return `evalgate: ${error.message}`;
  if (error instanceof Error) return `evalgate: unexpected error: ${error.stack ?? error.message}`;
  return `evalgate: unexpected error: ${String(error)}`;
}
