/**
 * Surveys (docs/surveys.md): the questions a one-click link can answer, what each answer scores,
 * and the report's arithmetic. Pure: the answers arrive as facts.
 *
 * NPS (Reichheld's Net Promoter Score): "How likely are you to recommend us?" 0-10; promoters
 * answer 9-10, passives 7-8, detractors 0-6; NPS = % promoters - % detractors, from -100 to 100.
 * CSAT: "How satisfied were you?" 1-5; CSAT = % of answers that are 4 or 5.
 */

export const SURVEY_QUESTIONS = ['nps', 'csat', 'rating', 'checkout_easy'] as const;
export type SurveyQuestion = (typeof SURVEY_QUESTIONS)[number];

export interface SurveyDefinition {
  readonly question: SurveyQuestion;
  /** What the customer is asked, as the hosted page shows it. */
  readonly text: string;
  /** The answers a link may carry, in the order a message lists them. */
  readonly answers: readonly string[];
}

const range = (from: number, to: number): string[] => Array.from({ length: to - from + 1 }, (_, i) => String(from + i));

export const SURVEY_DEFINITIONS: Readonly<Record<SurveyQuestion, SurveyDefinition>> = {
  nps: { question: 'nps', text: 'How likely are you to recommend us to a friend?', answers: range(0, 10) },
  csat: { question: 'csat', text: 'How satisfied were you with the help you got?', answers: range(1, 5) },
  rating: { question: 'rating', text: 'How do you like it?', answers: range(1, 5) },
  checkout_easy: { question: 'checkout_easy', text: 'Was checking out easy?', answers: ['yes', 'no'] },
};

export function isSurveyQuestion(question: string): question is SurveyQuestion {
  return (SURVEY_QUESTIONS as readonly string[]).includes(question);
}

/** The score an answer stands for (yes 1, no 0), or null when the question does not take it. */
export function surveyScore(question: SurveyQuestion, answer: string): number | null {
  if (!SURVEY_DEFINITIONS[question].answers.includes(answer)) return null;
  if (question === 'checkout_easy') return answer === 'yes' ? 1 : 0;
  return Number(answer);
}

/** "7 out of 10", "4 out of 5 stars", "Yes": the answer as the page repeats it. */
export function describeSurveyAnswer(question: SurveyQuestion, answer: string): string {
  switch (question) {
    case 'nps':
      return `${answer} out of 10`;
    case 'csat':
      return `${answer} out of 5`;
    case 'rating':
      return `${answer} out of 5 star${answer === '1' ? '' : 's'}`;
    case 'checkout_easy':
      return answer === 'yes' ? 'Yes' : 'No';
  }
}

/** Percent rounded half away from zero to one decimal (the report's only rounding). */
function percent(part: number, whole: number): number {
  const value = (part * 100) / whole;
  return (Math.sign(value) * Math.round(Math.abs(value) * 10)) / 10;
}

export interface NpsTally {
  readonly answers: number;
  readonly promoters: number;
  readonly passives: number;
  readonly detractors: number;
  /** % promoters - % detractors, one decimal; null without answers. */
  readonly nps: number | null;
}

export function npsOf(scores: readonly number[]): NpsTally {
  let promoters = 0;
  let passives = 0;
  let detractors = 0;
  for (const s of scores) {
    if (s >= 9) promoters++;
    else if (s >= 7) passives++;
    else detractors++;
  }
  const answers = scores.length;
  // From the counts, not two rounded percents, so 1 promoter of 3 and 0 detractors is 33.3, not 33.3 - 0.0 drift.
  return {
    answers,
    promoters,
    passives,
    detractors,
    nps: answers === 0 ? null : percent(promoters - detractors, answers),
  };
}

export interface CsatTally {
  readonly answers: number;
  /** Answers of 4 or 5. */
  readonly satisfied: number;
  /** % satisfied, one decimal; null without answers. */
  readonly csat: number | null;
  /** Mean score, two decimals; null without answers. */
  readonly average: number | null;
}

export function csatOf(scores: readonly number[]): CsatTally {
  const answers = scores.length;
  const satisfied = scores.filter((s) => s >= 4).length;
  const sum = scores.reduce((a, b) => a + b, 0);
  return {
    answers,
    satisfied,
    csat: answers === 0 ? null : percent(satisfied, answers),
    average: answers === 0 ? null : Math.round((sum * 100) / answers) / 100,
  };
}

export interface RatingTally {
  readonly answers: number;
  /** Mean stars, two decimals; null without answers. */
  readonly average: number | null;
  /** Count of each star, index 0 = 1 star. */
  readonly distribution: readonly number[];
}

export function ratingOf(scores: readonly number[]): RatingTally {
  const distribution = [0, 0, 0, 0, 0];
  for (const s of scores) distribution[s - 1]++;
  const sum = scores.reduce((a, b) => a + b, 0);
  return {
    answers: scores.length,
    average: scores.length === 0 ? null : Math.round((sum * 100) / scores.length) / 100,
    distribution,
  };
}

export interface YesNoTally {
  readonly answers: number;
  readonly yes: number;
  /** % yes, one decimal; null without answers. */
  readonly yesShare: number | null;
}

export function yesNoOf(scores: readonly number[]): YesNoTally {
  const yes = scores.filter((s) => s === 1).length;
  return { answers: scores.length, yes, yesShare: scores.length === 0 ? null : percent(yes, scores.length) };
}

/** One answer as the report reads it. */
export interface AnswerFact {
  readonly customerId: string;
  readonly question: SurveyQuestion;
  readonly score: number;
  /** When first answered (UTC instant): the month it counts in. */
  readonly answeredAt: string;
}

export interface SegmentRef {
  readonly id: string;
  readonly name: string;
}

export interface SurveyReport {
  /** Oldest first; only months with an NPS or CSAT answer. */
  readonly months: readonly { readonly month: string; readonly nps: NpsTally; readonly csat: CsatTally }[];
  readonly total: {
    readonly nps: NpsTally;
    readonly csat: CsatTally;
    readonly rating: RatingTally;
    readonly checkoutEasy: YesNoTally;
  };
  /** NPS of each segment's members (membership today), segments in the order given; segments without answers too. */
  readonly npsBySegment: readonly { readonly segmentId: string; readonly name: string; readonly nps: NpsTally }[];
}

/**
 * The report over the answers given: NPS and CSAT by calendar month (UTC) of the first answer,
 * totals of each question, and NPS by segment (`members` maps a segment id to its customer ids).
 */
export function surveyReport(
  facts: readonly AnswerFact[],
  segments: readonly SegmentRef[],
  members: ReadonlyMap<string, ReadonlySet<string>>,
): SurveyReport {
  const scores = (question: SurveyQuestion, list: readonly AnswerFact[]) =>
    list.filter((f) => f.question === question).map((f) => f.score);
  const byMonth = new Map<string, AnswerFact[]>();
  for (const f of facts) {
    if (f.question !== 'nps' && f.question !== 'csat') continue;
    const month = new Date(f.answeredAt).toISOString().slice(0, 7);
    const list = byMonth.get(month);
    if (list) list.push(f);
    else byMonth.set(month, [f]);
  }
  const nps = facts.filter((f) => f.question === 'nps');
  return {
    months: [...byMonth.keys()].sort().map((month) => ({
      month,
      nps: npsOf(scores('nps', byMonth.get(month)!)),
      csat: csatOf(scores('csat', byMonth.get(month)!)),
    })),
    total: {
      nps: npsOf(scores('nps', facts)),
      csat: csatOf(scores('csat', facts)),
      rating: ratingOf(scores('rating', facts)),
      checkoutEasy: yesNoOf(scores('checkout_easy', facts)),
    },
    npsBySegment: segments.map((segment) => {
      const in_ = members.get(segment.id) ?? new Set<string>();
      return {
        segmentId: segment.id,
        name: segment.name,
        nps: npsOf(nps.filter((f) => in_.has(f.customerId)).map((f) => f.score)),
      };
    }),
  };
}
