import { useEffect, useState } from 'preact/hooks';
import type { Credentials } from '../../api/client.ts';
import { demoMailRaw } from '../../api/demo-mail.ts';
import type { I18n } from '../../i18n/i18n.ts';
import { Failure } from '../status.tsx';

interface Parsed {
  readonly subject: string;
  readonly from: string;
  readonly to: string;
  readonly html: string | null;
  readonly text: string | null;
}

const address = (a: { name?: string; address?: string } | undefined): string =>
  a === undefined ? '' : a.name ? `${a.name} <${a.address ?? ''}>` : (a.address ?? '');

/** A raw message (message/rfc822) read with postal-mime, loaded with the first message opened. */
async function parse(raw: string): Promise<Parsed> {
  const { default: PostalMime } = await import('postal-mime');
  const email = await PostalMime.parse(raw);
  return {
    subject: email.subject ?? '',
    from: address(email.from),
    to: (email.to ?? []).map(address).join(', '),
    html: email.html ?? null,
    text: email.text ?? null,
  };
}

/**
 * One message the demo's mail catcher received, as the customer's mail program would show it: the
 * HTML in a sandboxed frame (no scripts, no same-origin access, no forms; the console's policy
 * keeps remote images out), and the text version under it.
 */
export function CaughtMail({ credentials, i18n, mailId }: { credentials: Credentials; i18n: I18n; mailId: string }) {
  const { t } = i18n;
  const [mail, setMail] = useState<Parsed | { error: string } | null>(null);
  useEffect(() => {
    setMail(null);
    demoMailRaw(credentials, mailId)
      .then(async (raw) => setMail(await parse(raw)))
      .catch((error: unknown) => setMail({ error: error instanceof Error ? error.message : String(error) }));
  }, [mailId]);
  if (mail === null) return <p role="status">{t('messages.rendered.loading')}</p>;
  if ('error' in mail) return <Failure i18n={i18n} message={mail.error} />;
  return (
    <section class="rendered" aria-labelledby={`mail-${mailId}`} data-rendered={mailId}>
      <h3 id={`mail-${mailId}`}>{t('messages.rendered')}</h3>
      <dl class="pairs">
        <dt>{t('messages.rendered.subject')}</dt>
        <dd data-subject>{mail.subject}</dd>
        <dt>{t('messages.rendered.from')}</dt>
        <dd>{mail.from}</dd>
        <dt>{t('messages.rendered.to')}</dt>
        <dd>{mail.to}</dd>
      </dl>
      {mail.html !== null && (
        <>
          <h4>{t('messages.rendered.html')}</h4>
          <iframe
            class="mail-frame"
            sandbox=""
            srcdoc={mail.html}
            title={t('messages.rendered.frame', { subject: mail.subject })}
          />
        </>
      )}
      {mail.text !== null && (
        <details open={mail.html === null}>
          <summary>{t('messages.rendered.text')}</summary>
          <pre class="mail-text">{mail.text}</pre>
        </details>
      )}
    </section>
  );
}
