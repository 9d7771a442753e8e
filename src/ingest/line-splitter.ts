/** Splits streamed text into lines (LF or CRLF), numbering them from 1. */
export class LineSplitter {
  private carry = '';
  private line = 1;

  constructor(private readonly onLine: (text: string, line: number) => void) {}

  push(chunk: string): void {
    const text = this.carry === '' ? chunk : this.carry + chunk;
    let pos = 0;
    for (;;) {
      const nl = text.indexOf('\n', pos);
      if (nl < 0) break;
      const end = nl > pos && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      this.onLine(text.slice(pos, end), this.line++);
      pos = nl + 1;
    }
    this.carry = text.slice(pos);
  }

  end(): void {
    if (this.carry !== '') this.onLine(this.carry.replace(/\r$/, ''), this.line++);
    this.carry = '';
  }
}
