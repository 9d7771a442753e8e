import { useState } from 'preact/hooks';
import type { I18n } from '../../i18n/i18n.ts';
import type { Preview } from './types.ts';

const WIDTHS = { desktop: 640, phone: 375 } as const;
type Width = keyof typeof WIDTHS;

/**
 * The email as the server rendered it, in a sandboxed iframe (no scripts, no same origin: the
 * email's HTML cannot touch the console), at a desktop or a phone width.
 */
export function PreviewFrame({ i18n, preview, error }: { i18n: I18n; preview: Preview | null; error: string | null }) {
  const [width, setWidth] = useState<Width>('desktop');
  const name = [preview?.customer.first_name, preview?.customer.last_name].filter(Boolean).join(' ');
  return (
    <section class="panel preview" aria-labelledby="preview-heading">
      <h2 id="preview-heading">{i18n.t('preview.title')}</h2>
      <fieldset class="segmented">
        <legend>{i18n.t('preview.width')}</legend>
        {(Object.keys(WIDTHS) as Width[]).map((w) => (
          <label key={w}>
            <input type="radio" name="preview-width" value={w} checked={width === w} onChange={() => setWidth(w)} />
            {i18n.t(`preview.${w}`)}
          </label>
        ))}
      </fieldset>
      {error !== null && (
        <p class="status failure" role="alert">
          {error}
        </p>
      )}
      {preview === null && error === null && <p class="help">{i18n.t('preview.pending')}</p>}
      {preview !== null && (
        <>
          <p class="preview-subject">
            <strong>{i18n.t('preview.subject', { subject: preview.subject })}</strong>
            {preview.preheader && <span> — {preview.preheader}</span>}
          </p>
          <div class="preview-stage">
            <iframe
              sandbox=""
              srcdoc={preview.html}
              title={i18n.t('preview.frame', { width: WIDTHS[width] })}
              data-width={width}
              style={{ width: `${WIDTHS[width]}px` }}
            />
          </div>
          <p class="help">{i18n.t('preview.for', { name })}</p>
        </>
      )}
    </section>
  );
}
