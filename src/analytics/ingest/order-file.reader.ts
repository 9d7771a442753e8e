import { open } from 'node:fs/promises';
import { RegularsError } from '../../platform/errors.js';
import { createCdnowRowHandler, looksLikeCdnow } from './cdnow-log.js';
import { type CsvRecord, CsvRecordParser, type Delimiter } from './csv-records.js';
import { createGenericRowHandler, type RecordHandler } from './generic-csv.js';
import { type CollectedOrders, type CollectorOptions, OrderCollector } from './order-collector.js';
import { createShopifyRowHandler, isShopifyHeader } from './shopify-csv.js';
import { type DateOrder, DateOrderEvidence, dateOrderOfFormat, DateOrderUnknown } from './date-forms.js';
import { mapGenericColumns, normalizeHeader } from './generic-columns.js';
import { ChunkedInput, inputFileSize } from './input-file.reader.js';

export type InputFormat = 'generic' | 'shopify' | 'cdnow';
export const INPUT_FORMATS = ['auto', 'generic', 'shopify', 'cdnow'] as const;

export interface ReadOrdersOptions extends CollectorOptions {
  readonly format?: InputFormat | 'auto';
  /** --date-format: the order of day and month of dates with the year last ('auto' or absent: from the file). */
  readonly dateFormat?: string;
  /** Called as bytes are read, for a progress bar. */
  readonly onProgress?: (bytesRead: number, totalBytes: number) => void;
}

export interface ReadOrdersResult extends CollectedOrders {
  readonly format: InputFormat;
  /** Data rows read (header excluded), accepted or not. */
  readonly rowsRead: number;
}

/** Comma unless the header clearly uses semicolons or tabs (spreadsheet exports in some locales). */
export function detectDelimiter(headerLine: string): ',' | ';' | '\t' {
  const count = (c: string) => headerLine.split(c).length - 1;
  const commas = count(',');
  if (count(';') > commas) return ';';
  if (count('\t') > commas) return '\t';
  return ',';
}

/** Picks the format from the first lines of a file: a CDNOW log, Shopify's header, else generic CSV. */
export function detectFormat(firstLines: readonly string[]): InputFormat {
  if (looksLikeCdnow(firstLines)) return 'cdnow';
  const header = firstLines[0] ?? '';
  const delimiter = detectDelimiter(header);
  let fields: string[] = [];
  const parser = new CsvRecordParser((r) => {
    if (fields.length === 0) fields = r.all();
  }, delimiter);
  const bytes = Buffer.from(header);
  parser.parse(bytes, 0, bytes.length, true);
  return isShopifyHeader(fields) ? 'shopify' : 'generic';
}

const CHUNK = 4 << 20;

/**
 * Reads the first 64 KB of an input and decides its format (or takes the forced one): where the
 * data starts (after a UTF-8 byte-order mark) and its first non-blank lines.
 */
export async function sniffInput(
  input: ChunkedInput,
  path: string,
  forced: InputFormat | 'auto' | undefined,
): Promise<{ start: number; firstLines: string[]; format: InputFormat }> {
  while (!input.eof && input.filled < 64 * 1024) await input.fill();
  const start = input.buf[0] === 0xef && input.buf[1] === 0xbb && input.buf[2] === 0xbf ? 3 : 0;
  const firstLines = input.buf
    .toString('utf8', start, Math.min(input.filled, start + 64 * 1024))
    .split(/\r?\n/)
    .slice(0, 6)
    .filter((l) => l.trim() !== '');
  if (firstLines.length === 0) throw new RegularsError('EMPTY_FILE', `${path} has no rows`, { path });
  return { start, firstLines, format: forced && forced !== 'auto' ? forced : detectFormat(firstLines) };
}

/**
 * Streams an order export into an OrderLog: the file is read in 4 MB chunks (never whole),
 * parsed in the detected or forced format, and every row is either added or rejected with its
 * line, field and reason.
 */
export async function readOrderFile(path: string, options: ReadOrdersOptions = {}): Promise<ReadOrdersResult> {
  return readWithDateOrder(path, options, (dateOrder) => readOrderFileOnce(path, { ...options, dateOrder }));
}

/**
 * Runs `read` with the order of day and month the options give. Without one, the read starts
 * undecided: files whose dates put the year first (most exports) are read once, as before. The
 * first date with the year last stops it; the order is then decided from every date of the file
 * (a pass that reads only the date columns) and the file is read again in that order.
 */
export async function readWithDateOrder<T>(
  path: string,
  options: {
    readonly format?: InputFormat | 'auto';
    readonly dateFormat?: string;
    readonly dateOrder?: DateOrder | null;
  },
  read: (dateOrder: DateOrder | null) => Promise<T>,
): Promise<T> {
  const given = options.dateOrder ?? dateOrderOfFormat(options.dateFormat);
  if (given !== null) return read(given);
  try {
    return await read(null);
  } catch (error) {
    if (!(error instanceof DateOrderUnknown)) throw error;
  }
  return read(await detectDateOrder(path, options.format));
}

/** The columns that hold dates, by format: the order date (and Shopify's Cancelled at, a generic file's birthday). */
function dateColumns(format: InputFormat, header: readonly string[]): { index: number; name: string }[] {
  if (format === 'shopify') {
    const wanted = new Set(['createdat', 'cancelledat']);
    return header.flatMap((h, index) => (wanted.has(normalizeHeader(h)) ? [{ index, name: h.trim() }] : []));
  }
  if (format === 'generic') {
    const col = mapGenericColumns(header);
    return [col.date, col.birthday].filter((i) => i >= 0).map((index) => ({ index, name: header[index].trim() }));
  }
  return [];
}

/** Reads every date of the file and decides their order of day and month (DateOrderEvidence). */
async function detectDateOrder(path: string, forced: InputFormat | 'auto' | undefined): Promise<DateOrder> {
  const size = await inputFileSize(path);
  const file = await open(path, 'r');
  try {
    const input = new ChunkedInput(file, size, CHUNK);
    const { start, firstLines, format } = await sniffInput(input, path, forced);
    const evidence = new DateOrderEvidence();
    let columns: { index: number; name: string }[] | null = null;
    const parser = new CsvRecordParser(
      (r) => {
        if (columns === null) {
          columns = dateColumns(format, r.all());
          return;
        }
        for (const c of columns)
          if (c.index < r.count && !r.isBlank(c.index)) evidence.add(r.text(c.index), r.line, c.name);
      },
      format === 'cdnow' ? 'whitespace' : detectDelimiter(firstLines[0]),
    );
    await input.parseAll(parser, start);
    return evidence.decide(path);
  } finally {
    await file.close();
  }
}

async function readOrderFileOnce(path: string, options: ReadOrdersOptions): Promise<ReadOrdersResult> {
  const size = await inputFileSize(path);

  const file = await open(path, 'r');
  try {
    const input = new ChunkedInput(file, size, CHUNK, options.onProgress);

    const sniffed = await sniffInput(input, path, options.format);
    const { start, firstLines, format } = sniffed;
    // Size the columns from the sample's bytes per line.
    const sampleLines = Math.max(
      1,
      input.buf.subarray(start, input.filled).reduce((n, b) => (b === 10 ? n + 1 : n), 0),
    );
    const collector = new OrderCollector(options, Math.ceil((size / Math.max(1, input.filled - start)) * sampleLines));

    let rowsRead = 0;
    let handle: RecordHandler | null = format === 'cdnow' ? createCdnowRowHandler(collector) : null;
    const onRecord = (r: CsvRecord) => {
      if (handle === null) {
        const header = r.all();
        handle =
          format === 'shopify'
            ? createShopifyRowHandler(header, collector)
            : createGenericRowHandler(header, collector);
        return;
      }
      if (!(format === 'cdnow' && r.line === 1 && !/^\d/.test(r.text(0)))) rowsRead++;
      handle(r);
    };
    const delimiter: Delimiter = format === 'cdnow' ? 'whitespace' : detectDelimiter(firstLines[0]);
    const parser = new CsvRecordParser(onRecord, delimiter);

    await input.parseAll(parser, start);
    return { ...collector.finish(), format, rowsRead };
  } finally {
    await file.close();
  }
}
