import type { Progress, RunReporter } from "../runner/index.js";

const BAR_WIDTH = 24;
const REDRAW_MS = 500;

/**
 * Progress on stderr (stdout stays clean for --json): a bar redrawn on a TTY
 * (also between trials, so the clock keeps moving while slow calls are in
 * flight), otherwise a plain line at every tenth of the way so CI logs stay short.
 */
export function createProgressReporter(stream: NodeJS.WriteStream = process.stderr): RunReporter {
  const tty = Boolean(stream.isTTY);
  let lastDecile = -1;
  let current: Progress = { done: 0, total: 0, errors: 0, elapsedMs: 0 };
  let startedAt = 0;
  let timer: NodeJS.Timeout | undefined;
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
      const decile = Math.floor((progress.done / Math.max(progress.total, 1)) * 10);
      if (decile !== lastDecile) {
        lastDecile = decile;
        stream.write(`${progressLine(progress, false)}\n`);
      }
    },
    onRunEnd() {
      clearInterval(timer);
      if (tty) stream.write("\n");
    },
  };
}

export function progressLine(progress: Progress, withBar: boolean): string {
  const fraction = progress.total === 0 ? 1 : progress.done / progress.total;
  const filled = Math.round(fraction * BAR_WIDTH);
  const bar = withBar ? `[${"#".repeat(filled)}${"-".repeat(BAR_WIDTH - filled)}] ` : "";
  const errors = progress.errors === 1 ? "1 error" : `${progress.errors} errors`;
  return `${bar}${progress.done}/${progress.total} trials · ${errors} · ${(progress.elapsedMs / 1000).toFixed(1)}s`;
}
