import type { Command } from "commander";
import type { ExitCode } from "../exit-codes.js";
import { register as registerAlign } from "./align.js";
import { register as registerDataset } from "./dataset.js";
import { register as registerGate } from "./gate.js";
import { register as registerGuard } from "./guard.js";
import { register as registerJudge } from "./judge.js";
import { register as registerLabel } from "./label.js";
import { register as registerMerge } from "./merge.js";
import { register as registerMlflow } from "./mlflow.js";
import { register as registerReport } from "./report.js";
import { register as registerRun } from "./run.js";
import { register as registerScore } from "./score.js";
import { register as registerValidate } from "./validate.js";

/**
 * Every command module exports one `register(program, setExit)`; this is the list.
 * Registering must stay light (commander, option parsers, constants): a module
 * loads what its action needs with `await import(...)` inside the action, so
 * `evalgate --help` does not load the SDKs, zod or the report code.
 */
export function registerCommands(program: Command, setExit: (code: ExitCode) => void): void {
  registerRun(program, setExit);
  registerMerge(program, setExit);
  registerReport(program);
  registerValidate(program, setExit);
  registerMlflow(program);
  registerJudge(program, setExit);
  registerGate(program, setExit);
  registerLabel(program, setExit);
  registerAlign(program);
  registerGuard(program, setExit);
  registerDataset(program, setExit);
  registerScore(program, setExit);
}
