import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import {
  type PreferenceChoice,
  readPreferences,
  resolveUnsubscribeToken,
  savePreferences,
  unsubscribeByToken,
} from './unsubscribe.service.js';
import { MAX_TOKEN_LENGTH } from './unsubscribe-token.js';
import { preferenceChangeFromForm, preferenceFieldsHtml } from './preference-form.js';
import type { Preferences } from './preferences.js';
import { changeCustomerPreferences, customerPreferences } from './preferences.service.js';
import { nowIso } from '../../platform/ids.js';
import type { Database } from '../../platform/database/database.table.js';
import { type FormFields, registerFormBodyParsers } from '../../platform/http/form-body.js';
import { escapeHtml, page, pageCsp, refuseAsPage, wantsJson } from '../../platform/http/person-pages.js';

/**
 * One-click unsubscribe (RFC 8058) and the preference page (docs/messaging.md "Unsubscribe").
 * Registered at the root, outside /v1: the signed token in the path is the only credential, so the
 * pages work from any mail client without an API key, a login or a cookie.
 *
 * - POST /u/:token: what a mail client sends for `List-Unsubscribe-Post: List-Unsubscribe=One-Click`
 *   (and what the button on the GET page sends). Unsubscribes at once and answers 200 with a short
 *   page, never a redirect (RFC 8058 section 3.2). A second POST changes nothing and answers 200.
 * - GET /u/:token: never unsubscribes (link scanners and prefetchers GET every URL in a message);
 *   it shows a button that POSTs.
 * - GET and POST /preferences/:token: the per-purpose choices.
 */
const tokenParams = {
  type: 'object',
  required: ['token'],
  properties: { token: { type: 'string', minLength: 1, maxLength: MAX_TOKEN_LENGTH } },
} as const;

function refuse(request: FastifyRequest, reply: FastifyReply, error: unknown): FastifyReply {
  return refuseAsPage(
    request,
    reply,
    error,
    'UNSUBSCRIBE_TOKEN_INVALID',
    'This link is not valid. Please use the link exactly as it appears in the email, or reply to the email and ask to be removed.',
  );
}

function html(reply: FastifyReply, body: string): FastifyReply {
  return reply.code(200).type('text/html; charset=utf-8').send(body);
}

function preferencesForm(
  token: string,
  choices: readonly PreferenceChoice[],
  preferences: Preferences,
  saved: boolean,
): string {
  const boxes = choices
    .map((choice) => {
      const key = `${choice.channel}:${choice.purpose}`;
      return `<label><input type="checkbox" name="choice" value="${escapeHtml(key)}"${choice.granted ? ' checked' : ''}> ${escapeHtml(choice.label)}</label>`;
    })
    .join('\n');
  return page(
    'Your email preferences',
    `${saved ? '<p><strong>Saved.</strong> Your choices apply from now on.</p>\n' : ''}<p>Choose what you would like to hear about. Order confirmations and other messages about your orders are always sent.</p>
<form method="post" action="/preferences/${escapeHtml(token)}">
<input type="hidden" name="submitted" value="1">
<input type="hidden" name="topics_shown" value="1">
<fieldset><legend>Where we may write to you</legend>
${boxes}
</fieldset>
${preferenceFieldsHtml(preferences)}
<fieldset><legend>Or stop everything</legend>
<label><input type="checkbox" name="unsubscribe_all" value="1"> Unsubscribe from all marketing messages</label>
</fieldset>
<p><button type="submit">Save my choices</button></p>
</form>`,
  );
}

export const unsubscribeRoutes: FastifyPluginAsync<{ db: Kysely<Database> }> = async (app, { db }) => {
  registerFormBodyParsers(app);
  // Runs after the root hook that sets the API's policy (parents' hooks run first), so it wins here.
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('content-security-policy', pageCsp());
    reply.header('cache-control', 'no-store');
    return payload;
  });

  app.post<{ Params: { token: string } }>(
    '/u/:token',
    {
      schema: {
        tags: ['unsubscribe'],
        summary: 'One-click unsubscribe (RFC 8058): body List-Unsubscribe=One-Click; 200 at once, no redirect',
        params: tokenParams,
      },
    },
    async (request, reply) => {
      try {
        const { changed } = await unsubscribeByToken(db, request.params.token, { now: nowIso(), ip: request.ip });
        if (wantsJson(request)) return reply.code(200).send({ unsubscribed: true, changed });
        return html(
          reply,
          page(
            'You are unsubscribed',
            `<p>You will not get these emails any more. It can take a moment for a message already on its way to arrive.</p>
<p>Changed your mind? <a href="/preferences/${escapeHtml(request.params.token)}">Manage your preferences</a>.</p>`,
          ),
        );
      } catch (error) {
        return refuse(request, reply, error);
      }
    },
  );

  app.get<{ Params: { token: string } }>(
    '/u/:token',
    {
      schema: {
        tags: ['unsubscribe'],
        summary: 'The unsubscribe page: a button that POSTs (a GET never unsubscribes)',
        params: tokenParams,
      },
    },
    async (request, reply) => {
      try {
        await resolveUnsubscribeToken(db, request.params.token);
        const token = escapeHtml(request.params.token);
        return html(
          reply,
          page(
            'Unsubscribe',
            `<p>Press the button to stop receiving these emails.</p>
<form method="post" action="/u/${token}">
<input type="hidden" name="List-Unsubscribe" value="One-Click">
<p><button type="submit">Unsubscribe</button></p>
</form>
<p>Or <a href="/preferences/${token}">choose what you hear about</a> instead.</p>`,
          ),
        );
      } catch (error) {
        return refuse(request, reply, error);
      }
    },
  );

  app.get<{ Params: { token: string } }>(
    '/preferences/:token',
    {
      schema: {
        tags: ['unsubscribe'],
        summary: 'The preference page: per-channel and per-purpose choices',
        params: tokenParams,
      },
    },
    async (request, reply) => {
      try {
        const resolved = await resolveUnsubscribeToken(db, request.params.token);
        const choices = await readPreferences(db, resolved);
        const center = await customerPreferences(db, resolved.customer.storeId, resolved.customer.id, nowIso());
        if (wantsJson(request)) return reply.send({ preferences: choices, topics: center });
        return html(reply, preferencesForm(request.params.token, choices, center, false));
      } catch (error) {
        return refuse(request, reply, error);
      }
    },
  );

  app.post<{ Params: { token: string }; Body: FormFields | Record<string, unknown> | undefined }>(
    '/preferences/:token',
    {
      schema: {
        tags: ['unsubscribe'],
        summary: 'Saves the preference page: each `choice` field (channel:purpose) sent is on, the rest off',
        params: tokenParams,
      },
    },
    async (request, reply) => {
      try {
        const choice: unknown = (request.body as Record<string, unknown> | undefined)?.choice;
        // A form sends every ticked box as one `choice` field; a JSON client may send a string or a list.
        const chosen = new Set(
          Array.isArray(choice)
            ? choice.filter((c): c is string => typeof c === 'string')
            : typeof choice === 'string'
              ? [choice]
              : [],
        );
        const body = (request.body ?? {}) as Record<string, unknown>;
        const context = { now: nowIso(), ip: request.ip };
        const resolved = await resolveUnsubscribeToken(db, request.params.token);
        // The topic fields exist only on the grown page: an older form, or a JSON client sending
        // only `choice`, leaves the topics as they are.
        const topicsShown = body.topics_shown !== undefined;
        const unsubscribeAll = body.unsubscribe_all !== undefined;
        let choices: PreferenceChoice[];
        if (unsubscribeAll) {
          await changeCustomerPreferences(
            db,
            resolved.customer,
            { ...(topicsShown ? preferenceChangeFromForm(body) : {}), unsubscribeAll: true },
            { ...context, source: 'preferences_page' },
          );
          choices = await readPreferences(db, resolved);
        } else {
          choices = await savePreferences(db, request.params.token, chosen, context);
          if (topicsShown)
            await changeCustomerPreferences(db, resolved.customer, preferenceChangeFromForm(body), {
              ...context,
              source: 'preferences_page',
            });
        }
        const center = await customerPreferences(db, resolved.customer.storeId, resolved.customer.id, context.now);
        if (wantsJson(request)) return reply.send({ preferences: choices, topics: center });
        return html(reply, preferencesForm(request.params.token, choices, center, true));
      } catch (error) {
        return refuse(request, reply, error);
      }
    },
  );
};
