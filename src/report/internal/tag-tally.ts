import type { Outcome } from "../../log/index.js";
import type { TagScore } from "../summary-schema.js";
import { FirstSeen } from "./order-key.js";
import { OutcomeTally } from "./outcome-counts.js";

/** Pass rates per dataset tag, tags in first-seen order (cases carry their tags on every trial). */
export class TagTally {
  private readonly tallies = new Map<string, OutcomeTally>();
  private readonly order = new FirstSeen<true>();

  add(casePosition: number, trial: number, tags: readonly string[] | undefined, outcome: Outcome): void {
    let within = 0;
    for (const tag of new Set(tags ?? [])) {
      let tally = this.tallies.get(tag);
      if (!tally) this.tallies.set(tag, (tally = new OutcomeTally()));
      this.order.offer(tag, [casePosition, trial, within++], true);
      tally.add(casePosition, outcome);
    }
  }

  finish(confidence: number): TagScore[] {
    return this.order.entries().map(([tag]) => ({ tag, ...this.tallies.get(tag)!.counts(confidence) }));
  }
}
