import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';
import { RegularsError } from '../../platform/errors.js';
import { registerFormBodyParsers } from '../../platform/http/form-body.js';
import { escapeHtml, page, pageCsp, refuseAsPage, wantsJson } from '../../platform/http/person-pages.js';
import { nowIso } from '../../platform/ids.js';
import { preferenceChangeFromForm } from '../consent/index.js';
import { readLoyaltyProgram } from '../loyalty/index.js';
import { readShopProfile } from '../stores/index.js';
import { CHANGE_REASONS, type ChangeReason, type SubscriptionChangeRequest } from '../subscriptions/index.js';
import { accountPageBody, cancelPageBody, guestPageBody, rewardLabel } from './account-page.js';
import { ACCOUNT_TEXTS, type AccountTexts, accountLocale } from './account-texts.js';
import {
  changeShopperPreferences,
  changeShopperSubscription,
  readAccountSettings,
  redeemForShopper,
  shopperOverview,
  shopperPreferences,
  shopperRewards,
} from './shopper-account.service.js';
import { createShopperResolver } from './shopper-session.service.js';
import type { Shopper } from './shopper.js';
import { MAX_SHOPPER_TOKEN_LENGTH } from './shopper-token.js';

type Fields = Readonly<Record<string, unknown>>;

function field(fields: Fields | undefined, name: string): string | undefined {
  const value = fields?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : undefined;
}

const storeParams = {
  type: 'object',
  required: ['storeId'],
  properties: { storeId: { type: 'string', pattern: '^sto_[0-9a-z]{1,40}$' } },
} as const;
const subscriptionParams = {
  type: 'object',
  required: ['storeId', 'id', 'verb'],
  properties: {
    storeId: storeParams.properties.storeId,
    id: { type: 'string', minLength: 1, maxLength: 64 },
    verb: { type: 'string', enum: ['skip', 'pause', 'resume', 'cancel'] },
  },
} as const;

/**
 * The account page for stores without a widget (docs/shopper.md "Account page"): `/a/{storeId}?token=`
 * shows the shopper's points, tier, rewards, referral link, challenges, membership, subscriptions
 * and email preferences; its forms POST back with the token in the body. Registered at the root,
 * like the unsubscribe pages: the token is the only credential.
 */
export const accountPageRoutes: FastifyPluginAsync<{ db: Kysely<Database>; now?: () => number }> = async (
  app,
  { db, now },
) => {
  registerFormBodyParsers(app);
  const resolve = createShopperResolver(db, now);
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('content-security-policy', pageCsp());
    reply.header('cache-control', 'no-store');
    // The token is in the page's URL: it must not leave in a Referer to the shop's links.
    reply.header('referrer-policy', 'no-referrer');
    return payload;
  });

  async function shopperFor(storeId: string, token: string | undefined): Promise<Shopper> {
    if (token === undefined || token === '' || token.length > MAX_SHOPPER_TOKEN_LENGTH)
      throw new RegularsError('SHOPPER_TOKEN_INVALID', 'the link has no valid token', { field: 'token' });
    const shopper = await resolve(token);
    // A token of another store opens nothing here, whatever the path says.
    if (shopper.storeId !== storeId)
      throw new RegularsError('SHOPPER_TOKEN_INVALID', 'the shopper token is not valid: it is for another store', {
        field: 'token',
      });
    return shopper;
  }

  function refuse(request: FastifyRequest, reply: FastifyReply, error: unknown): FastifyReply {
    return refuseAsPage(
      request,
      reply,
      error,
      'SHOPPER_TOKEN_INVALID',
      'This link is not valid. Please use the link exactly as it appears in the email, or ask the shop for a new one.',
    );
  }

  /** The page's words: `lang` of the link or the form, else Accept-Language, else English. */
  function textsFor(request: FastifyRequest): AccountTexts {
    const asked =
      field(request.body as Fields | undefined, 'lang') ?? (request.query as { lang?: string } | undefined)?.lang;
    return ACCOUNT_TEXTS[accountLocale(asked, request.headers['accept-language'])];
  }

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    shopper: Shopper,
    token: string,
    notice: string | null,
    noticeHtml?: string,
  ) {
    const texts = textsFor(request);
    const at = nowIso();
    const [overview, rewards, preferences, shop] = await Promise.all([
      shopperOverview(db, shopper, at),
      shopperRewards(db, shopper, at),
      shopperPreferences(db, shopper, at),
      readShopProfile(db, shopper.storeId),
    ]);
    return reply
      .code(200)
      .type('text/html; charset=utf-8')
      .send(
        page(
          texts.title,
          accountPageBody({
            storeId: shopper.storeId,
            token,
            shopName: shop.name,
            overview,
            rewards,
            preferences,
            notice,
            ...(noticeHtml === undefined ? {} : { noticeHtml }),
            today: at.slice(0, 10),
            texts,
          }),
          null,
          '',
          texts.locale,
        ),
      );
  }

  app.get<{ Params: { storeId: string }; Querystring: { token?: string; lang?: string } }>(
    '/a/:storeId',
    {
      schema: {
        tags: ['shopper'],
        summary:
          "The shopper's account page (HTML): points, tier, rewards, referral, challenges, subscriptions, emails",
        params: storeParams,
        querystring: {
          type: 'object',
          properties: {
            token: { type: 'string', maxLength: MAX_SHOPPER_TOKEN_LENGTH },
            // Any tag: one we do not have falls back to Accept-Language, then English.
            lang: { type: 'string', maxLength: 35 },
          },
        },
      },
    },
    async (request, reply) => {
      try {
        // A guest (a link without a token): the program explained, and how to join.
        if ((request.query.token ?? '') === '' && !wantsJson(request)) {
          const texts = textsFor(request);
          const [shop, program] = await Promise.all([
            readShopProfile(db, request.params.storeId),
            readLoyaltyProgram(db, request.params.storeId),
          ]);
          return reply
            .code(200)
            .type('text/html; charset=utf-8')
            .send(
              page(
                texts.guest.title,
                guestPageBody({ shopName: shop.name, shopUrl: shop.url, program, texts }),
                null,
                '',
                texts.locale,
              ),
            );
        }
        const shopper = await shopperFor(request.params.storeId, request.query.token);
        if (wantsJson(request)) return reply.send(await shopperOverview(db, shopper, nowIso()));
        return await render(request, reply, shopper, request.query.token as string, null);
      } catch (error) {
        return refuse(request, reply, error);
      }
    },
  );

  app.post<{ Params: { storeId: string }; Body: Fields | undefined }>(
    '/a/:storeId/redeem',
    {
      schema: {
        tags: ['shopper'],
        summary: 'The account page redeems a reward (form: token, optionId)',
        params: storeParams,
      },
    },
    async (request, reply) => {
      try {
        const token = field(request.body, 'token');
        const shopper = await shopperFor(request.params.storeId, token);
        const optionId = field(request.body, 'optionId') ?? '';
        const result = await redeemForShopper(db, shopper, optionId, nowIso());
        if (result.outcome === 'refused')
          return await render(
            request,
            reply,
            shopper,
            token as string,
            textsFor(request).refused(result.available, result.required),
          );
        const { coupon } = result;
        const what = rewardLabel(
          coupon.kind === 'amount'
            ? { kind: 'amount', amountMinor: coupon.value }
            : coupon.kind === 'percent'
              ? { kind: 'percent', percent: coupon.value }
              : { kind: coupon.kind },
          coupon.currency,
          textsFor(request),
        );
        return await render(
          request,
          reply,
          shopper,
          token as string,
          null,
          textsFor(request).couponHtml(
            escapeHtml(what),
            escapeHtml(coupon.code),
            coupon.validUntil ? escapeHtml(coupon.validUntil.slice(0, 10)) : null,
          ),
        );
      } catch (error) {
        return refuse(request, reply, error);
      }
    },
  );

  app.post<{ Params: { storeId: string }; Body: Fields | undefined }>(
    '/a/:storeId/preferences',
    {
      schema: {
        tags: ['shopper'],
        summary: 'The account page saves email preferences (form: token, topic..., frequency, snooze)',
        params: storeParams,
      },
    },
    async (request, reply) => {
      try {
        const token = field(request.body, 'token');
        const shopper = await shopperFor(request.params.storeId, token);
        await changeShopperPreferences(db, shopper, preferenceChangeFromForm(request.body ?? {}), {
          now: nowIso(),
          ip: request.ip,
          source: 'account_page',
        });
        return await render(request, reply, shopper, token as string, textsFor(request).saved);
      } catch (error) {
        return refuse(request, reply, error);
      }
    },
  );

  app.post<{
    Params: { storeId: string; id: string; verb: 'skip' | 'pause' | 'resume' | 'cancel' };
    Body: Fields | undefined;
  }>(
    '/a/:storeId/subscriptions/:id/:verb',
    {
      schema: {
        tags: ['shopper'],
        summary:
          'The account page changes a subscription: skip, pause (until), resume, cancel (first the save offer and the reason, then confirm=1 with reason and note)',
        params: subscriptionParams,
      },
    },
    async (request, reply) => {
      try {
        const token = field(request.body, 'token');
        const shopper = await shopperFor(request.params.storeId, token);
        const { id, verb } = request.params;
        const today = nowIso().slice(0, 10);
        if (verb === 'cancel' && field(request.body, 'confirm') !== '1') {
          const own = (await shopperOverview(db, shopper, nowIso())).subscriptions.find((s) => s.id === id);
          if (own === undefined)
            throw new RegularsError('SUBSCRIPTION_NOT_FOUND', `you have no subscription ${id}`, { subscriptionId: id });
          const settings = await readAccountSettings(db, shopper.storeId);
          const texts = textsFor(request);
          return reply
            .code(200)
            .type('text/html; charset=utf-8')
            .send(
              page(
                texts.cancelTitle,
                cancelPageBody({
                  storeId: shopper.storeId,
                  token: token as string,
                  subscriptionId: id,
                  sku: own.sku,
                  saveOffer: settings.saveOffer,
                  today,
                  texts,
                }),
                null,
                '',
                texts.locale,
              ),
            );
        }
        const reason = field(request.body, 'reason');
        const note = field(request.body, 'note')?.trim() || null;
        if (verb === 'cancel' && !(CHANGE_REASONS as readonly string[]).includes(reason ?? ''))
          throw new RegularsError('INVALID_ARGUMENT', 'choose a reason for cancelling', { field: 'reason' });
        const change: SubscriptionChangeRequest =
          verb === 'skip'
            ? { kind: 'skip', reason: null, note: null }
            : verb === 'resume'
              ? { kind: 'resume' }
              : verb === 'pause'
                ? { kind: 'pause', until: field(request.body, 'until') ?? '', reason: null, note: null }
                : { kind: 'cancel', reason: reason as ChangeReason, note: note === null ? null : note.slice(0, 1000) };
        await changeShopperSubscription(db, shopper, id, change, nowIso());
        const done = textsFor(request).done[verb];
        return await render(request, reply, shopper, token as string, done);
      } catch (error) {
        return refuse(request, reply, error);
      }
    },
  );
};
