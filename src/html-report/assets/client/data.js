// The embedded run data: decoding and the indexes the views share.

/** Decodes the gzip + base64 payload with the browser's own DecompressionStream. */
async function decodePayload(base64) {
  const binary = atob(base64.trim());
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return JSON.parse(await new Response(stream).text());
}

let D; // the ReportData (src/html-report/report-data.ts)
const R = {}; // derived indexes

function indexData(data) {
  D = data;
  const t = D.trials;
  const n = t.case.length;
  R.trialCount = n;
  R.shortened = new Map(D.shortened.index.map((index, k) => [index, D.shortened.length[k]]));
  R.metricKeys = D.metrics.map((m) => `${m.kind}:${m.id}`);
  R.metricIndex = new Map(R.metricKeys.map((key, i) => [key, i]));
  R.caseIndex = new Map(D.cases.id.map((id, i) => [id, i]));
  R.caseTrials = D.cases.id.map(() => []);
  for (let i = 0; i < n; i++) R.caseTrials[t.case[i]].push(i);
  // From the summary, so a case counts all its trials, also those this file does not embed.
  R.caseStats = D.cases.outcomes.map((outcomes) => tally(outcomes));
  R.values = new Map();
}

/** pass / fail / unscored counts of outcome characters, and the case classes they put a case in. */
function tally(chars) {
  let passed = 0, failed = 0, errors = 0, applied = 0;
  for (const c of chars) {
    if (c === ".") continue;
    applied++;
    if (c === "p") passed++;
    else if (c === "f") failed++;
    else errors++;
  }
  return { passed, failed, errors, applied };
}

/**
 * A case's classes (not exclusive): pass, every scored trial passed; fail,
 * every scored trial failed; flaky, some passed and some failed; error,
 * at least one trial could not be scored.
 */
function caseClasses(stats) {
  const classes = [];
  if (stats.passed > 0 && stats.failed === 0) classes.push("pass");
  if (stats.failed > 0 && stats.passed === 0) classes.push("fail");
  if (stats.passed > 0 && stats.failed > 0) classes.push("flaky");
  if (stats.errors > 0) classes.push("error");
  return classes;
}

function text(ref) {
  return ref === undefined || ref < 0 ? undefined : D.texts[ref];
}

/** A value field: { value } when its JSON parses, { raw } when it was shortened past parsing. */
function value(ref) {
  if (ref === undefined || ref < 0) return undefined;
  let cached = R.values.get(ref);
  if (cached) return cached;
  try {
    cached = { value: JSON.parse(D.texts[ref]) };
  } catch {
    cached = { raw: D.texts[ref] };
  }
  R.values.set(ref, cached);
  return cached;
}

function shortenedFrom(ref) {
  return R.shortened.get(ref);
}

function metricLabel(m) {
  return m.kind === "judge" ? `${m.id} (${m.label})` : m.id;
}

/** Outcome character of metric m on trial i ("." when it has no result). */
function scoreOf(m, i) {
  return D.trials.scores[m].outcome[i];
}

/** Texts containing `query` (case-insensitive), as a mark per text index; the last query is kept. */
function matchingTexts(query) {
  if (R.lastQuery === query) return R.lastMatches;
  const q = query.toLowerCase();
  const marks = new Uint8Array(D.texts.length);
  for (let i = 0; i < D.texts.length; i++) if (D.texts[i].toLowerCase().includes(q)) marks[i] = 1;
  R.lastQuery = query;
  R.lastMatches = marks;
  return marks;
}

/** Whether a case's id, tags, input, expected output, or any trial's output, error or verdict text contains the query. */
function caseMatches(c, query, marks) {
  const q = query.toLowerCase();
  if (D.cases.id[c].toLowerCase().includes(q)) return true;
  if (D.cases.tags[c].some((tag) => D.tags[tag].toLowerCase().includes(q))) return true;
  const hit = (ref) => ref >= 0 && marks[ref] === 1;
  if (hit(D.cases.input[c]) || hit(D.cases.expected[c])) return true;
  const t = D.trials;
  for (const i of R.caseTrials[c]) {
    if (hit(t.output[i]) || hit(t.error[i])) return true;
    for (const column of t.scores) if (hit(column.reason[i])) return true;
  }
  return false;
}
