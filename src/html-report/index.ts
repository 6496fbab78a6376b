export { buildReportData, TEXT_LIMIT_CHARS, type HtmlReportInput } from "./build-report-data.js";
export { EMBEDDED_TRIALS_LIMIT } from "./internal/trial-selection.js";
export { renderHtmlReport, renderReportPage } from "./render-html-report.js";
export { loadReportAlignment } from "./load-report-alignment.js";
export { htmlReportOf, writeHtmlReport, writeRunReports, type RunReportInput, type RunReportsInput } from "./write-run-reports.js";
export { GuardEvalSchema, type GuardEval } from "./guard-eval-schema.js";
export { REPORT_DATA_VERSION, type ReportData } from "./report-data.js";
