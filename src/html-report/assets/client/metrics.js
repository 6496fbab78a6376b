// Metrics: every check and judge (and tag) as a pass rate with its interval, sortable.

function renderMetrics() {
  const S = D.summary;
  const sort = route.params.sort ? { key: route.params.sort, dir: route.params.dir ?? "desc" } : undefined;
  const onSort = (key) => {
    const next = nextSort(sort, key);
    setParams({ sort: next.key, dir: next.dir });
  };
  const rows = S.scores.map((score) => ({
    key: `${score.kind}:${score.id}`,
    name: score.id,
    kind: score.kind,
    what: score.kind === "check" ? score.type : score.failure_mode,
    score,
    rate: score.pass_rate,
    corrected: score.kind === "judge" && score.alignment && score.alignment.corrected.status === "estimated" ? score.alignment.corrected : null,
  }));
  const overall = { key: "overall", name: "overall", kind: "", what: "every check and judge passes", rate: S.overall.pass_rate, score: S.overall, corrected: null };
  const tagRows = S.tags.map((t) => ({ key: `tag:${t.tag}`, name: t.tag, kind: "tag", what: plural(t.pass_rate.cases, "case"), rate: t.pass_rate, score: t, corrected: null }));
  return h(
    "div",
    null,
    D.compare ? h("p", { class: "notice" }, `This run is compared with ${D.compare.result.baseline.run_id}: `, linkButton("see both side by side, with the paired differences", () => go("compare")), ".") : null,
    h("h2", null, "Checks and judges"),
    h("p", { class: "note" }, `Pass rates with their ${confidence()} intervals, clustered by case (a case's repeats are not independent). Unscored trials are left out of each rate. Click a header to sort.`),
    metricsTable([overall, ...rows], sort, onSort, "metrics-table"),
    rows.some((r) => r.corrected) ? h("p", { class: "note" }, "Dashed purple: the judge's pass rate corrected for its measured TPR and TNR against human labels (see Alignment).") : null,
    tagRows.length > 0 ? [h("h2", null, "By dataset tag"), metricsTable(tagRows, sort, onSort, "tags-table")] : null,
  );
}

function metricsTable(rows, sort, onSort, id) {
  const columns = [
    { key: "name", label: "Metric", sort: (r) => r.name, cell: (r) => (r.kind === "tag" ? linkButton(r.name, () => go("cases", { tag: r.name })) : r.kind ? linkButton(r.name, () => go("failures", { metric: r.key })) : h("strong", null, r.name)) },
    { key: "kind", label: "Kind", sort: (r) => r.kind, cell: (r) => r.kind },
    { key: "what", label: "Type / failure mode", sort: (r) => r.what, cell: (r) => h("span", { class: "muted" }, r.what) },
    { key: "rate", label: "Pass rate", num: true, sort: (r) => r.rate.rate, cell: (r) => [pct(r.rate.rate), r.corrected ? h("div", { class: "muted", title: "corrected with human labels" }, `corr. ${pct(r.corrected.estimate)}`) : null] },
    {
      key: "chart",
      label: rateAxis,
      cell: (r) => rateChart(r.rate, r.corrected ? [{ rate: r.corrected.estimate, low: r.corrected.low, high: r.corrected.high, cls: "corrected", name: "corrected" }] : [], `${r.name} pass rate`),
    },
    { key: "low", label: `${confidence()} CI`, num: true, sort: (r) => r.rate.low, cell: (r) => interval(r.rate.rate === null ? null : r.rate.low, r.rate.high) },
    { key: "passed", label: "Pass", num: true, sort: (r) => r.score.passed, cell: (r) => count(r.score.passed) },
    { key: "failed", label: "Fail", num: true, sort: (r) => r.score.failed, cell: (r) => count(r.score.failed) },
    { key: "errors", label: "Unscored", num: true, sort: (r) => r.score.errors, cell: (r) => count(r.score.errors) },
  ];
  const fixed = rows[0] && rows[0].key === "overall" ? rows[0] : null;
  const rest = fixed ? rows.slice(1) : rows;
  const table = dataTable(columns, rest, { sort, onSort });
  table.querySelector("table").id = id;
  if (fixed) {
    const body = table.querySelector("tbody");
    body.prepend(dataTable(columns, [fixed]).querySelector("tbody tr"));
  }
  return table;
}
