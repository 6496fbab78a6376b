// Failure modes: the ranked table, and failure mode × dataset tag; a cell lists its trials.

const PIVOT_TAGS_SHOWN = 30;
const UNTAGGED = "(untagged)";

function renderFailureModes() {
  const modes = D.summary.failure_modes;
  if (modes.length === 0) return h("p", null, "No check or judge failed in this run.");
  const selected = route.params.metric ?? "";
  const selectedTag = route.params.tag ?? "";
  const columns = [
    { key: "rank", label: "#", num: true, cell: (m) => String(modes.indexOf(m) + 1) },
    { key: "label", label: "Failure mode", cell: (m) => m.label },
    { key: "source", label: "Source", cell: (m) => h("span", { class: "muted" }, m.kind === "judge" ? `judge ${m.id}` : `check ${m.id} (${m.check_type})`) },
    { key: "failed_trials", label: "Failed trials", num: true, cell: (m) => count(m.failed_trials) },
    { key: "failed_cases", label: "Cases", num: true, cell: (m) => count(m.failed_cases) },
    { key: "share_of_scored", label: "Share of scored", num: true, cell: (m) => pct(m.share_of_scored) },
    { key: "bar", label: "Share of failures", cell: (m) => [shareBar(m.share_of_failures, "seg-fail"), " ", pct(m.share_of_failures)] },
  ];
  const table = dataTable(columns, modes, {
    rowProps: (m) => ({ class: `clickable${`${m.kind}:${m.id}` === selected && selectedTag === "" ? " selected" : ""}`, onclick: () => setParams({ metric: `${m.kind}:${m.id}`, tag: "", p: 0 }) }),
  });
  table.querySelector("table").id = "failure-modes-table";
  return h(
    "div",
    null,
    h("h2", null, "Ranked failure modes"),
    h("p", { class: "note" }, "Checks and judges ranked by the trials they fail. A trial failing two modes counts in both, so shares can add up to more than the failure rate."),
    table,
    h("h2", null, "Failure mode × dataset tag"),
    pivotTable(selected, selectedTag),
    selected ? pivotTrials(selected, selectedTag) : h("p", { class: "note" }, "Click a count to list its trials."),
  );
}

/** Failing-trial counts per failure mode, per tag, computed once from the trials. */
function failurePivot() {
  if (R.pivot) return R.pivot;
  const tagTotals = new Array(D.tags.length).fill(0);
  const rows = D.summary.failure_modes.map((m) => {
    const key = `${m.kind}:${m.id}`;
    const metric = R.metricIndex.get(key);
    const row = { key, mode: m, all: 0, untagged: 0, tags: new Array(D.tags.length).fill(0) };
    if (metric === undefined) return row;
    const outcomes = D.trials.scores[metric].outcome;
    for (let i = 0; i < outcomes.length; i++) {
      if (outcomes[i] !== "f") continue;
      row.all++;
      const tags = D.cases.tags[D.trials.case[i]];
      if (tags.length === 0) row.untagged++;
      for (const t of tags) {
        row.tags[t]++;
        tagTotals[t]++;
      }
    }
    return row;
  });
  const tags = tagTotals
    .map((total, t) => ({ t, total }))
    .filter((x) => x.total > 0)
    .sort((a, b) => b.total - a.total || a.t - b.t);
  R.pivot = { rows, tags: tags.slice(0, PIVOT_TAGS_SHOWN).map((x) => x.t), hidden: Math.max(0, tags.length - PIVOT_TAGS_SHOWN), anyUntagged: rows.some((r) => r.untagged > 0) };
  return R.pivot;
}

function pivotTable(selected, selectedTag) {
  const pivot = failurePivot();
  const max = Math.max(1, ...pivot.rows.flatMap((r) => pivot.tags.map((t) => r.tags[t])));
  const cell = (row, tag, n) => {
    const active = row.key === selected && tag === selectedTag;
    const td = h("td", { class: `heat${n === 0 ? " empty" : ""}${active ? " selected" : ""}`, dataset: { metric: row.key, tag }, title: `${row.mode.label} × ${tag || "all cases"}: ${plural(n, "failing trial")}`, onclick: n === 0 ? undefined : () => setParams({ metric: row.key, tag, p: 0 }) }, n === 0 ? "·" : count(n));
    if (n > 0 && tag !== "") td.style.background = `rgba(198, 47, 47, ${(0.08 + 0.5 * (n / max)).toFixed(3)})`;
    if (active) td.style.outline = "2px solid var(--accent)";
    return td;
  };
  const head = h("tr", null, h("th", null, "Failure mode"), h("th", { class: "num" }, "All"), pivot.tags.map((t) => h("th", { class: "num" }, D.tags[t])), pivot.anyUntagged ? h("th", { class: "num" }, UNTAGGED) : null);
  const body = pivot.rows.map((row) => h("tr", null, h("td", null, row.mode.label), cell(row, "", row.all), pivot.tags.map((t) => cell(row, D.tags[t], row.tags[t])), pivot.anyUntagged ? cell(row, UNTAGGED, row.untagged) : null));
  return [
    h("div", { class: "scroll" }, h("table", { id: "failure-pivot" }, h("thead", null, head), h("tbody", null, body))),
    pivot.hidden > 0 ? h("p", { class: "note" }, `${plural(pivot.hidden, "more tag")} with failures not shown; filter by tag in Cases.`) : null,
  ];
}

function pivotTrials(metricKey, tag) {
  const metric = R.metricIndex.get(metricKey);
  if (metric === undefined) return null;
  const tagIndex = D.tags.indexOf(tag);
  const outcomes = D.trials.scores[metric].outcome;
  const reasons = D.trials.scores[metric].reason;
  const trials = [];
  for (let i = 0; i < outcomes.length; i++) {
    if (outcomes[i] !== "f") continue;
    const tags = D.cases.tags[D.trials.case[i]];
    if (tag === UNTAGGED ? tags.length > 0 : tag !== "" && !tags.includes(tagIndex)) continue;
    trials.push(i);
  }
  const m = D.metrics[metric];
  const columns = [
    { key: "case", label: "Case", cell: (i) => linkButton(D.cases.id[D.trials.case[i]], () => go("case", { id: D.cases.id[D.trials.case[i]], trial: D.trials.trial[i] })) },
    { key: "trial", label: "Trial", num: true, cell: (i) => String(D.trials.trial[i]) },
    { key: "tags", label: "Tags", cell: (i) => D.cases.tags[D.trials.case[i]].map((t) => h("span", { class: "tag" }, D.tags[t])) },
    { key: "reason", label: m.kind === "judge" ? "Critique" : "Reason", cell: (i) => h("span", { class: "critique" }, clip(text(reasons[i]) ?? "", 400)) },
  ];
  return h(
    "div",
    { id: "pivot-trials" },
    h("h3", null, `${metricLabel(m)} × ${tag || "all cases"}: ${plural(trials.length, "failing trial")}`),
    dataTable(columns, trials, { pageSize: PAGE_SIZE, page: Number(route.params.p ?? 0), onPage: (p) => setParams({ p }) }),
  );
}
