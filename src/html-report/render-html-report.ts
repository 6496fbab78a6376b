import { createHash } from "node:crypto";
import { pageDataElement } from "../report/index.js";
import { VERSION } from "../version.js";
import { buildReportData, type HtmlReportInput } from "./build-report-data.js";
import { pageAssets } from "./internal/assets.js";
import type { ReportData } from "./report-data.js";

/**
 * report.html: one self-contained file (styles, script and data inline, no
 * network request), readable from file://, as a CI artifact and in MLflow's
 * artifact viewer (a sandboxed frame).
 */
export function renderHtmlReport(input: HtmlReportInput): string {
  return renderReportPage(buildReportData(input));
}

/**
 * The page for already built data. Run data reaches the page only as gzip +
 * base64 (report/page-data.ts: no output can close the script tag) and is
 * rendered as text by the script; the title is HTML-escaped. The Content
 * Security Policy allows exactly this page's script (by hash) and no network
 * at all, so even a rendering mistake could neither run injected script nor
 * call out.
 */
export function renderReportPage(data: ReportData): string {
  const { template, styles, script } = pageAssets();
  const scriptHash = createHash("sha256").update(script).digest("base64");
  const csp = [`default-src 'none'`, `script-src 'sha256-${scriptHash}'`, `style-src 'unsafe-inline'`, `base-uri 'none'`, `form-action 'none'`].join("; ");
  const slots: Record<string, string> = {
    csp,
    version: escapeHtml(VERSION),
    title: escapeHtml(`evalgate report: ${data.run.suite} · ${data.run.run_id}`),
    styles,
    data: pageDataElement(data),
    script,
  };
  // A replacer function: "$&" and friends in the script or data must stay literal.
  return template.replace(/\{\{(\w+)\}\}/g, (match, name: string) => slots[name] ?? match);
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
