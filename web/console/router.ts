import { useEffect, useState } from 'preact/hooks';

/** The current path, following pushState navigations and the back and forward buttons. */
export function usePath(): string {
  const [path, setPath] = useState(location.pathname);
  useEffect(() => {
    const update = () => setPath(location.pathname);
    addEventListener('popstate', update);
    addEventListener('regulars:navigate', update);
    return () => {
      removeEventListener('popstate', update);
      removeEventListener('regulars:navigate', update);
    };
  }, []);
  return path;
}

export function navigate(to: string): void {
  if (to === location.pathname + location.search) return;
  history.pushState(null, '', to);
  dispatchEvent(new Event('regulars:navigate'));
}

/**
 * Clicks on links inside the console navigate without reloading; new tabs, downloads and links
 * out of the console (/login, /docs, other origins) behave as links do.
 */
export function interceptLinks(event: MouseEvent, isConsolePath: (path: string) => boolean): void {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)
    return;
  const anchor = (event.target as Element | null)?.closest('a');
  if (!anchor || anchor.target || anchor.hasAttribute('download')) return;
  const url = new URL(anchor.href, location.href);
  if (url.origin !== location.origin || !isConsolePath(url.pathname)) return;
  event.preventDefault();
  navigate(url.pathname + url.search + url.hash);
}
