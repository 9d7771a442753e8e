import type { I18n } from '../../i18n/i18n.ts';

export type PreviewState =
  | { readonly kind: 'counting' }
  | { readonly kind: 'incomplete' }
  | { readonly kind: 'count'; readonly count: number; readonly customers: readonly string[]; readonly asOf: string }
  | { readonly kind: 'error'; readonly text: string }
  | null;

/** The rule's live count and first customers; a polite live region, so a screen reader hears the new count. */
export function SegmentPreview({ i18n, state }: { i18n: I18n; state: PreviewState }) {
  const { t } = i18n;
  return (
    <section class="card preview" aria-labelledby="preview-title">
      <h2 id="preview-title">{t('segments.preview')}</h2>
      <div aria-live="polite" data-preview={state?.kind ?? 'idle'}>
        {state?.kind === 'counting' && <p class="status">{t('segments.preview.counting')}</p>}
        {state?.kind === 'incomplete' && <p class="help">{t('segments.preview.incomplete')}</p>}
        {state?.kind === 'error' && (
          <p class="fault" role="alert">
            {state.text}
          </p>
        )}
        {state?.kind === 'count' && (
          <>
            <p class="preview-count" data-count={state.count}>
              {i18n.plural('segments.preview.count', state.count)}
            </p>
            {state.customers.length === 0 ? (
              <p class="help">{t('segments.preview.none')}</p>
            ) : (
              <>
                <h3>{t('segments.preview.sample')}</h3>
                <ul class="sample">
                  {state.customers.map((id) => (
                    <li key={id}>
                      <a href={`/customers/${encodeURIComponent(id)}`}>{id}</a>
                    </li>
                  ))}
                </ul>
              </>
            )}
            <p class="note">{t('segments.preview.asOf', { time: new Date(state.asOf).toLocaleString(i18n.locale) })}</p>
          </>
        )}
      </div>
    </section>
  );
}
