/**
 * A byte-level CSV record reader (RFC 4180). It finds the fields of each record in the raw
 * bytes and hands the row handler positions, not strings: a handler decodes only the cells it
 * needs, and parses dates and amounts straight from the bytes. On exports of ten million rows
 * this is several times faster than splitting decoded text, and makes far less garbage.
 *
 * Quoted fields (commas, doubled quotes, line breaks inside) take a slower path that decodes
 * the record's fields to strings. A whitespace mode reads logs whose fields are separated by
 * runs of spaces or tabs (CDNOW).
 */

const LF = 10;
const CR = 13;
const QUOTE = 34;
const SPACE = 32;
const TAB = 9;

export type Delimiter = ',' | ';' | '\t' | 'whitespace';

/** The current record: valid only during the call that receives it. */
export class CsvRecord {
  /** 1-based line number where the record starts. */
  line = 0;
  /** Number of fields. */
  count = 0;
  buf: Buffer = Buffer.alloc(0);
  starts = new Int32Array(64);
  ends = new Int32Array(64);
  /** Decoded fields when the record had quotes; null on the fast path. */
  unquoted: string[] | null = null;

  /** The field as text (not trimmed). */
  text(i: number): string {
    if (this.unquoted !== null) return this.unquoted[i];
    return this.buf.toString('utf8', this.starts[i], this.ends[i]);
  }

  /** The field without surrounding spaces. */
  trimmed(i: number): string {
    if (this.unquoted !== null) return this.unquoted[i].trim();
    let s = this.starts[i];
    let e = this.ends[i];
    while (s < e && (this.buf[s] === SPACE || this.buf[s] === TAB)) s++;
    while (e > s && (this.buf[e - 1] === SPACE || this.buf[e - 1] === TAB)) e--;
    return s === e ? '' : this.buf.toString('utf8', s, e);
  }

  /** True when the field is empty or only spaces. */
  isBlank(i: number): boolean {
    if (this.unquoted !== null) return this.unquoted[i].trim() === '';
    for (let p = this.starts[i]; p < this.ends[i]; p++) if (this.buf[p] !== SPACE && this.buf[p] !== TAB) return false;
    return true;
  }

  /** True when the field's bytes equal the ASCII text exactly. */
  equalsAscii(i: number, ascii: string): boolean {
    if (this.unquoted !== null) return this.unquoted[i] === ascii;
    const s = this.starts[i];
    if (this.ends[i] - s !== ascii.length) return false;
    for (let k = 0; k < ascii.length; k++) if (this.buf[s + k] !== ascii.charCodeAt(k)) return false;
    return true;
  }

  /**
   * The field without surrounding spaces, reusing `previous` when the bytes spell it exactly:
   * ids repeat on consecutive rows (the lines of one order), and not decoding them again saves
   * a string per row. Only ASCII `previous` values are compared byte for byte.
   */
  trimmedOrSame(i: number, previous: string, previousIsAscii: boolean): string {
    if (previousIsAscii && previous !== '' && this.equalsAscii(i, previous)) return previous;
    return this.trimmed(i);
  }

  /**
   * The field without surrounding spaces, from a cache of recent values: a column with few
   * distinct values (sku, currency, status) then costs no new string per row.
   */
  cachedTrimmed(i: number, cache: TextCache): string {
    if (this.unquoted !== null) return this.unquoted[i].trim();
    let s = this.starts[i];
    let e = this.ends[i];
    const b = this.buf;
    while (s < e && (b[s] === SPACE || b[s] === TAB)) s++;
    while (e > s && (b[e - 1] === SPACE || b[e - 1] === TAB)) e--;
    if (s === e) return '';
    const slot = byteSlot(b, s, e, TextCache.MASK);
    const hit = cache.values[slot];
    if (hit !== undefined && sameAscii(hit, b, s, e)) return hit;
    const text = b.toString('utf8', s, e);
    // Only ASCII values are cached: their bytes are their char codes, which the check above needs.
    if (text.length === e - s) cache.values[slot] = text;
    return text;
  }

  /** All fields as strings (for the header and for error messages). */
  all(): string[] {
    const out: string[] = new Array(this.count);
    for (let i = 0; i < this.count; i++) out[i] = this.text(i);
    return out;
  }

  push(start: number, end: number): void {
    if (this.count === this.starts.length) this.reserve(this.count + 1);
    this.starts[this.count] = start;
    this.ends[this.count] = end;
    this.count++;
  }

  /** Room for at least `fields` fields, keeping the first `count`. */
  reserve(fields: number): void {
    if (fields <= this.starts.length) return;
    const size = Math.max(fields, this.starts.length * 2);
    const s = new Int32Array(size);
    s.set(this.starts.subarray(0, this.count));
    this.starts = s;
    const e = new Int32Array(size);
    e.set(this.ends.subarray(0, this.count));
    this.ends = e;
  }
}

/** Recently seen values of one column, by hash of their bytes (see CsvRecord.cachedTrimmed). */
export class TextCache {
  static readonly MASK = 4095;
  readonly values: (string | undefined)[] = new Array(TextCache.MASK + 1);
}

/**
 * Parses records out of a buffer. `parse(buf, from, to, final)` consumes whole records and
 * returns the offset of the first byte it could not consume (the start of an incomplete record).
 */
export class CsvRecordParser {
  private readonly record = new CsvRecord();
  private line = 1;
  private readonly delim: number;
  private readonly whitespace: boolean;

  constructor(
    private readonly onRecord: (record: CsvRecord) => void,
    delimiter: Delimiter = ',',
  ) {
    this.whitespace = delimiter === 'whitespace';
    this.delim = this.whitespace ? SPACE : delimiter.charCodeAt(0);
  }

  parse(buf: Buffer, from: number, to: number, final: boolean): number {
    const rec = this.record;
    rec.buf = buf;
    let pos = from;
    // The next quote, found once and reused: searching again on every line would be quadratic.
    let quote = this.whitespace ? Number.MAX_SAFE_INTEGER : buf.indexOf(QUOTE, from);
    if (quote < 0 || quote >= to) quote = Number.MAX_SAFE_INTEGER;
    while (pos < to) {
      let nl = buf.indexOf(LF, pos);
      if (nl < 0 || nl >= to) {
        if (!final) return pos;
        nl = to;
      }
      if (quote < pos) {
        quote = buf.indexOf(QUOTE, pos);
        if (quote < 0 || quote >= to) quote = Number.MAX_SAFE_INTEGER;
      }
      if (quote < nl) {
        const next = this.parseQuoted(buf, pos, to, final);
        if (next < 0) return pos;
        pos = next;
        continue;
      }
      const end = nl > pos && buf[nl - 1] === CR ? nl - 1 : nl;
      if (end > pos) {
        rec.count = 0;
        rec.unquoted = null;
        rec.line = this.line;
        if (this.whitespace) this.splitWhitespace(buf, pos, end);
        else {
          // The hot loop of every import: locals only, and a capacity check only at delimiters.
          const d = this.delim;
          let starts = rec.starts;
          let ends = rec.ends;
          let k = 0;
          let s = pos;
          for (let p = pos; p < end; p++) {
            if (buf[p] !== d) continue;
            if (k + 1 >= starts.length) {
              rec.count = k;
              rec.reserve(k + 2);
              starts = rec.starts;
              ends = rec.ends;
            }
            starts[k] = s;
            ends[k++] = p;
            s = p + 1;
          }
          starts[k] = s;
          ends[k++] = end;
          rec.count = k;
        }
        if (rec.count > 0) this.onRecord(rec);
      }
      this.line++;
      pos = nl + 1;
    }
    return pos;
  }

  private splitWhitespace(buf: Buffer, from: number, to: number): void {
    const rec = this.record;
    let p = from;
    while (p < to) {
      while (p < to && (buf[p] === SPACE || buf[p] === TAB)) p++;
      if (p >= to) break;
      const s = p;
      while (p < to && buf[p] !== SPACE && buf[p] !== TAB) p++;
      rec.push(s, p);
    }
  }

  /** A record with quotes, decoded field by field; -1 when it continues past the buffer. */
  private parseQuoted(buf: Buffer, from: number, to: number, final: boolean): number {
    const fields: string[] = [];
    const d = this.delim;
    let field = '';
    let inQuotes = false;
    let lines = 0;
    let s = from;
    let i = from;
    const take = (a: number, b: number) => (b > a ? buf.toString('utf8', a, b) : '');
    while (i < to) {
      const c = buf[i];
      if (inQuotes) {
        if (c === QUOTE) {
          if (i + 1 < to && buf[i + 1] === QUOTE) {
            field += take(s, i + 1);
            i += 2;
            s = i;
            continue;
          }
          if (i + 1 >= to && !final) return -1; // cannot tell "" from " yet
          field += take(s, i);
          inQuotes = false;
          s = ++i;
          continue;
        }
        if (c === LF) lines++;
        i++;
        continue;
      }
      if (c === QUOTE) {
        field += take(s, i);
        inQuotes = true;
        s = ++i;
        continue;
      }
      if (c === d) {
        fields.push(field + take(s, i));
        field = '';
        s = ++i;
        continue;
      }
      if (c === LF) {
        const end = i > s && buf[i - 1] === CR ? i - 1 : i;
        fields.push(field + take(s, end));
        this.emitDecoded(fields, lines);
        return i + 1;
      }
      i++;
    }
    if (!final) return -1;
    // End of input: an unterminated quote keeps what it has; the row handler rejects bad rows.
    const end = !inQuotes && to > s && buf[to - 1] === CR ? to - 1 : to;
    fields.push(field + take(s, end));
    this.emitDecoded(fields, lines);
    return to;
  }

  private emitDecoded(fields: string[], innerLines: number): void {
    const rec = this.record;
    rec.count = fields.length;
    rec.unquoted = fields;
    rec.line = this.line;
    this.onRecord(rec);
    this.line += innerLines + 1;
  }
}

/** A cache slot for the bytes [s, e): FNV-1a, folded to the mask. */
export function byteSlot(b: Uint8Array, s: number, e: number, mask: number): number {
  let h = 0x811c9dc5;
  for (let p = s; p < e; p++) h = Math.imul(h ^ b[p], 0x01000193);
  return (h ^ (h >>> 15)) & mask;
}

/** Whether an ASCII text (a cached value) is exactly the bytes [s, e). */
export function sameAscii(text: string, b: Uint8Array, s: number, e: number): boolean {
  if (text.length !== e - s) return false;
  for (let k = 0; k < text.length; k++) if (text.charCodeAt(k) !== b[s + k]) return false;
  return true;
}
