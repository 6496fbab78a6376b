// Number and text formatting; no Intl, so a report reads the same on every machine.

const NONE = "—";

function pct(value, digits = 1) {
  return value === null || value === undefined || Number.isNaN(value) ? NONE : `${(value * 100).toFixed(digits)}%`;
}

function interval(low, high) {
  return low === null || low === undefined || high === null || high === undefined ? NONE : `${pct(low)}–${pct(high)}`;
}

/** A signed difference in percentage points. */
function points(value) {
  if (value === null || value === undefined) return NONE;
  const p = value * 100;
  return `${p > 0 ? "+" : p < 0 ? "−" : "±"}${Math.abs(p).toFixed(1)} pts`;
}

function count(value) {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

function plural(n, noun, pluralNoun) {
  return `${count(n)} ${n === 1 ? noun : pluralNoun ?? `${noun}s`}`;
}

function ms(value) {
  return value === null || value === undefined ? NONE : `${count(Math.round(value))} ms`;
}

function usd(value) {
  return `$${value.toFixed(4)}`;
}

function duration(fromIso, toIso) {
  if (!fromIso || !toIso) return NONE;
  let seconds = Math.max(0, Math.round((Date.parse(toIso) - Date.parse(fromIso)) / 1000));
  const hours = Math.floor(seconds / 3600);
  seconds -= hours * 3600;
  const minutes = Math.floor(seconds / 60);
  seconds -= minutes * 60;
  return hours > 0 ? `${hours} h ${minutes} min` : minutes > 0 ? `${minutes} min ${seconds} s` : `${seconds} s`;
}

/** One line, at most max characters. */
function clip(text, max) {
  const line = String(text ?? "").replace(/\s+/g, " ").trim();
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
}

const GLYPH = { p: "✓", f: "✗", e: "!", ".": "·" };
const OUTCOME_CLASS = { p: "pass", f: "fail", e: "error", ".": "muted" };
const OUTCOME_WORD = { p: "pass", f: "fail", e: "unscored", ".": "no result" };

/** ✓✗! glyphs, coloured. */
function glyphs(chars) {
  return h("span", { class: "glyphs" }, [...chars].map((c) => h("span", { class: OUTCOME_CLASS[c], title: OUTCOME_WORD[c] }, GLYPH[c])));
}

function outcomeBadge(char) {
  return h("span", { class: `badge ${OUTCOME_CLASS[char]}` }, `${GLYPH[char]} ${OUTCOME_WORD[char]}`);
}
