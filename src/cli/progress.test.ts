import { describe, expect, it } from "vitest";
import { createCountProgress, createProgressReporter, createPushProgress, progressLine } from "./progress.js";

describe("progressLine", () => {
  it("draws a proportional bar on a TTY", () => {
    expect(progressLine({ done: 9, total: 36, errors: 1, elapsedMs: 1234 }, true)).toBe(
      "[######------------------] 9/36 trials · 1 error · 1.2s",
    );
  });

  it("omits the bar for plain logs and pluralises errors", () => {
    expect(progressLine({ done: 36, total: 36, errors: 2, elapsedMs: 0 }, false)).toBe("36/36 trials · 2 errors · 0.0s");
  });

  it("treats an empty run as complete", () => {
    expect(progressLine({ done: 0, total: 0, errors: 0, elapsedMs: 0 }, true)).toBe(`[${"#".repeat(24)}] 0/0 trials · 0 errors · 0.0s`);
  });
});

/** A stderr stand-in that keeps what was written. */
function fakeStream(isTTY: boolean): { stream: NodeJS.WriteStream; text: () => string } {
  let written = "";
  const stream = { isTTY, write: (chunk: string) => ((written += chunk), true) } as unknown as NodeJS.WriteStream;
  return { stream, text: () => written };
}

describe("MLflow upload progress", () => {
  const chunks = (total: number, size: number) =>
    Array.from({ length: Math.ceil(total / size) }, (_, i) => ({ done: Math.min((i + 1) * size, total), total, elapsedMs: (i + 1) * 100 }));

  it("writes a plain line when the upload starts and at each new tenth when stderr is not a TTY", () => {
    const { stream, text } = fakeStream(false);
    const report = createPushProgress(stream);
    for (const progress of chunks(3000, 50)) report(progress);
    const lines = text().trimEnd().split("\n");
    expect(lines).toHaveLength(11);
    expect(lines.slice(0, 2)).toEqual(["MLflow: 50/3000 traces logged · 0.1s", "MLflow: 300/3000 traces logged · 0.6s"]);
    expect(lines.at(-1)).toBe("MLflow: 3000/3000 traces logged · 6.0s");
  });

  it("redraws one bar on a TTY and ends its line when every trace is logged", () => {
    const { stream, text } = fakeStream(true);
    const report = createPushProgress(stream);
    for (const progress of chunks(102, 50)) report(progress);
    expect(text()).toBe(
      "\r[############------------] MLflow: 50/102 traces logged · 0.1s" +
        "\r[########################] MLflow: 100/102 traces logged · 0.2s" +
        "\r[########################] MLflow: 102/102 traces logged · 0.3s\n",
    );
  });

  it("starts the upload on a line of its own after the trials' bar", () => {
    const { stream, text } = fakeStream(false);
    const reporter = createProgressReporter(stream);
    reporter.onRunStart?.({ runId: "r1", runDir: "/tmp/r1", manifest: {} as never, alreadyDone: 0, total: 2, warnings: [] });
    reporter.onTrialEnd?.({} as never, { done: 2, total: 2, errors: 0, elapsedMs: 10 });
    reporter.onPushProgress?.({ done: 2, total: 2, elapsedMs: 20 });
    reporter.onRunEnd?.({} as never);
    expect(text()).toBe("evalgate: run r1: 2 trials\n2/2 trials · 0 errors · 0.0s\nMLflow: 2/2 traces logged · 0.0s\n");
  });
});

describe("createCountProgress", () => {
  it("draws a bar on a TTY and clears it at the end", () => {
    const { stream, text } = fakeStream(true);
    const progress = createCountProgress("rows", stream);
    progress.update(1, 4);
    progress.update(4, 4);
    progress.end();
    expect(text()).toMatch(/^\r\[######-{18}\] 1\/4 rows · \d+\.\ds\r\[#{24}\] 4\/4 rows · \d+\.\ds\r\x1b\[2K$/);
  });

  it("writes nothing when stderr is not a TTY", () => {
    const { stream, text } = fakeStream(false);
    const progress = createCountProgress("rows", stream);
    progress.update(4, 4);
    progress.end();
    expect(text()).toBe("");
  });
});
