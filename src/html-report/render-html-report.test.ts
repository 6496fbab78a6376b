import { createHash } from "node:crypto";
import { gunzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { GENERATED_AT, readFixtureRun } from "../../tests/fixtures/runs/fixture-runs.js";
import type { RunData } from "../log/index.js";
import { summarize } from "../report/index.js";
import type { ReportData } from "./report-data.js";
import { renderHtmlReport } from "./render-html-report.js";

const HOSTILE = "</script><script>alert(1)</script><!-- <img src=x onerror=alert(2)>";

let run: RunData;
let html: string;
beforeAll(async () => {
  run = await readFixtureRun("support-bot");
  // Model output, a critique and the suite name are all run data: none may become markup.
  const trials = run.trials.map((t, i) => (i === 0 ? { ...t, output: HOSTILE, judges: t.judges.map((j) => ({ ...j, critique: HOSTILE })) } : t));
  const manifest = { ...run.manifest, suite: `support-bot ${HOSTILE}` };
  html = renderHtmlReport({ manifest, trials, summary: summarize(manifest, trials, { generatedAt: GENERATED_AT }), generatedAt: GENERATED_AT });
});

const scripts = () => [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].map((m) => ({ attributes: m[1]!, body: m[2]! }));
const payload = (): ReportData => JSON.parse(gunzipSync(Buffer.from(scripts()[0]!.body, "base64")).toString("utf8"));

describe("renderHtmlReport", () => {
  it("is self-contained: no src, href or url( points anywhere but the page itself", () => {
    const references = [...html.matchAll(/\b(?:src|href)\s*=\s*["']?([^"'\s>]*)|url\(\s*["']?([^"')]*)/gi)].map((m) => m[1] ?? m[2] ?? "");
    const external = references.filter((ref) => /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(ref) && !/^(?:data|blob):/i.test(ref));
    expect(external).toEqual([]);
    expect(html).not.toMatch(/<link\b|<iframe\b|<img\b[^>]*src=["']?https?:|@import/i);
  });

  it("carries run data only as gzip + base64, so no output can close the script tag", () => {
    const [data, script, extra] = scripts();
    expect(extra).toBeUndefined();
    expect(data!.attributes).toContain('id="evalgate-data"');
    expect(data!.attributes).toContain('type="application/octet-stream"');
    expect(data!.body).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(script!.body).not.toMatch(/<\/script|<!--/i);
    expect(html).not.toContain("<script>alert(1)");
    // Outside the (escaped) title, the hostile text appears nowhere in readable form.
    expect(html.replace(/<title>.*<\/title>/, "")).not.toMatch(/alert\(|onerror/);
  });

  it("decodes back to the run's texts unchanged, hostile ones included", () => {
    const data = payload();
    expect(data.texts).toContain(JSON.stringify(HOSTILE));
    expect(data.texts).toContain(HOSTILE);
    expect(data.run.run_id).toBe(run.manifest.run_id);
    expect(data.trials.case).toHaveLength(run.trials.length);
  });

  it("escapes run data in the page's title", () => {
    expect(html).toContain("<title>evalgate report: support-bot &#60;/script&#62;&#60;script&#62;alert(1)");
  });

  it("allows exactly its own script by hash and no network in its Content-Security-Policy", () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)![1]!;
    const hash = createHash("sha256").update(scripts()[1]!.body).digest("base64");
    expect(csp.split("; ")).toEqual([`default-src 'none'`, `script-src 'sha256-${hash}'`, `style-src 'unsafe-inline'`, `base-uri 'none'`, `form-action 'none'`]);
  });
});
