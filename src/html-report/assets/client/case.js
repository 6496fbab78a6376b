// One case: its input, expected output and context, then every trial side by side,
// output first, then each check and judge as a row, so variance across repeats shows at once.

function renderCase() {
  const c = R.caseIndex.get(route.params.id);
  if (c === undefined) return h("p", { class: "notice" }, `No case "${route.params.id ?? ""}" in this run.`);
  const trials = R.caseTrials[c];
  const t = D.trials;
  const contexts = new Set(trials.map((i) => t.context[i]));
  const sharedContext = contexts.size === 1 ? t.context[trials[0]] : undefined;
  return h(
    "div",
    { id: "case-view", dataset: { case: D.cases.id[c] } },
    caseHeader(c, trials),
    h(
      "div",
      { class: "blocks" },
      h("div", { class: "block", id: "case-input" }, h("h3", null, "Input"), valueNode(D.cases.input[c])),
      h("div", { class: "block", id: "case-expected" }, h("h3", null, "Expected"), valueNode(D.cases.expected[c])),
      sharedContext !== undefined && sharedContext >= 0 ? h("div", { class: "block", id: "case-context" }, h("h3", null, "Retrieved context"), contextNode(sharedContext)) : null,
    ),
    trials.length === 0 ? h("p", { class: "note" }, "No trial of this case was recorded.") : [h("h2", null, "Trials"), diffControls(trials), trialGrid(trials, sharedContext === undefined)],
    baselineSection(D.cases.id[c]),
  );
}

function caseHeader(c, trials) {
  const list = R.lastCaseList ?? D.cases.id.map((_, i) => i);
  const at = list.indexOf(c);
  const neighbour = (step) => {
    const next = list[at + step];
    return at >= 0 && next !== undefined ? () => go("case", { id: D.cases.id[next] }) : undefined;
  };
  const prev = neighbour(-1);
  const next = neighbour(1);
  return h(
    "div",
    { class: "case-head" },
    linkButton("← Cases", () => go("cases", R.casesParams ?? {})),
    h("h2", null, D.cases.id[c]),
    D.cases.tags[c].map((tg) => h("span", { class: "tag" }, D.tags[tg])),
    glyphs(trials.map((i) => D.trials.outcome[i]).join("")),
    caseClasses(R.caseStats[c]).map((cls) => h("span", { class: `badge ${cls}` }, cls)),
    h("span", { class: "muted" }, at >= 0 ? `${count(at + 1)} of ${count(list.length)}` : ""),
    h("button", { type: "button", class: "small", disabled: !prev, onclick: prev }, "‹ previous"),
    h("button", { type: "button", class: "small", disabled: !next, onclick: next }, "next ›"),
  );
}

/** The reference trial for the diff (default the first) and whether to highlight at all. */
function diffSettings(trials) {
  const ref = Number(route.params.ref ?? D.trials.trial[trials[0]]);
  const refIndex = trials.find((i) => D.trials.trial[i] === ref) ?? trials[0];
  return { on: route.params.diff !== "0" && trials.length > 1, refIndex };
}

function diffControls(trials) {
  if (trials.length < 2) return null;
  const { on, refIndex } = diffSettings(trials);
  return h(
    "div",
    { class: "filters" },
    h("label", null, h("input", { type: "checkbox", id: "diff-toggle", checked: on, onchange: (e) => setParams({ diff: e.target.checked ? "" : "0" }) }), "Highlight how outputs differ from"),
    select(trials.map((i) => [String(D.trials.trial[i]), `trial ${D.trials.trial[i]}`]), String(D.trials.trial[refIndex]), (ref) => setParams({ ref }), { id: "diff-ref" }),
    h("span", { class: "legend" }, h("ins", null, "added"), h("del", null, "missing"), "compared with the reference trial"),
  );
}

function trialGrid(trials, contextPerTrial) {
  const t = D.trials;
  const focus = route.params.trial === undefined ? undefined : Number(route.params.trial);
  const { on, refIndex } = diffSettings(trials);
  const refText = on ? outputText(t.output[refIndex]) : "";
  const grid = h("div", { class: "trial-grid", id: "trial-grid" });
  grid.style.gridTemplateColumns = `150px repeat(${trials.length}, minmax(260px, 1fr))`;
  const row = (label, cellOf, props) => {
    grid.append(h("div", { class: "rowhead" }, label));
    for (const i of trials) {
      const cell = h("div", { ...props?.(i), dataset: { trial: String(t.trial[i]), ...(props?.(i)?.dataset ?? {}) } }, cellOf(i));
      if (focus === t.trial[i]) cell.classList.add("focus");
      grid.append(cell);
    }
  };
  row("Trial", (i) => [`Trial ${t.trial[i]} `, outcomeBadge(t.outcome[i]), on && i === refIndex ? h("span", { class: "muted" }, " · reference") : null], () => ({ class: "colhead" }));
  row("Answer", (i) => h("div", { class: "muted" }, answerFacts(i)));
  row("Output", (i) => {
    if (t.output[i] < 0) return h("span", { class: "muted" }, t.status[i] === "e" ? "no output: the target failed" : NONE);
    if (!on || i === refIndex) return valueNode(t.output[i]);
    const runs = wordDiff(refText, outputText(t.output[i]));
    return runs ? [diffNode(runs), shortenedNote(t.output[i])] : [valueNode(t.output[i]), h("p", { class: "note" }, "Too different from the reference to highlight.")];
  }, () => ({ class: "output" }));
  if (trials.some((i) => t.error[i] >= 0)) row("Error", (i) => (t.error[i] >= 0 ? h("div", { class: "error mono" }, text(t.error[i])) : ""));
  if (contextPerTrial && trials.some((i) => t.context[i] >= 0)) row("Retrieved context", (i) => contextNode(t.context[i]));
  if (trials.some((i) => t.tool_calls[i] >= 0)) row("Tool calls", (i) => valueNode(t.tool_calls[i]));
  D.metrics.forEach((m, k) => {
    if (!trials.some((i) => t.scores[k].outcome[i] !== ".")) return;
    row(
      h("span", null, m.kind === "judge" ? "judge " : "check ", h("strong", null, m.id), m.kind === "judge" ? h("div", null, m.label) : h("div", null, m.type)),
      (i) => {
        const o = t.scores[k].outcome[i];
        if (o === ".") return h("span", { class: "muted" }, m.kind === "judge" ? "not judged" : "no result");
        return [h("span", { class: `glyph ${OUTCOME_CLASS[o]}` }, GLYPH[o]), h("span", { class: "critique" }, text(t.scores[k].reason[i]) ?? ""), shortenedNote(t.scores[k].reason[i])];
      },
      (i) => ({ class: "verdict", dataset: { metric: R.metricKeys[k], outcome: t.scores[k].outcome[i] } }),
    );
  });
  if (trials.some((i) => t.guardrails[i] >= 0)) row("Guardrails", (i) => guardDecisionsNode(t.guardrails[i]));
  if (trials.some((i) => t.trace_extra[i] >= 0)) row("Other trace fields", (i) => valueNode(t.trace_extra[i]));
  return grid;
}

function answerFacts(i) {
  const t = D.trials;
  const facts = [ms(t.latency_ms[i])];
  const model = text(t.model[i]);
  if (model) facts.push(model);
  if (t.input_tokens[i] >= 0) facts.push(`${count(t.input_tokens[i])} in / ${count(t.output_tokens[i])} out tokens`);
  if (t.cost_usd[i] > 0) facts.push(usd(t.cost_usd[i]));
  return facts.join(" · ");
}

/** With --compare: the baseline's trials of this case, when it got worse. */
function baselineSection(caseId) {
  if (!D.compare) return null;
  const entry = D.compare.baseline_trials.find((b) => b.case_id === caseId);
  const overall = D.compare.result.metrics.find((m) => m.kind === "overall");
  const change = overall && overall.newly_failing_cases.find((x) => x.case_id === caseId);
  if (!entry) return null;
  const grid = h("div", { class: "trial-grid", id: "baseline-grid" });
  grid.style.gridTemplateColumns = `150px repeat(${entry.trials.length}, minmax(260px, 1fr))`;
  const row = (label, cellOf, cls) => {
    grid.append(h("div", { class: "rowhead" }, label));
    for (const bt of entry.trials) grid.append(h("div", { class: cls }, cellOf(bt)));
  };
  row("Trial", (bt) => [`Trial ${bt.trial} `, outcomeBadge(bt.outcome)]);
  row("Output", (bt) => (bt.output >= 0 ? valueNode(bt.output) : h("span", { class: "error" }, text(bt.error) ?? NONE)));
  const keys = [...new Set(entry.trials.flatMap((bt) => bt.scores.map((sc) => sc.key)))];
  for (const key of keys) {
    row(h("strong", null, key.replace(":", " ")), (bt) => {
      const sc = bt.scores.find((x) => x.key === key);
      return sc ? [h("span", { class: `glyph ${OUTCOME_CLASS[sc.outcome]}` }, GLYPH[sc.outcome]), h("span", { class: "critique" }, text(sc.reason) ?? "")] : h("span", { class: "muted" }, "no result");
    }, "verdict");
  }
  return [
    h("h2", null, `Baseline run ${D.compare.result.baseline.run_id}`),
    change ? h("p", { class: "note" }, `Passed ${change.baseline.passed}/${change.baseline.trials} trials in the baseline, ${change.candidate.passed}/${change.candidate.trials} in this run.`) : null,
    grid,
  ];
}
