import nodemailer from 'nodemailer';
import type { DkimConfig, MessagingConfig } from '../../platform/config.js';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import { RegularsError } from '../../platform/errors.js';
import { buildRawEmail, mailOptionsFor, messageIdFor, type OutgoingEmail } from './email-message.adapter.js';

/** What the send pipeline needs from an email channel (architecture.md habit 4: the consumer's port). */
export interface Mailer {
  send(email: OutgoingEmail): Promise<SentEmail>;
  /** Closes pooled connections; a no-op for transports without any. */
  close(): Promise<void>;
}

export interface SentEmail {
  readonly messageId: string;
  readonly accepted: readonly string[];
  readonly rejected: readonly string[];
  /** The server's last answer ("250 2.0.0 OK ..."), or what the transport did. */
  readonly response: string;
}

export interface SmtpSettings {
  /** smtp://user:pass@host:587 or smtps://user:pass@host:465; or give host and port. */
  readonly url?: string;
  readonly host?: string;
  readonly port?: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS is used when the server offers it. */
  readonly secure?: boolean;
  readonly auth?: { readonly user: string; readonly pass: string };
  /** Keep up to `maxConnections` connections open and reuse them (for campaigns). */
  readonly pool?: boolean;
  readonly maxConnections?: number;
  /** Refuse servers whose certificate does not verify (default true; false only for a local test server). */
  readonly rejectUnauthorized?: boolean;
  /** Milliseconds to wait for the connection, the greeting and each command (default 30 s). */
  readonly timeoutMs?: number;
  /**
   * Sign every message with DKIM (RFC 6376, relaxed/relaxed, rsa-sha256) for this domain and
   * selector; receivers check it against the TXT record at SELECTOR._domainkey.DOMAIN, and DMARC
   * passes when the domain is the From's (docs/messaging.md "Sending domain").
   */
  readonly dkim?: DkimConfig | null;
}

function smtpOptions(settings: SmtpSettings): SMTPTransport.Options & { pool?: boolean; maxConnections?: number } {
  const timeout = settings.timeoutMs ?? 30_000;
  const base = {
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    tls: { rejectUnauthorized: settings.rejectUnauthorized ?? true },
    ...(settings.dkim ? { dkim: { ...settings.dkim } } : {}),
    ...(settings.pool ? { pool: true, maxConnections: settings.maxConnections ?? 5 } : {}),
  };
  if (settings.url !== undefined) {
    const url = new URL(settings.url);
    return {
      ...base,
      host: url.hostname,
      port: url.port === '' ? (url.protocol === 'smtps:' ? 465 : 587) : Number(url.port),
      secure: url.protocol === 'smtps:',
      ...(url.username
        ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } }
        : {}),
    };
  }
  if (settings.host === undefined) throw new Error('SMTP settings need a url or a host');
  return {
    ...base,
    host: settings.host,
    port: settings.port ?? (settings.secure ? 465 : 587),
    secure: settings.secure ?? false,
    ...(settings.auth ? { auth: { user: settings.auth.user, pass: settings.auth.pass } } : {}),
  };
}

/**
 * Email over SMTP with nodemailer. A refusal or an unreachable server is MAIL_SEND_FAILED, whose
 * details carry the SMTP reply code, nodemailer's error code and the command that failed.
 */
export function createSmtpMailer(settings: SmtpSettings): Mailer {
  const transport = nodemailer.createTransport(smtpOptions(settings));
  return {
    async send(email) {
      try {
        // Built whole, then handed over as one buffer: streamed part by part, the message went to
        // the socket in a write per chunk.
        const options = mailOptionsFor(email);
        const raw = await buildRawEmail(email);
        const info = (await transport.sendMail({
          envelope: { from: options.from, to: options.to },
          raw,
        })) as SMTPTransport.SentMessageInfo;
        return {
          messageId: options.messageId as string,
          accepted: info.accepted.map(String),
          rejected: info.rejected.map(String),
          response: info.response,
        };
      } catch (error) {
        const failure = error as Error & { response?: string; responseCode?: number; code?: string; command?: string };
        throw new RegularsError(
          'MAIL_SEND_FAILED',
          `the SMTP server did not take the message to ${email.to}: ${failure.response ?? failure.message}`,
          {
            to: email.to,
            ...(failure.responseCode === undefined ? {} : { responseCode: failure.responseCode }),
            // ECONNECTION, ETIMEDOUT, EAUTH ... and the command answered (RCPT TO, DATA): the worker
            // tells an unreachable server from a refused recipient by them (delivery/send-failure.ts).
            ...(failure.code === undefined ? {} : { code: failure.code }),
            ...(failure.command === undefined ? {} : { command: failure.command }),
            ...(failure.response === undefined ? { reason: failure.message } : { response: failure.response }),
          },
        );
      }
    },
    async close() {
      transport.close();
    },
  };
}

/**
 * A mailer that sends nothing: it builds each message exactly as SMTP would carry it and hands the
 * raw text to `write` (process.stdout for `--transport console`, an array in tests).
 */
export function createConsoleMailer(write: (raw: string, email: OutgoingEmail) => void): Mailer {
  return {
    async send(email) {
      const raw = (await buildRawEmail(email)).toString('utf8');
      write(raw, email);
      return {
        messageId: messageIdFor(email.idempotencyKey, email.from),
        accepted: [email.to],
        rejected: [],
        response: 'written to the console transport',
      };
    },
    async close() {},
  };
}

/**
 * The mailer the configuration asks for: SMTP when REGULARS_SMTP_URL is set (pooled, for
 * campaigns), otherwise the console transport writing each message to `write` (stdout), so a
 * store can try flows before it has an SMTP server.
 */
export function createMailerFromConfig(
  config: MessagingConfig,
  write: (raw: string) => void,
  dkim: DkimConfig | null = null,
): Mailer {
  return config.smtpUrl === null
    ? createConsoleMailer((raw) => write(raw))
    : createSmtpMailer({ url: config.smtpUrl, pool: true, dkim });
}
