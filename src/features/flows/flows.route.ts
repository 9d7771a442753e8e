import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import { builtInFlowSources } from './engine/flow-sources.reader.js';
import { flowPerformance } from './engine/flow-performance.service.js';
import { disableFlow, enableFlow, listFlows } from './engine/manage-flows.service.js';
import { backtestFlow } from './engine/backtest-flow.service.js';
import { changeFlowSettings } from './engine/change-flow-settings.service.js';
import { flowGates } from './engine/flow-gates.service.js';
import { previewFlow } from './engine/preview-flow.service.js';
import {
  backtestAnswer,
  backtestBody,
  flowGatesAnswer,
  flowList,
  flowListing,
  flowPreviewAnswer,
  flowSettingsBody,
} from './flows.schema.js';
import { parseAsOf } from '../segments/index.js';
import { nowIso } from '../../platform/ids.js';
import { type Config, loadConfig } from '../../platform/config.js';
import type { Database } from '../../platform/database/database.table.js';
import { bearerAuth, commonErrors, looseObject } from '../../platform/http/common.schema.js';

const flowName = {
  type: 'object',
  required: ['id'],
  properties: {
    id: { type: 'string', pattern: '^[a-z0-9][a-z0-9_-]{0,63}$', description: "The flow's (or campaign's) name" },
  },
} as const;

/** Flows (docs/flows.md): the store's flows, switching them on and off, and their measured performance. */
export const flowRoutes: FastifyPluginAsync<{
  db: Kysely<Database>;
  templatesDir?: string;
  /** The configuration read at start (REGULARS_SPAMASSASSIN, REGULARS_SPAM_LIMIT, REGULARS_MAIL_FROM...); loadConfig() when left out. */
  config?: Config;
}> = async (app, { db, templatesDir, config = loadConfig() }) => {
  const sources = await builtInFlowSources(config, templatesDir);

  app.get(
    '/flows',
    {
      schema: {
        tags: ['flows'],
        summary: "The store's flows (the built-ins it has not enabled are listed, off) with their settings in effect",
        security: bearerAuth,
        response: { 200: flowList, ...commonErrors },
      },
    },
    async (request) => ({ flows: await listFlows(db, request.store.id, sources) }),
  );

  app.post<{ Params: { id: string } }>(
    '/flows/:id/enable',
    {
      schema: {
        tags: ['flows'],
        summary:
          "Enable a flow after its gates: templates pass the content lint (TEMPLATE_LINT_BLOCKED), and a campaign's copy too (CAMPAIGN_COPY_BLOCKED), the shop profile is complete (SHOP_PROFILE_INCOMPLETE), the email scores within the SpamAssassin limit (SPAM_SCORE_TOO_HIGH; spamCheck in the answer says when it was not scored and why)",
        security: bearerAuth,
        params: flowName,
        response: { 200: looseObject, ...commonErrors },
      },
    },
    async (request) => enableFlow(db, request.store.id, request.params.id, sources, nowIso()),
  );

  app.post<{ Params: { id: string } }>(
    '/flows/:id/disable',
    {
      schema: {
        tags: ['flows'],
        summary: 'Disable a flow: it plans nothing more',
        security: bearerAuth,
        params: flowName,
        response: { 200: looseObject, ...commonErrors },
      },
    },
    async (request) => ({
      flow: request.params.id,
      changed: await disableFlow(db, request.store.id, request.params.id, nowIso()),
    }),
  );

  app.get<{ Params: { id: string }; Querystring: { windowDays: number; since?: string; until?: string } }>(
    '/flows/:id/performance',
    {
      schema: {
        tags: ['flows'],
        summary:
          'Sent, delivered, conversions and revenue of treatment against holdout, incremental lift with its 95% interval, attributed beside incremental revenue',
        security: bearerAuth,
        params: flowName,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            windowDays: {
              type: 'integer',
              minimum: 1,
              maximum: 90,
              default: 5,
              description: 'The attribution window: an order within this many days after the message converts',
            },
            since: {
              type: 'string',
              maxLength: 40,
              description: 'Only messages from this moment (YYYY-MM-DD or ISO 8601)',
            },
            until: {
              type: 'string',
              maxLength: 40,
              description: 'Only messages until this moment (YYYY-MM-DD: its end)',
            },
          },
        },
        response: { 200: looseObject, ...commonErrors },
      },
    },
    async (request) => {
      const { windowDays, since, until } = request.query;
      return flowPerformance(db, request.store.id, request.params.id, {
        windowDays,
        // A date as the start of a range is its first moment; as the end, its last.
        since:
          since === undefined
            ? undefined
            : /^\d{4}-\d{2}-\d{2}$/.test(since)
              ? `${parseAsOf(since, 'since').instant.slice(0, 10)}T00:00:00.000Z`
              : parseAsOf(since, 'since').instant,
        until: until === undefined ? undefined : parseAsOf(until, 'until').instant,
      });
    },
  );

  app.get<{ Params: { id: string } }>(
    '/flows/:id/gates',
    {
      schema: {
        tags: ['flows'],
        summary:
          "The enable gates of a flow, checked now without enabling it (the settings, the templates' lint, a campaign's copy, the shop profile; the SpamAssassin score is checked when enabling) and whether a mail transport is configured",
        security: bearerAuth,
        params: flowName,
        response: { 200: flowGatesAnswer, ...commonErrors },
      },
    },
    async (request) =>
      flowGates(db, request.store.id, request.params.id, sources, {
        now: nowIso(),
        mailTransport: config.messaging.smtpUrl !== null,
      }),
  );

  app.put<{ Params: { id: string }; Body: { settings: Record<string, unknown> } }>(
    '/flows/:id/settings',
    {
      schema: {
        tags: ['flows'],
        summary:
          "Change some of a flow's settings: merged into its written settings, checked by its kind (INVALID_FLOW naming settings.<field>), stored; an enabled flow stays enabled",
        security: bearerAuth,
        params: flowName,
        body: flowSettingsBody,
        response: { 200: flowListing, ...commonErrors },
      },
    },
    async (request) =>
      changeFlowSettings(db, request.store.id, request.params.id, request.body.settings, sources, nowIso()),
  );

  app.post<{ Params: { id: string } }>(
    '/flows/:id/preview',
    {
      schema: {
        tags: ['flows'],
        summary:
          "A flow's messages rendered for the sample customer of each template, with the content lint's findings (what the enable gate checks). Computes only",
        security: bearerAuth,
        params: flowName,
        response: { 200: flowPreviewAnswer, ...commonErrors },
      },
    },
    async (request) => previewFlow(db, request.store.id, request.params.id, sources),
  );

  app.post<{ Params: { id: string }; Body: { days: number; firstDay?: string } | undefined }>(
    '/flows/:id/dry-run',
    {
      schema: {
        tags: ['flows'],
        summary:
          'A backtest: what the flow would have sent over the past days, to whom and why, and what the send-time checks would have held back (no consent, suppressed, frequency cap, quiet hours, stopped by order) or the holdout kept. Computed from the stored data; writes nothing',
        security: bearerAuth,
        params: flowName,
        body: backtestBody,
        response: { 200: backtestAnswer, ...commonErrors },
      },
    },
    async (request) =>
      backtestFlow(db, request.store.id, request.params.id, sources, {
        // A POST without a body plans the default 30 days.
        days: request.body?.days ?? 30,
        firstDay: request.body?.firstDay ?? null,
        now: nowIso(),
        publicUrl: config.messaging.publicUrl,
      }),
  );
};
