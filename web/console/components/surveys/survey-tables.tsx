import type { I18n } from '../../i18n/i18n.ts';
import type { MessageKey } from '../../i18n/messages.en.ts';
import { Section } from '../overview/section.tsx';
import { npsText } from './nps-chart.tsx';
import type { SurveyAnswer, SurveyReport } from './types.ts';

/** NPS of the answers whose customer is in each segment today (every segment, those without answers too). */
export function NpsBySegment({ i18n, report }: { i18n: I18n; report: SurveyReport }) {
  const { t, number } = i18n;
  return (
    <Section id="nps-segments" title={t('surveys.segments.title')} help={t('surveys.segments.help')}>
      {report.npsBySegment.length === 0 ? (
        <p>{t('surveys.segments.empty')}</p>
      ) : (
        <div class="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('surveys.segment')}</th>
                <th scope="col" class="num">
                  {t('surveys.nps')}
                </th>
                <th scope="col" class="num">
                  {t('surveys.answers')}
                </th>
              </tr>
            </thead>
            <tbody>
              {report.npsBySegment.map((s) => (
                <tr key={s.segmentId} data-segment={s.segmentId}>
                  <td>{s.name}</td>
                  <td class="num">{npsText(i18n, s.nps)}</td>
                  <td class="num">{number(s.nps.answers)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}

/** The customers' own words: the latest answers that came with a "why?". */
export function AnswerTexts({ i18n, answers }: { i18n: I18n; answers: readonly SurveyAnswer[] }) {
  const { t } = i18n;
  const question = (q: string) =>
    ['nps', 'csat', 'rating', 'checkout_easy'].includes(q) ? t(`surveys.question.${q}` as MessageKey) : q;
  return (
    <Section id="answer-texts" title={t('surveys.texts.title')} help={t('surveys.texts.help')}>
      {answers.length === 0 ? (
        <p>{t('surveys.texts.empty')}</p>
      ) : (
        <ul class="answer-texts">
          {answers.map((a) => (
            <li key={a.id} data-answer={a.id}>
              <blockquote>{a.comment}</blockquote>
              <p class="help">
                {t('surveys.texts.by', {
                  customer: a.customerExternalId,
                  question: question(a.question),
                  answer: a.answer,
                  date: i18n.date(a.answeredAt.slice(0, 10)),
                })}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

const REASONS = [
  'too_expensive',
  'too_much_product',
  'not_using',
  'quality',
  'delivery_problems',
  'found_alternative',
  'traveling',
  'temporary_break',
  'other',
  'unspecified',
] as const;

/** Why subscribers and members leave: the reasons given at cancel, over the whole period. */
export function LeaveReasons({ i18n, report }: { i18n: I18n; report: SurveyReport }) {
  const { t, number, percent } = i18n;
  const label = (reason: string) =>
    (REASONS as readonly string[]).includes(reason) ? t(`loyalty.churn.reason.${reason}` as MessageKey) : reason;
  const groups = [
    { id: 'subscriptions', title: t('surveys.churn.subscriptions'), tally: report.churn.subscriptions.total.cancelled },
    { id: 'memberships', title: t('surveys.churn.memberships'), tally: report.churn.memberships.total.cancelled },
  ];
  return (
    <Section id="leave-reasons" title={t('surveys.churn.title')} help={t('surveys.churn.help')}>
      {groups.map((g) => (
        <div key={g.id} data-churn={g.id} data-cancelled={g.tally.count}>
          <h3>{g.title}</h3>
          {g.tally.count === 0 ? (
            <p>{t('surveys.churn.none')}</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('loyalty.churn.reason')}</th>
                  <th scope="col" class="num">
                    {t('loyalty.churn.cancelled')}
                  </th>
                  <th scope="col" class="num">
                    {t('loyalty.churn.share')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {g.tally.reasons.map((r) => (
                  <tr key={r.reason}>
                    <td>{label(r.reason)}</td>
                    <td class="num">{number(r.count)}</td>
                    <td class="num">{percent(r.share)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      ))}
    </Section>
  );
}
