import { createRng, type Rng, randomInt, randomWeightedIndex } from '../../platform/random.js';

/**
 * Who the demo store's customers are: a name, a time zone and a locale for each, drawn from a few
 * places the people who read the demo would recognise (their own among them), and what each did
 * with their marketing consent after their orders said yes or no at checkout.
 */
interface Place {
  readonly weight: number;
  readonly timeZones: readonly string[];
  readonly locale: string;
  readonly firstNames: readonly string[];
  readonly lastNames: readonly string[];
}

const PLACES: readonly Place[] = [
  {
    weight: 40,
    timeZones: ['America/New_York', 'America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles'],
    locale: 'en-US',
    firstNames: ['Emma', 'Liam', 'Olivia', 'Noah', 'Ava', 'James', 'Sophia', 'Mason', 'Mia', 'Lucas', 'Harper', 'Ethan'],
    lastNames: ['Smith', 'Johnson', 'Williams', 'Brown', 'Garcia', 'Miller', 'Davis', 'Lopez', 'Wilson', 'Moore'],
  },
  {
    weight: 15,
    timeZones: ['Europe/Ljubljana'],
    locale: 'sl-SI',
    firstNames: ['Ana', 'Maja', 'Nina', 'Eva', 'Luka', 'Jan', 'Matej', 'Žiga', 'Tjaša', 'Marko', 'Nika', 'Urška'],
    lastNames: ['Novak', 'Horvat', 'Kovačič', 'Krajnc', 'Zupančič', 'Potočnik', 'Kos', 'Vidmar', 'Golob', 'Turk'],
  },
  {
    weight: 13,
    timeZones: ['Asia/Seoul'],
    locale: 'ko-KR',
    firstNames: ['민준', '서연', '지우', '하은', '도윤', '지호', '수아', '예준', '서준', '지민'],
    lastNames: ['김', '이', '박', '최', '정', '강', '조', '윤'],
  },
  {
    weight: 13,
    timeZones: ['Asia/Tokyo'],
    locale: 'ja-JP',
    firstNames: ['陽翔', '結衣', '蓮', '葵', '湊', '陽菜', '大翔', '凛', '悠真', '芽依'],
    lastNames: ['佐藤', '鈴木', '高橋', '田中', '伊藤', '渡辺', '山本', '中村'],
  },
  {
    weight: 10,
    timeZones: ['Europe/London'],
    locale: 'en-GB',
    firstNames: ['Oliver', 'Amelia', 'George', 'Isla', 'Harry', 'Freya', 'Jack', 'Poppy'],
    lastNames: ['Taylor', 'Evans', 'Thomas', 'Roberts', 'Walker', 'Wright', 'Hughes', 'Clarke'],
  },
  {
    weight: 9,
    timeZones: ['Europe/Berlin'],
    locale: 'de-DE',
    firstNames: ['Lena', 'Felix', 'Hannah', 'Paul', 'Lea', 'Jonas', 'Marie', 'Leon'],
    lastNames: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker'],
  },
];
const PLACE_WEIGHTS = PLACES.map((p) => p.weight);

/**
 * What a customer did with marketing consent after the history's checkouts: signed up through
 * the shop's newsletter form (a confirmed double opt-in), followed an unsubscribe link, or nothing
 * more. Most sign up, so most of the store can be mailed; a few unsubscribe.
 */
export type ConsentStep = 'signed_up' | 'unsubscribed' | null;
export const SIGNED_UP_SHARE = 0.6;
export const UNSUBSCRIBED_SHARE = 0.04;

export interface DemoPerson {
  readonly firstName: string;
  readonly lastName: string;
  readonly timeZone: string;
  readonly locale: string;
  readonly consentStep: ConsentStep;
}

const pick = <T>(rng: Rng, items: readonly T[]): T => items[randomInt(rng, items.length)];

/** Customer `index`'s person: its own stream of the seed, so one customer never depends on another. */
export function demoPerson(index: number, seed: number): DemoPerson {
  // Knuth's multiplicative hash spreads neighbouring indexes over the seed space.
  const rng = createRng((seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
  const place = PLACES[randomWeightedIndex(rng, PLACE_WEIGHTS)];
  const u = rng.next();
  return {
    firstName: pick(rng, place.firstNames),
    lastName: pick(rng, place.lastNames),
    timeZone: pick(rng, place.timeZones),
    locale: place.locale,
    consentStep: u < SIGNED_UP_SHARE ? 'signed_up' : u < SIGNED_UP_SHARE + UNSUBSCRIBED_SHARE ? 'unsubscribed' : null,
  };
}
