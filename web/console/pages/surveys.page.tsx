import { useState } from 'preact/hooks';
import { type Api, unwrap } from '../api/client.ts';
import { PageHeading } from '../components/page-heading.tsx';
import { useLoad } from '../components/settings/form-state.tsx';
import { Failure, Loading } from '../components/status.tsx';
import { NpsChart } from '../components/surveys/nps-chart.tsx';
import { AnswerTexts, LeaveReasons, NpsBySegment } from '../components/surveys/survey-tables.tsx';
import type { SurveyAnswer, SurveyReport } from '../components/surveys/types.ts';
import type { PageProps } from '../page.ts';
import './surveys.css';

/** The latest answers with a "why?" the page shows. */
const TEXTS = 20;

async function loadAll(api: Api) {
  const [report, answers] = await Promise.all([
    api.GET('/v1/surveys/report').then((r) => unwrap(r) as unknown as SurveyReport),
    api
      .GET('/v1/surveys/answers', { params: { query: { withComment: true, limit: TEXTS } } })
      .then((r) => (unwrap(r) as unknown as { answers: SurveyAnswer[] }).answers),
  ]);
  return { report, answers };
}

/**
 * Surveys: NPS over time and by segment, the customers' own words, and why subscribers and members
 * leave, read from GET /v1/surveys/report and /v1/surveys/answers (the same figures as `regulars
 * surveys report`). Everyone reads; nothing is changed here. The page marks itself data-drawn once
 * its chart is on screen (or has nothing to draw).
 */
export function SurveysPage({ api, i18n, headingId }: PageProps) {
  const { t } = i18n;
  const [attempt, setAttempt] = useState(0);
  const loaded = useLoad(() => loadAll(api), attempt);
  const [drawn, setDrawn] = useState(false);
  const data = loaded && 'data' in loaded ? loaded.data : null;
  const charted = data !== null && data.report.months.some((m) => m.nps.answers > 0);

  return (
    <div class="surveys-page" data-drawn={data !== null && (!charted || drawn)}>
      <PageHeading id={headingId}>{t('surveys.title')}</PageHeading>
      <p class="lede">{t('surveys.lede')}</p>
      {loaded === null && <Loading i18n={i18n} />}
      {loaded && 'error' in loaded && (
        <Failure i18n={i18n} message={loaded.error} onRetry={() => setAttempt(attempt + 1)} />
      )}
      {data && (
        <>
          <div class="grid">
            <NpsChart i18n={i18n} report={data.report} onDrawn={() => setDrawn(true)} />
            <NpsBySegment i18n={i18n} report={data.report} />
          </div>
          <div class="grid">
            <AnswerTexts i18n={i18n} answers={data.answers} />
            <LeaveReasons i18n={i18n} report={data.report} />
          </div>
        </>
      )}
    </div>
  );
}
