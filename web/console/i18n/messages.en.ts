import { customersEn } from './en/customers.ts';
import { flowsEn } from './en/flows.ts';
import { loyaltyEn } from './en/loyalty.ts';
import { surveysEn } from './en/surveys.ts';
import { settingsEn } from './en/settings.ts';
import { campaignsEn } from './en/campaigns.ts';

/**
 * Every string the console shows, in English: the catalogue the other languages translate (same
 * keys; a key a language lacks falls back to English). `{name}` is replaced by a value; a key
 * ending in `.one` / `.other` is chosen by the count's plural category (Intl.PluralRules).
 */
import { messagesEn } from './en/messages.ts';
import { segmentsEn } from './en/segments.ts';

export const en = {
  ...flowsEn,
  ...campaignsEn,
  'app.name': 'Regulars',
  'app.skipToContent': 'Skip to main content',
  'app.loading': 'Loading…',
  'app.error': 'Something went wrong: {message}',
  'app.retry': 'Try again',
  'app.signedInAs': 'Signed in as {email} ({role})',
  'app.store': 'Store: {name}',
  'app.signOut': 'Sign out',
  'app.menu': 'Menu',
  'app.closeMenu': 'Close menu',
  'app.mainNavigation': 'Main',
  'app.devMode': 'Development mode: signed in with an API key',
  'app.pageTitle': '{page} · Regulars',

  'role.owner': 'owner',
  'role.marketer': 'marketer',
  'role.viewer': 'viewer',

  'nav.overview': 'Overview',
  'nav.customers': 'Customers',
  'nav.segments': 'Segments',
  'nav.campaigns': 'Campaigns',
  'nav.flows': 'Flows',
  'nav.loyalty': 'Loyalty and offers',
  'nav.messages': 'Messages',
  'nav.settings': 'Settings',

  'page.notFound.title': 'Page not found',
  'page.notFound.body': 'There is no page at {path}.',
  'page.notFound.home': 'Go to the overview',
  'page.soon.body':
    'This page is on its way. Until then, the same is done with the regulars command line or the HTTP API (see /docs).',

  'overview.title': 'Overview',
  'overview.asOf': 'As of {date}: orders from {first} to {last}.',
  'overview.empty':
    'No orders yet. Import an order export (regulars import orders.csv) or connect Shopify, and the overview appears here.',
  'overview.cached': 'Computed from the stored orders at {time} ({ms} ms); computed again whenever they change.',
  'overview.stale':
    'The orders have changed since these figures were computed ({time}); the new ones are being computed. Reload in a moment.',
  'overview.headline': 'Headline numbers',
  'overview.orders': 'Orders',
  'overview.customers': 'Customers',
  'overview.revenue': 'Revenue',
  'overview.aov': 'Average order value',
  'overview.frequency': 'Purchase frequency',
  'overview.frequencyPerYear': '{value} a year',
  'overview.repeatRate': 'Repeat-customer rate',
  'overview.clv': 'Simple CLV',
  'formula.orders': 'purchases: cancelled and fully refunded orders left out',
  'formula.customers': 'customers with at least one purchase',
  'formula.revenue': 'sum of the purchases, net of refunds',
  'formula.aov': 'revenue ÷ orders = {revenue} ÷ {orders}',
  'formula.frequency': 'orders ÷ customers = {orders} ÷ {customers}',
  'formula.repeatRate': 'customers with 2+ orders ÷ customers',
  'formula.clv': 'AOV × orders a year × lifespan = {aov} × {perYear} × {lifespan} years',
  'formula.lifespan.churn': 'lifespan = 1 ÷ yearly churn (customers active 13–24 months ago with no order since)',
  'formula.lifespan.repeat': 'lifespan = 1 ÷ (1 − repeat-customer rate): less than two years of history',
  'formula.lifespan.given': 'lifespan as given',

  'overview.repeatCurve': 'Repeat-purchase curve',
  'overview.repeatCurve.help': 'Of the customers with at least n orders, the share who placed one more.',
  'overview.repeatCurve.axis': 'orders placed',
  'overview.repeatCurve.series': 'chance of one more order',
  'overview.repeatCurve.row': '{orders} → {next}',
  'overview.cohorts': 'Cohorts',
  'overview.cohorts.help':
    'Customers by the month of their first order: the share who ordered again in each month after it.',
  'overview.cohorts.cohort': 'First order',
  'overview.cohorts.size': 'Customers',
  'overview.cohorts.month': 'Month {n}',
  'overview.growth': 'Growth split',
  'overview.growth.help':
    'Each quarter’s change in revenue, split into more customers, more orders per customer and bigger orders.',
  'overview.growth.period': 'Quarter',
  'overview.growth.revenue': 'Revenue',
  'overview.growth.customers': 'Customers',
  'overview.growth.frequency': 'Orders per customer',
  'overview.growth.aov': 'Order value',
  'overview.growth.change': 'Change',
  'overview.best': 'Best customers',
  'overview.best.help': 'The top 10% of customers by spend against the other 90%.',
  'overview.best.measure': 'Measure',
  'overview.best.top': 'Top 10%',
  'overview.best.rest': 'Other 90%',
  'overview.best.customers': 'Customers',
  'overview.best.orders': 'Orders per customer',
  'overview.best.aov': 'Order value',
  'overview.best.revenuePerCustomer': 'Revenue per customer',
  'overview.best.share': 'Share of revenue',
  'overview.clvDistribution': 'CLV distribution',
  'overview.clvDistribution.help':
    'Predicted 12-month value per customer from the latest metrics refresh; median {median}.',
  'overview.clvDistribution.none':
    'Predictions appear after the first metrics refresh (regulars segments refresh, or the scheduler).',
  'overview.clvDistribution.bucket': '{from} – {to}',
  'overview.clvDistribution.open': '{from} and more',
  'overview.clvDistribution.series': 'customers',
  'overview.next': 'What to do next',
  'overview.next.none': 'Nothing stands out right now.',
  'action.replenishment.one': '{count} customer is due for a replenishment reminder.',
  'action.replenishment.other': '{count} customers are due for a replenishment reminder.',
  'action.win-back.one': '{count} good customer has gone quiet: send a personal win-back message before an incentive.',
  'action.win-back.other':
    '{count} good customers have gone quiet: send a personal win-back message before an incentive.',
  'action.second-order.one':
    '{count} first-time buyer ordered 14–60 days ago and not since: follow up towards the second order.',
  'action.second-order.other':
    '{count} first-time buyers ordered 14–60 days ago and not since: follow up towards the second order.',
  'action.vip.one': '{count} Champion buys often and recently: reward them with a VIP tier rather than a discount.',
  'action.vip.other': '{count} Champions buy often and recently: reward them with a VIP tier rather than discounts.',
  'action.cross-sell.one': 'Products that sell together: recommend the pair to {count} customer.',
  'action.cross-sell.other':
    'Products that sell together: recommend the pair in order confirmations ({count} customers).',
  'action.consent.one':
    '{count} customer who bought has no email marketing consent on record: import it before writing to them.',
  'action.consent.other':
    '{count} customers who bought have no email marketing consent on record: import it before writing to them.',
  'action.link.flows': 'Set up the flow',
  'action.link.loyalty': 'Open loyalty',
  'action.link.campaigns': 'Write a campaign',
  'action.link.settings': 'Open settings',
  'chart.table': 'Show the numbers',
  'chart.loading': 'Drawing the chart…',
  ...customersEn,
  ...settingsEn,
  ...loyaltyEn,
  ...surveysEn,
  ...segmentsEn,
  ...messagesEn,
} as const;

export type MessageKey = keyof typeof en;
export type Messages = Readonly<Record<MessageKey, string>>;
