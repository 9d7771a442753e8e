import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';
import { type Config, loadConfig } from '../../platform/config.js';
import { nowIso } from '../../platform/ids.js';
import { bearerAuth, commonErrors } from '../../platform/http/common.schema.js';
import { builtInFlowSources } from '../flows/index.js';
import { createSmtpMailer, type Mailer } from '../messaging/index.js';
import type { CampaignDraftInput } from './campaign-draft.js';
import {
  type CampaignCopy,
  lintCampaign,
  previewCampaign,
  testSendCampaign,
  testSendSettings,
} from './compose-campaign.service.js';
import {
  cancelCampaign,
  createCampaign,
  deleteCampaign,
  getCampaign,
  listAudiences,
  listCampaigns,
  scheduleCampaign,
  updateCampaign,
} from './manage-campaigns.service.js';
import {
  audiencesSchema,
  campaignListSchema,
  campaignSchema,
  cancelSchema,
  copyBody,
  createBody,
  lintSchema,
  nameParams,
  previewSchema,
  scheduleSchema,
  testSendBody,
  testSendSchema,
  updateBody,
} from './campaigns.schema.js';

const tags = ['campaigns'];

/**
 * Campaigns as the console composes them (docs/api.md "Campaigns"): drafts, the preview, lint and
 * spam score before scheduling, a test send to staff, schedule and cancel. A campaign is a flow of
 * kind campaign; scheduling enables it, so it is planned and sent as every campaign is.
 */
export const campaignRoutes: FastifyPluginAsync<{
  db: Kysely<Database>;
  templatesDir?: string;
  config?: Config;
  /** The mailer a test send uses; an SMTP mailer for REGULARS_SMTP_URL when left out. */
  testMailer?: () => Mailer;
}> = async (app, { db, templatesDir, config = loadConfig(), testMailer }) => {
  const sources = await builtInFlowSources(config, templatesDir);

  app.get(
    '/campaigns',
    {
      schema: {
        tags,
        summary: "The store's campaigns, newest first, with how many are draft, scheduled, sending, sent and cancelled",
        security: bearerAuth,
        response: { 200: campaignListSchema, ...commonErrors },
      },
    },
    async (request) => listCampaigns(db, request.store.id, nowIso()),
  );

  app.get(
    '/campaigns/audiences',
    {
      schema: {
        tags,
        summary:
          "Who a campaign can go to: every customer, the built-in segments and the store's own, with their members now",
        security: bearerAuth,
        response: { 200: audiencesSchema, ...commonErrors },
      },
    },
    async (request) => listAudiences(db, request.store.id, nowIso()),
  );

  app.post<{ Body: CampaignDraftInput & { name: string } }>(
    '/campaigns',
    {
      schema: {
        tags,
        summary: 'Create a draft campaign (CAMPAIGN_NAME_TAKEN when the store has a flow of that name)',
        security: bearerAuth,
        body: createBody,
        response: { 201: campaignSchema, ...commonErrors },
      },
    },
    async (request, reply) => {
      const { name, ...input } = request.body;
      reply.code(201);
      return createCampaign(db, request.store.id, name, input, sources, nowIso());
    },
  );

  app.get<{ Params: { name: string } }>(
    '/campaigns/:name',
    {
      schema: {
        tags,
        summary: 'One campaign with its status and its messages by status',
        security: bearerAuth,
        params: nameParams,
        response: { 200: campaignSchema, ...commonErrors },
      },
    },
    async (request) => getCampaign(db, request.store.id, request.params.name, nowIso()),
  );

  app.put<{ Params: { name: string }; Body: CampaignDraftInput }>(
    '/campaigns/:name',
    {
      schema: {
        tags,
        summary: 'Replace a draft (CAMPAIGN_NOT_EDITABLE once scheduled)',
        security: bearerAuth,
        params: nameParams,
        body: updateBody,
        response: { 200: campaignSchema, ...commonErrors },
      },
    },
    async (request) => updateCampaign(db, request.store.id, request.params.name, request.body, sources, nowIso()),
  );

  app.delete<{ Params: { name: string } }>(
    '/campaigns/:name',
    {
      schema: {
        tags,
        summary: 'Delete a draft (CAMPAIGN_NOT_EDITABLE once scheduled: cancel it instead)',
        security: bearerAuth,
        params: nameParams,
        response: { 204: { type: 'null' }, ...commonErrors },
      },
    },
    async (request, reply) => {
      await deleteCampaign(db, request.store.id, request.params.name, nowIso());
      return reply.code(204).send();
    },
  );

  app.post<{ Body: CampaignCopy }>(
    '/campaigns/preview',
    {
      schema: {
        tags,
        summary:
          'Render the copy in the newsletter template for the sample customer, as the sender renders it (computes only; any role)',
        security: bearerAuth,
        body: copyBody,
        response: { 200: previewSchema, ...commonErrors },
      },
    },
    async (request) => previewCampaign(db, request.store.id, request.body, sources),
  );

  app.post<{ Body: CampaignCopy }>(
    '/campaigns/lint',
    {
      schema: {
        tags,
        summary:
          'The content lint of the copy and the SpamAssassin score of the whole message: what scheduling checks (computes only; any role)',
        security: bearerAuth,
        body: copyBody,
        response: { 200: lintSchema, ...commonErrors },
      },
    },
    async (request) => lintCampaign(request.body, sources),
  );

  app.post<{ Body: CampaignCopy & { to?: string } }>(
    '/campaigns/test-send',
    {
      schema: {
        tags,
        summary:
          "Send the copy, rendered for the sample customer, to a staff address (the signed-in user's by default) through the configured SMTP server",
        security: bearerAuth,
        body: testSendBody,
        response: { 200: testSendSchema, ...commonErrors },
      },
    },
    async (request) => {
      const { to, ...copy } = request.body;
      const settings = testSendSettings(config.messaging);
      const mailer =
        testMailer?.() ?? createSmtpMailer({ url: settings.smtpUrl, timeoutMs: 15_000, dkim: config.dkim });
      try {
        return await testSendCampaign(
          db,
          request.store.id,
          { copy, to: to ?? null, signedInEmail: request.staff?.email ?? null },
          sources,
          { mailer, from: settings.from },
        );
      } finally {
        await mailer.close();
      }
    },
  );

  app.post<{ Params: { name: string } }>(
    '/campaigns/:name/schedule',
    {
      schema: {
        tags,
        summary:
          'Schedule a draft at its sendAt: refused when that has passed (CAMPAIGN_SEND_AT_PASSED), its segment is empty (CAMPAIGN_AUDIENCE_EMPTY), its copy has blocking lint (CAMPAIGN_COPY_BLOCKED), the shop profile is incomplete or the spam score is above the limit',
        security: bearerAuth,
        params: nameParams,
        response: { 200: scheduleSchema, ...commonErrors },
      },
    },
    async (request) => scheduleCampaign(db, request.store.id, request.params.name, sources, nowIso()),
  );

  app.post<{ Params: { name: string } }>(
    '/campaigns/:name/cancel',
    {
      schema: {
        tags,
        summary:
          'Cancel a scheduled or sending campaign: nothing more is planned, and its messages not yet sent are skipped',
        security: bearerAuth,
        params: nameParams,
        response: { 200: cancelSchema, ...commonErrors },
      },
    },
    async (request) => cancelCampaign(db, request.store.id, request.params.name, nowIso()),
  );
};
