/**
 * Where a trial's contribution sits in the batch reading order: the case's
 * position (manifest order, then first seen), the trial index, then the
 * position inside the trial (a check, a judge, a tag). The log is written in
 * completion order; sorting by this key at the end gives every "first-seen"
 * order and every floating-point sum exactly as over the ordered trials.
 */
export type OrderKey = readonly [casePosition: number, trial: number, within: number];

export function compareKeys(a: OrderKey, b: OrderKey): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** Per id, the value seen at the earliest key; entries() in that order. */
export class FirstSeen<T> {
  private readonly byId = new Map<string, { key: OrderKey; value: T }>();

  offer(id: string, key: OrderKey, value: T): void {
    const seen = this.byId.get(id);
    if (!seen || compareKeys(key, seen.key) < 0) this.byId.set(id, { key, value });
  }

  get(id: string): T | undefined {
    return this.byId.get(id)?.value;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** [id, value] pairs, earliest first. */
  entries(): Array<[string, T]> {
    return [...this.byId].sort((a, b) => compareKeys(a[1].key, b[1].key)).map(([id, { value }]) => [id, value]);
  }
}
