import { describe, expect, it } from "vitest";
import { formatGuardEvalText } from "./format-text.js";
import type { GuardEvalReport } from "./report-schema.js";
import { SPAN_MATCH_RULE } from "./span-match.js";

const REPORT: GuardEvalReport = {
  guardrails: "support-bot",
  rows: 9,
  guards: [
    {
      id: "pii",
      type: "pii",
      stage: "input",
      action: "redact",
      rows: 6,
      tp: 2,
      fp: 1,
      fn: 1,
      tn: 2,
      precision: 2 / 3,
      recall: 2 / 3,
      f1: 2 / 3,
      fpr: 0.5,
      clean_rows: 2,
      clean_triggered: 1,
      p50_ms: 0.0412,
      p95_ms: 0.1,
      false_positives: ["order-number"],
      misses: ["fr-phone"],
      errors: [],
      entities: {
        match: SPAN_MATCH_RULE,
        rows: 5,
        overall: { label: "all", expected: 3, found: 3, matched: 2, precision: 2 / 3, recall: 2 / 3 },
        by_label: [
          { label: "EMAIL", expected: 1, found: 1, matched: 1, precision: 1, recall: 1 },
          { label: "PHONE", expected: 2, found: 2, matched: 1, precision: 0.5, recall: 0.5 },
        ],
      },
    },
    {
      id: "grounded",
      type: "groundedness",
      stage: "output",
      action: "warn",
      rows: 3,
      tp: 0,
      fp: 0,
      fn: 1,
      tn: 2,
      precision: null,
      recall: 0,
      f1: 0,
      fpr: 0,
      clean_rows: 2,
      clean_triggered: 0,
      p50_ms: 812,
      p95_ms: 1290.5,
      false_positives: [],
      misses: ["made-up-price"],
      errors: [{ id: "made-up-price", error: "guard did not finish within 1000 ms (its timeout_ms); make it faster or raise timeout_ms" }],
    },
  ],
};

describe("formatGuardEvalText", () => {
  it("prints a table per guard, its false positives, misses, errors and entity figures", () => {
    expect(formatGuardEvalText(REPORT)).toMatchInlineSnapshot(`
      "guardrails support-bot on 9 labelled rows

      pii  (pii, input, redact) on 6 rows
        TP  FP  FN  TN  precision  recall      F1  FPR clean      p50      p95
         2   1   1   2     66.7 %  66.7 %  66.7 %     50.0 %  0.04 ms  0.10 ms
                              2/3     2/3                1/2
        false positives (1): order-number
        misses (1): fr-phone
        entities on 5 rows (same label and overlap ≥ 50 % of their union (IoU), one to one):
          type   expected  found  matched  precision   recall
          EMAIL         1      1        1    100.0 %  100.0 %
          PHONE         2      2        1     50.0 %   50.0 %
          all           3      3        2     66.7 %   66.7 %

      grounded  (groundedness, output, warn) on 3 rows
        TP  FP  FN  TN  precision  recall     F1  FPR clean     p50      p95
         0   0   1   2          –   0.0 %  0.0 %      0.0 %  812 ms  1291 ms
                                      0/1               0/2
        misses (1): made-up-price
        errors (1), counted as its on_error decided:
          made-up-price: guard did not finish within 1000 ms (its timeout_ms); make it faster or raise timeout_ms

      FPR clean: share of the rows that expect no guard on which it fired. Latency per check.
      "
    `);
  });
});
