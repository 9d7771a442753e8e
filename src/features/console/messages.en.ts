/**
 * The console's English strings (the message catalogue): the server-rendered pages use them, and
 * the browser app imports the same module, so a translation is one more file of the same keys.
 * Values are plain text with `{name}` placeholders; formatMessage fills them.
 */
export const messagesEn = {
  'app.name': 'Regulars',
  'login.title': 'Sign in to Regulars',
  'login.intro': 'The console of your store: customers, segments, campaigns, flows and loyalty.',
  'login.email': 'Email',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.failed': 'The email or password is not right.',
  'login.missing': 'Enter your email and your password.',
  'login.locked': 'Too many failed sign-ins for this email. Sign-in is paused for {minutes} minutes; try again later.',
  'login.rateLimited': 'Too many sign-in attempts. Try again in {minutes} minutes.',
  'login.formExpired': 'The sign-in form had expired. Please sign in again.',
  'login.signedOut': 'You are signed out.',
  'login.help':
    'No account yet? The store owner creates one with: regulars users create --store ID --email EMAIL --password-stdin',
  'error.code': 'Error code: {code}',
  'notBuilt.title': 'The console is not built',
  'notBuilt.body':
    'The server is running, and the API under /v1 works, but the console’s files are missing from {folder}.',
  'notBuilt.fix': 'Build it with: npm run build (from a source checkout), then reload this page.',
  'logout.submit': 'Sign out',
} as const;

export type MessageKey = keyof typeof messagesEn;
export type Messages = Readonly<Record<MessageKey, string>>;

/** The message with its `{name}` placeholders filled; a placeholder without a value stays as written. */
export function formatMessage(
  messages: Messages,
  key: MessageKey,
  values: Readonly<Record<string, string | number>> = {},
): string {
  return messages[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    values[name] === undefined ? whole : String(values[name]),
  );
}
