// The page: tabs, a hash route (so a view can be linked and the back button works), boot.

const VIEWS = [
  { id: "overview", label: "Overview", render: () => renderOverview(), shown: () => true },
  { id: "metrics", label: "Metrics", render: () => renderMetrics(), shown: () => true },
  { id: "compare", label: "Compare", render: () => renderCompare(), shown: () => Boolean(D.compare) },
  { id: "failures", label: "Failure modes", render: () => renderFailureModes(), shown: () => true },
  { id: "cases", label: "Cases", render: () => renderCases(), shown: () => true },
  { id: "case", tab: "cases", render: () => renderCase(), shown: () => true },
  { id: "alignment", label: "Alignment", render: () => renderAlignment(), shown: () => Boolean(D.alignment) },
  { id: "guardrails", label: "Guardrails", render: () => renderGuardrails(), shown: () => hasGuardrails() },
];

let route = { view: "overview", params: {} };
let writtenHash = null;
let mainNode;
let tabsNode;

function parseHash(hash) {
  const [view, query = ""] = hash.replace(/^#/, "").split("?");
  const known = VIEWS.find((v) => v.id === view && v.shown());
  return { view: known ? view : "overview", params: Object.fromEntries(new URLSearchParams(query)) };
}

function hashOf(r) {
  const query = new URLSearchParams(Object.entries(r.params).filter(([, v]) => v !== undefined && v !== null && v !== "")).toString();
  return `#${r.view}${query ? `?${query}` : ""}`;
}

/** Shows another view (a new history entry). */
function go(view, params = {}) {
  route = { view, params };
  render();
  window.scrollTo(0, 0);
  writeHash(false);
}

/** Changes the current view's parameters; `rerender: false` when the view updated itself. */
function setParams(params, rerender = true) {
  route = { view: route.view, params: { ...route.params, ...params } };
  if (rerender) render();
  writeHash(true);
}

function writeHash(replace) {
  const hash = hashOf(route);
  if (location.hash === hash) return;
  writtenHash = hash;
  // Some frames (MLflow's artifact viewer sandboxes the page) refuse history changes; the page works without them.
  try {
    if (replace) history.replaceState(null, "", hash);
    else location.hash = hash;
  } catch {
    writtenHash = null;
  }
}

function render() {
  const view = VIEWS.find((v) => v.id === route.view) ?? VIEWS[0];
  const tab = view.tab ?? view.id;
  for (const button of tabsNode.children) button.classList.toggle("active", button.dataset.view === tab);
  fill(mainNode, view.render());
}

function renderShell(app) {
  const run = D.run;
  tabsNode = h(
    "nav",
    { class: "tabs" },
    VIEWS.filter((v) => v.label && v.shown()).map((v) => h("button", { type: "button", dataset: { view: v.id }, onclick: () => go(v.id) }, v.label)),
  );
  mainNode = h("main");
  const trials = D.summary.totals;
  fill(
    app,
    h(
      "header",
      { class: "top" },
      h("h1", null, `evalgate report: ${run.suite}`),
      h(
        "div",
        { class: "sub" },
        `Run ${run.run_id} · ${run.status} · ${plural(trials.trials_recorded, "trial")} · generated ${D.generated_at.slice(0, 19).replace("T", " ")} UTC`,
        D.compare ? ` · compared with ${D.compare.result.baseline.run_id}` : "",
      ),
      tabsNode,
    ),
    mainNode,
  );
}

async function boot() {
  const app = document.getElementById("app");
  const started = performance.now();
  try {
    if (typeof DecompressionStream === "undefined") {
      throw new Error("this browser cannot decompress the report's data (no DecompressionStream); open it in a current Chrome, Edge, Firefox or Safari 16.4 or later");
    }
    const data = await decodePayload(document.getElementById("evalgate-data").textContent);
    indexData(data);
    renderShell(app);
    route = parseHash(location.hash);
    render();
    window.addEventListener("hashchange", () => {
      if (location.hash === writtenHash) return;
      route = parseHash(location.hash);
      render();
    });
    document.body.dataset.ready = "true";
    document.body.dataset.renderMs = String(Math.round(performance.now() - started));
  } catch (error) {
    fill(app, h("p", { class: "notice" }, `The report could not be opened: ${error && error.message ? error.message : error}`));
    document.body.dataset.ready = "error";
  }
}

boot();
