import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';
import { commonErrors } from '../../platform/http/common.schema.js';
import { nowIso } from '../../platform/ids.js';
import { receiveInboundSms } from './receive-inbound-sms.service.js';

/** An inbound SMS form is a few hundred bytes; Twilio's own limit on a body is 1,600 characters. */
const BODY_LIMIT = 64 * 1024;

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * TwiML (https://www.twilio.com/docs/messaging/twiml): an empty <Response/> sends nothing back,
 * which leaves the STOP and START confirmations to Twilio, whose carriers require its own.
 */
function twiml(reply: string | null): string {
  const message = reply === null ? '' : `<Message>${escapeXml(reply)}</Message>`;
  return `<?xml version="1.0" encoding="UTF-8"?><Response>${message}</Response>`;
}

/**
 * Twilio's incoming message webhook for a store's number: POST /webhooks/sms/{storeId}, form
 * encoded. The body is read as text and parsed only after X-Twilio-Signature is checked against
 * it; the signed URL is REGULARS_PUBLIC_URL plus the path and query Twilio called (what the
 * number's webhook is set to in Twilio's console), or this request's own host without it.
 */
export const inboundSmsRoutes: FastifyPluginAsync<{ db: Kysely<Database>; publicUrl: string | null }> = async (
  app,
  { db, publicUrl },
) => {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: BODY_LIMIT }, (_request, body, done) =>
    done(null, body),
  );

  app.post<{ Params: { storeId: string }; Body: string }>(
    '/webhooks/sms/:storeId',
    {
      bodyLimit: BODY_LIMIT,
      schema: {
        tags: ['webhooks'],
        summary:
          "Twilio's incoming message webhook: STOP, START (UNSTOP, YES) and HELP change the sender's SMS consent; signed with X-Twilio-Signature",
        params: {
          type: 'object',
          required: ['storeId'],
          properties: { storeId: { type: 'string', minLength: 1, maxLength: 64 } },
        },
        response: {
          200: {
            type: 'string',
            description: 'TwiML: <Response/>, with a <Message> for HELP when the store set helpReply',
          },
          ...commonErrors,
        },
      },
    },
    async (request, reply) => {
      const base = publicUrl ?? `${request.protocol}://${request.headers.host ?? 'localhost'}`;
      const raw = typeof request.body === 'string' ? request.body : '';
      const answer = await receiveInboundSms(db, {
        storeId: request.params.storeId,
        url: `${base}${request.url}`,
        signature: Array.isArray(request.headers['x-twilio-signature'])
          ? request.headers['x-twilio-signature'][0]
          : request.headers['x-twilio-signature'],
        params: [...new URLSearchParams(raw)],
        now: nowIso(),
      });
      reply.header('x-regulars-outcome', answer.outcome);
      reply.type('text/xml; charset=utf-8');
      return twiml(answer.reply);
    },
  );
};
