import type { paths } from '../../api/schema';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;

export type CampaignList = Json<paths['/v1/campaigns']['get']['responses'][200]>;
export type Campaign = CampaignList['campaigns'][number];
export type CampaignStatus = Campaign['status'];
export type Audiences = Json<paths['/v1/campaigns/audiences']['get']['responses'][200]>;
export type Preview = Json<paths['/v1/campaigns/preview']['post']['responses'][200]>;
export type Lint = Json<paths['/v1/campaigns/lint']['post']['responses'][200]>;

export const STATUSES: readonly CampaignStatus[] = ['draft', 'scheduled', 'sending', 'sent', 'cancelled'];

/** 'YYYY-MM-DDTHH:mm' of an instant in a zone: what a datetime-local field shows. */
export function wallClock(instant: string | Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(typeof instant === 'string' ? new Date(instant) : instant);
  const f = Object.fromEntries(parts.map((p) => [p.type, p.value]));
  return `${f.year}-${f.month}-${f.day}T${f.hour}:${f.minute}`;
}

/** Tomorrow at 09:00 in the store's zone: the send time a new campaign starts with. */
export function tomorrowMorning(timeZone: string): string {
  return `${wallClock(new Date(Date.now() + 86_400_000), timeZone).slice(0, 10)}T09:00`;
}

/** A send time as people read it, in the store's zone and the console's locale. */
export function formatSendAt(instant: string, timeZone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(instant),
  );
}

/** An action of the compose view: it answers the notice to show. */
export type Action = () => Promise<string>;
