import { useEffect, useState } from 'preact/hooks';

/** The outcome of the last action on a campaign ("Draft saved.", an error). */
export interface Notice {
  readonly ok: boolean;
  readonly text: string;
}

/**
 * Kept outside the page: saving a new campaign or scheduling it moves to the campaign's own path,
 * and the shell mounts the page afresh for a new path, so a notice set as it answers must outlive
 * the page that asked.
 */
let current: Notice | null = null;
const listeners = new Set<(notice: Notice | null) => void>();

export function showNotice(notice: Notice | null): void {
  current = notice;
  for (const listener of listeners) listener(notice);
}

export function useNotice(): Notice | null {
  const [notice, setNotice] = useState(current);
  useEffect(() => {
    listeners.add(setNotice);
    setNotice(current);
    return () => void listeners.delete(setNotice);
  }, []);
  return notice;
}
