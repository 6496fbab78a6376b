// Cases: filter by tag, metric and outcome, search every text; a case opens to its trials.

const OUTCOME_FILTERS = [
  ["", "any outcome"],
  ["pass", "pass (every scored trial passed)"],
  ["fail", "fail (every scored trial failed)"],
  ["flaky", "flaky (some passed, some failed)"],
  ["error", "error (a trial was unscored)"],
];

function renderCases() {
  const results = h("div", { id: "case-results" });
  let timer;
  const refresh = (params) => {
    setParams({ ...params, p: params.p ?? 0 }, false);
    fill(results, caseResults());
  };
  const p = route.params;
  const filters = h(
    "div",
    { class: "filters" },
    h("label", null, "Tag", select([["", "any tag"], ...D.tags.map((t) => [t, t])], p.tag ?? "", (tag) => refresh({ tag }), { id: "filter-tag" })),
    h("label", null, "Metric", select([["", "overall"], ...D.metrics.map((m, i) => [R.metricKeys[i], metricLabel(m)])], p.metric ?? "", (metric) => refresh({ metric }), { id: "filter-metric" })),
    h("label", null, "Outcome", select(OUTCOME_FILTERS, p.outcome ?? "", (outcome) => refresh({ outcome }), { id: "filter-outcome" })),
    h(
      "label",
      null,
      "Search",
      h("input", {
        type: "search",
        id: "filter-search",
        placeholder: "case id, input, output, critique…",
        value: p.q ?? "",
        oninput: (event) => {
          clearTimeout(timer);
          timer = setTimeout(() => refresh({ q: event.target.value }), 200);
        },
      }),
    ),
    h("label", null, "Order", select([["", "run order"], ["failures", "most failing trials first"]], p.order ?? "", (order) => refresh({ order }), { id: "filter-order" })),
  );
  fill(results, caseResults());
  return h("div", null, filters, results);
}

/** The cases passing the current filters, in the chosen order. */
function filteredCases(params) {
  const metric = params.metric ? R.metricIndex.get(params.metric) : undefined;
  const tag = params.tag ? D.tags.indexOf(params.tag) : -1;
  const query = (params.q ?? "").trim();
  const marks = query ? matchingTexts(query) : null;
  const rows = [];
  for (let c = 0; c < D.cases.id.length; c++) {
    if (tag >= 0 && !D.cases.tags[c].includes(tag)) continue;
    const outcomes = caseOutcomes(c, metric);
    const stats = metric === undefined ? R.caseStats[c] : tally(outcomes);
    if (metric !== undefined && stats.applied === 0) continue;
    if (params.outcome && !caseClasses(stats).includes(params.outcome)) continue;
    if (marks && !caseMatches(c, query, marks)) continue;
    rows.push({ c, stats, outcomes });
  }
  if (params.order === "failures") rows.sort((a, b) => b.stats.failed - a.stats.failed || b.stats.errors - a.stats.errors || a.c - b.c);
  return rows;
}

/** Outcome characters of a case's trials: overall, or on one metric. */
function caseOutcomes(c, metric) {
  const trials = R.caseTrials[c];
  let out = "";
  for (const i of trials) out += metric === undefined ? D.trials.outcome[i] : D.trials.scores[metric].outcome[i];
  return out;
}

function caseResults() {
  const params = route.params;
  const rows = filteredCases(params);
  R.lastCaseList = rows.map((r) => r.c);
  R.casesParams = { ...params };
  const metric = params.metric ? R.metricIndex.get(params.metric) : undefined;
  const columns = [
    { key: "case", label: "Case", cell: (r) => linkButton(D.cases.id[r.c], () => go("case", { id: D.cases.id[r.c] }), { "data-case": D.cases.id[r.c] }) },
    { key: "tags", label: "Tags", cell: (r) => D.cases.tags[r.c].map((t) => h("span", { class: "tag" }, D.tags[t])) },
    { key: "trials", label: metric === undefined ? "Trials" : `Trials on ${D.metrics[metric].id}`, cell: (r) => glyphs(r.outcomes) },
    { key: "passed", label: "Pass", num: true, cell: (r) => count(r.stats.passed) },
    { key: "failed", label: "Fail", num: true, cell: (r) => count(r.stats.failed) },
    { key: "errors", label: "Unscored", num: true, cell: (r) => count(r.stats.errors) },
    { key: "why", label: "First failure", cell: (r) => h("span", { class: "muted" }, clip(firstFailure(r.c, metric) ?? "", 160)) },
  ];
  return [
    h("p", { class: "note", id: "case-count" }, `${plural(rows.length, "case")} of ${count(D.cases.id.length)}`),
    dataTable(columns, rows, { pageSize: PAGE_SIZE, page: Number(params.p ?? 0), onPage: (p) => setParams({ p }), empty: "No case matches these filters." }),
  ];
}

/** "metric: reason" of the first failing score of a case (on one metric when given). */
function firstFailure(c, metric) {
  const scores = D.trials.scores;
  for (const i of R.caseTrials[c]) {
    if (D.trials.status[i] === "e" && metric === undefined) return `target: ${text(D.trials.error[i]) ?? "failed"}`;
    for (let m = 0; m < scores.length; m++) {
      if (metric !== undefined && m !== metric) continue;
      if (scores[m].outcome[i] === "f") return `${D.metrics[m].id}: ${text(scores[m].reason[i]) ?? ""}`;
    }
  }
  return undefined;
}
