import type { Kysely } from 'kysely';
import type { Customer } from '../customers/index.js';
import type { OutgoingEmail } from './email-message.adapter.js';
import { type MessageTemplate, renderMessage } from './templates.adapter.js';
import type { Database } from '../../platform/database/database.table.js';
import { unsubscribeLinks } from '../consent/index.js';

/**
 * A template rendered for one customer into the email a Mailer sends: the customer's own
 * unsubscribe and preference links go into the data (the layouts' footer), the List-Unsubscribe
 * headers, and nowhere else. The send pipeline calls this after its consent, suppression, cap and
 * quiet-hour checks; the idempotency key is the outbox message's.
 */
export interface ComposeInput {
  readonly storeId: string;
  readonly customer: Customer;
  readonly template: MessageTemplate;
  /** The template's variables (shop, order, coupon...); customer, unsubscribe_url and preferences_url are added. */
  readonly data: Readonly<Record<string, unknown>>;
  /** REGULARS_PUBLIC_URL */
  readonly publicUrl: string;
  /** REGULARS_MAIL_FROM */
  readonly from: string;
  readonly unsubscribeMailto?: string | null;
  readonly idempotencyKey: string;
  /** 'marketing' (default) or another consent purpose the unsubscribe link withdraws. */
  readonly purpose?: string;
  readonly now: string;
  /** The store's unsubscribe secret if the caller already read it (the send checks do); else it is read here. */
  readonly unsubscribeSecret?: Buffer | null;
  /** The Reply-To (the store's or the flow's, from its delivery settings); null or left out: none. */
  readonly replyTo?: string | null;
}

export async function composeEmail(db: Kysely<Database>, input: ComposeInput): Promise<OutgoingEmail> {
  const { customer } = input;
  if (customer.email === null) throw new Error(`customer ${customer.id} has no email address`);
  const links = await unsubscribeLinks(db, {
    storeId: input.storeId,
    customerId: customer.id,
    purpose: input.purpose ?? 'marketing',
    publicUrl: input.publicUrl,
    now: input.now,
    secret: input.unsubscribeSecret,
  });
  const message = await renderMessage(input.template, {
    ...input.data,
    customer: {
      first_name: customer.firstName ?? '',
      last_name: customer.lastName ?? '',
      email: customer.email,
      ...(input.data.customer as object | undefined),
    },
    unsubscribe_url: links.unsubscribeUrl,
    preferences_url: links.preferencesUrl,
  });
  const name = [customer.firstName, customer.lastName].filter((part) => part !== null && part !== '').join(' ');
  return {
    from: input.from,
    ...(input.replyTo ? { replyTo: input.replyTo } : {}),
    to: name === '' ? customer.email : `"${name.replace(/["\\]/g, '')}" <${customer.email}>`,
    ...message,
    idempotencyKey: input.idempotencyKey,
    unsubscribe: { url: links.unsubscribeUrl, mailto: input.unsubscribeMailto ?? null },
  };
}
