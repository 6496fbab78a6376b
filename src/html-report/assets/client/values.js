// Rendering of run values (input, expected, output, context, tool calls): always as text.

function valueNode(ref) {
  const v = value(ref);
  if (!v) return h("span", { class: "muted" }, NONE);
  return ["raw" in v ? h("pre", { class: "json" }, v.raw) : renderValue(v.value), shortenedNote(ref)];
}

function shortenedNote(ref) {
  const length = shortenedFrom(ref);
  return length === undefined ? null : h("div", { class: "shortened" }, `… shortened from ${count(length)} characters to keep the file small; the full text is in results.jsonl.`);
}

function isChat(v) {
  return Array.isArray(v) && v.length > 0 && v.every((m) => m && typeof m === "object" && typeof m.role === "string" && typeof m.content === "string");
}

function renderValue(v) {
  if (typeof v === "string") return h("div", { class: "text" }, v);
  if (isChat(v)) return v.map(message);
  if (v && typeof v === "object" && isChat(v.messages)) return [v.messages.map(message), Object.keys(v).length > 1 ? h("pre", { class: "json" }, JSON.stringify({ ...v, messages: undefined }, null, 2)) : null];
  return h("pre", { class: "json" }, JSON.stringify(v, null, 2));
}

function message(m) {
  return h("div", { class: "msg" }, h("div", { class: "role" }, m.role, m.name ? ` (${m.name})` : ""), h("div", { class: "text" }, m.content));
}

/** The text a diff compares: a string output as is, anything else as indented JSON. */
function outputText(ref) {
  const v = value(ref);
  if (!v) return "";
  if ("raw" in v) return v.raw;
  return typeof v.value === "string" ? v.value : JSON.stringify(v.value, null, 2);
}

/** Diff runs as text with <ins> (only in this trial) and <del> (only in the reference). */
function diffNode(runs) {
  return h(
    "div",
    { class: "text" },
    runs.map(([op, token]) => (op === "=" ? token : h(op === "+" ? "ins" : "del", { title: op === "+" ? "not in the reference trial" : "in the reference trial only" }, token))),
  );
}

/** Retrieved documents: the trial's context is a list of references to documents stored once each. */
function contextNode(ref) {
  const v = value(ref);
  if (!v) return h("span", { class: "muted" }, NONE);
  if ("raw" in v || !Array.isArray(v.value)) return valueNode(ref);
  return v.value.map((entry) => {
    const [docRef, score] = Array.isArray(entry) ? entry : [entry, undefined];
    const d = value(docRef);
    if (!d || "raw" in d || !d.value || typeof d.value !== "object") return valueNode(docRef);
    const doc = typeof score === "number" ? { ...d.value, score } : d.value;
    return [
      h(
        "details",
        { class: "doc" },
        h("summary", null, h("code", null, String(doc.id)), doc.title ? ` ${doc.title}` : "", typeof doc.score === "number" ? h("span", { class: "muted" }, ` · score ${doc.score.toFixed(3)}`) : ""),
        doc.text ? h("div", { class: "text" }, doc.text) : null,
        Object.keys(doc).some((k) => !["id", "title", "text", "score"].includes(k)) ? h("pre", { class: "json" }, JSON.stringify(Object.fromEntries(Object.entries(doc).filter(([k]) => !["id", "title", "text", "score"].includes(k))), null, 2)) : null,
        shortenedNote(docRef),
      ),
    ];
  });
}

function guardDecisionsNode(ref) {
  const v = value(ref);
  if (!v) return h("span", { class: "muted" }, NONE);
  if ("raw" in v) return valueNode(ref);
  return v.value.map((g) =>
    h(
      "div",
      { class: "verdict" },
      h("span", { class: `glyph ${g.error ? "error" : g.triggered ? "fail" : "pass"}` }, g.error ? "!" : g.triggered ? "⚑" : "✓"),
      `${g.stage} ${g.id} (${g.type}): ${g.triggered ? `triggered → ${g.action}` : "not triggered"}`,
      typeof g.score === "number" ? ` · score ${g.score.toFixed(3)}` : "",
      ` · ${ms(g.latency_ms)}`,
      g.spans && g.spans.length > 0 ? h("div", { class: "muted" }, `spans: ${g.spans.map((sp) => `${sp.label} [${sp.start}, ${sp.end})`).join(", ")}`) : null,
      g.reason ? h("div", { class: "critique" }, g.reason) : null,
      g.error ? h("div", { class: "error" }, g.error) : null,
    ),
  );
}
