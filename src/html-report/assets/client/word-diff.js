// A word-level diff (Myers' O(ND) algorithm) to highlight how repeats of a
// case answered differently. Self-contained: word-diff.test.ts runs this file.

/** Words, runs of whitespace and single punctuation marks, so a diff never splits a word. */
function tokenize(text) {
  return text.match(/\s+|[\p{L}\p{N}_]+|[^\s\p{L}\p{N}_]/gu) ?? [];
}

/**
 * The edit script turning `before` into `after` as runs of
 * ["=", text] (shared), ["-", text] (only in before) and ["+", text] (only in after),
 * or null when the texts are too long or too different to diff cheaply
 * (more than maxEdits token edits): highlighting then adds nothing readable.
 */
function wordDiff(before, after, maxEdits = 1500) {
  const a = tokenize(before);
  const b = tokenize(after);
  if (a.length + b.length > 60000) return null;
  const n = a.length;
  const m = b.length;
  const limit = Math.min(n + m, maxEdits);
  // rows[d][k + d]: the furthest x reached on diagonal k (x − y) with d edits.
  const rows = [];
  for (let d = 0; d <= limit; d++) {
    const prev = rows[d - 1];
    const row = new Int32Array(2 * d + 1);
    for (let k = -d; k <= d; k += 2) {
      let x;
      if (d === 0) x = 0;
      else if (k === -d || (k !== d && prev[k - 1 + d - 1] < prev[k + 1 + d - 1])) x = prev[k + 1 + d - 1];
      else x = prev[k - 1 + d - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      row[k + d] = x;
      if (x >= n && y >= m) {
        rows.push(row);
        return mergeRuns(backtrack(rows, a, b, d));
      }
    }
    rows.push(row);
  }
  return null;
}

function backtrack(rows, a, b, edits) {
  const ops = [];
  let x = a.length;
  let y = b.length;
  for (let d = edits; d > 0; d--) {
    const prev = rows[d - 1];
    const k = x - y;
    const down = k === -d || (k !== d && prev[k - 1 + d - 1] < prev[k + 1 + d - 1]);
    const prevK = down ? k + 1 : k - 1;
    const prevX = prev[prevK + d - 1];
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push(["=", a[--x]]);
      y--;
    }
    if (down) ops.push(["+", b[--y]]);
    else ops.push(["-", a[--x]]);
  }
  while (x > 0 && y > 0) {
    ops.push(["=", a[--x]]);
    y--;
  }
  return ops.reverse();
}

/**
 * Joins neighbouring tokens of one kind, then folds each stretch of changes
 * (with the bare whitespace between them) into one removal and one addition:
 * "5 to 10" → "30" reads better than three interleaved edits.
 */
function mergeRuns(ops) {
  const runs = [];
  let removed = "";
  let added = "";
  let pending = "";
  const flush = () => {
    // Whitespace both sides start or end with is shared, not changed.
    const lead = removed && added ? sharedEdge(removed, added, /^\s+/) : "";
    const trail = removed && added ? sharedEdge(removed.slice(lead.length), added.slice(lead.length), /\s+$/, true) : "";
    if (lead) keep(lead);
    if (removed) runs.push(["-", removed.slice(lead.length, removed.length - trail.length)]);
    if (added) runs.push(["+", added.slice(lead.length, added.length - trail.length)]);
    if (trail) keep(trail);
    removed = added = "";
  };
  const keep = (token) => {
    const last = runs[runs.length - 1];
    if (last && last[0] === "=") last[1] += token;
    else runs.push(["=", token]);
  };
  for (const [op, token] of ops) {
    if (op === "=") {
      if ((removed || added) && /^\s+$/.test(token)) {
        pending += token;
        continue;
      }
      if (pending) {
        if (removed || added) flush();
        keep(pending);
        pending = "";
      }
      flush();
      keep(token);
    } else {
      if (pending) {
        removed += pending;
        added += pending;
        pending = "";
      }
      if (op === "-") removed += token;
      else added += token;
    }
  }
  flush();
  if (pending) keep(pending);
  return runs;
}

function sharedEdge(a, b, pattern, atEnd = false) {
  const x = a.match(pattern)?.[0] ?? "";
  const y = b.match(pattern)?.[0] ?? "";
  let n = 0;
  while (n < x.length && n < y.length && (atEnd ? x[x.length - 1 - n] === y[y.length - 1 - n] : x[n] === y[n])) n++;
  // Keep at least one character on each side.
  n = Math.min(n, a.length - 1, b.length - 1);
  return n <= 0 ? "" : atEnd ? x.slice(x.length - n) : x.slice(0, n);
}
