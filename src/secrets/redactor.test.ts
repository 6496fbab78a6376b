import { describe, expect, it } from "vitest";
import { createRedactor } from "./redactor.js";

describe("createRedactor", () => {
  it("replaces every registered value, wherever it appears, by a marker naming its variable", () => {
    const redactor = createRedactor();
    redactor.add("SVC_BEARER", "plain-value-0042");
    expect(redactor.text("a plain-value-0042 b plain-value-0042")).toBe("a [redacted:SVC_BEARER] b [redacted:SVC_BEARER]");
  });

  it("leaves values shorter than 8 characters alone, so short values never mangle output", () => {
    const redactor = createRedactor();
    redactor.add("FLAG", "true");
    redactor.add("SHORT", "1234567");
    redactor.add("BLANK", "");
    redactor.add("UNSET", undefined);
    expect(redactor.size).toBe(0);
    expect(redactor.text("true 1234567")).toBe("true 1234567");
  });

  it("cuts the longer of two overlapping secrets whole", () => {
    const redactor = createRedactor();
    redactor.add("INNER", "abcdefgh");
    redactor.add("OUTER", "xx-abcdefgh-yy");
    expect(redactor.text("xx-abcdefgh-yy and abcdefgh")).toBe("[redacted:OUTER] and [redacted:INNER]");
  });

  it("also catches the URL-encoded and JSON-escaped forms of a value", () => {
    const redactor = createRedactor();
    const secret = 'p@ss word/"quoted"';
    redactor.add("PASS", secret);
    expect(redactor.text(`?p=${encodeURIComponent(secret)}`)).toBe("?p=[redacted:PASS]");
    expect(redactor.text(JSON.stringify({ echoed: secret }))).toBe('{"echoed":"[redacted:PASS]"}');
  });

  it("redacts strings and keys of nested JSON values, leaving numbers, booleans and null as they are", () => {
    const redactor = createRedactor();
    redactor.add("TOKEN", "tok-12345678");
    const record = { output: { headers: { "x-svc": "tok-12345678" }, list: ["tok-12345678", 3, true, null] }, ["tok-12345678"]: 1 };
    expect(redactor.value(record)).toEqual({
      output: { headers: { "x-svc": "[redacted:TOKEN]" }, list: ["[redacted:TOKEN]", 3, true, null] },
      "[redacted:TOKEN]": 1,
    });
    expect(record.output.headers["x-svc"]).toBe("tok-12345678");
  });

  it("redacts an error's message and stack in place, keeping its class and fields", () => {
    const redactor = createRedactor();
    redactor.add("KEY", "secret-value-99");
    const error = Object.assign(new TypeError("bad key secret-value-99"), { status: 401 });
    expect(redactor.error(error)).toBe(error);
    expect(error.message).toBe("bad key [redacted:KEY]");
    expect(error.stack).not.toContain("secret-value-99");
    expect(error.status).toBe(401);
  });

  it("counts distinct values; the first name a value was registered under stays", () => {
    const redactor = createRedactor();
    redactor.add("A", "same-value-1");
    redactor.add("B", "same-value-1");
    expect(redactor.size).toBe(1);
    expect(redactor.text("same-value-1")).toBe("[redacted:A]");
  });
});
