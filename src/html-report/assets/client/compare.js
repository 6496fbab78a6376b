// Compare: the gate's paired comparison of this run (candidate) with a baseline.

const VERDICT_GLYPH = { pass: "✓", warn: "⚠", fail: "✗", inconclusive: "?" };

function renderCompare() {
  const C = D.compare;
  const G = C.result;
  const regressed = regressedMetrics(G);
  const main = G.metrics.filter((m) => m.kind !== "tag");
  const tags = G.metrics.filter((m) => m.kind === "tag");
  return h(
    "div",
    { id: "compare-view" },
    h(
      "div",
      { class: "verdict-banner" },
      h("span", { class: `badge ${G.verdict}`, id: "gate-verdict" }, `${VERDICT_GLYPH[G.verdict]} ${G.verdict.toUpperCase()}`),
      h("div", null, h("div", null, `Baseline ${G.baseline.run_id} (${G.baseline.ref}) → this run ${G.candidate.run_id}`), h("div", { class: "muted" }, comparedCases(G))),
    ),
    h("h2", null, "Rules"),
    rulesTable(G.rules),
    h("h2", null, "Baseline and this run, paired by case"),
    h("p", { class: "note" }, `Rates on the cases both runs scored, with ${pct(G.confidence, 0)} intervals clustered by case; the difference is this run minus the baseline, averaged over paired cases (${G.interval === "bootstrap" ? "paired bootstrap" : "paired t"} interval). Red rows: a rule failed or warned on the metric, or its difference is below zero throughout the interval. Grey marks: the baseline.`),
    comparisonTable(main, regressed, "compare-table"),
    tags.length > 0 ? [h("h2", null, "By dataset tag"), comparisonTable(tags, regressed, "compare-tags-table")] : null,
    worseCases(G, route.params.metric ?? "overall"),
  );
}

/** One row per metric: both sides' rates with intervals, and the paired difference on a shared axis. */
function comparisonTable(metrics, regressed, id) {
  const range = differenceRange(metrics);
  const omitted = D.compare.newly_failing_omitted;
  const columns = [
    { key: "id", label: "Metric", cell: (m) => (m.kind === "overall" ? h("strong", null, "overall") : m.kind === "tag" ? m.id.slice(4) : m.id) },
    { key: "kind", label: "Kind", cell: (m) => h("span", { class: "muted" }, m.kind) },
    { key: "baseline", label: "Baseline", num: true, cell: (m) => sideCell(m.baseline) },
    { key: "candidate", label: "This run", num: true, cell: (m) => sideCell(m.candidate) },
    {
      key: "rates",
      label: rateAxis,
      cell: (m) => rateChart({ rate: m.candidate.rate, low: m.candidate.low, high: m.candidate.high, name: "this run" }, [{ rate: m.baseline.rate, low: m.baseline.low, high: m.baseline.high, cls: "base", name: "baseline" }], `${m.id}: baseline and this run`),
    },
    { key: "difference", label: "Difference", num: true, cell: (m) => [points(m.difference.estimate), h("div", { class: "muted" }, m.difference.estimate === null ? "" : `${points(m.difference.low)} to ${points(m.difference.high)}`)] },
    { key: "chart", label: () => differenceAxis(range), cell: (m) => differenceChart(m.difference, range) },
    { key: "cases", label: "Paired cases", num: true, cell: (m) => count(m.difference.cases) },
    { key: "worse", label: "Got worse", num: true, cell: (m) => (m.newly_failing_cases.length > 0 ? linkButton(count(m.newly_failing_cases.length + (omitted[m.id] ?? 0)), () => setParams({ metric: m.id, p: 0 })) : "0") },
  ];
  const table = dataTable(columns, metrics, {
    rowProps: (m) => ({ class: regressed.has(m.id) ? "regressed" : m.difference.estimate !== null && m.difference.low > 0 ? "improved" : undefined, dataset: { metric: m.id, regressed: regressed.has(m.id) ? "true" : undefined } }),
  });
  table.querySelector("table").id = id;
  return table;
}

function comparedCases(G) {
  const parts = [`${plural(G.cases.shared, "shared case")}`];
  if (G.cases.baseline_only.length > 0) parts.push(`${count(G.cases.baseline_only.length)} only in the baseline`);
  if (G.cases.candidate_only.length > 0) parts.push(`${count(G.cases.candidate_only.length)} only in this run`);
  return `${parts.join(" · ")} · ${plural(G.rules_tested, "rule check")}${G.correction === "holm" ? " (Holm-corrected)" : ""}`;
}

/** Metrics a failing or warning rule names, or whose whole difference interval lies below zero. */
function regressedMetrics(G) {
  const ids = new Set(G.rules.filter((r) => r.metric && (r.verdict === "fail" || r.verdict === "warn")).map((r) => r.metric));
  for (const m of G.metrics) if (m.difference.estimate !== null && m.difference.high < 0) ids.add(m.id);
  return ids;
}

function differenceRange(metrics) {
  const extent = Math.max(0.1, ...metrics.flatMap((m) => (m.difference.estimate === null ? [] : [Math.abs(m.difference.low), Math.abs(m.difference.high)])));
  return Math.min(1, Math.ceil(extent * 20) / 20);
}

function sideCell(side) {
  return [pct(side.rate), h("div", { class: "muted" }, side.rate === null ? "" : interval(side.low, side.high))];
}

const VERDICT_ORDER = ["fail", "inconclusive", "warn", "pass"];

function rulesTable(unordered) {
  if (unordered.length === 0) return h("p", { class: "note" }, "The gate has no rules.");
  // What decided the verdict first; passing checks last.
  const rules = [...unordered].sort((a, b) => VERDICT_ORDER.indexOf(a.verdict) - VERDICT_ORDER.indexOf(b.verdict));
  return h(
    "table",
    { id: "rules-table" },
    h("thead", null, h("tr", null, h("th", null, "Verdict"), h("th", null, "Rule"), h("th", null, "Metric"), h("th", null, "Why"))),
    h(
      "tbody",
      null,
      rules.map((r) =>
        h(
          "tr",
          { class: r.verdict === "fail" ? "regressed" : undefined },
          h("td", null, h("span", { class: `badge ${r.verdict}` }, `${VERDICT_GLYPH[r.verdict]} ${r.verdict}`)),
          h("td", null, r.rule),
          h("td", null, r.metric ?? NONE),
          h("td", null, r.reason, r.failing_cases && r.failing_cases.length > 0 ? h("div", { class: "muted" }, `cases: ${r.failing_cases.join(", ")}`) : null),
        ),
      ),
    ),
  );
}

function worseCases(G, metricId) {
  const metric = G.metrics.find((m) => m.id === metricId) ?? G.metrics[0];
  if (!metric) return null;
  const omitted = D.compare.newly_failing_omitted[metric.id] ?? 0;
  const columns = [
    { key: "case", label: "Case", cell: (c) => (R.caseIndex.has(c.case_id) ? linkButton(c.case_id, () => go("case", { id: c.case_id })) : c.case_id) },
    { key: "base", label: "Baseline passed", num: true, cell: (c) => `${c.baseline.passed}/${c.baseline.trials}` },
    { key: "cand", label: "This run passed", num: true, cell: (c) => `${c.candidate.passed}/${c.candidate.trials}` },
    { key: "why", label: "Why this run's trials failed", cell: (c) => h("span", { class: "critique" }, c.reasons.slice(0, 2).map((r) => clip(r, 240)).join("\n"), c.reasons.length > 2 ? h("span", { class: "muted" }, ` (+${c.reasons.length - 2} more)`) : "") },
  ];
  return [
    h("h2", null, "Cases that got worse"),
    h("div", { class: "filters" }, h("label", null, "Metric", select(G.metrics.map((m) => [m.id, `${m.id} (${m.newly_failing_cases.length + (D.compare.newly_failing_omitted[m.id] ?? 0)})`]), metric.id, (id) => setParams({ metric: id, p: 0 }), { id: "compare-metric" }))),
    dataTable(columns, metric.newly_failing_cases, { pageSize: PAGE_SIZE, page: Number(route.params.p ?? 0), onPage: (p) => setParams({ p }), empty: "No case got worse on this metric." }),
    omitted > 0 ? h("p", { class: "note" }, `… and ${plural(omitted, "more case")} (the gate's JSON output lists them all).`) : null,
  ];
}
