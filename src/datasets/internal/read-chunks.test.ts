import { describe, expect, it } from "vitest";
import { LineSplitter } from "./read-chunks.js";

function split(chunks: string[]): [string, number][] {
  const lines: [string, number][] = [];
  const splitter = new LineSplitter((bytes, line) => lines.push([bytes.toString("utf8"), line]));
  for (const chunk of chunks) splitter.push(Buffer.from(chunk));
  splitter.end();
  return lines;
}

describe("LineSplitter", () => {
  it("numbers lines as text.split('\\n') would, whatever the chunking", () => {
    const text = 'a\r\n\nbb\ncc c\n{"x": 1}';
    const expected = text.split("\n").map((line, index): [string, number] => [line, index + 1]);
    expect(split([text])).toEqual(expected);
    expect(split([...text])).toEqual(expected);
    expect(split(["a\r", "\n\nb", "b\nc", "c c\n{", '"x": 1}'])).toEqual(expected);
  });

  it("ends with an empty line after a final newline, and gives one empty line for no bytes", () => {
    expect(split(["a\n"])).toEqual([["a", 1], ["", 2]]);
    expect(split([])).toEqual([["", 1]]);
  });
});
