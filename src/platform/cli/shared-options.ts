import type { Rejection } from '../../analytics/report.types.js';
import { type Command, InvalidArgumentError, Option } from 'commander';
import type { ReadOrderFileOptions } from '../../analytics/ports.js';
import { readOrderFile } from '../../analytics/ingest/order-file.reader.js';
import { INPUT_FORMATS } from '../../analytics/ingest/order-file.reader.js';
import { DATE_FORMATS } from '../../analytics/ingest/date-forms.js';
import { DEFAULT_MAX_REJECTED_SHARE } from '../../analytics/rejected-share.js';
import { PROGRESS_MIN_BYTES, createProgressBar } from './progress-bar.js';
import { statSync } from 'node:fs';

/**
 * Options every command that reads an order export takes; `moreFormats` are formats only that
 * command reads (import's woocommerce, which goes to the database through the webhooks' mapper).
 */
export function addInputOptions(command: Command, moreFormats: readonly string[] = []): Command {
  return command
    .addOption(
      new Option('--format <format>', 'input format').choices([...INPUT_FORMATS, ...moreFormats]).default('auto'),
    )
    .option('--currency <code>', 'keep only orders in this currency (required when the file mixes currencies)')
    .option('--strict', 'stop at the first rejected row instead of reporting it and going on', false)
    .addOption(
      new Option(
        '--date-format <format>',
        'order of day and month in dates like 05/02/2024 (default: decided from the whole column; refused when it cannot tell)',
      )
        .choices([...DATE_FORMATS])
        .default('auto'),
    )
    .option(
      '--max-rejected-share <share>',
      `fail when more than this share of the rows is rejected, 0 to 1`,
      shareOption,
      DEFAULT_MAX_REJECTED_SHARE,
    );
}

export interface InputFlags {
  format: ReadOrderFileOptions['format'];
  currency?: string;
  strict: boolean;
  dateFormat?: string;
  maxRejectedShare?: number;
}

/** A share between 0 and 1 (0.2 = 20%). */
export function shareOption(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1)
    throw new InvalidArgumentError('expected a share between 0 and 1, e.g. 0.2 for 20%');
  return n;
}

/** The ingest adapter with a progress bar for big files on a terminal. */
export function readOrderFileWithProgress(path: string, options: ReadOrderFileOptions) {
  let size = 0;
  try {
    size = statSync(path).size;
  } catch {
    // readOrderFile reports the missing file with its error code.
  }
  const bar = size >= PROGRESS_MIN_BYTES ? createProgressBar(`reading ${path}`) : null;
  return readOrderFile(path, {
    ...options,
    onProgress: bar ? (done, total) => bar.update(done, total) : undefined,
  }).finally(() => bar?.finish());
}

export function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a positive integer');
  return n;
}

export function positiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a positive number');
  return n;
}

export function dateText(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new InvalidArgumentError('expected a date as YYYY-MM-DD');
  return value;
}

/** Tells on stderr how many rows were rejected and shows the first few (all are in the JSON report). */
export function printRejections(rejectedRows: number, rejections: readonly Rejection[], shown = 10): void {
  if (rejectedRows === 0) return;
  const lines = [`${rejectedRows.toLocaleString('en-US')} ${rejectedRows === 1 ? 'row' : 'rows'} rejected:`];
  for (const r of rejections.slice(0, shown))
    lines.push(`  line ${r.line}${r.field ? `, ${r.field}` : ''}: ${r.code} ${r.reason}`);
  if (rejectedRows > shown)
    lines.push(`  ... and ${(rejectedRows - Math.min(shown, rejections.length)).toLocaleString('en-US')} more`);
  process.stderr.write(`${lines.join('\n')}\n`);
}

export function nonNegativeInteger(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number, 0 or more');
  return n;
}

/**
 * The `--as-of` of the commands that apply rules at a time: an ISO 8601 instant with its offset, or
 * a date, which means the end of that day (UTC), so everything due that day is due. As a UTC instant.
 */
export function asOfOption(value: string): string {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const text = date ? `${value}T23:59:59.999Z` : value;
  const ms = Date.parse(text);
  const valid =
    (date || /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(text)) && !Number.isNaN(ms);
  // Date.parse rolls 2024-02-30 over to March: a date must come back as itself.
  if (!valid || (date && new Date(ms).toISOString().slice(0, 10) !== value)) {
    throw new InvalidArgumentError(
      'expected a date (YYYY-MM-DD: the end of that day, UTC) or an ISO 8601 instant with offset, e.g. 2026-03-01T09:00:00Z',
    );
  }
  return new Date(ms).toISOString();
}

/** A TCP port to listen on; 0 lets the system pick a free one. */
export function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('expected a port number, 0 to 65535');
  return n;
}
