import { groupOrdersByCustomer } from './customer-orders.js';
import { dayFromIso } from './day.js';
import { ordersUpTo } from './order-log-window.js';
import type { CustomerOrders, OrderLog } from './order-log.js';
import { RegularsError } from '../platform/errors.js';
import type { OrderFile, ReadOrderFile, ReadOrderFileOptions } from './ports.js';
import { checkRejectedShare } from './rejected-share.js';

export interface LoadedOrders {
  readonly file: OrderFile;
  /** The orders up to the as-of day. */
  readonly log: OrderLog;
  readonly byCustomer: CustomerOrders;
  readonly asOfDay: number;
}

/** Parses a 'YYYY-MM-DD' option, or fails naming the option. */
export function parseDateOption(value: string, option: string): number {
  const day = dayFromIso(value);
  if (Number.isNaN(day))
    throw new RegularsError('INVALID_ARGUMENT', `${option} must be a date as YYYY-MM-DD, got "${value}"`, {
      option,
      value,
    });
  return day;
}

/**
 * Reads an export and cuts it at the as-of date. Without one, the as-of date is the day of the
 * latest order: an export is a snapshot, and measuring it against today would make a file
 * exported last month look like a store whose customers all lapsed.
 */
export async function loadOrders(
  readOrderFile: ReadOrderFile,
  path: string,
  options: ReadOrderFileOptions & { asOf?: string },
): Promise<LoadedOrders> {
  const file = await readOrderFile(path, options);
  if (file.log.orderCount === 0) {
    throw new RegularsError(
      'NO_ORDERS',
      `${path} holds no purchases (${file.rowsRead} rows read, ${file.rejectedRows} rejected)`,
      {
        rowsRead: file.rowsRead,
        rejectedRows: file.rejectedRows,
        rejections: file.rejections.slice(0, 10),
      },
    );
  }
  checkRejectedShare(path, file, options.maxRejectedShare);
  let lastDay = file.log.orderDay[0];
  for (let o = 1; o < file.log.orderCount; o++) if (file.log.orderDay[o] > lastDay) lastDay = file.log.orderDay[o];
  const asOfDay = options.asOf !== undefined ? parseDateOption(options.asOf, '--as-of') : lastDay;
  const log = ordersUpTo(file.log, asOfDay);
  return { file, log, byCustomer: groupOrdersByCustomer(log), asOfDay };
}
