import type { AddressInfo } from 'node:net';
import type { Kysely } from 'kysely';
import { SMTPServer } from 'smtp-server';
import type { Database } from '../../platform/database/database.table.js';
import { RegularsError } from '../../platform/errors.js';
import { deliveryReportEvents } from './delivery-report.js';
import { recordBounceEvents, type RecordBouncesResult } from './record-bounce-events.service.js';

/** A report with the returned message attached is rarely above a few hundred kilobytes. */
const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

/** What became of one email the receiver took; `report: false` for an email that is no delivery report. */
export type DsnReceipt =
  | ({ readonly report: true; readonly from: string } & RecordBouncesResult)
  | { readonly report: false; readonly from: string };

export interface DsnReceiverOptions {
  readonly db: Kysely<Database>;
  /** The store the reports are for: the receiver serves the address that store's mail names as its bounce address. */
  readonly storeId: string;
  readonly port: number;
  readonly host: string;
  /** Told of every email, so the command can print what it did (nothing is dropped unseen). */
  readonly onReceipt?: (receipt: DsnReceipt) => void;
  readonly onError?: (error: unknown) => void;
}

export interface DsnReceiver {
  readonly port: number;
  close(): Promise<void>;
}

function smtpError(message: string, responseCode: number): Error {
  return Object.assign(new Error(message), { responseCode });
}

/**
 * An SMTP server for the address the store's mail bounces to (the envelope sender, Return-Path):
 * mail servers send their delivery reports (RFC 3464) and feedback reports (ARF) there. Each email
 * is parsed whole and its events recorded before the server answers 250, so a report is never
 * acknowledged and then lost: a database failure answers 451 and the sender tries again later; an
 * unreadable report 554, so its sender knows.
 */
export async function startDsnReceiver(options: DsnReceiverOptions): Promise<DsnReceiver> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    size: MAX_MESSAGE_BYTES,
    banner: 'Regulars bounce receiver',
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (stream.sizeExceeded) {
          callback(smtpError(`5.3.4 message larger than ${MAX_MESSAGE_BYTES} bytes`, 552));
          return;
        }
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        const receivedAt = new Date().toISOString();
        let events;
        try {
          events = deliveryReportEvents(Buffer.concat(chunks).toString('utf8'), receivedAt);
        } catch (error) {
          options.onError?.(error);
          callback(smtpError(`5.6.0 ${(error as Error).message}`, 554));
          return;
        }
        if (events === null) {
          options.onReceipt?.({ report: false, from });
          callback();
          return;
        }
        recordBounceEvents(options.db, options.storeId, events, receivedAt).then(
          (result) => {
            options.onReceipt?.({ report: true, from, ...result });
            callback();
          },
          (error: unknown) => {
            options.onError?.(error);
            if (error instanceof RegularsError && error.code === 'VALIDATION_FAILED')
              callback(smtpError(`5.6.0 ${error.message}`, 554));
            else callback(smtpError('4.3.0 the report could not be recorded now; try again later', 451));
          },
        );
      });
    },
  });
  server.on('error', (error) => options.onError?.(error));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  return {
    port: (server.server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
