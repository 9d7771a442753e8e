import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../../api/client.ts';
import type { I18n } from '../../i18n/i18n.ts';

/** What a form says after its last submit: nothing yet, saved, or the API's refusal. */
export type Outcome =
  { readonly kind: 'idle' } | { readonly kind: 'saved' } | { readonly kind: 'error'; readonly text: string };

export const IDLE: Outcome = { kind: 'idle' };

/** The API's code and message ("INVALID_ARGUMENT: timeZone must be ..."), so the person sees what and where. */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}

/** Runs a change, keeping its outcome and whether it is under way (buttons are disabled meanwhile). */
export function useSubmit() {
  const [outcome, setOutcome] = useState<Outcome>(IDLE);
  const [busy, setBusy] = useState(false);
  const run = async (change: () => Promise<void>) => {
    setBusy(true);
    setOutcome(IDLE);
    try {
      await change();
      setOutcome({ kind: 'saved' });
    } catch (error) {
      setOutcome({ kind: 'error', text: errorText(error) });
    } finally {
      setBusy(false);
    }
  };
  return { outcome, busy, run, setOutcome };
}

/** A read of the API, again whenever `version` changes (after a change, to show what is stored). */
export function useLoad<T>(load: () => Promise<T>, version = 0) {
  const [state, setState] = useState<{ data: T } | { error: string } | null>(null);
  useEffect(() => {
    let live = true;
    load()
      .then((data) => live && setState({ data }))
      .catch((error: unknown) => live && setState({ error: errorText(error) }));
    return () => {
      live = false;
    };
  }, [version]);
  return state;
}

/** The outcome line under a form: announced politely when saved, as an alert when refused. */
export function OutcomeLine({ i18n, outcome, saved }: { i18n: I18n; outcome: Outcome; saved?: string }) {
  if (outcome.kind === 'idle') return <p class="form-outcome" role="status" />;
  if (outcome.kind === 'saved')
    return (
      <p class="form-outcome saved" role="status">
        {saved ?? i18n.t('settings.saved')}
      </p>
    );
  return (
    <p class="form-outcome refused" role="alert">
      {i18n.t('settings.refused', { message: outcome.text })}
    </p>
  );
}

/** Shown above a form its reader may not change: why its fields are read-only. */
export function ReadOnlyNote({ i18n, text }: { i18n: I18n; text: string }) {
  return (
    <p class="read-only-note" data-read-only="true">
      {i18n.t('settings.readOnly', { reason: text })}
    </p>
  );
}

/** A wide table's box that scrolls sideways on a phone: focusable, so a keyboard can scroll it too. */
export function Scroll({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="scroll" tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  );
}
