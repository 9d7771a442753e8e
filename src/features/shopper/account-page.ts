import type { Preferences } from '../consent/index.js';
import { preferenceFieldsHtml } from '../consent/index.js';
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

export const CHURN_REASON_LABELS: Readonly<Record<string, string>> = {
  too_expensive: 'It costs too much',
  too_much_product: 'I have too much product',
  not_using: 'I am not using it',
  quality: 'The quality was not what I expected',
  delivery_problems: 'Problems with delivery',
  found_alternative: 'I found something else',
  traveling: 'I am travelling',
  temporary_break: 'I need a break',
  other: 'Something else',
};

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
}

const h = escapeHtml;

function money(minor: number, currency: string | null): string {
  return currency === null ? String(minor / 100) : `${(minor / 100).toFixed(2)} ${currency}`;
}

export function rewardLabel(reward: Rewards['rewards'][number]['reward'], currency: string | null): string {
  switch (reward.kind) {
    case 'amount':
      return `${money(reward.amountMinor ?? 0, currency)} off`;
    case 'percent':
      return `${reward.percent ?? 0}% off`;
    case 'free_shipping':
      return 'Free shipping';
    case 'free_product':
      return `A free ${reward.sku ?? 'product'}`;
    default:
      return reward.kind;
  }
}

function tokenField(token: string): string {
  return `<input type="hidden" name="token" value="${h(token)}">`;
}

function action(storeId: string, path: string): string {
  return `/a/${h(storeId)}${path}`;
}

function pointsSection(o: ShopperOverview): string {
  return `<section aria-labelledby="points"><h2 id="points">Points</h2>
<p><strong>${o.points.available}</strong> points available${o.points.pending > 0 ? `, ${o.points.pending} pending (they become available after the return window)` : ''}.</p></section>`;
}

function tierSection(o: ShopperOverview): string {
  const tier = o.tier;
  if (tier === null) return '';
  const progress =
    tier.next === null
      ? '<p>You have reached the top tier.</p>'
      : `<p><label for="tier-progress">${tier.next.missing} more to reach ${h(tier.next.name)}</label></p>
<progress id="tier-progress" max="100" value="${Math.round((tier.progress ?? 0) * 100)}">${Math.round((tier.progress ?? 0) * 100)}%</progress>`;
  return `<section aria-labelledby="tier"><h2 id="tier">Tier</h2>
<p>${tier.name === null ? 'No tier yet.' : `You are <strong>${h(tier.name)}</strong>.`}</p>
${progress}</section>`;
}

function rewardsSection(input: AccountPageInput): string {
  const { rewards, storeId, token } = input;
  if (rewards.rewards.length === 0) return '';
  const items = rewards.rewards
    .map(
      (r) => `<li><form method="post" action="${action(storeId, '/redeem')}">${tokenField(token)}
<input type="hidden" name="optionId" value="${h(r.id)}">
<span>${h(rewardLabel(r.reward, rewards.currency))} for ${r.points} points</span>
<button type="submit"${r.affordable ? '' : ' disabled'}>Redeem</button>${r.affordable ? '' : ` <small>(${r.points - rewards.available} more points needed)</small>`}
</form></li>`,
    )
    .join('\n');
  return `<section aria-labelledby="rewards"><h2 id="rewards">Rewards</h2><ul class="plain">${items}</ul></section>`;
}

function referralSection(o: ShopperOverview): string {
  if (o.referral === null) return '';
  const link = o.referral.link ?? o.referral.code;
  return `<section aria-labelledby="referral"><h2 id="referral">Invite a friend</h2>
<p>Your friend gets ${o.referral.referredPoints} points and you get ${o.referral.referrerPoints} when they order.</p>
<p><label for="referral-link">Your link</label><br><input id="referral-link" readonly value="${h(link)}"></p>
<p>Code: <strong>${h(o.referral.code)}</strong></p></section>`;
}

function challengesSection(o: ShopperOverview): string {
  if (o.challenges.length === 0) return '';
  const items = o.challenges
    .map(
      (c) => `<li><p>${h(c.description)} (${c.bonusPoints} bonus points, by ${h(c.deadline)})</p>
<progress max="${c.target}" value="${c.progress}" aria-label="${h(c.description)}">${c.progress} of ${c.target}</progress> ${c.progress} of ${c.target}</li>`,
    )
    .join('\n');
  return `<section aria-labelledby="challenges"><h2 id="challenges">Challenges</h2><ul class="plain">${items}</ul></section>`;
}

function membershipSection(o: ShopperOverview): string {
  const m = o.membership;
  if (m === null) return '';
  return `<section aria-labelledby="membership"><h2 id="membership">Membership</h2>
<p>${h(m.plan ?? 'Membership')}: ${h(m.status)}${m.hasBenefits ? ' (your benefits apply)' : ''}</p></section>`;
}

function plusDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function subscriptionsSection(input: AccountPageInput): string {
  const { overview, storeId, token } = input;
  if (overview.subscriptions.length === 0) return '';
  const items = overview.subscriptions
    .map((s) => {
      const base = `/subscriptions/${encodeURIComponent(s.id)}`;
      const button = (verb: string, label: string, extra = '') =>
        `<form method="post" action="${action(storeId, `${base}/${verb}`)}" class="inline">${tokenField(token)}${extra}<button type="submit">${label}</button></form>`;
      const actions =
        s.status === 'active'
          ? [
              button('skip', 'Skip the next delivery'),
              button(
                'pause',
                'Pause',
                `<label>until <input type="date" name="until" required min="${plusDays(input.today, 1)}" value="${plusDays(input.today, 30)}"></label> `,
              ),
              button('cancel', 'Cancel'),
            ]
          : s.status === 'paused'
            ? [button('resume', 'Resume now'), button('cancel', 'Cancel')]
            : [];
      const next = s.nextDeliveryOn === null ? '' : `, next delivery ${h(s.nextDeliveryOn)}`;
      const paused = s.status === 'paused' && s.pausedUntil !== null ? ` until ${h(s.pausedUntil)}` : '';
      return `<li><p><strong>${h(s.sku)}</strong>: ${h(s.status)}${paused}${next} (${money(s.monthlyMinor, s.currency)} a month)</p>${actions.join('\n')}</li>`;
    })
    .join('\n');
  return `<section aria-labelledby="subscriptions"><h2 id="subscriptions">Subscriptions</h2><ul class="plain">${items}</ul></section>`;
}

function preferencesSection(input: AccountPageInput): string {
  return `<section aria-labelledby="emails"><h2 id="emails">Emails</h2>
<form method="post" action="${action(input.storeId, '/preferences')}">${tokenField(input.token)}
${preferenceFieldsHtml(input.preferences)}
<p><button type="submit">Save my choices</button></p>
</form></section>`;
}

export const ACCOUNT_STYLE = `<style>ul.plain{list-style:none;padding:0}ul.plain li{margin:.75rem 0;padding:.5rem 0;border-bottom:1px solid #ddd}
form.inline{display:inline-block;margin:.25rem .5rem .25rem 0}input[readonly]{width:100%;max-width:100%;box-sizing:border-box;font-size:1rem;padding:.3rem}
progress{width:100%;height:1rem}fieldset{border:1px solid #ccc;margin:.75rem 0}.notice{background:#e8f2ee;border-left:4px solid #2f5d50;padding:.5rem 1rem}
button[disabled]{background:#767676;cursor:not-allowed}code{font-size:1.2rem;background:#f3f3f3;padding:.1rem .3rem}</style>`;

export function accountPageBody(input: AccountPageInput): string {
  const notice =
    input.noticeHtml !== undefined
      ? `<div class="notice" role="status">${input.noticeHtml}</div>`
      : input.notice === null
        ? ''
        : `<div class="notice" role="status">${h(input.notice)}</div>`;
  const name = input.overview.customer.firstName;
  return `${ACCOUNT_STYLE}
<p>${name === null ? 'Welcome' : `Hello ${h(name)}`}: your account at ${h(input.shopName)}.</p>
${notice}
${pointsSection(input.overview)}
${tierSection(input.overview)}
${rewardsSection(input)}
${referralSection(input.overview)}
${challengesSection(input.overview)}
${membershipSection(input.overview)}
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
}): string {
  const base = `/subscriptions/${encodeURIComponent(input.subscriptionId)}`;
  const offer =
    input.saveOffer === null
      ? ''
      : `<section aria-labelledby="offer"><h2 id="offer">Before you go</h2><p>${h(input.saveOffer)}</p>
<form method="post" action="${action(input.storeId, `${base}/pause`)}">${tokenField(input.token)}
<input type="hidden" name="until" value="${plusDays(input.today, 30)}">
<button type="submit">Pause for 30 days instead</button></form>
<p><a href="${action(input.storeId, '')}?token=${encodeURIComponent(input.token)}">Keep my subscription</a></p></section>`;
  const reasons = Object.entries(CHURN_REASON_LABELS)
    .map(
      ([value, label], i) =>
        `<label><input type="radio" name="reason" value="${value}"${i === 0 ? ' required' : ''}> ${h(label)}</label>`,
    )
    .join('\n');
  return `${ACCOUNT_STYLE}
${offer}
<section aria-labelledby="why"><h2 id="why">Why are you cancelling ${h(input.sku)}?</h2>
<form method="post" action="${action(input.storeId, `${base}/cancel`)}">${tokenField(input.token)}
<input type="hidden" name="confirm" value="1">
<fieldset><legend>Your reason</legend>
${reasons}
</fieldset>
<p><label for="note">Anything else you would like to tell us? (optional)</label><br>
<textarea id="note" name="note" rows="3" maxlength="1000" style="width:100%;box-sizing:border-box"></textarea></p>
<p><button type="submit">Cancel my subscription</button></p>
</form>
<p><a href="${action(input.storeId, '')}?token=${encodeURIComponent(input.token)}">Back to my account</a></p></section>`;
}
