import { Float64List } from "./growable.js";
import { compareKeys, type OrderKey } from "./order-key.js";

/**
 * A floating-point sum that comes out bit for bit as if the terms were added
 * in order-key order, whatever order they arrive in (floating-point addition
 * is not associative). Zero terms change no sum and are not kept; the others
 * cost four numbers each (a run without costs keeps nothing).
 */
export class OrderedSum {
  private readonly cases = new Float64List();
  private readonly trials = new Float64List();
  private readonly within = new Float64List();
  private readonly values = new Float64List();

  add(key: OrderKey, value: number): void {
    if (value === 0) return;
    this.cases.push(key[0]);
    this.trials.push(key[1]);
    this.within.push(key[2]);
    this.values.push(value);
  }

  total(): number {
    const keyOf = (i: number): OrderKey => [this.cases.at(i), this.trials.at(i), this.within.at(i)];
    const order = Array.from({ length: this.values.length }, (_, i) => i).sort((a, b) => compareKeys(keyOf(a), keyOf(b)));
    let sum = 0;
    for (const i of order) sum += this.values.at(i);
    return sum;
  }
}
