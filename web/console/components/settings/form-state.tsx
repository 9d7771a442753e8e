import type { ComponentChildren } from 'preact';
import type { I18n } from '../../i18n/i18n.ts';
import type { Outcome } from './form-hooks.ts';

// The hooks are in a .ts file: their types would read as text to the catalogue's JSX check.
export { errorText, IDLE, type Outcome, useLoad, useSubmit } from './form-hooks.ts';

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
