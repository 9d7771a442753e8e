import type { Selectable } from 'kysely';

/** One answer per survey asked: (customer, flow, question, subject), the latest score clicked. */
export interface SurveyResponseTable {
  store_id: string;
  /** 'svr_...' */
  id: string;
  /** 'cus_...' */
  customer_id: string;
  /** The flow whose message carried the link ('nps', 'csat', 'review-request'). */
  flow: string;
  /** 'nps' | 'csat' | 'rating' | 'checkout_easy'. */
  question: string;
  /** What it is about: an order id, a SKU, a support ticket. */
  subject: string;
  /** As the link carried it: '0'..'10', '1'..'5', 'yes' | 'no'. */
  answer: string;
  /** The answer as a number: NPS 0-10, CSAT and rating 1-5, checkout_easy yes 1 / no 0. */
  score: number;
  /** The customer's "why?", or null. */
  comment: string | null;
  /** The first click. */
  answered_at: string;
  /** The last change of the answer or the comment. */
  updated_at: string;
}

export type SurveyResponseRow = Selectable<SurveyResponseTable>;
