import type { I18n } from '../../i18n/i18n.ts';
import type { Lint } from './types.ts';

/** What scheduling will check, shown first: the content lint's findings and the SpamAssassin score. */
export function LintPanel({
  i18n,
  lint,
  running,
  onRun,
}: {
  i18n: I18n;
  lint: Lint | null;
  running: boolean;
  onRun: () => void;
}) {
  const spam = lint?.spamCheck;
  const score = spam?.scored ? spam.templates?.[0] : undefined;
  return (
    <section class="panel checks" aria-labelledby="checks-heading">
      <h2 id="checks-heading">{i18n.t('checks.title')}</h2>
      <button type="button" onClick={onRun} disabled={running}>
        {i18n.t('checks.run')}
      </button>
      <div aria-live="polite">
        {running && <p class="status">{i18n.t('checks.running')}</p>}
        {!running && lint !== null && (
          <div class="lint-result" data-blocked={lint.blocked}>
            {lint.error !== null && (
              <p class="status failure">{i18n.t('checks.renderError', { message: lint.error.message })}</p>
            )}
            {lint.error === null && lint.findings.length === 0 && <p>{i18n.t('checks.clean')}</p>}
            {lint.findings.length > 0 && (
              <ul class="findings">
                {lint.findings.map((f, i) => (
                  <li key={i} class={`finding finding-${f.severity}`}>
                    <strong>{i18n.t(f.severity === 'blocking' ? 'checks.blocking' : 'checks.warning')}</strong>{' '}
                    <code>{f.rule}</code> ({f.where}): {f.message}
                    {f.excerpt && <q>{f.excerpt}</q>}
                  </li>
                ))}
              </ul>
            )}
            {lint.blocked && <p class="status failure">{i18n.t('checks.blocked')}</p>}
            {score && (
              <p class="spam-score" data-over={lint.overSpamLimit}>
                {i18n.t('checks.spam', { score: i18n.number(score.score, 1), limit: i18n.number(score.limit, 1) })}
                {score.rules.length > 0 && (
                  <>
                    <br />
                    <small>{i18n.t('checks.spamRules', { rules: score.rules.join(', ') })}</small>
                  </>
                )}
              </p>
            )}
            {lint.overSpamLimit && <p class="status failure">{i18n.t('checks.spamOver')}</p>}
            {spam && !spam.scored && <p>{i18n.t('checks.spamNotScored', { reason: spam.reason ?? '' })}</p>}
          </div>
        )}
      </div>
    </section>
  );
}
