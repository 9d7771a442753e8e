import { RegularsError } from '../../platform/errors.js';
import type { SmsSettings } from './sms-settings.js';
import { classifyTwilioError, twilioErrorHint } from './twilio-error.js';

/**
 * Twilio's Messages API (https://www.twilio.com/docs/messaging/api/message-resource#create-a-message-resource):
 * POST {baseUrl}/2010-04-01/Accounts/{AccountSid}/Messages.json, HTTP basic auth AccountSid:AuthToken,
 * a form body with To, Body and From (or MessagingServiceSid); 201 answers the Message resource
 * as JSON ({ sid: 'SM...', status: 'queued' | 'accepted', ... }), an error answers
 * { code, message, more_info, status } (https://www.twilio.com/docs/usage/twilios-response#response-formats-exceptions).
 * A provider serving the same API (a Twilio-compatible gateway, a test double) is the same
 * adapter with another baseUrl.
 */
export interface SmsToSend {
  readonly to: string;
  readonly body: string;
}

export interface SmsAccepted {
  /** The provider's message id ('SM...'). */
  readonly sid: string;
  readonly status: string;
}

export interface SmsProvider {
  send(sms: SmsToSend): Promise<SmsAccepted>;
}

export type SmsProviderFactory = (settings: SmsSettings) => SmsProvider;

/** Twilio's error body, when the answer is one. */
function errorBody(text: string): { code: number | null; message: string | null } {
  try {
    const parsed = JSON.parse(text) as { code?: unknown; message?: unknown };
    return {
      code: typeof parsed.code === 'number' ? parsed.code : null,
      message: typeof parsed.message === 'string' ? parsed.message : null,
    };
  } catch {
    return { code: null, message: null };
  }
}

/**
 * The failure of one send, as the delivery worker classifies it (delivery's send-failure.ts):
 * `permanent` fails the message at once; a transport fault carries an HTTP status of 5xx or 429
 * (or a socket code) so the worker pauses the channel; anything else is retried with backoff.
 * `suppress` marks the 21610 answer: the channel puts the number on the suppression list.
 */
export class SmsSendError extends RegularsError {
  readonly permanent: boolean;
  readonly suppress: boolean;

  constructor(
    message: string,
    details: Record<string, unknown>,
    options: {
      permanent: boolean;
      suppress: boolean;
      code?: 'SMS_SEND_FAILED' | 'SMS_NOT_CONFIGURED' | 'SMS_TOO_LONG';
    },
  ) {
    super(options.code ?? 'SMS_SEND_FAILED', message, details);
    this.permanent = options.permanent;
    this.suppress = options.suppress;
  }
}

export function createTwilioProvider(settings: SmsSettings, timeoutMs = 10_000): SmsProvider {
  const url = `${settings.baseUrl}/2010-04-01/Accounts/${encodeURIComponent(settings.accountSid)}/Messages.json`;
  const authorization = `Basic ${Buffer.from(`${settings.accountSid}:${settings.authToken}`, 'utf8').toString('base64')}`;
  return {
    async send(sms) {
      const form = new URLSearchParams({ To: sms.to, Body: sms.body });
      if (settings.messagingServiceSid !== null) form.set('MessagingServiceSid', settings.messagingServiceSid);
      if (settings.from !== null) form.set('From', settings.from);
      let response: Response;
      try {
        response = await fetch(url, {
          method: 'POST',
          headers: {
            authorization,
            'content-type': 'application/x-www-form-urlencoded',
            accept: 'application/json',
            'user-agent': 'Regulars-SMS/1',
          },
          body: form.toString(),
          redirect: 'manual',
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        const cause = error as Error & { cause?: { code?: string } };
        const timedOut = cause.name === 'TimeoutError';
        const code = timedOut ? 'ETIMEDOUT' : (cause.cause?.code ?? 'ECONNREFUSED');
        const reason = timedOut ? `no answer within ${timeoutMs} ms` : (cause.cause?.code ?? cause.message);
        // The socket's code: the worker sees the provider's outage, not a bad message.
        throw new SmsSendError(
          `the SMS provider at ${settings.baseUrl} was not reached: ${reason}`,
          { url: settings.baseUrl, reason, code },
          { permanent: false, suppress: false },
        );
      }
      const text = (await response.text()).slice(0, 2000);
      if (response.status >= 200 && response.status <= 299) {
        const accepted = acceptedMessage(text);
        if (accepted === null)
          throw new SmsSendError(
            `the SMS provider at ${settings.baseUrl} answered ${response.status} without a message sid`,
            { url: settings.baseUrl, httpStatus: response.status, body: text },
            { permanent: false, suppress: false },
          );
        return accepted;
      }
      const { code, message } = errorBody(text);
      const kind = classifyTwilioError(code, response.status);
      const hint = twilioErrorHint(code);
      const what = [code === null ? null : `error ${code}`, message, hint === null ? null : `(${hint})`]
        .filter((part) => part !== null)
        .join(' ');
      throw new SmsSendError(
        `the SMS provider refused the message to ${sms.to}: ${response.status}${what === '' ? '' : ` ${what}`}`,
        {
          url: settings.baseUrl,
          providerCode: code,
          httpStatus: response.status,
          // A transport fault's status makes the worker pause the channel (5xx and 429 do);
          // an account fault answered 400 or 401 is shown as 503 for the same reason.
          ...(kind === 'transport'
            ? { status: response.status >= 500 || response.status === 429 ? response.status : 503 }
            : {}),
        },
        { permanent: kind === 'permanent' || kind === 'suppress', suppress: kind === 'suppress' },
      );
    },
  };
}

function acceptedMessage(text: string): SmsAccepted | null {
  try {
    const parsed = JSON.parse(text) as { sid?: unknown; status?: unknown };
    if (typeof parsed.sid !== 'string' || parsed.sid === '') return null;
    return { sid: parsed.sid, status: typeof parsed.status === 'string' ? parsed.status : 'queued' };
  } catch {
    return null;
  }
}
