import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../../api/client.ts';

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
