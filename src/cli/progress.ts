import type { Progress, RunReporter } from "../runner/index.js";

const BAR_WIDTH = 24;

/**
 * Progress on stderr (stdout stays clean for --json): a redrawn bar on a TTY,
 * otherwise a plain line at every tenth of the way so CI logs stay short.
 */
export function createProgressReporter(stream: NodeJS.WriteStream = process.stderr): RunReporter {
  const tty = Boolean(stream.isTTY);
  let lastDecile = -1;
  return {
    onRunStart(info) {
      const resumed = info.alreadyDone > 0 ? ` (resuming: ${info.alreadyDone} already recorded)` : "";
      stream.write(`evalgate: run ${info.runId}: ${info.total} trials${resumed}\n`);
    },
    onTrialEnd(_record, progress) {
      if (tty) {
        stream.write(`\r${progressLine(progress, true)}`);
        if (progress.done === progress.total) stream.write("\n");
        return;
      }
      const decile = Math.floor((progress.done / Math.max(progress.total, 1)) * 10);
      if (decile !== lastDecile) {
        lastDecile = decile;
        stream.write(`${progressLine(progress, false)}\n`);
      }
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
