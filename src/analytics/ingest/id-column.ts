import type { IdList } from '../ports.js';
import type { CsvRecord } from './csv-records.js';

const SPACE = 32;
const TAB = 9;

/**
 * Ids kept as their bytes in one growing buffer and decoded when asked for: a summary of a
 * million customers then makes no million strings while it is read (their garbage collection
 * was a third of the reading time).
 */
export class IdColumn implements IdList {
  private bytes: Buffer;
  private ends: Int32Array;
  private used = 0;
  length = 0;

  constructor(expected: number) {
    this.bytes = Buffer.allocUnsafe(Math.max(1024, expected * 8));
    this.ends = new Int32Array(Math.max(16, expected));
  }

  /** The record's field without surrounding spaces; returns false when it is empty. */
  pushField(rec: CsvRecord, i: number): boolean {
    if (rec.unquoted !== null) return this.pushText(rec.unquoted[i].trim());
    let s = rec.starts[i];
    let e = rec.ends[i];
    const b = rec.buf;
    while (s < e && (b[s] === SPACE || b[s] === TAB)) s++;
    while (e > s && (b[e - 1] === SPACE || b[e - 1] === TAB)) e--;
    if (s === e) return false;
    this.reserve(e - s);
    // A byte loop: ids are short, and Buffer.copy's per-call overhead was most of the cost.
    const to = this.bytes;
    for (let p = s, q = this.used; p < e; p++, q++) to[q] = b[p];
    this.end(e - s);
    return true;
  }

  pushText(text: string): boolean {
    if (text === '') return false;
    const n = Buffer.byteLength(text);
    this.reserve(n);
    this.bytes.write(text, this.used);
    this.end(n);
    return true;
  }

  get(index: number): string {
    return this.bytes.toString('utf8', index === 0 ? 0 : this.ends[index - 1], this.ends[index]);
  }

  private end(n: number): void {
    if (this.length === this.ends.length) {
      const next = new Int32Array(Math.ceil(this.ends.length * 1.5));
      next.set(this.ends);
      this.ends = next;
    }
    this.used += n;
    this.ends[this.length++] = this.used;
  }

  private reserve(n: number): void {
    if (this.used + n <= this.bytes.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.used + n, Math.ceil(this.bytes.length * 1.5)));
    this.bytes.copy(next, 0, 0, this.used);
    this.bytes = next;
  }
}
