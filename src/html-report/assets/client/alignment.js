// Alignment: how far each judge can be trusted, measured against human labels.

function renderAlignment() {
  return h(
    "div",
    { id: "alignment-view" },
    h("p", { class: "note" }, "TPR: the judge passes what a human passed. TNR: it fails what a human failed. Measured on held-out labels (test, else dev) with intervals clustered by case; the corrected pass rate removes the judge's measured bias from this run's raw rate."),
    D.alignment.judges.map(judgeAlignment),
  );
}

function judgeAlignment(a) {
  const score = D.summary.scores.find((x) => x.kind === "judge" && x.id === a.id);
  const m = a.measured;
  return h(
    "section",
    { class: "judge-alignment", dataset: { judge: a.id } },
    h("h2", null, `${a.id} `, h("code", null, a.version)),
    m
      ? [
          h("p", { class: "note" }, `Label set ${m.label_set}@${m.label_set_version}, ${m.split} split, ${plural(m.n, "item")} (${count(m.human_pass)} human PASS, ${count(m.human_fail)} human FAIL), aligned ${m.aligned_at.slice(0, 10)}${m.judge_version !== a.version ? ` with version ${m.judge_version}` : ""}.`),
          h(
            "div",
            { class: "cards" },
            card("TPR", pct(m.tpr.value), figureDetail(m.tpr)),
            card("TNR", pct(m.tnr.value), figureDetail(m.tnr)),
            card("Cohen's kappa", m.kappa === null ? NONE : m.kappa.toFixed(2), "agreement beyond chance"),
            correctedCard(score),
          ),
          h("h3", null, "Confusion matrix"),
          confusionTable(m.confusion),
        ]
      : h("p", { class: "notice" }, a.unmeasured_reason ?? "This judge version has no align result on dev or test labels."),
    a.history.length > 0 ? [h("h3", null, "Agreement across judge versions"), historyChart(a.history), h("div", { class: "legend" }, legendLine("var(--accent)", "TPR"), legendLine("var(--error)", "TNR"), legendLine("var(--muted)", "kappa (dashed, below 0 drawn at 0)")), historyTable(a.history)] : null,
    disagreementList(a),
  );
}

function figureDetail(f) {
  return f.insufficient ? `too few items (${f.n})` : `${interval(f.low, f.high)} · n = ${count(f.n)}${f.cases !== undefined ? ` in ${plural(f.cases, "case")}` : ""}`;
}

function correctedCard(score) {
  const c = score && score.alignment ? score.alignment.corrected : null;
  if (!c) return null;
  if (c.status === "refused") return card("Corrected pass rate", NONE, c.reason);
  return card("Corrected pass rate", pct(c.estimate), [`${interval(c.low, c.high)} · raw ${pct(c.observed)}`, h("div", null, rateChart({ rate: c.estimate, low: c.low, high: c.high, name: "corrected" }, [{ rate: score.pass_rate.rate, low: score.pass_rate.low, high: score.pass_rate.high, cls: "base", name: "raw" }]))]);
}

function confusionTable(c) {
  return h(
    "table",
    { class: "confusion", style: "width:auto" },
    h("thead", null, h("tr", null, h("th"), h("th", null, "judge PASS"), h("th", null, "judge FAIL"))),
    h("tbody", null, h("tr", null, h("th", null, "human PASS"), h("td", null, `${count(c.tp)} TP`), h("td", null, `${count(c.fn)} FN`)), h("tr", null, h("th", null, "human FAIL"), h("td", null, `${count(c.fp)} FP`), h("td", null, `${count(c.tn)} TN`))),
  );
}

function legendLine(colour, label) {
  const swatch = h("span", { class: "swatch" });
  swatch.style.background = colour;
  return h("span", null, swatch, label);
}

function historyTable(history) {
  const columns = [
    { key: "at", label: "Aligned", cell: (p) => p.at.slice(0, 16).replace("T", " ") },
    { key: "version", label: "Version", cell: (p) => h("code", null, p.version) },
    { key: "split", label: "Split", cell: (p) => p.split },
    { key: "labels", label: "Labels", cell: (p) => `${p.label_set}@${p.label_set_version}` },
    { key: "n", label: "n", num: true, cell: (p) => count(p.n) },
    { key: "tpr", label: "TPR", num: true, cell: (p) => [pct(p.tpr.value), h("div", { class: "muted" }, interval(p.tpr.low, p.tpr.high))] },
    { key: "tnr", label: "TNR", num: true, cell: (p) => [pct(p.tnr.value), h("div", { class: "muted" }, interval(p.tnr.low, p.tnr.high))] },
    { key: "kappa", label: "kappa", num: true, cell: (p) => (p.kappa === null ? NONE : p.kappa.toFixed(2)) },
  ];
  return dataTable(columns, history);
}

function disagreementList(a) {
  if (!a.measured) return null;
  const sameRun = a.labelled_run === D.run.run_id;
  const columns = [
    { key: "case", label: "Case", cell: (d) => (R.caseIndex.has(d.case_id) ? linkButton(d.case_id, () => go("case", sameRun ? { id: d.case_id, trial: d.trial } : { id: d.case_id })) : d.case_id) },
    { key: "trial", label: "Trial", num: true, cell: (d) => String(d.trial) },
    { key: "human", label: "Human", cell: (d) => h("span", { class: d.human }, d.human.toUpperCase()) },
    { key: "judge", label: "Judge", cell: (d) => h("span", { class: d.judge }, d.judge.toUpperCase()) },
    { key: "notes", label: "Annotator's notes", cell: (d) => h("span", { class: "critique" }, d.notes ?? "") },
  ];
  return [
    h("h3", null, `Disagreements (${count(a.disagreements.length)})`),
    a.disagreements_note ? h("p", { class: "note" }, a.disagreements_note) : null,
    a.labelled_run && !sameRun ? h("p", { class: "note" }, `The labelled items come from run ${a.labelled_run}; case links open this run's trials of the same case.`) : null,
    dataTable(columns, a.disagreements, { empty: "The judge agreed with every label." }),
  ];
}
