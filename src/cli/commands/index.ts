import type { Command } from "commander";
import type { ExitCode } from "../exit-codes.js";
import { register as registerAlign } from "./align.js";
import { register as registerGate } from "./gate.js";
import { register as registerGuard } from "./guard.js";
import { register as registerJudge } from "./judge.js";
import { register as registerLabel } from "./label.js";
import { register as registerMlflow } from "./mlflow.js";
import { register as registerReport } from "./report.js";
import { register as registerRun } from "./run.js";
import { register as registerScore } from "./score.js";
import { register as registerValidate } from "./validate.js";

/** Every command module exports one `register(program, setExit)`; this is the list. */
export function registerCommands(program: Command, setExit: (code: ExitCode) => void): void {
  registerRun(program, setExit);
  registerReport(program);
  registerValidate(program, setExit);
  registerMlflow(program);
  registerJudge(program, setExit);
  registerGate(program, setExit);
  registerLabel(program, setExit);
  registerAlign(program);
  registerGuard(program, setExit);
  registerScore(program, setExit);
}
