import { describe, expect, it } from "vitest";
import { checkUrls } from "./urls.js";

const flagged = (text: string, allow: string[]) => (checkUrls(text, { allow }).spans ?? []).map((s) => text.slice(s.start, s.end));

describe("checkUrls", () => {
  it.each([
    ["an allowed host", "See https://example.com/help.", ["example.com"]],
    ["a subdomain of an allowed host", "See https://docs.example.com/a?b=c", ["example.com"]],
    ["a bare www link", "Go to www.example.com today", ["example.com"]],
    ["a host with a port and credentials", "http://user:pw@api.example.com:8443/x", ["example.com"]],
    ["an upper-case host", "HTTPS://EXAMPLE.COM/Path", ["example.com"]],
    ["an entry written as a URL", "https://shop.example.org/cart", ["https://example.org/"]],
    ["an entry written with a wildcard", "https://a.b.example.net", ["*.example.net"]],
    ["an international name in either form", "https://bücher.example/", ["xn--bcher-kva.example"]],
    ["text without links", "Call us or visit the store (example.com) on foot.", []],
  ])("allows %s", (_, text, allow) => {
    expect(checkUrls(text, { allow })).toEqual({ triggered: false });
  });

  it.each([
    ["a host not on the list", "Download from https://evil.test/payload.exe now", ["example.com"], ["https://evil.test/payload.exe"]],
    ["a look-alike suffix", "https://badexample.com/login", ["example.com"], ["https://badexample.com/login"]],
    ["an allowed name inside another host", "https://example.com.evil.test/", ["example.com"], ["https://example.com.evil.test/"]],
    ["every link when the list is empty", "https://example.com and www.other.org", [], ["https://example.com", "www.other.org"]],
    ["a markdown link", "[docs](https://evil.test/docs) here", ["example.com"], ["https://evil.test/docs"]],
  ])("flags %s", (_, text, allow, expected) => {
    expect(flagged(text, allow)).toEqual(expected);
  });

  it("names each offending host once", () => {
    expect(checkUrls("https://a.test/1 https://a.test/2 http://b.test", { allow: ["example.com"] }).reason).toMatchInlineSnapshot(`"links to "a.test" and "b.test" not on the allow-list"`);
  });
});
