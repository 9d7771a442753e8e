/**
 * The browser app's own paths: the server answers each with the console's index.html (the app
 * routes on the client), after checking that someone is signed in. One list, for the server and
 * the browser app's router alike.
 */
export const CONSOLE_PATHS = [
  '/',
  '/customers',
  '/segments',
  '/campaigns',
  '/flows',
  '/loyalty',
  '/surveys',
  '/messages',
  '/settings',
] as const;

/** Whether a request path (without the query) is the console's: one of CONSOLE_PATHS or below one. */
export function isConsolePath(path: string): boolean {
  return CONSOLE_PATHS.some((base) => path === base || (base !== '/' && path.startsWith(`${base}/`)));
}
