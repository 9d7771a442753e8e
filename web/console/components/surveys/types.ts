import type { ChurnReasonReport } from '../loyalty/types.ts';

/** The shapes of GET /v1/surveys/report and GET /v1/surveys/answers (docs/surveys.md). */
export interface NpsTally {
  readonly answers: number;
  readonly promoters: number;
  readonly passives: number;
  readonly detractors: number;
  /** -100 to 100, one decimal; null without answers. */
  readonly nps: number | null;
}

export interface CsatTally {
  readonly answers: number;
  readonly satisfied: number;
  /** % of 4-5 answers (0-100), null without answers. */
  readonly csat: number | null;
  readonly average: number | null;
}

export interface SurveyReport {
  readonly storeId: string;
  readonly months: readonly { readonly month: string; readonly nps: NpsTally; readonly csat: CsatTally }[];
  readonly total: {
    readonly nps: NpsTally;
    readonly csat: CsatTally;
    readonly rating: { readonly answers: number; readonly average: number | null };
    readonly checkoutEasy: { readonly answers: number; readonly yes: number; readonly yesShare: number | null };
  };
  readonly npsBySegment: readonly { readonly segmentId: string; readonly name: string; readonly nps: NpsTally }[];
  readonly churn: {
    readonly subscriptions: ChurnReasonReport;
    readonly memberships: { readonly total: { readonly cancelled: ChurnReasonReport['total']['cancelled'] } };
  };
}

export interface SurveyAnswer {
  readonly id: string;
  readonly customerExternalId: string;
  readonly flow: string;
  readonly question: string;
  readonly answer: string;
  readonly score: number | null;
  readonly comment: string | null;
  readonly answeredAt: string;
}
