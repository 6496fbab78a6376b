import { describe, expect, it } from "vitest";
import { createSseSplitter, eventData, sseEvent } from "./sse.js";

describe("createSseSplitter", () => {
  it("splits events across chunk boundaries and line endings", () => {
    const splitter = createSseSplitter();
    expect(splitter.push('data: {"a":1}\n\nda')).toEqual(['data: {"a":1}']);
    expect(splitter.push("ta: 2\r")).toEqual([]);
    // The "\r" above and this "\n" are one line ending, then a blank line ends the event.
    expect(splitter.push("\n\r\n: keep-alive\r\rdata: [DONE]")).toEqual(["data: 2", ": keep-alive"]);
    expect(splitter.end()).toEqual(["data: [DONE]"]);
  });
});

describe("eventData", () => {
  it("joins data lines and ignores comments", () => {
    expect(eventData("event: x\ndata: one\ndata:two")).toBe("one\ntwo");
    expect(eventData(": ping")).toBeUndefined();
    expect(eventData(sseEvent({ a: 1 }).trim())).toBe('{"a":1}');
  });
});
