import type { Preferences } from '../consent/index.js';
import { FREQUENCIES, PREFERENCE_TOPICS, preferenceFieldsHtml } from '../consent/index.js';
import { ACCOUNT_LOCALES, ACCOUNT_TEXTS, type AccountTexts, LOCALE_NAMES } from './account-texts.js';
import type { ShopperOverview } from './shopper-account.service.js';

/** As the person pages escape text (platform/http/person-pages.ts); kept here so this file stays pure. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The account page's HTML (docs/shopper.md "Account page"): server-rendered, no script, one form
 * per action. Every form carries the shopper token as a hidden field: the token is the
 * credential, not a cookie, so a page on another site cannot make the browser send it (the reason
 * CSRF tokens exist does not arise), and the page is for whoever holds the link, as sent in emails.
 */

export const CHURN_REASON_LABELS: Readonly<Record<string, string>> = ACCOUNT_TEXTS.en.reasons;

interface Rewards {
  readonly available: number;
  readonly currency: string | null;
  readonly rewards: readonly {
    readonly id: string;
    readonly points: number;
    readonly reward: {
      readonly kind: string;
      readonly amountMinor?: number;
      readonly percent?: number;
      readonly sku?: string;
    };
    readonly affordable: boolean;
  }[];
}

export interface AccountPageInput {
  readonly storeId: string;
  readonly token: string;
  readonly shopName: string;
  readonly overview: ShopperOverview;
  readonly rewards: Rewards;
  readonly preferences: Preferences;
  /** What the last action did, shown at the top (a coupon code, "Saved."). */
  readonly notice: string | null;
  readonly noticeHtml?: string;
  readonly today: string;
  /** The page's words (account-texts.ts); English without. */
  readonly texts?: AccountTexts;
}

const h = escapeHtml;

function money(minor: number, currency: string | null): string {
  return currency === null ? String(minor / 100) : `${(minor / 100).toFixed(2)} ${currency}`;
}

export function rewardLabel(
  reward: Rewards['rewards'][number]['reward'],
  currency: string | null,
  t: AccountTexts = ACCOUNT_TEXTS.en,
): string {
  switch (reward.kind) {
    case 'amount':
      return t.amountOff(money(reward.amountMinor ?? 0, currency));
    case 'percent':
      return t.percentOff(reward.percent ?? 0);
    case 'free_shipping':
      return t.freeShipping;
    case 'free_product':
      return t.freeProduct(reward.sku ?? 'product');
    default:
      return reward.kind;
  }
}

/** The token, and the page's language, so the page after a POST speaks it too. */
function tokenField(token: string, lang: string): string {
  return `<input type="hidden" name="token" value="${h(token)}"><input type="hidden" name="lang" value="${h(lang)}">`;
}

function action(storeId: string, path: string): string {
  return `/a/${h(storeId)}${path}`;
}

function pointsSection(o: ShopperOverview, t: AccountTexts): string {
  return `<section aria-labelledby="points"><h2 id="points">${t.pointsHeading}</h2>
<p>${t.pointsLine(o.points.available, o.points.pending)}</p></section>`;
}

function tierSection(o: ShopperOverview, t: AccountTexts): string {
  const tier = o.tier;
  if (tier === null) return '';
  const progress =
    tier.next === null
      ? `<p>${t.topTier}</p>`
      : `<p><label for="tier-progress">${t.toNext(tier.next.missing, h(tier.next.name))}</label></p>
<progress id="tier-progress" max="100" value="${Math.round((tier.progress ?? 0) * 100)}">${Math.round((tier.progress ?? 0) * 100)}%</progress>`;
  return `<section aria-labelledby="tier"><h2 id="tier">${t.tierHeading}</h2>
<p>${tier.name === null ? t.noTier : t.youAre(h(tier.name))}</p>
${progress}</section>`;
}

function rewardsSection(input: AccountPageInput): string {
  const { rewards, storeId, token } = input;
  const t = input.texts ?? ACCOUNT_TEXTS.en;
  if (rewards.rewards.length === 0) return '';
  const items = rewards.rewards
    .map(
      (r) => `<li><form method="post" action="${action(storeId, '/redeem')}">${tokenField(token, t.locale)}
<input type="hidden" name="optionId" value="${h(r.id)}">
<span>${t.rewardFor(h(rewardLabel(r.reward, rewards.currency, t)), r.points)}</span>
<button type="submit"${r.affordable ? '' : ' disabled'}>${t.redeem}</button>${r.affordable ? '' : ` <small>${t.moreNeeded(r.points - rewards.available)}</small>`}
</form></li>`,
    )
    .join('\n');
  return `<section aria-labelledby="rewards"><h2 id="rewards">${t.rewardsHeading}</h2><ul class="plain">${items}</ul></section>`;
}

function referralSection(o: ShopperOverview, t: AccountTexts): string {
  if (o.referral === null) return '';
  const link = o.referral.link ?? o.referral.code;
  return `<section aria-labelledby="referral"><h2 id="referral">${t.referralHeading}</h2>
<p>${t.referralText(o.referral.referredPoints, o.referral.referrerPoints)}</p>
<p><label for="referral-link">${t.yourLink}</label><br><input id="referral-link" readonly value="${h(link)}"></p>
<p>${t.code} <strong>${h(o.referral.code)}</strong></p></section>`;
}

function challengesSection(o: ShopperOverview, t: AccountTexts): string {
  if (o.challenges.length === 0) return '';
  const items = o.challenges
    .map(
      (c) => `<li><p>${t.challengeLine(h(c.description), c.bonusPoints, h(c.deadline))}</p>
<progress max="${c.target}" value="${c.progress}" aria-label="${h(c.description)}">${t.ofTarget(c.progress, c.target)}</progress> ${t.ofTarget(c.progress, c.target)}</li>`,
    )
    .join('\n');
  return `<section aria-labelledby="challenges"><h2 id="challenges">${t.challengesHeading}</h2><ul class="plain">${items}</ul></section>`;
}

function membershipSection(o: ShopperOverview, t: AccountTexts): string {
  const m = o.membership;
  if (m === null) return '';
  return `<section aria-labelledby="membership"><h2 id="membership">${t.membershipHeading}</h2>
<p>${h(m.plan ?? t.membership)}: ${h(t.status(m.status))}${m.hasBenefits ? t.benefitsApply : ''}</p></section>`;
}

function plusDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function subscriptionsSection(input: AccountPageInput): string {
  const { overview, storeId, token } = input;
  const t = input.texts ?? ACCOUNT_TEXTS.en;
  if (overview.subscriptions.length === 0) return '';
  const items = overview.subscriptions
    .map((s) => {
      const base = `/subscriptions/${encodeURIComponent(s.id)}`;
      const button = (verb: string, label: string, extra = '') =>
        `<form method="post" action="${action(storeId, `${base}/${verb}`)}" class="inline">${tokenField(token, t.locale)}${extra}<button type="submit">${label}</button></form>`;
      const actions =
        s.status === 'active'
          ? [
              button('skip', t.skip),
              button(
                'pause',
                t.pause,
                `<label>${t.until} <input type="date" name="until" required min="${plusDays(input.today, 1)}" value="${plusDays(input.today, 30)}"></label> `,
              ),
              button('cancel', t.cancel),
            ]
          : s.status === 'paused'
            ? [button('resume', t.resume), button('cancel', t.cancel)]
            : [];
      const next = s.nextDeliveryOn === null ? '' : t.nextDelivery(h(s.nextDeliveryOn));
      const paused = s.status === 'paused' && s.pausedUntil !== null ? t.pausedUntil(h(s.pausedUntil)) : '';
      return `<li><p><strong>${h(s.sku)}</strong>: ${h(t.status(s.status))}${paused}${next} ${t.perMonth(money(s.monthlyMinor, s.currency))}</p>${actions.join('\n')}</li>`;
    })
    .join('\n');
  return `<section aria-labelledby="subscriptions"><h2 id="subscriptions">${t.subscriptionsHeading}</h2><ul class="plain">${items}</ul></section>`;
}

/** The preference center's fields (consent's preferenceFieldsHtml) in another language: the same names and values. */
function preferenceFieldsIn(preferences: Preferences, words: NonNullable<AccountTexts['preferences']>): string {
  const topics = PREFERENCE_TOPICS.map(
    (topic) =>
      `<label><input type="checkbox" name="topic" value="${topic}"${preferences.topics[topic] ? ' checked' : ''}> ${h(words.topics[topic] ?? topic)}</label>`,
  ).join('\n');
  const frequency = FREQUENCIES.map(
    (f) =>
      `<label><input type="radio" name="frequency" value="${f}"${preferences.frequency === f ? ' checked' : ''}> ${h(words.frequencies[f] ?? f)}</label>`,
  ).join('\n');
  const snoozed =
    preferences.snoozedUntil === null
      ? `<label><input type="checkbox" name="snooze" value="1"> ${h(words.snooze)}</label>`
      : `<p>${words.pausedUntil(h(preferences.snoozedUntil.slice(0, 10)))}</p>\n<label><input type="checkbox" name="unsnooze" value="1"> ${h(words.unsnooze)}</label>`;
  return `<fieldset><legend>${h(words.topicsLegend)}</legend>
${topics}
</fieldset>
<fieldset><legend>${h(words.frequencyLegend)}</legend>
${frequency}
</fieldset>
<fieldset><legend>${h(words.breakLegend)}</legend>
${snoozed}
</fieldset>`;
}

function preferencesSection(input: AccountPageInput): string {
  const t = input.texts ?? ACCOUNT_TEXTS.en;
  return `<section aria-labelledby="emails"><h2 id="emails">${t.emailsHeading}</h2>
<form method="post" action="${action(input.storeId, '/preferences')}">${tokenField(input.token, t.locale)}
${t.preferences === null ? preferenceFieldsHtml(input.preferences) : preferenceFieldsIn(input.preferences, t.preferences)}
<p><button type="submit">${t.saveChoices}</button></p>
</form></section>`;
}

/** Links to the same page in each other language (the token stays in the link, as in the email's). */
function languageSwitch(storeId: string, token: string, t: AccountTexts): string {
  const links = ACCOUNT_LOCALES.filter((locale) => locale !== t.locale)
    .map(
      (locale) =>
        `<li><a href="${action(storeId, '')}?token=${encodeURIComponent(token)}&amp;lang=${locale}" lang="${locale}" hreflang="${locale}">${LOCALE_NAMES[locale]}</a></li>`,
    )
    .join('');
  return `<nav aria-label="${t.language}"><ul class="langs">${links}</ul></nav>`;
}

export const ACCOUNT_STYLE = `<style>ul.plain{list-style:none;padding:0}ul.plain li{margin:.75rem 0;padding:.5rem 0;border-bottom:1px solid #ddd}
form.inline{display:inline-block;margin:.25rem .5rem .25rem 0}input[readonly]{width:100%;max-width:100%;box-sizing:border-box;font-size:1rem;padding:.3rem}
progress{width:100%;height:1rem}ul.langs{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.75rem}fieldset{border:1px solid #ccc;margin:.75rem 0}.notice{background:#e8f2ee;border-left:4px solid #2f5d50;padding:.5rem 1rem}
button[disabled]{background:#767676;cursor:not-allowed}code{font-size:1.2rem;background:#f3f3f3;padding:.1rem .3rem}</style>`;

export function accountPageBody(input: AccountPageInput): string {
  const notice =
    input.noticeHtml !== undefined
      ? `<div class="notice" role="status">${input.noticeHtml}</div>`
      : input.notice === null
        ? ''
        : `<div class="notice" role="status">${h(input.notice)}</div>`;
  const name = input.overview.customer.firstName;
  const t = input.texts ?? ACCOUNT_TEXTS.en;
  return `${ACCOUNT_STYLE}
${languageSwitch(input.storeId, input.token, t)}
<p>${t.greeting(name === null ? null : h(name), h(input.shopName))}</p>
${notice}
${pointsSection(input.overview, t)}
${tierSection(input.overview, t)}
${rewardsSection(input)}
${referralSection(input.overview, t)}
${challengesSection(input.overview, t)}
${membershipSection(input.overview, t)}
${subscriptionsSection(input)}
${preferencesSection(input)}`;
}

/** The cancel step: the save offer first (where the store set one), then the reason. */
export function cancelPageBody(input: {
  readonly storeId: string;
  readonly token: string;
  readonly subscriptionId: string;
  readonly sku: string;
  readonly saveOffer: string | null;
  readonly today: string;
  readonly texts?: AccountTexts;
}): string {
  const t = input.texts ?? ACCOUNT_TEXTS.en;
  const back = `${action(input.storeId, '')}?token=${encodeURIComponent(input.token)}&amp;lang=${t.locale}`;
  const base = `/subscriptions/${encodeURIComponent(input.subscriptionId)}`;
  const offer =
    input.saveOffer === null
      ? ''
      : `<section aria-labelledby="offer"><h2 id="offer">${t.beforeYouGo}</h2><p>${h(input.saveOffer)}</p>
<form method="post" action="${action(input.storeId, `${base}/pause`)}">${tokenField(input.token, t.locale)}
<input type="hidden" name="until" value="${plusDays(input.today, 30)}">
<button type="submit">${t.pauseInstead}</button></form>
<p><a href="${back}">${t.keep}</a></p></section>`;
  const reasons = Object.entries(t.reasons)
    .map(
      ([value, label], i) =>
        `<label><input type="radio" name="reason" value="${value}"${i === 0 ? ' required' : ''}> ${h(label)}</label>`,
    )
    .join('\n');
  return `${ACCOUNT_STYLE}
${offer}
<section aria-labelledby="why"><h2 id="why">${t.whyCancel(h(input.sku))}</h2>
<form method="post" action="${action(input.storeId, `${base}/cancel`)}">${tokenField(input.token, t.locale)}
<input type="hidden" name="confirm" value="1">
<fieldset><legend>${t.yourReason}</legend>
${reasons}
</fieldset>
<p><label for="note">${t.noteLabel}</label><br>
<textarea id="note" name="note" rows="3" maxlength="1000" style="width:100%;box-sizing:border-box"></textarea></p>
<p><button type="submit">${t.confirmCancel}</button></p>
</form>
<p><a href="${back}">${t.back}</a></p></section>`;
}

/** The page for a guest (the link has no token): the program explained, and how to join and see one's points. */
export function guestPageBody(input: {
  readonly shopName: string;
  readonly shopUrl: string | null;
  readonly program: {
    readonly currency: string;
    readonly earn: { readonly rate: { readonly points: number; readonly perMinor: number } };
    readonly redemption: readonly { readonly points: number; readonly reward: Rewards['rewards'][number]['reward'] }[];
  } | null;
  readonly texts: AccountTexts;
}): string {
  const t = input.texts;
  const shop = input.shopUrl === null ? h(input.shopName) : `<a href="${h(input.shopUrl)}">${h(input.shopName)}</a>`;
  const program = input.program;
  const rewards =
    program === null || program.redemption.length === 0
      ? ''
      : `<h2 id="guest-rewards">${t.guest.rewards}</h2><ul>${program.redemption
          .map((r) => `<li>${t.rewardFor(h(rewardLabel(r.reward, program.currency, t)), r.points)}</li>`)
          .join('')}</ul>`;
  return `${ACCOUNT_STYLE}
<p>${t.guest.intro(h(input.shopName))}</p>
${program === null ? '' : `<p>${t.guest.earn(program.earn.rate.points, h(money(program.earn.rate.perMinor, program.currency)))}</p>`}
${rewards}
<p>${t.guest.signIn(shop)}</p>`;
}
