import { describe, expect, it } from "vitest";
import { mapPageData, pageDataElement, readPageData } from "./page-data.js";

const page = (data: unknown) => `<!doctype html><title>t</title>${pageDataElement(data)}<script>boot()</script>`;

describe("report page data", () => {
  it("round-trips any JSON, markup in strings included, as base64 only", () => {
    const data = { texts: ["</script><script>alert(1)</script>", "é 🙂"], n: [1, -1] };
    const html = page(data);
    expect(readPageData(html)).toEqual(data);
    expect(html.match(/<script/g)).toHaveLength(2);
    expect(html).not.toContain("alert");
  });

  it("replaces the data and nothing else", () => {
    const html = page({ texts: ["token sk-abc"] });
    const mapped = mapPageData(html, (d) => ({ ...(d as object), texts: ["token [redacted]"] }));
    expect(readPageData(mapped)).toEqual({ texts: ["token [redacted]"] });
    expect(mapped.startsWith("<!doctype html><title>t</title>")).toBe(true);
    expect(mapped.endsWith("<script>boot()</script>")).toBe(true);
  });

  it("leaves a page without data as it is", () => {
    expect(readPageData("<p>no data</p>")).toBeUndefined();
    expect(mapPageData("<p>no data</p>", () => ({}))).toBe("<p>no data</p>");
  });
});
