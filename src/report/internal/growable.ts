/** An append-only typed array: one slot per value, no object per entry. */
export class Float64List {
  private data = new Float64Array(16);
  length = 0;

  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Float64Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }

  at(index: number): number {
    return this.data[index]!;
  }

  toArray(): number[] {
    return Array.from(this.data.subarray(0, this.length));
  }
}

/** Unsigned 32-bit counters indexed by case position, zero until touched. */
export class Uint32Counters {
  private data = new Uint32Array(16);

  increment(index: number): void {
    if (index >= this.data.length) {
      const grown = new Uint32Array(Math.max(index + 1, this.data.length * 2));
      grown.set(this.data);
      this.data = grown;
    }
    this.data[index]! += 1;
  }

  get(index: number): number {
    return index < this.data.length ? this.data[index]! : 0;
  }

  /** One past the highest index ever incremented (or more). */
  get capacity(): number {
    return this.data.length;
  }
}
