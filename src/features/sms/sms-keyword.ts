/**
 * What an inbound SMS asks for, by Twilio's default opt-out keywords
 * (https://help.twilio.com/articles/223134027): STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT,
 * OPTOUT, REVOKE stop messages; START, YES, UNSTOP resume them; HELP, INFO ask for help. Carriers
 * and Twilio match the whole message, trimmed and in any case, so "stop please" is a reply, not a
 * keyword: the same here, or a customer's chat would unsubscribe them.
 * The local opt-out words the templates accept (sms-segment.ts SMS_OPT_OUT_WORDS: STOPP, ARRET...)
 * count as STOP too, since the messages tell customers to send them.
 */
export type SmsKeyword = 'stop' | 'start' | 'help';

const STOP = [
  'STOP',
  'STOPALL',
  'UNSUBSCRIBE',
  'CANCEL',
  'END',
  'QUIT',
  'OPTOUT',
  'REVOKE',
  'STOPP',
  'ARRET',
  'ARRÊT',
  'BAJA',
  'ALTO',
];
const START = ['START', 'YES', 'UNSTOP'];
const HELP = ['HELP', 'INFO'];

export function smsKeyword(body: string): SmsKeyword | null {
  const word = body
    .trim()
    .replace(/[.!]+$/u, '')
    .toLocaleUpperCase('en-US');
  if (STOP.includes(word)) return 'stop';
  if (START.includes(word)) return 'start';
  if (HELP.includes(word)) return 'help';
  return null;
}

/**
 * Twilio's Advanced Opt-Out adds OptOutType (STOP, START, HELP) to the inbound webhook when it
 * handled a keyword itself, including ones configured in the console: it wins over our own list.
 */
export function keywordOf(body: string, optOutType: string | undefined): SmsKeyword | null {
  const given = optOutType?.trim().toUpperCase();
  if (given === 'STOP') return 'stop';
  if (given === 'START') return 'start';
  if (given === 'HELP') return 'help';
  return smsKeyword(body);
}
