/**
 * An incremental RFC 4180 CSV parser: feed it text chunks as they stream in and it calls back
 * once per record with the record's fields and the line number where the record starts.
 * Quoted fields may hold commas, doubled quotes and line breaks. Lines without a quote take a
 * fast path (indexOf + split), which is most rows of every export we read.
 */
export type RecordHandler = (fields: string[], line: number) => void;

export class CsvParser {
  private carry = '';
  /** Line number of the first line in `carry`. */
  private line = 1;
  private readonly delimiter: string;

  constructor(
    private readonly onRecord: RecordHandler,
    delimiter = ',',
  ) {
    this.delimiter = delimiter;
  }

  push(chunk: string): void {
    const text = this.carry === '' ? chunk : this.carry + chunk;
    const consumed = this.parse(text, false);
    this.carry = text.slice(consumed);
  }

  end(): void {
    if (this.carry !== '') this.parse(this.carry, true);
    this.carry = '';
  }

  /** Parses whole records of `text`; returns how many characters were consumed. */
  private parse(text: string, final: boolean): number {
    let pos = 0;
    const n = text.length;
    const d = this.delimiter;
    // Position of the next quote, found once and reused: rescanning per line would be quadratic.
    let quote = text.indexOf('"');
    if (quote < 0) quote = Number.MAX_SAFE_INTEGER;
    while (pos < n) {
      let nl = text.indexOf('\n', pos);
      if (nl < 0) {
        if (!final) return pos;
        nl = n;
      }
      if (quote < pos) {
        quote = text.indexOf('"', pos);
        if (quote < 0) quote = Number.MAX_SAFE_INTEGER;
      }
      if (quote > nl) {
        let end = nl;
        if (end > pos && text.charCodeAt(end - 1) === 13) end--;
        if (end > pos) this.onRecord(text.slice(pos, end).split(d), this.line);
        this.line++;
        pos = nl + 1;
        continue;
      }
      const next = this.parseQuoted(text, pos, final);
      if (next < 0) return pos; // the record continues in the next chunk
      pos = next;
    }
    return pos;
  }

  /** Character-by-character parse of one record containing quotes; -1 if it is incomplete. */
  private parseQuoted(text: string, start: number, final: boolean): number {
    const fields: string[] = [];
    const n = text.length;
    const d = this.delimiter.charCodeAt(0);
    let field = '';
    let i = start;
    let inQuotes = false;
    let lines = 0;
    let fieldStart = i;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (inQuotes) {
        if (c === 34) {
          if (i + 1 < n && text.charCodeAt(i + 1) === 34) {
            field += text.slice(fieldStart, i + 1);
            i += 2;
            fieldStart = i;
            continue;
          }
          if (i + 1 >= n && !final) return -1; // cannot tell "" from " yet
          field += text.slice(fieldStart, i);
          inQuotes = false;
          i++;
          fieldStart = i;
          continue;
        }
        if (c === 10) lines++;
        i++;
        continue;
      }
      if (c === 34) {
        field += text.slice(fieldStart, i);
        inQuotes = true;
        i++;
        fieldStart = i;
        continue;
      }
      if (c === d) {
        fields.push(field + text.slice(fieldStart, i));
        field = '';
        i++;
        fieldStart = i;
        continue;
      }
      if (c === 10) {
        let end = i;
        if (end > fieldStart && text.charCodeAt(end - 1) === 13) end--;
        fields.push(field + text.slice(fieldStart, end));
        this.onRecord(fields, this.line);
        this.line += lines + 1;
        return i + 1;
      }
      i++;
    }
    if (!final) return -1;
    // End of input: an unterminated quote keeps what it has (the mapper reports the bad row).
    let end = n;
    if (!inQuotes && end > fieldStart && text.charCodeAt(end - 1) === 13) end--;
    fields.push(field + text.slice(fieldStart, end));
    this.onRecord(fields, this.line);
    this.line += lines + 1;
    return n;
  }
}
