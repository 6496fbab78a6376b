import { describe, expect, it } from "vitest";
import { allPassing, caseIds, gateRunOf, type GateCaseSpec } from "../../tests/fixtures/runs/gate-runs.js";
import { compareRuns } from "./compare-runs.js";
import { formatGateMarkdown, MARKDOWN_MAX_CHARS } from "./format-markdown.js";
import { GateResultSchema, type GateResult } from "./gate-result-schema.js";

type CaseSpec = GateCaseSpec;
const runOf = (runId: string, cases: readonly CaseSpec[]) =>
  gateRunOf(runId, cases, {
    suite: "support-bot",
    withCitationsCheck: true,
    critique: () => "The answer promises a 60-day refund window; the article gives 30 days.",
  });

function compared(baseline: readonly CaseSpec[], candidate: readonly CaseSpec[], gate = {}): GateResult {
  return GateResultSchema.parse(compareRuns(runOf("base-20250601", baseline), runOf("cand-20250602", candidate), gate));
}

describe("formatGateMarkdown", () => {
  it("summarises a regression: verdict, rules that did not pass, metrics, newly failing cases with critiques", () => {
    const candidate = allPassing(30).map((c, i): CaseSpec => {
      if (i < 8) return { ...c, grounded: "✗✗✗" };
      if (i === 8) return { ...c, grounded: "✓✗✓", cites: "✓✗✓" };
      return c;
    });
    const result = compared(allPassing(30), candidate, { rules: [{ metrics: "*", max_regression: 0.05 }, { metrics: "overall", min_pass_rate: 0.8 }] });
    expect(result.verdict).toBe("fail");
    expect(formatGateMarkdown(result)).toMatchInlineSnapshot(`
      "## evalgate gate: FAIL — candidate \`cand-20250602\` vs baseline \`base-20250601\`

      At least one rule failed. 30 shared cases · 4 rule checks · 95% intervals (paired-t).

      ### Rules

      - **FAIL** \`max_regression\`: overall: −27.8 pts (95% CI −44.5 pts to −11.1 pts, 30 cases): a clear regression beyond −5.0 pts.
      - **FAIL** \`max_regression\`: grounded: −27.8 pts (95% CI −44.5 pts to −11.1 pts, 30 cases): a clear regression beyond −5.0 pts.
      - **FAIL** \`min_pass_rate\`: overall: candidate lower 95% bound 54.7% (rate 72.2%) is below the floor 80.0%.

      1 of 4 rule checks passed.

      ### Metrics

      Pass rates on the shared cases with 95% intervals clustered by case; the difference is candidate − baseline, paired by case, in percentage points.

      | Metric | Gate | Baseline | Candidate | Difference (pts) |
      | --- | --- | ---: | ---: | ---: |
      | \`overall\` | FAIL | 100.0% (88.6%–100.0%) | 72.2% (54.7%–84.8%) | −27.8 (−44.5 to −11.1) |
      | \`cites-retrieved-articles\` | PASS | 100.0% (88.6%–100.0%) | 98.9% (94.0%–99.8%) | −1.1 (−3.4 to +1.2) |
      | \`grounded\` | FAIL | 100.0% (88.6%–100.0%) | 72.2% (54.7%–84.8%) | −27.8 (−44.5 to −11.1) |

      ### Newly failing cases (9)

      | Case | Trials passed | Worse on | Why |
      | --- | ---: | --- | --- |
      | \`case-01\` | 3/3 → 0/3 | \`grounded\` | grounded: The answer promises a 60-day refund window; the article gives 30 days. |
      | \`case-02\` | 3/3 → 0/3 | \`grounded\` | grounded: The answer promises a 60-day refund window; the article gives 30 days. |
      | \`case-03\` | 3/3 → 0/3 | \`grounded\` | grounded: The answer promises a 60-day refund window; the article gives 30 days. |
      | \`case-04\` | 3/3 → 0/3 | \`grounded\` | grounded: The answer promises a 60-day refund window; the article gives 30 days. |
      | \`case-05\` | 3/3 → 0/3 | \`grounded\` | grounded: The answer promises a 60-day refund window; the article gives 30 days. |
      | \`case-06\` | 3/3 → 0/3 | \`grounded\` | grounded: The answer promises a 60-day refund window; the article gives 30 days. |
      | \`case-07\` | 3/3 → 0/3 | \`grounded\` | grounded: The answer promises a 60-day refund window; the article gives 30 days. |
      | \`case-08\` | 3/3 → 0/3 | \`grounded\` | grounded: The answer promises a 60-day refund window; the article gives 30 days. |
      | \`case-09\` | 3/3 → 2/3 | \`cites-retrieved-articles\`, \`grounded\` | cites-retrieved-articles: cites [kb-99], which was not retrieved<br>grounded: The answer promises a 60-day refund window; the article gives 30 days. |
      "
    `);
  });

  it("passes with no failing cases: no case table, every rule counted", () => {
    const markdown = formatGateMarkdown(compared(allPassing(20), allPassing(20)));
    expect(markdown).toMatch(/^## evalgate gate: PASS — candidate `cand-20250602` vs baseline `base-20250601`\n\nEvery rule passed\./);
    expect(markdown).toContain("All 3 rule checks passed.");
    expect(markdown).not.toContain("Newly failing cases");
    expect(markdown).not.toContain("McNemar");
  });

  it("adds the McNemar column when every case has one trial per side", () => {
    const one = (spec: CaseSpec[]) => spec.map((c) => ({ ...c, grounded: c.grounded.slice(0, 1) }));
    const base = one(allPassing(30));
    const cand = base.map((c, i) => (i < 12 ? { ...c, grounded: "✗" } : c));
    const markdown = formatGateMarkdown(compared(base, cand));
    expect(markdown).toContain("| Metric | Gate | Baseline | Candidate | Difference (pts) | McNemar p |");
    // b = 12, c = 0: two-sided exact p = 2 · 0.5^12 = 0.000488.
    expect(markdown).toMatch(/\| `grounded` \| FAIL \| .* \| 0\.000488 \|/);
  });

  it("caps the case list and the reasons per case, and truncates long critiques", () => {
    const long = `The answer invents a policy. ${"It goes on and on. ".repeat(40)}`;
    const cand = allPassing(14).map((c) => ({ ...c, grounded: "✗✗✗", cites: "✗✗✗", critique: long }));
    const markdown = formatGateMarkdown(compared(allPassing(14), cand));
    const rows = markdown.split("\n").filter((line) => line.startsWith("| `case-"));
    expect(rows).toHaveLength(10);
    expect(markdown).toContain("… and 4 more cases; `evalgate gate --json` has the full result.");
    const why = rows[0]!.split(" | ").at(-1)!;
    expect(why.split("<br>")).toHaveLength(2);
    expect(why).toContain("grounded: The answer invents a policy. It goes on");
    expect(why).toMatch(/…$|… \|$/);
    expect(Math.max(...why.split("<br>").map((r) => r.length))).toBeLessThanOrEqual(202);
  });

  it("keeps model text from breaking the table: pipes, newlines and HTML are escaped", () => {
    const critique = "Claims | 60 days |\nthen <script>alert(1)</script> & more";
    const cand = [{ id: "case|01", grounded: "✗✗✗", critique }, ...allPassing(20).slice(1)];
    const markdown = formatGateMarkdown(compared([{ id: "case|01", grounded: "✓✓✓" }, ...allPassing(20).slice(1)], cand));
    const row = markdown.split("\n").find((line) => line.startsWith("| `case"))!;
    expect(row).toBe(
      "| `case\\|01` | 3/3 → 0/3 | `grounded` | grounded: Claims \\| 60 days \\| then &lt;script>alert(1)&lt;/script> &amp; more |",
    );
    // Every table row keeps the header's column count once escaped pipes are set aside.
    const columns = (line: string) => line.replace(/\\\|/g, "").split("|").length;
    expect(columns(row)).toBe(columns("| Case | Trials passed | Worse on | Why |"));
  });

  it("never pings anyone: @names in model text get a zero-width space", () => {
    const cand = [{ id: "case-01", grounded: "✗✗✗", critique: "Tells the user to ask @octocat or @acme/support" }, ...allPassing(20).slice(1)];
    const markdown = formatGateMarkdown(compared(allPassing(20), cand));
    expect(markdown).toContain("ask @\u200boctocat or @\u200bacme/support");
    expect(markdown).not.toMatch(/@octocat/);
  });

  it("mentions cases that ran on one side only, and the refs when they differ from the run ids", () => {
    const result = compared(allPassing(12), [...allPassing(11), { id: "new-case", grounded: "✓✓✓" }]);
    const markdown = formatGateMarkdown({ ...result, baseline: { ...result.baseline, ref: "mlflow:latest?experiment=support-bot" } });
    expect(markdown).toContain("Not compared: 1 case ran only in the baseline (`case-12`); 1 case ran only in the candidate (`new-case`).");
    expect(markdown).toContain("Candidate from `cand-20250602`, baseline from `mlflow:latest?experiment=support-bot`.");
    expect(markdown).toContain("- **WARN** `missing_cases`: Cases not compared:");
  });

  it("stays under GitHub's comment limit, cut at a line with a note", () => {
    // Case ids are never shortened (they are how a reader finds the case), so huge ones are what reach the cap.
    const huge = (i: number) => `case-${i}-${"x".repeat(9_000)}`;
    const base = Array.from({ length: 12 }, (_, i) => ({ id: huge(i), grounded: "✓✓✓" }));
    const cand = base.map((c) => ({ ...c, grounded: "✗✗✗" }));
    const markdown = formatGateMarkdown(compared(base, cand));
    expect(markdown.length).toBeLessThanOrEqual(MARKDOWN_MAX_CHARS + 1);
    expect(markdown.endsWith("_Cut to fit a GitHub comment (60,000 characters); `evalgate gate --json` has the full result._\n")).toBe(true);
    expect(markdown.split("\n").filter((line) => line.startsWith("| `case-"))).not.toHaveLength(0);
  });

  it("keeps a typical run's comment short", () => {
    const cand = allPassing(40).map((c, i) => (i < 15 ? { ...c, grounded: "✗✗✓", cites: "✓✗✓" } : c));
    const markdown = formatGateMarkdown(compared(allPassing(40), cand));
    expect(markdown.split("\n").length).toBeLessThanOrEqual(60);
  });
});
