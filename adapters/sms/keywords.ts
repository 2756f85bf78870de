/**
 * The SMS keywords carriers and Twilio expect every service to honour. They are whole messages: "stop"
 * inside a sentence ("when will it stop") is not a keyword.
 */
export type SmsKeyword = 'stop' | 'start' | 'help';

const KEYWORDS: Record<string, SmsKeyword> = {
  stop: 'stop',
  stopall: 'stop',
  unsubscribe: 'stop',
  cancel: 'stop',
  end: 'stop',
  quit: 'stop',
  start: 'start',
  unstop: 'start',
  help: 'help',
  info: 'help',
};

/**
 * The keyword a text is, if any. Twilio's Advanced Opt-Out sends OptOutType (STOP, START, HELP) when it
 * has matched a keyword the account added itself, so that wins.
 */
export function smsKeyword(body: string | undefined, optOutType?: string): SmsKeyword | null {
  const fromTwilio = optOutType?.trim().toLowerCase();
  if (fromTwilio === 'stop' || fromTwilio === 'start' || fromTwilio === 'help') return fromTwilio;
  const word = (body ?? '')
    .trim()
    .toLowerCase()
    .replace(/[.!]+$/, '');
  return KEYWORDS[word] ?? null;
}
