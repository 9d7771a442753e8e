import { useState } from 'preact/hooks';
import type { Api } from '../../api/client.ts';
import type { I18n } from '../../i18n/i18n.ts';
import { Loading } from '../status.tsx';
import { type ApiFailure, failureOf, type FlowListing, type FlowPreview } from './types.ts';

interface Props {
  readonly api: Api;
  readonly i18n: I18n;
  readonly flow: FlowListing;
}

const WIDTHS = { desktop: 640, phone: 390 } as const;
type Width = keyof typeof WIDTHS;

/**
 * The flow's email rendered by the server for a sample customer, shown in a sandboxed frame (no
 * script, no same-origin access: the email's HTML is the store's own, not the console's) at a
 * desktop or a phone width, with the content lint's findings.
 */
export function FlowPreviewSection({ api, i18n, flow }: Props) {
  const [preview, setPreview] = useState<FlowPreview | ApiFailure | 'loading' | null>(null);
  const [width, setWidth] = useState<Width>('desktop');

  async function render() {
    setPreview('loading');
    const result = await api.POST('/v1/flows/{id}/preview', { params: { path: { id: flow.name } } });
    setPreview(result.data ?? failureOf(result));
  }

  return (
    <section aria-labelledby="flow-preview" class="panel">
      <h2 id="flow-preview">{i18n.t('flows.preview.title')}</h2>
      <p>{i18n.t('flows.preview.lede')}</p>
      <p>
        <button type="button" onClick={render} data-preview-run>
          {i18n.t('flows.preview.run')}
        </button>
      </p>
      {preview === 'loading' && <Loading i18n={i18n} />}
      {preview !== null && preview !== 'loading' && 'details' in preview && (
        <p role="alert" class="notice error">
          {i18n.t('flows.preview.error', { code: preview.code, message: preview.message })}
        </p>
      )}
      {preview !== null && preview !== 'loading' && 'templates' in preview && (
        <div class="preview" data-preview-ready>
          <fieldset class="segmented">
            <legend>{i18n.t('flows.preview.width')}</legend>
            {(Object.keys(WIDTHS) as Width[]).map((w) => (
              <label key={w}>
                <input type="radio" name="preview-width" value={w} checked={width === w} onChange={() => setWidth(w)} />{' '}
                {i18n.t(w === 'desktop' ? 'flows.preview.desktop' : 'flows.preview.phone')}
              </label>
            ))}
          </fieldset>
          {preview.templates.map((t) => (
            <article key={t.template} class="template-preview" data-template={t.template}>
              <h3>{t.template}</h3>
              {t.error !== null && (
                <p role="alert" class="notice error">
                  {i18n.t('flows.preview.error', { code: t.error.code, message: t.error.message })}
                </p>
              )}
              {t.message !== null && (
                <>
                  <p class="subject">{i18n.t('flows.preview.subject', { subject: t.message.subject })}</p>
                  <div class="frame-box">
                    <iframe
                      sandbox=""
                      srcdoc={t.message.html}
                      title={i18n.t('flows.preview.frame', {
                        template: t.template,
                        width: i18n.t(width === 'desktop' ? 'flows.preview.desktop' : 'flows.preview.phone'),
                      })}
                      style={{ width: `${WIDTHS[width]}px` }}
                      data-width={WIDTHS[width]}
                    />
                  </div>
                  <details>
                    <summary>{i18n.t('flows.preview.text')}</summary>
                    <pre>{t.message.text}</pre>
                  </details>
                </>
              )}
              {t.sms !== null && (
                <details>
                  <summary>{i18n.t('flows.preview.sms')}</summary>
                  <pre>{t.sms}</pre>
                </details>
              )}
              <h4>{i18n.t('flows.preview.lint')}</h4>
              {t.findings.length === 0 ? (
                <p>{i18n.t('flows.preview.clean')}</p>
              ) : (
                <ul class="findings">
                  {t.findings.map((f, i) => (
                    <li key={i} class={f.severity} data-rule={f.rule}>
                      <strong>
                        {i18n.t(f.severity === 'blocking' ? 'flows.severity.blocking' : 'flows.severity.warning')}
                      </strong>{' '}
                      <code>{f.rule}</code> ({f.where}): {f.message}
                      {f.excerpt !== undefined && (
                        <>
                          {' '}
                          <q>{f.excerpt}</q>
                        </>
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </article>
          ))}
        </div>
      )}
    </section>
  );
}
