/**
 * Typed-array columns that grow as rows arrive, without per-row objects. They grow by half
 * (not by doubling) and start from a capacity hint, so a column of ten million values wastes
 * little memory; `view()` hands out the filled part without copying.
 */
type Column = Int8Array | Int32Array | Float32Array | Float64Array;

export class Growable<T extends Column> {
  data: T;
  length = 0;

  constructor(
    private readonly make: (size: number) => T,
    capacity = 1024,
  ) {
    this.data = make(Math.max(16, capacity));
  }

  push(value: number): void {
    if (this.length === this.data.length) this.grow();
    this.data[this.length++] = value;
  }

  /** The filled values, sharing memory with the column. */
  view(): T {
    return this.data.subarray(0, this.length) as T;
  }

  private grow(): void {
    const next = this.make(Math.ceil(this.data.length * 1.5));
    next.set(this.data);
    this.data = next;
  }
}

export const int8Column = (capacity?: number) => new Growable((n) => new Int8Array(n), capacity);
export const int32Column = (capacity?: number) => new Growable((n) => new Int32Array(n), capacity);
export const float32Column = (capacity?: number) => new Growable((n) => new Float32Array(n), capacity);
export const float64Column = (capacity?: number) => new Growable((n) => new Float64Array(n), capacity);
