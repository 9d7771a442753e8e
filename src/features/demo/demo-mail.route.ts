import type { FastifyPluginAsync } from 'fastify';
import type { DemoMailbox } from './mail-catcher.adapter.js';
import { RegularsError } from '../../platform/errors.js';
import { bearerAuth, commonErrors } from '../../platform/http/common.schema.js';

const caughtMail = {
  type: 'object',
  required: ['id', 'receivedAt', 'from', 'to', 'subject', 'messageId', 'size'],
  properties: {
    id: { type: 'string', description: "'mail_000001', in the order the catcher took them" },
    receivedAt: { type: 'string', format: 'date-time' },
    from: { type: 'string', description: 'The envelope sender (MAIL FROM)' },
    to: { type: 'array', items: { type: 'string' }, description: 'The envelope recipients (RCPT TO)' },
    subject: { type: 'string' },
    messageId: { type: 'string' },
    size: { type: 'integer', description: 'Bytes of the raw message' },
  },
} as const;

/**
 * The mail the demo's in-process catcher took (docs/generator.md "The living demo"): registered
 * only when `regulars demo` serves, so a real server has no such routes. The list is newest first;
 * a message's raw form (message/rfc822) is what the worker sent, for the console to render.
 */
export const demoMailRoutes: FastifyPluginAsync<{ mailbox: DemoMailbox }> = async (app, { mailbox }) => {
  app.get<{ Querystring: { limit: number } }>(
    '/demo/mail',
    {
      schema: {
        tags: ['demo'],
        summary: "The demo only: the messages its mail catcher took, newest first (nothing leaves the machine)",
        security: bearerAuth,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 } },
        },
        response: {
          200: { type: 'object', required: ['mail'], properties: { mail: { type: 'array', items: caughtMail } } },
          ...commonErrors,
        },
      },
    },
    async (request) => ({ mail: mailbox.list({ limit: request.query.limit }) }),
  );

  app.get<{ Params: { id: string } }>(
    '/demo/mail/:id',
    {
      schema: {
        tags: ['demo'],
        summary: 'The demo only: one caught message as it arrived (message/rfc822)',
        security: bearerAuth,
        params: { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 32 } } },
        response: { 200: { type: 'string', description: 'The raw message' }, ...commonErrors },
      },
    },
    async (request, reply) => {
      const raw = await mailbox.raw(request.params.id);
      if (raw === null)
        throw new RegularsError('NOT_FOUND', `the demo's mail catcher has no message ${request.params.id}`);
      return reply.type('message/rfc822').send(raw);
    },
  );
};
