import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { twilioSignature } from './twilio-signature.js';

/**
 * A local stand-in for Twilio's Messages API, answering with the documented shapes:
 * - create a message: POST /2010-04-01/Accounts/{AccountSid}/Messages.json, form To/From/Body or
 *   MessagingServiceSid, basic auth; 201 with the Message resource
 *   (https://www.twilio.com/docs/messaging/api/message-resource#create-a-message-resource);
 * - errors: { code, message, more_info, status } (https://www.twilio.com/docs/usage/twilios-response),
 *   20003 for bad credentials (https://www.twilio.com/docs/api/errors/20003), 21610 for a number
 *   that replied STOP (https://www.twilio.com/docs/api/errors/21610), 21211 for an invalid To
 *   (https://www.twilio.com/docs/api/errors/21211).
 * Like Twilio itself, it remembers numbers that replied STOP (optOut) and refuses them with 21610.
 */
export interface FakeTwilio {
  readonly baseUrl: string;
  /** The messages accepted, with their form fields. */
  readonly sent: { sid: string; to: string; from: string | null; messagingServiceSid: string | null; body: string }[];
  /** Every request's form, accepted or not. */
  readonly requests: Record<string, string>[];
  /** Numbers Twilio's opt-out list holds (they replied STOP): sending answers 21610. */
  readonly optedOut: Set<string>;
  /** The next answers for a number: an HTTP status and Twilio error code, used once each. */
  failNext(to: string, status: number, code: number, message: string): void;
  close(): Promise<void>;
}

export const FAKE_ACCOUNT_SID = 'AC00000000000000000000000000000001';
export const FAKE_AUTH_TOKEN = 'fake_twilio_auth_token_0123456789';

function errorBody(status: number, code: number, message: string): string {
  return JSON.stringify({ code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });
}

export async function startFakeTwilio(): Promise<FakeTwilio> {
  const sent: FakeTwilio['sent'] = [];
  const requests: Record<string, string>[] = [];
  const optedOut = new Set<string>();
  const failures = new Map<string, { status: number; code: number; message: string }[]>();
  let next = 0;
  const expectedAuth = `Basic ${Buffer.from(`${FAKE_ACCOUNT_SID}:${FAKE_AUTH_TOKEN}`).toString('base64')}`;
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const form = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
      requests.push(form);
      const answer = (status: number, body: string) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(body);
      };
      const path = `/2010-04-01/Accounts/${FAKE_ACCOUNT_SID}/Messages.json`;
      if (request.method !== 'POST' || request.url !== path)
        return answer(404, errorBody(404, 20404, `The requested resource ${request.url} was not found`));
      if (request.headers.authorization !== expectedAuth) return answer(401, errorBody(401, 20003, 'Authenticate'));
      const to = form.To ?? '';
      const scripted = failures.get(to)?.shift();
      if (scripted !== undefined)
        return answer(scripted.status, errorBody(scripted.status, scripted.code, scripted.message));
      if (!/^\+[1-9]\d{5,14}$/.test(to))
        return answer(400, errorBody(400, 21211, `The 'To' number ${to} is not a valid phone number.`));
      if (optedOut.has(to)) return answer(400, errorBody(400, 21610, 'Attempt to send to unsubscribed recipient'));
      next += 1;
      const sid = `SM${String(next).padStart(32, '0')}`;
      const message = {
        sid,
        to,
        from: form.From ?? null,
        messagingServiceSid: form.MessagingServiceSid ?? null,
        body: form.Body ?? '',
      };
      sent.push(message);
      // The documented Message resource, fields as Twilio names them.
      answer(
        201,
        JSON.stringify({
          account_sid: FAKE_ACCOUNT_SID,
          api_version: '2010-04-01',
          body: message.body,
          date_created: 'Thu, 24 Aug 2023 05:01:45 +0000',
          date_sent: null,
          date_updated: 'Thu, 24 Aug 2023 05:01:45 +0000',
          direction: 'outbound-api',
          error_code: null,
          error_message: null,
          from: message.from,
          messaging_service_sid: message.messagingServiceSid,
          num_media: '0',
          num_segments: '1',
          price: null,
          price_unit: null,
          sid,
          status: 'queued',
          subresource_uris: { media: `/2010-04-01/Accounts/${FAKE_ACCOUNT_SID}/Messages/${sid}/Media.json` },
          to,
          uri: `/2010-04-01/Accounts/${FAKE_ACCOUNT_SID}/Messages/${sid}.json`,
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    sent,
    requests,
    optedOut,
    failNext(to, status, code, message) {
      failures.set(to, [...(failures.get(to) ?? []), { status, code, message }]);
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * An inbound SMS as Twilio posts it to the number's webhook, with the parameters its documentation
 * lists (https://www.twilio.com/docs/messaging/guides/webhook-request), and its signature.
 */
export function inboundSmsForm(fields: {
  messageSid: string;
  from: string;
  to: string;
  body: string;
  optOutType?: string;
}): [string, string][] {
  return [
    ['ToCountry', 'GB'],
    ['ToState', ''],
    ['SmsMessageSid', fields.messageSid],
    ['NumMedia', '0'],
    ['ToCity', ''],
    ['FromZip', ''],
    ['SmsSid', fields.messageSid],
    ['FromState', ''],
    ['SmsStatus', 'received'],
    ['FromCity', ''],
    ['Body', fields.body],
    ['FromCountry', 'GB'],
    ['To', fields.to],
    ['ToZip', ''],
    ['NumSegments', '1'],
    ['MessageSid', fields.messageSid],
    ['AccountSid', FAKE_ACCOUNT_SID],
    ['From', fields.from],
    ['ApiVersion', '2010-04-01'],
    ...(fields.optOutType === undefined ? [] : [['OptOutType', fields.optOutType] as [string, string]]),
  ];
}

/** What Twilio sends: the form body and its X-Twilio-Signature for the URL it calls. */
export function signedInbound(url: string, form: [string, string][], authToken = FAKE_AUTH_TOKEN) {
  return {
    body: new URLSearchParams(form).toString(),
    signature: twilioSignature(authToken, url, form),
  };
}
