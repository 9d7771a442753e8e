import type { FileHandle } from 'node:fs/promises';
import { stat } from 'node:fs/promises';
import { RegularsError } from '../../platform/errors.js';

/** The size of an input file; FILE_NOT_FOUND when it is missing or not a file, EMPTY_FILE when empty. */
export async function inputFileSize(path: string): Promise<number> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new Error('not a file');
    size = info.size;
  } catch {
    throw new RegularsError('FILE_NOT_FOUND', `cannot read ${path}: no such file`, { path });
  }
  if (size === 0) throw new RegularsError('EMPTY_FILE', `${path} is empty`, { path });
  return size;
}

/**
 * A file read in chunks into one buffer that the parser consumes from the front: fill() appends
 * the next chunk, growing the buffer only when one record is longer than it.
 */
export class ChunkedInput {
  buf: Buffer;
  filled = 0;
  eof = false;
  private bytesRead = 0;

  constructor(
    private readonly file: FileHandle,
    private readonly size: number,
    chunk: number,
    private readonly onProgress?: (done: number, total: number) => void,
  ) {
    this.buf = Buffer.allocUnsafe(chunk);
  }

  async fill(): Promise<void> {
    if (this.filled === this.buf.length) {
      const bigger = Buffer.allocUnsafe(this.buf.length * 2);
      this.buf.copy(bigger, 0, 0, this.filled);
      this.buf = bigger;
    }
    const { bytesRead: n } = await this.file.read(this.buf, this.filled, this.buf.length - this.filled, null);
    if (n === 0) this.eof = true;
    this.filled += n;
    this.bytesRead += n;
    this.onProgress?.(this.bytesRead, this.size);
  }

  /**
   * Feeds the whole file to the parser from `start`: each pass parses what is buffered, keeps the
   * incomplete last record at the front, and reads more after it.
   */
  async parseAll(
    parser: { parse(buf: Buffer, start: number, end: number, final: boolean): number },
    start: number,
  ): Promise<void> {
    let from = start;
    for (;;) {
      const consumed = parser.parse(this.buf, from, this.filled, this.eof);
      if (this.eof) return;
      this.buf.copy(this.buf, 0, consumed, this.filled);
      this.filled -= consumed;
      from = 0;
      await this.fill();
    }
  }
}
