import type { Command } from "commander";
import type { ExitCode } from "../exit-codes.js";

/** Every command module exports one `register(program, setExit)`; this is the list. */
export function registerCommands(program: Command, setExit: (code: ExitCode) => void): void {
  void program;
  void setExit;
}
