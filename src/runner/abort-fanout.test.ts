import { getEventListeners } from "node:events";
import { describe, expect, it } from "vitest";
import { createAbortFanout } from "./abort-fanout.js";

describe("createAbortFanout", () => {
  it("keeps one listener on the parent however many children are live, and aborts them all with its reason", () => {
    const parent = new AbortController();
    const fanout = createAbortFanout(parent.signal);
    const children = Array.from({ length: 50 }, () => fanout.child());
    expect(getEventListeners(parent.signal, "abort")).toHaveLength(1);
    children[0]!.release();
    parent.abort(new Error("stop"));
    expect(children[0]!.signal.aborted).toBe(false);
    expect(children.slice(1).every((c) => c.signal.aborted && (c.signal.reason as Error).message === "stop")).toBe(true);
    expect(fanout.child().signal.aborted).toBe(true);
  });

  it("leaves no listener on the parent once closed", () => {
    const parent = new AbortController();
    createAbortFanout(parent.signal).close();
    expect(getEventListeners(parent.signal, "abort")).toHaveLength(0);
  });
});
