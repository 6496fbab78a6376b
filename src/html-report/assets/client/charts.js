// Plain SVG charts: pass rates with their intervals, paired differences, agreement over versions.

const BAR_W = 220;
const PAD = 6;

/** x of a rate in [0, 1] on a bar of width w. */
function xOf(rate, w = BAR_W) {
  return PAD + rate * (w - 2 * PAD);
}

/** One interval mark: a light bar to the estimate, a whisker from low to high, a dot at the estimate. */
function intervalMark(y, estimate, low, high, cls, w = BAR_W, withBar = true) {
  const g = s("g", { class: cls });
  if (estimate === null || estimate === undefined) return g;
  if (withBar) g.append(s("rect", { class: "bar", x: PAD, y: y - 4, width: Math.max(0, xOf(estimate, w) - PAD), height: 8 }));
  g.append(
    s("line", { class: "whisker", x1: xOf(low, w), x2: xOf(high, w), y1: y, y2: y }),
    s("line", { class: "whisker", x1: xOf(low, w), x2: xOf(low, w), y1: y - 4, y2: y + 4 }),
    s("line", { class: "whisker", x1: xOf(high, w), x2: xOf(high, w), y1: y - 4, y2: y + 4 }),
    s("circle", { class: "dot", cx: xOf(estimate, w), cy: y, r: 3.5 }),
  );
  return g;
}

/**
 * A pass rate with its interval on a 0–100 % track; `extra` draws more
 * intervals below it (the baseline, or a judge's corrected rate).
 */
function rateChart(rate, extra = [], label) {
  const rows = [{ ...rate, cls: "" }, ...extra];
  const height = 8 + rows.length * 12;
  const svg = s("svg", { width: BAR_W, height, viewBox: `0 0 ${BAR_W} ${height}`, role: "img", "aria-label": label ?? "pass rate with interval" });
  svg.append(s("rect", { class: "track", x: PAD, y: 2, width: BAR_W - 2 * PAD, height: height - 4, rx: 3 }));
  for (const tick of [0.25, 0.5, 0.75]) svg.append(s("line", { class: "grid", x1: xOf(tick), x2: xOf(tick), y1: 2, y2: height - 2 }));
  rows.forEach((r, i) => svg.append(intervalMark(10 + i * 12, r.rate, r.low, r.high, r.cls, BAR_W, r.cls === "")));
  const tip = rows.map((r) => `${r.name ?? "pass rate"}: ${pct(r.rate)} (${interval(r.low, r.high)})`).join("\n");
  svg.append(s("title", null, tip));
  return svg;
}

/** The 0 / 25 / 50 / 75 / 100 % scale over a column of rateCharts. */
function rateAxis() {
  const svg = s("svg", { width: BAR_W, height: 14, viewBox: `0 0 ${BAR_W} 14`, "aria-hidden": "true" });
  for (const tick of [0, 0.25, 0.5, 0.75, 1]) svg.append(s("text", { x: xOf(tick), y: 11, "text-anchor": tick === 0 ? "start" : tick === 1 ? "end" : "middle" }, `${tick * 100}%`));
  return svg;
}

/** A paired difference and its interval on a symmetric axis [−range, +range] around 0. */
function differenceChart(diff, range) {
  const w = BAR_W;
  const x = (v) => PAD + ((v + range) / (2 * range)) * (w - 2 * PAD);
  const svg = s("svg", { width: w, height: 20, viewBox: `0 0 ${w} 20`, role: "img", "aria-label": "paired difference with interval" });
  svg.append(s("rect", { class: "track", x: PAD, y: 2, width: w - 2 * PAD, height: 16, rx: 3 }), s("line", { class: "zero", x1: x(0), x2: x(0), y1: 0, y2: 20 }));
  if (diff.estimate !== null) {
    const cls = diff.high < 0 ? "neg" : diff.low > 0 ? "pos" : "";
    const g = s("g", { class: cls });
    const clamp = (v) => Math.max(-range, Math.min(range, v));
    g.append(
      s("line", { class: "whisker", x1: x(clamp(diff.low)), x2: x(clamp(diff.high)), y1: 10, y2: 10 }),
      s("line", { class: "whisker", x1: x(clamp(diff.low)), x2: x(clamp(diff.low)), y1: 6, y2: 14 }),
      s("line", { class: "whisker", x1: x(clamp(diff.high)), x2: x(clamp(diff.high)), y1: 6, y2: 14 }),
      s("circle", { class: "dot", cx: x(clamp(diff.estimate)), cy: 10, r: 3.5 }),
    );
    svg.append(g, s("title", null, `${points(diff.estimate)} (${points(diff.low)} to ${points(diff.high)})`));
  }
  return svg;
}

function differenceAxis(range) {
  const w = BAR_W;
  const x = (v) => PAD + ((v + range) / (2 * range)) * (w - 2 * PAD);
  const svg = s("svg", { width: w, height: 14, viewBox: `0 0 ${w} 14`, "aria-hidden": "true" });
  for (const v of [-range, 0, range]) svg.append(s("text", { x: x(v), y: 11, "text-anchor": v < 0 ? "start" : v > 0 ? "end" : "middle" }, v === 0 ? "0" : points(v).replace(" pts", "")));
  return svg;
}

/** A horizontal share bar (0–1) with the value written after it. */
function shareBar(value, cls = "") {
  const w = 120;
  const svg = s("svg", { width: w, height: 12, viewBox: `0 0 ${w} 12`, "aria-hidden": "true" });
  svg.append(s("rect", { class: "track", x: 0, y: 2, width: w, height: 8, rx: 2 }), s("rect", { class: cls || "dot", x: 0, y: 2, width: Math.max(0, Math.min(1, value)) * w, height: 8, rx: 2 }));
  return svg;
}

/** One bar split into coloured segments ([count, class, label]). */
function stackedBar(segments, width = 480) {
  const total = segments.reduce((sum, [n]) => sum + n, 0) || 1;
  const svg = s("svg", { width, height: 18, viewBox: `0 0 ${width} 18`, role: "img", "aria-label": segments.map(([n, , label]) => `${label}: ${n}`).join(", ") });
  let x = 0;
  for (const [n, cls, label] of segments) {
    const w = (n / total) * width;
    if (w > 0) svg.append(s("rect", { class: cls, x, y: 0, width: w, height: 18 }, s("title", null, `${label}: ${count(n)}`)));
    x += w;
  }
  return svg;
}

/**
 * Agreement across judge versions: TPR and TNR with intervals, kappa dashed,
 * one column per align result, oldest first.
 */
function historyChart(points) {
  const w = Math.max(320, 70 * points.length + 60);
  const hgt = 180;
  const left = 36, right = 12, top = 10, bottom = 40;
  const x = (i) => left + (points.length === 1 ? (w - left - right) / 2 : (i / (points.length - 1)) * (w - left - right));
  const y = (v) => top + (1 - v) * (hgt - top - bottom);
  const svg = s("svg", { width: w, height: hgt, viewBox: `0 0 ${w} ${hgt}`, role: "img", "aria-label": "judge agreement with human labels across versions" });
  for (const v of [0, 0.25, 0.5, 0.75, 1]) {
    svg.append(s("line", { class: "grid", x1: left, x2: w - right, y1: y(v), y2: y(v) }), s("text", { x: left - 4, y: y(v) + 3, "text-anchor": "end" }, `${v * 100}%`));
  }
  points.forEach((p, i) => svg.append(s("text", { x: x(i), y: hgt - bottom + 14, "text-anchor": "middle" }, clip(p.version, 12)), s("text", { x: x(i), y: hgt - bottom + 26, "text-anchor": "middle" }, p.split)));
  const series = [
    ["tpr", (p) => p.tpr],
    ["tnr", (p) => p.tnr],
  ];
  for (const [name, get] of series) {
    const g = s("g", { class: `series-${name}` });
    const path = [];
    points.forEach((p, i) => {
      const f = get(p);
      if (f.value === null) return;
      path.push(`${path.length === 0 ? "M" : "L"}${x(i)},${y(f.value)}`);
      if (f.low !== null && f.high !== null) g.append(s("line", { class: "line", x1: x(i) + (name === "tpr" ? -3 : 3), x2: x(i) + (name === "tpr" ? -3 : 3), y1: y(f.low), y2: y(f.high) }));
      g.append(s("circle", { cx: x(i) + (name === "tpr" ? -3 : 3), cy: y(f.value), r: 3.5 }, s("title", null, `${p.version} (${p.split}) ${name.toUpperCase()}: ${pct(f.value)} (${interval(f.low, f.high)}), n = ${p.n}`)));
    });
    if (path.length > 1) g.prepend(s("path", { class: "line", d: path.join(" ") }));
    svg.append(g);
  }
  const kappa = points.map((p, i) => (p.kappa === null ? null : `${x(i)},${y(Math.max(0, p.kappa))}`)).filter(Boolean);
  if (kappa.length > 1) svg.append(s("path", { class: "line series-kappa", d: `M${kappa.join(" L")}` }));
  return svg;
}
