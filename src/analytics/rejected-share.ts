import type { Rejection } from './report.types.js';
import { RegularsError } from '../platform/errors.js';

/**
 * The share of rows a run may reject and still go on (the default of --max-rejected-share). A few
 * bad rows are an export's noise; beyond this the file is being read wrongly (a date form or a
 * column the reader does not know), and a report on what is left would look fine and mislead.
 */
export const DEFAULT_MAX_REJECTED_SHARE = 0.05;

/**
 * Rows rejected for naming no customer (EMPTY_CUSTOMER) do not count towards the share: they are
 * guest checkouts the file records as they are, not values read wrongly (a UK retailer's export
 * has one row in seven without a customer), and they are still reported row by row.
 */
const NOT_COUNTED = 'EMPTY_CUSTOMER';

interface RejectedRows {
  readonly rowsRead: number;
  readonly rejectedRows: number;
  readonly rejectedByCode?: Readonly<Record<string, number>>;
  readonly rejections: readonly Rejection[];
}

/** Rejected rows by code, most frequent first: 'BAD_DATE 733, BAD_AMOUNT 2'. */
function codeCounts(file: RejectedRows): string {
  let counts = file.rejectedByCode;
  if (counts === undefined) {
    const kept: Record<string, number> = {};
    for (const r of file.rejections) kept[r.code] = (kept[r.code] ?? 0) + 1;
    counts = kept;
  }
  return Object.entries(counts)
    .sort((a, b) => b[1] - a[1])
    .map(([code, n]) => `${code} ${n.toLocaleString('en-US')}`)
    .join(', ');
}

/**
 * Stops a run (TOO_MANY_REJECTED) when more than maxShare of the rows read were rejected (guest
 * rows aside), naming the codes and the first rejected rows. maxShare 1 lets every run through.
 */
export function checkRejectedShare(path: string, file: RejectedRows, maxShare = DEFAULT_MAX_REJECTED_SHARE): void {
  if (!(maxShare >= 0 && maxShare <= 1)) {
    throw new RegularsError('INVALID_ARGUMENT', `--max-rejected-share must be between 0 and 1, got ${maxShare}`, {
      option: '--max-rejected-share',
    });
  }
  const { rowsRead, rejectedRows, rejections } = file;
  const counted = rejectedRows - (file.rejectedByCode?.[NOT_COUNTED] ?? 0);
  if (rowsRead === 0 || counted / rowsRead <= maxShare) return;
  const percent = (v: number) => `${(100 * v).toFixed(v < 0.01 ? 2 : 1)}%`;
  const first = rejections
    .filter((r) => r.code !== NOT_COUNTED)
    .slice(0, 3)
    .map((r) => `line ${r.line}${r.field ? `, ${r.field}` : ''}: ${r.code} ${r.reason}`)
    .join('; ');
  throw new RegularsError(
    'TOO_MANY_REJECTED',
    `${path}: ${counted.toLocaleString('en-US')} of ${rowsRead.toLocaleString('en-US')} rows rejected ` +
      `(${percent(counted / rowsRead)}, more than the ${percent(maxShare)} allowed; ${codeCounts(file)}). ` +
      `First: ${first}. Fix the file (docs/errors.md lists the accepted forms), or allow more with --max-rejected-share`,
    {
      rowsRead,
      rejectedRows,
      rejectedByCode: file.rejectedByCode ?? null,
      maxRejectedShare: maxShare,
      rejections: rejections.slice(0, 10),
    },
  );
}
