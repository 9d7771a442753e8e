import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { RegularsError } from '../domain/errors.js';
import { looksLikeCdnow, createCdnowLineHandler } from './cdnow-log.js';
import { CsvParser } from './csv-parser.js';
import { createGenericRowHandler } from './generic-csv.js';
import { LineSplitter } from './line-splitter.js';
import { type CollectedOrders, type CollectorOptions, OrderCollector } from './order-collector.js';
import { createShopifyRowHandler, isShopifyHeader } from './shopify-csv.js';

export type InputFormat = 'generic' | 'shopify' | 'cdnow';
export const INPUT_FORMATS = ['auto', 'generic', 'shopify', 'cdnow'] as const;

export interface ReadOrdersOptions extends CollectorOptions {
  readonly format?: InputFormat | 'auto';
  /** Called as bytes are read, for a progress bar. */
  readonly onProgress?: (bytesRead: number, totalBytes: number) => void;
}

export interface ReadOrdersResult extends CollectedOrders {
  readonly format: InputFormat;
  /** Data rows read (header excluded), accepted or not. */
  readonly rowsRead: number;
}

/** Picks the format from the first lines of a file: Shopify's header, a CDNOW log, else generic CSV. */
export function detectFormat(firstLines: readonly string[]): InputFormat {
  if (looksLikeCdnow(firstLines)) return 'cdnow';
  const header = firstLines[0] ?? '';
  if (isShopifyHeader(splitHeader(header, detectDelimiter(header)))) return 'shopify';
  return 'generic';
}

/** Comma unless the header clearly uses semicolons or tabs (spreadsheet exports in some locales). */
export function detectDelimiter(headerLine: string): string {
  const count = (c: string) => headerLine.split(c).length - 1;
  const commas = count(',');
  if (count(';') > commas) return ';';
  if (count('\t') > commas) return '\t';
  return ',';
}

function splitHeader(line: string, delimiter: string): string[] {
  let fields: string[] = [];
  const parser = new CsvParser((f) => {
    if (fields.length === 0) fields = f;
  }, delimiter);
  parser.push(line);
  parser.end();
  return fields;
}

/**
 * Streams an order export into an OrderLog: the file is read in chunks (never whole), parsed
 * in the detected or forced format, and every row is either added or rejected with its line,
 * field and reason.
 */
export async function readOrderFile(path: string, options: ReadOrdersOptions = {}): Promise<ReadOrdersResult> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new Error('not a file');
    size = info.size;
  } catch {
    throw new RegularsError('FILE_NOT_FOUND', `cannot read ${path}: no such file`, { path });
  }
  if (size === 0) throw new RegularsError('EMPTY_FILE', `${path} is empty`, { path });

  const collector = new OrderCollector(options);
  const decoder = new TextDecoder('utf-8');
  let sink: { push(text: string): void; end(): void } | null = null;
  let format: InputFormat = 'generic';
  let rowsRead = 0;
  let bytesRead = 0;
  let pending = '';

  const startSink = (sample: string) => {
    const firstLines = sample.replace(/^\uFEFF/, '').split(/\r?\n/).slice(0, 5).filter((l) => l.trim() !== '');
    if (firstLines.length === 0) throw new RegularsError('EMPTY_FILE', `${path} has no rows`, { path });
    format = options.format && options.format !== 'auto' ? options.format : detectFormat(firstLines);
    if (format === 'cdnow') {
      const handle = createCdnowLineHandler(collector);
      return new LineSplitter((text, line) => {
        if (text.trim() === '') return;
        if (!(line === 1 && !/^\s*\d/.test(text))) rowsRead++;
        handle(text, line);
      });
    }
    const delimiter = detectDelimiter(firstLines[0]);
    let handle: ((f: string[], line: number) => void) | null = null;
    return new CsvParser((fields, line) => {
      if (handle === null) {
        fields[0] = fields[0].replace(/^\uFEFF/, '');
        handle = format === 'shopify' ? createShopifyRowHandler(fields, collector) : createGenericRowHandler(fields, collector);
        return;
      }
      rowsRead++;
      handle(fields, line);
    }, delimiter);
  };

  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    bytesRead += chunk.length;
    const text = decoder.decode(chunk, { stream: true });
    if (sink === null) {
      // Wait for a few complete lines before deciding the format.
      pending += text;
      if (pending.split('\n').length < 6 && bytesRead < size) continue;
      sink = startSink(pending);
      sink.push(pending);
      pending = '';
    } else {
      sink.push(text);
    }
    options.onProgress?.(bytesRead, size);
  }
  const tail = decoder.decode();
  if (sink === null) {
    sink = startSink(pending + tail);
    sink.push(pending + tail);
  } else if (tail !== '') sink.push(tail);
  sink.end();
  options.onProgress?.(size, size);

  return { ...collector.finish(), format, rowsRead };
}
