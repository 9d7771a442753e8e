const known = new Map<string, boolean>();

/**
 * Whether a name is an IANA time zone ('Europe/Berlin', 'America/Argentina/Buenos_Aires', 'UTC')
 * that Intl knows. Offsets ('+01:00'), which newer Intl versions also take, are not zones: a
 * customer's zone must follow its daylight saving time.
 */
export function isIanaTimeZone(name: unknown): boolean {
  if (typeof name !== 'string' || !/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(name)) return false;
  let answer = known.get(name);
  if (answer === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: name });
      answer = true;
    } catch {
      answer = false;
    }
    if (known.size < 10_000) known.set(name, answer);
  }
  return answer;
}
