/**
 * Bank and public holidays in England, from date-holidays, so neither the live helpline hours nor the
 * editors' report depend on a council listing every bank holiday in its profile.
 */
import Holidays from 'date-holidays';

let england: Holidays | undefined;

export function isEnglishBankHoliday(at: Date): boolean {
  england ??= new Holidays('GB', 'ENG', { types: ['public', 'bank'] });
  const found = england.isHoliday(at);
  return Array.isArray(found) && found.some((h) => h.type === 'public' || h.type === 'bank');
}
