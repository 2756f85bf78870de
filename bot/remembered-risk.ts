/**
 * The safeguarding check's outcome, remembered for messages sent again (bot/remembered-results.ts).
 * Most turns of a guided conversation are the same few short messages ("1", "2", "menu", "back", "yes"),
 * each checked in full on every turn; the check is a pure function of what it is given, so its outcome
 * for a message already checked is the one it gave before. Nothing else about the check changes: it
 * still runs first, on the whole message, before the lock or storage.
 */
import { assessRisk, type RiskAssessment } from './safeguarding/assess.js';
import { deepFreeze, RememberedResults } from './remembered-results.js';

/** Longer messages are rarely sent twice word for word: they are checked afresh and not kept. */
const MAX_REMEMBERED_CHARS = 200;
const remembered = new RememberedResults<RiskAssessment>(2_000, (r) => deepFreeze(r));

export function assessRiskRemembered(...args: Parameters<typeof assessRisk>): RiskAssessment {
  const [text] = args;
  if (text.length > MAX_REMEMBERED_CHARS) return assessRisk(...args);
  return remembered.get(['risk', ...args], () => assessRisk(...args));
}
