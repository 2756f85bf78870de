/**
 * Bank and public holidays in England, from date-holidays, so neither the live helpline hours nor the
 * editors' report depend on a council listing every bank holiday in its profile. The library is loaded
 * on first use, synchronously (createRequire), so start-up does not pay for its rules.
 */
import { createRequire } from 'node:module';
import type Holidays from 'date-holidays';

let england: Holidays | undefined;

export function isEnglishBankHoliday(at: Date): boolean {
  england ??= new (createRequire(import.meta.url)('date-holidays') as typeof Holidays)('GB', 'ENG', { types: ['public', 'bank'] });
  const found = england.isHoliday(at);
  return Array.isArray(found) && found.some((h) => h.type === 'public' || h.type === 'bank');
}
