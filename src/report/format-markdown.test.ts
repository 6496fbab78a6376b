import { beforeAll, describe, expect, it } from "vitest";
import { alignedFixtureSummary } from "../../tests/fixtures/runs/alignment-fixtures.js";
import { GENERATED_AT, manifestOf, readFixtureRun, trialOf } from "../../tests/fixtures/runs/fixture-runs.js";
import { formatSummaryMarkdown } from "./format-markdown.js";
import { summarize } from "./summarize.js";
import type { Summary } from "./summary-schema.js";

let summary: Summary;
beforeAll(async () => {
  const run = await readFixtureRun("support-bot");
  summary = summarize(run.manifest, run.trials, { generatedAt: GENERATED_AT });
});

describe("formatSummaryMarkdown", () => {
  it("renders the support-bot run", () => {
    expect(`\n${formatSummaryMarkdown(summary)}`).toMatchInlineSnapshot(`
      "
      # evalgate report: support-bot

      Run \`20250601-100000-support-bot-a1b2\` · completed · started 2025-06-01T10:00:00.000Z · ended 2025-06-01T10:02:30.000Z

      4 cases × 3 repeats: 12 of 12 trials recorded.

      **Overall pass rate: 60.0%** (95% CI 28.8%–84.7%): 6 passed, 4 failed, 2 unscored (excluded from the rate).

      Intervals: clustered by case (4 cases, 10 scored trials; 48.6% of the variance is within cases).

      ## Scores

      | Score | Kind | Type / failure mode | Pass rate | 95% CI | Pass | Fail | Err |
      | --- | --- | --- | ---: | ---: | ---: | ---: | ---: |
      | \`cites-source\` | check | citations | 81.8% | 39.2%–96.9% | 9 | 2 | 0 |
      | \`answer-length\` | check | length | 90.9% | 62.3%–98.4% | 10 | 1 | 0 |
      | \`grounded\` | judge | hallucination | 81.8% | 52.3%–94.9% | 9 | 2 | 0 |
      | \`polite\` | judge | rude-tone | 90.0% | 59.6%–98.2% | 9 | 1 | 1 |

      ## Reliability

      - pass@3 (at least one of 3 trials passes): **100.0%**
      - pass^3 (all 3 trials pass): **50.0%**

      Mean over 2 cases; unscored trials are excluded. 2 cases with fewer than 3 scored trials left out.

      ## Failure modes

      | # | Failure mode | Source | Failed trials | Cases | Share of scored | Share of failures |
      | ---: | --- | --- | ---: | ---: | ---: | ---: |
      | 1 | hallucination | judge \`grounded\` | 2 | 2 | 20.0% | 50.0% |
      | 2 | cites-source | check (citations) | 2 | 1 | 20.0% | 50.0% |
      | 3 | answer-length | check (length) | 1 | 1 | 10.0% | 25.0% |
      | 4 | rude-tone | judge \`polite\` | 1 | 1 | 10.0% | 25.0% |

      ## Flaky cases

      Some trials pass and some fail (✓ pass, ✗ fail, ! unscored).

      | Case | Trials | Pass | Fail | Err |
      | --- | --- | ---: | ---: | ---: |
      | \`shipping-time\` | ✓✗✓ | 2 | 1 | 0 |
      | \`warranty-claim\` | ✓!✗ | 1 | 1 | 1 |

      ## Failing cases by judge

      ### \`grounded\`: hallucination (2 failing trials)

      | Case | Trial | Critique |
      | --- | ---: | --- |
      | \`shipping-time\` | 1 | Claims 2-day shipping; the retrieved policy says 5–7 business days. |
      | \`cancel-order\` | 0 | Invents a 'cancel' button in the mobile app; the context only describes cancelling by email. |

      ### \`polite\`: rude-tone (1 failing trial)

      | Case | Trial | Critique |
      | --- | ---: | --- |
      | \`warranty-claim\` | 2 | Tells the customer to 'just read the manual' instead of answering. |

      ## Errors

      2 of 12 trials could not be scored (16.7%).

      | Count | Source | Message |
      | ---: | --- | --- |
      | 1 | target | Target did not answer within 30000 ms (raise timeout_ms in the suite config if this is expected). |
      | 1 | judge polite | Judge reply had no PASS/FAIL verdict (expected a JSON object with "verdict"). |

      ## Latency and usage

      Latency over 11 answered trials: p50 990 ms, p95 1,910 ms.

      |  | Input tokens | Output tokens | Cost | Cached calls |
      | --- | ---: | ---: | ---: | ---: |
      | Target | 5,000 | 1,200 | $0.0040 | 1 |
      | Judges | 12,000 | 1,000 | $0.0030 | 2 |
      | **Total** |  |  | **$0.0070** |  |
      "
    `);
  });

  it("keeps a critique with pipes, newlines and HTML inside its table cell", () => {
    const manifest = manifestOf({
      case_ids: ["a"],
      judges: [{ id: "j", version: "v1", model: "m", failure_mode: "leak" }],
    });
    const critique = "Shows <b>raw</b> | table\nsyntax";
    const trial = trialOf({
      case_id: "a",
      judges: [{ id: "j", version: "v1", model: "m", failure_mode: "leak", outcome: "fail", critique }],
    });
    const row = formatSummaryMarkdown(summarize(manifest, [trial]))
      .split("\n")
      .find((line) => line.startsWith("| `a` |"));
    expect(row).toMatchInlineSnapshot(`"| \`a\` | 0 | Shows &lt;b>raw&lt;/b> \\| table syntax |"`);
  });
});

describe("formatSummaryMarkdown with aligned judges", () => {
  it("has a section with the corrected pass rates and the refusals", async () => {
    const text = formatSummaryMarkdown(await alignedFixtureSummary());
    const section = text.slice(text.indexOf("## Judge pass rates corrected"), text.indexOf("## Reliability"));
    expect(section).toMatchInlineSnapshot(`
      "## Judge pass rates corrected with human labels

      | Judge | Raw pass rate | Corrected | 95% CI | TPR | TNR | Kappa | Measured on |
      | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |
      | \`grounded\` | 81.8% | 87.4% | 76.1%–100.0% | 91.2% | 83.3% | 0.50 | test, n=46, grounded-labels@0123456789ab |

      Corrected for each judge's TPR and TNR against human labels (the test split, or dev when the judge version has no test result): θ̂ = (p + TNR − 1)/(TPR + TNR − 1), clipped to [0, 1] (2,000 seeded bootstrap resamples, seed 0).

      - polite: Corrected pass rate refused: TPR + TNR = 0.500 + 0.500 = 1.000 ≤ 1: the judge agrees with humans no better than chance, so its verdicts cannot be corrected. Improve the judge first.

      "
    `);
  });
});
