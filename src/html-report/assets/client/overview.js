// Overview: what was run, on what, and how it went.

function renderOverview() {
  const S = D.summary;
  const run = D.run;
  const o = S.overall;
  const k = S.pass_k;
  const byCase = caseOutcomeCounts();
  const u = S.usage;
  const tokens = u.target.input_tokens + u.target.output_tokens + u.judges.input_tokens + u.judges.output_tokens;
  return h(
    "div",
    null,
    notices(),
    h(
      "div",
      { class: "cards", id: "overview-cards" },
      card("Overall pass rate", pct(o.pass_rate.rate), [`${confidence()} CI ${interval(o.pass_rate.low, o.pass_rate.high)}`, h("div", null, rateChart(o.pass_rate))], { id: "overall-pass-rate" }),
      card("Trials", count(S.totals.trials_recorded), `${count(o.passed)} passed · ${count(o.failed)} failed · ${count(o.errors)} unscored${S.totals.trials_recorded < S.totals.trials_expected ? ` · ${count(S.totals.trials_expected)} expected` : ""}`),
      card(`pass@${k.k}`, pct(k.pass_at_k), `at least one of ${k.k} trials passes`),
      card(`pass^${k.k}`, pct(k.pass_hat_k), `all ${k.k} trials pass${k.cases_excluded > 0 ? ` · ${plural(k.cases_excluded, "case")} left out` : ""}`),
      card("Cases", count(S.totals.cases), [`${count(byCase.flaky)} flaky · `, linkButton("show", () => go("cases", { outcome: "flaky" }))]),
      card("Errors", count(S.errors.trials), [`${pct(S.errors.rate)} of trials unscored`, S.errors.trials > 0 ? [" · ", linkButton("show", () => go("cases", { outcome: "error" }))] : ""]),
      card("Run time", duration(run.started_at, run.ended_at), `${run.repeats} repeats · concurrency ${run.concurrency}`),
      card("Cost", usd(u.total_cost_usd), `${count(tokens)} tokens (target ${usd(u.target.cost_usd)}, judges ${usd(u.judges.cost_usd)})`),
      card("Latency", ms(S.latency_ms.p50), `p50 · p95 ${ms(S.latency_ms.p95)}`),
    ),
    h("h2", null, "Cases by outcome"),
    stackedBar([
      [byCase.pass, "seg-pass", "every trial passed"],
      [byCase.flaky, "seg-flaky", "flaky"],
      [byCase.fail, "seg-fail", "every scored trial failed"],
      [byCase.error, "seg-error", "nothing scored"],
    ]),
    h(
      "div",
      { class: "legend" },
      legend("seg-pass", `${count(byCase.pass)} all pass`, "pass"),
      legend("seg-flaky", `${count(byCase.flaky)} flaky`, "flaky"),
      legend("seg-fail", `${count(byCase.fail)} all fail`, "fail"),
      legend("seg-error", `${count(byCase.error)} nothing scored`, "error"),
    ),
    topFailureModes(),
    errorMessages(),
    h("h2", null, "Run"),
    runTable(),
  );
}

function confidence() {
  return `${Number((D.summary.confidence * 100).toFixed(2))}%`;
}

function card(label, value, detail, props) {
  return h("div", { class: "card", ...props }, h("div", { class: "label" }, label), h("div", { class: "value" }, value), h("div", { class: "detail" }, detail));
}

function legend(cls, label, outcome) {
  const colour = { "seg-pass": "var(--pass)", "seg-flaky": "var(--flaky)", "seg-fail": "var(--fail)", "seg-error": "var(--error)" }[cls];
  const swatch = h("span", { class: "swatch" });
  swatch.style.background = colour;
  return h("span", null, swatch, linkButton(label, () => go("cases", { outcome })));
}

/** Exclusive counts for the bar: flaky, else all-fail, else all-pass, else nothing scored. */
function caseOutcomeCounts() {
  const counts = { pass: 0, flaky: 0, fail: 0, error: 0 };
  for (const stats of R.caseStats) {
    if (stats.passed > 0 && stats.failed > 0) counts.flaky++;
    else if (stats.failed > 0) counts.fail++;
    else if (stats.passed > 0) counts.pass++;
    else counts.error++;
  }
  return counts;
}

function notices() {
  const S = D.summary;
  const list = [];
  if (S.totals.trials_recorded < S.totals.trials_expected) list.push(`Partial run: ${count(S.totals.trials_recorded)} of ${count(S.totals.trials_expected)} trials recorded (status ${D.run.status}).`);
  if (D.run.failure) list.push(`The run failed: ${D.run.failure}`);
  if (D.embedded.trials < D.embedded.recorded) {
    list.push(
      `This file embeds ${count(D.embedded.trials)} of the run's ${count(D.embedded.recorded)} trials (at most ${count(D.embedded.limit)}): failing and unscored trials first, then passing ones. Scores, case outcomes and failure modes count every trial; the full log is results.jsonl.`,
    );
  }
  if (D.budget.cut_to !== null) {
    list.push(`${plural(D.shortened.index.length, "long text")} shortened to ${count(D.budget.cut_to)} characters to keep this file small (all texts came to ${count(D.budget.chars)} characters, the limit is ${count(D.budget.limit)}); the full texts are in results.jsonl.`);
  }
  return list.map((text) => h("p", { class: "notice" }, text));
}

function topFailureModes() {
  const modes = D.summary.failure_modes.slice(0, 5);
  if (modes.length === 0) return h("p", { class: "note" }, "No check or judge failed.");
  return [
    h("h2", null, "Top failure modes"),
    h(
      "table",
      null,
      h("tbody", null, modes.map((m) => h("tr", { class: "clickable", onclick: () => go("failures", { metric: `${m.kind}:${m.id}` }) }, h("td", null, m.label), h("td", { class: "muted" }, m.kind === "judge" ? `judge ${m.id}` : `check (${m.check_type})`), h("td", { class: "num" }, plural(m.failed_trials, "trial")), h("td", null, shareBar(m.share_of_failures, "seg-fail")), h("td", { class: "num" }, `${pct(m.share_of_failures)} of failures`)))),
    ),
  ];
}

function errorMessages() {
  const e = D.summary.errors;
  if (e.messages.length === 0) return null;
  return [
    h("h2", null, "Errors"),
    h("table", null, h("tbody", null, e.messages.map((m) => h("tr", null, h("td", { class: "num" }, count(m.count)), h("td", null, m.source), h("td", { class: "mono" }, clip(m.message, 300)))))),
    e.distinct_messages > e.messages.length ? h("p", { class: "note" }, `… and ${plural(e.distinct_messages - e.messages.length, "other message")}.`) : null,
  ];
}

function runTable() {
  const run = D.run;
  const git = run.git;
  const rows = [
    ["Suite", `${run.suite} (${run.suite_file})`],
    ["Run", run.run_id],
    ["Status", run.status],
    ["Started", run.started_at],
    ["Ended", run.ended_at ?? NONE],
    ["Dataset", run.datasets.length === 0 ? NONE : run.datasets.map((d) => h("div", null, `${d.file} · ${plural(d.cases, "case")} · `, h("code", { title: d.sha256 }, `sha256 ${d.sha256.slice(0, 12)}`)))],
    ["Target", `${run.target.type}: ${run.target.description}`],
    ["Served model", run.served_models.length === 0 ? NONE : run.served_models.map((m) => h("div", null, m.model, h("span", { class: "muted" }, ` · ${plural(m.trials, "trial")}`)))],
    ["Checks", run.checks.length === 0 ? NONE : run.checks.map((c) => `${c.id} (${c.type})`).join(", ")],
    ["Judges", run.judges.length === 0 ? NONE : run.judges.map((j) => h("div", null, `${j.id} `, h("code", null, j.version), ` · ${j.model} · ${j.failure_mode}`))],
    ["Git", git && git.commit ? [h("code", { title: git.commit }, git.commit.slice(0, 12)), `${git.branch ? ` on ${git.branch}` : ""}${git.dirty ? " (uncommitted changes)" : ""}`] : NONE],
    ["Config hash", h("code", { title: run.config_hash }, run.config_hash.slice(0, 16))],
    ["evalgate", `run with ${run.evalgate_version}, report by ${D.evalgate_version}`],
  ];
  return h("table", { class: "meta" }, h("tbody", null, rows.map(([label, value]) => h("tr", null, h("th", null, label), h("td", null, value)))));
}
