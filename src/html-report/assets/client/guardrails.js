// Guardrails: how often each guard triggered in this run, and (from `guard eval`) how well it detects.

function hasGuardrails() {
  return Boolean(D.guard_eval) || D.trials.guardrails.some((ref) => ref >= 0);
}

/** Per guard: decisions, triggers, errors and latency, from the trials' guardrail decisions. */
function guardStats() {
  if (R.guards) return R.guards;
  const byId = new Map();
  const t = D.trials;
  for (let i = 0; i < t.guardrails.length; i++) {
    const v = value(t.guardrails[i]);
    if (!v || !Array.isArray(v.value)) continue;
    for (const g of v.value) {
      let stat = byId.get(g.id);
      if (!stat) byId.set(g.id, (stat = { id: g.id, type: g.type, stages: new Set(), actions: new Set(), decisions: 0, triggered: 0, errors: 0, latencies: [], trials: [] }));
      stat.stages.add(g.stage);
      stat.actions.add(g.action);
      stat.decisions++;
      if (g.triggered) {
        stat.triggered++;
        stat.trials.push({ i, g });
      }
      if (g.error) stat.errors++;
      if (typeof g.latency_ms === "number") stat.latencies.push(g.latency_ms);
    }
  }
  R.guards = [...byId.values()].map((stat) => {
    stat.latencies.sort((a, b) => a - b);
    return { ...stat, p50: quantile(stat.latencies, 0.5), p95: quantile(stat.latencies, 0.95) };
  });
  return R.guards;
}

/** Linear-interpolation percentile (numpy's default), as the summary's latency uses. */
function quantile(sorted, q) {
  if (sorted.length === 0) return null;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

function renderGuardrails() {
  const stats = guardStats();
  const selected = route.params.guard;
  const columns = [
    { key: "id", label: "Guard", cell: (g) => h("strong", null, g.id) },
    { key: "type", label: "Type", cell: (g) => g.type },
    { key: "stage", label: "Stage", cell: (g) => [...g.stages].join(", ") },
    { key: "action", label: "Action", cell: (g) => [...g.actions].join(", ") },
    { key: "decisions", label: "Checked", num: true, sort: (g) => g.decisions, cell: (g) => count(g.decisions) },
    { key: "triggered", label: "Triggered", num: true, sort: (g) => g.triggered, cell: (g) => count(g.triggered) },
    { key: "rate", label: "Trigger rate", sort: (g) => g.triggered / g.decisions, cell: (g) => [shareBar(g.triggered / g.decisions, "seg-fail"), " ", pct(g.triggered / g.decisions)] },
    { key: "errors", label: "Errors", num: true, sort: (g) => g.errors, cell: (g) => count(g.errors) },
    { key: "p50", label: "p50", num: true, sort: (g) => g.p50, cell: (g) => ms(g.p50) },
    { key: "p95", label: "p95", num: true, sort: (g) => g.p95, cell: (g) => ms(g.p95) },
  ];
  const sort = route.params.sort ? { key: route.params.sort, dir: route.params.dir ?? "desc" } : undefined;
  const table = dataTable(columns, stats, {
    sort,
    onSort: (key) => {
      const next = nextSort(sort, key);
      setParams({ sort: next.key, dir: next.dir });
    },
    rowProps: (g) => ({ class: `clickable${g.id === selected ? " selected" : ""}`, onclick: () => setParams({ guard: g.id, p: 0 }) }),
    empty: "No trial of this run went through a guardrail.",
  });
  table.querySelector("table").id = "guards-table";
  const chosen = stats.find((g) => g.id === selected);
  return h(
    "div",
    { id: "guardrails-view" },
    h("h2", null, "Triggers in this run"),
    table,
    chosen ? triggeredTrials(chosen) : stats.length > 0 ? h("p", { class: "note" }, "Click a guard to list the trials it triggered on.") : null,
    D.guard_eval ? [h("h2", null, "Detection on labelled texts (guard eval)"), renderGuardEval(D.guard_eval)] : null,
  );
}

function triggeredTrials(guard) {
  const columns = [
    { key: "case", label: "Case", cell: (x) => linkButton(D.cases.id[D.trials.case[x.i]], () => go("case", { id: D.cases.id[D.trials.case[x.i]], trial: D.trials.trial[x.i] })) },
    { key: "trial", label: "Trial", num: true, cell: (x) => String(D.trials.trial[x.i]) },
    { key: "stage", label: "Stage", cell: (x) => x.g.stage },
    { key: "action", label: "Action", cell: (x) => x.g.action },
    { key: "what", label: "Found", cell: (x) => [x.g.spans ? x.g.spans.map((sp) => h("span", { class: "tag" }, sp.label)) : null, x.g.reason ? h("span", { class: "critique" }, clip(x.g.reason, 240)) : null] },
  ];
  return [h("h3", null, `${guard.id}: triggered on ${plural(guard.triggered, "text")}`), dataTable(columns, guard.trials, { pageSize: PAGE_SIZE, page: Number(route.params.p ?? 0), onPage: (p) => setParams({ p }) })];
}

/**
 * The `guard eval` figures: { guards: [{ id, tp, fp, fn, tn, precision,
 * recall, f1, fpr, p50_ms, p95_ms }] } (src/html-report/guard-eval-schema.ts).
 */
function renderGuardEval(evaluation) {
  const columns = [
    { key: "id", label: "Guard", cell: (g) => h("strong", null, g.id) },
    { key: "tp", label: "TP", num: true, cell: (g) => count(g.tp) },
    { key: "fp", label: "FP", num: true, cell: (g) => count(g.fp) },
    { key: "fn", label: "FN", num: true, cell: (g) => count(g.fn) },
    { key: "tn", label: "TN", num: true, cell: (g) => count(g.tn) },
    { key: "precision", label: "Precision", cell: (g) => [shareBar(g.precision ?? 0), " ", pct(g.precision)] },
    { key: "recall", label: "Recall", cell: (g) => [shareBar(g.recall ?? 0), " ", pct(g.recall)] },
    { key: "f1", label: "F1", num: true, cell: (g) => pct(g.f1) },
    { key: "fpr", label: "FPR", num: true, cell: (g) => pct(g.fpr) },
    { key: "p50", label: "p50", num: true, cell: (g) => ms(g.p50_ms) },
    { key: "p95", label: "p95", num: true, cell: (g) => ms(g.p95_ms) },
  ];
  const table = dataTable(columns, evaluation.guards, { empty: "No guard was evaluated." });
  table.querySelector("table").id = "guard-eval-table";
  return [h("p", { class: "note" }, "Positive class: the guard should trigger. Precision: triggers that were right; recall: texts it should have caught that it did; FPR: clean texts it flagged."), table];
}
