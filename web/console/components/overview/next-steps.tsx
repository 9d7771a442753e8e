import type { I18n } from '../../i18n/i18n.ts';
import type { MessageKey } from '../../i18n/messages.en.ts';
import { Section } from './section.tsx';
import type { OverviewReport } from './types.ts';

type Kind = OverviewReport['actions'][number]['kind'];

/** Where each kind of action is taken in the console. */
const WHERE: Record<Kind, { path: string; label: MessageKey }> = {
  replenishment: { path: '/flows/replenishment', label: 'action.link.flows' },
  'win-back': { path: '/flows/win-back', label: 'action.link.flows' },
  'second-order': { path: '/flows', label: 'action.link.flows' },
  vip: { path: '/loyalty', label: 'action.link.loyalty' },
  'cross-sell': { path: '/campaigns', label: 'action.link.campaigns' },
  consent: { path: '/settings', label: 'action.link.settings' },
};

/** "What to do next": the report's actions, each with a link to where it is done (not for viewers). */
export function NextSteps({ i18n, report, canChange }: { i18n: I18n; report: OverviewReport; canChange: boolean }) {
  const { t, plural } = i18n;
  return (
    <Section id="next" title={t('overview.next')}>
      {report.actions.length === 0 ? (
        <p>{t('overview.next.none')}</p>
      ) : (
        <ul class="actions">
          {report.actions.map((action) => (
            <li key={action.kind} data-action={action.kind}>
              <span>{plural(`action.${action.kind}`, action.customers)}</span>
              {canChange && (
                <a class="button" href={WHERE[action.kind].path}>
                  {t(WHERE[action.kind].label)}
                </a>
              )}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
