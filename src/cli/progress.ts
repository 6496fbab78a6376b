import type { Progress, RunReporter } from "../runner/index.js";
import type { PushProgress } from "../tracking/index.js";

const BAR_WIDTH = 24;
const REDRAW_MS = 500;

/**
 * Progress on stderr (stdout stays clean for --json): a bar redrawn on a TTY
 * (also between trials, so the clock keeps moving while slow calls are in
 * flight), otherwise a plain line at every tenth of the way so CI logs stay short.
 * Logging the finished run to MLflow gets its own line, the same way.
 */
export function createProgressReporter(stream: NodeJS.WriteStream = process.stderr): RunReporter {
  const tty = Boolean(stream.isTTY);
  const atTenths = tenths();
  let current: Progress = { done: 0, total: 0, errors: 0, elapsedMs: 0 };
  let startedAt = 0;
  let timer: NodeJS.Timeout | undefined;
  let push: ((progress: PushProgress) => void) | undefined;
  const redraw = () => stream.write(`\r${progressLine({ ...current, elapsedMs: performance.now() - startedAt }, true)}`);
  return {
    onRunStart(info) {
      const resumed = info.alreadyDone > 0 ? ` (resuming: ${info.alreadyDone} already recorded)` : "";
      stream.write(`evalgate: run ${info.runId}: ${info.total} trials${resumed}\n`);
      current = { done: info.alreadyDone, total: info.total, errors: 0, elapsedMs: 0 };
      startedAt = performance.now();
      if (tty) {
        timer = setInterval(redraw, REDRAW_MS);
        timer.unref();
      }
    },
    onTrialEnd(_record, progress) {
      current = progress;
      if (tty) {
        redraw();
        return;
      }
      if (atTenths(progress.done, progress.total)) stream.write(`${progressLine(progress, false)}\n`);
    },
    onPushProgress(progress) {
      if (!push) {
        // The trials' bar is done: end its line so the upload's bar starts on its own.
        clearInterval(timer);
        if (tty) stream.write("\n");
        push = createPushProgress(stream);
      }
      push(progress);
    },
    onRunEnd() {
      clearInterval(timer);
      if (tty && !push) stream.write("\n");
    },
  };
}

/** MLflow upload progress on stderr: redrawn on a TTY (ending its line when done), else a line at every tenth. */
export function createPushProgress(stream: NodeJS.WriteStream = process.stderr): (progress: PushProgress) => void {
  const tty = Boolean(stream.isTTY);
  const atTenths = tenths();
  return (progress) => {
    if (tty) {
      stream.write(`\r${pushProgressLine(progress, true)}${progress.done >= progress.total ? "\n" : ""}`);
      return;
    }
    if (atTenths(progress.done, progress.total)) stream.write(`${pushProgressLine(progress, false)}\n`);
  };
}

export function progressLine(progress: Progress, withBar: boolean): string {
  const errors = progress.errors === 1 ? "1 error" : `${progress.errors} errors`;
  return `${withBar ? bar(progress.done, progress.total) : ""}${progress.done}/${progress.total} trials · ${errors} · ${seconds(progress.elapsedMs)}`;
}

export function pushProgressLine(progress: PushProgress, withBar: boolean): string {
  return `${withBar ? bar(progress.done, progress.total) : ""}MLflow: ${progress.done}/${progress.total} traces logged · ${seconds(progress.elapsedMs)}`;
}

/** True the first time `done` reaches each new tenth of `total` (0 of 0 counts as done). */
function tenths(): (done: number, total: number) => boolean {
  let last = -1;
  return (done, total) => {
    const decile = Math.floor((done / Math.max(total, 1)) * 10);
    if (decile === last) return false;
    last = decile;
    return true;
  };
}

function bar(done: number, total: number): string {
  const fraction = total === 0 ? 1 : done / total;
  const filled = Math.round(fraction * BAR_WIDTH);
  return `[${"#".repeat(filled)}${"-".repeat(BAR_WIDTH - filled)}] `;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

/**
 * Progress of a count of things (e.g. labelled rows) on a TTY only: a bar
 * redrawn at most every 100 ms, and the line cleared at the end so the
 * output that follows starts clean. Off a TTY it writes nothing: short
 * commands should not fill CI logs.
 */
export function createCountProgress(noun: string, stream: NodeJS.WriteStream = process.stderr): { update(done: number, total: number): void; end(): void } {
  const tty = Boolean(stream.isTTY);
  const startedAt = performance.now();
  let lastDraw = -Infinity;
  let drawn = false;
  return {
    update(done, total) {
      if (!tty) return;
      const now = performance.now();
      if (done < total && now - lastDraw < 100) return;
      lastDraw = now;
      drawn = true;
      stream.write(`\r${bar(done, total)}${done}/${total} ${noun} · ${seconds(now - startedAt)}`);
    },
    end() {
      if (drawn) stream.write("\r\x1b[2K");
    },
  };
}
