/**
 * Libraries that start-up leaves out (content/gaps/redact.ts's name taggers, flows/deadlines.ts's bank
 * holiday rules) take about a second to load. bot/index.ts calls this a second after the port opens, so
 * the first turn that needs them does not wait; a turn that comes sooner loads them itself.
 */
import { warmRedaction } from '../content/gaps/redact.js';
import { warmBankHolidays } from '../flows/deadlines.js';

export function warmUp(): void {
  warmRedaction();
  warmBankHolidays();
}
