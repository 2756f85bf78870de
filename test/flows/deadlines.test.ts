import { addDays, addMonths, addWeeks, appealDeadline, ehcDeadlines, isValidIsoDate, isWorkingDay, laterOf, tribunalLastDay } from '../../flows/deadlines.js';

describe('deadline arithmetic', () => {
  test.each([
    ['2026-03-03', 6, '2026-04-14'], // the example families are given: asked 3 March, answer by 14 April
    ['2026-12-20', 6, '2027-01-31'], // across a year end
    ['2028-02-01', 4, '2028-02-29'], // leap year
    ['2027-02-01', 4, '2027-03-01'], // not a leap year
    ['2026-03-25', 1, '2026-04-01'], // across the clocks going forward (UTC arithmetic: no lost day)
    ['2026-10-22', 1, '2026-10-29'], // across the clocks going back
  ])('%s plus %i weeks is %s', (from, weeks, expected) => {
    expect(addWeeks(from, weeks)).toBe(expected);
  });

  test.each([
    ['2026-01-15', 2, '2026-03-15'],
    ['2026-12-31', 2, '2027-02-28'], // month end clamps to the shorter month
    ['2027-12-31', 2, '2028-02-29'], // ... and to 29 February in a leap year
    ['2026-08-31', 1, '2026-09-30'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2026-11-30', 2, '2027-01-30'],
  ])('%s plus %i months is %s', (from, months, expected) => {
    expect(addMonths(from, months)).toBe(expected);
  });

  test('addDays and laterOf', () => {
    expect(addDays('2026-02-27', 2)).toBe('2026-03-01');
    expect(laterOf('2026-05-01', '2026-04-30')).toBe('2026-05-01');
    expect(laterOf('2026-04-30', '2026-05-01')).toBe('2026-05-01');
  });

  test('isValidIsoDate rejects impossible dates', () => {
    expect(isValidIsoDate('2026-02-29')).toBe(false);
    expect(isValidIsoDate('2028-02-29')).toBe(true);
    expect(isValidIsoDate('3 March')).toBe(false);
  });
});

describe('statutory deadlines', () => {
  test('EHC needs assessment: 6, 16 and 20 weeks from the request', () => {
    expect(ehcDeadlines('2026-03-03')).toEqual([
      { key: 'ehc.decide-to-assess', date: '2026-04-14' },
      { key: 'ehc.decide-not-to-issue', date: '2026-06-23' },
      { key: 'ehc.final-plan', date: '2026-07-21' },
    ]);
  });

  test('appeal: 2 months from the decision when there is no certificate, on a working day', () => {
    // 14 June 2026 is a Sunday, so the last day runs to Monday 15 June (HESC Rules 2008 r12).
    expect(appealDeadline('2026-04-14')).toEqual([{ key: 'appeal.from-decision', date: '2026-06-15' }]);
    expect(appealDeadline('2026-04-16')).toEqual([{ key: 'appeal.from-decision', date: '2026-06-16' }]);
  });

  test('appeal: the later of 2 months from decision and 1 month from certificate', () => {
    const early = appealDeadline('2026-04-14', '2026-04-20');
    expect(early.find((d) => d.key === 'appeal.deadline')?.date).toBe('2026-06-15');
    const late = appealDeadline('2026-04-14', '2026-05-30');
    expect(late.find((d) => d.key === 'appeal.deadline')?.date).toBe('2026-06-30');
  });
});

describe('the Tribunal time limit rule (HESC Rules 2008, r12)', () => {
  test('working days leave out weekends and England and Wales bank holidays', () => {
    expect(isWorkingDay('2026-03-16')).toBe(true); // Monday
    expect(isWorkingDay('2026-03-14')).toBe(false); // Saturday
    expect(isWorkingDay('2026-03-15')).toBe(false); // Sunday
    expect(isWorkingDay('2026-04-03')).toBe(false); // Good Friday
    expect(isWorkingDay('2026-05-04')).toBe(false); // Early May bank holiday
    expect(isWorkingDay('2026-12-28')).toBe(false); // Boxing Day substitute
  });

  test('a limit ending on a weekend runs to the Monday', () => {
    // 2 months from 14 January 2026 is Saturday 14 March.
    expect(appealDeadline('2026-01-14')[0]?.date).toBe('2026-03-16');
  });

  test('a limit ending on a bank holiday runs to the next working day', () => {
    // 4 May 2026 is the Early May bank holiday.
    expect(appealDeadline('2026-03-04')[0]?.date).toBe('2026-05-05');
    // 3 April 2026 is Good Friday; Easter Monday follows, so Tuesday 7 April.
    expect(appealDeadline('2026-02-03')[0]?.date).toBe('2026-04-07');
  });

  test('a SEN appeal ending in August runs to the first working day of September', () => {
    // Letter dated 15 June 2026: 2 months ends Saturday 15 August; the law allows until Tuesday 1 September.
    expect(appealDeadline('2026-06-15')).toEqual([{ key: 'appeal.from-decision', date: '2026-09-01' }]);
    expect(appealDeadline('2026-06-03')[0]?.date).toBe('2026-09-01'); // Monday 3 August, a working day
    // 1 September 2029 is a Saturday: the first working day of September is Monday 3rd.
    expect(tribunalLastDay('2029-08-10')).toBe('2029-09-03');
  });

  test('a SEN appeal ending 25 December to 1 January runs to the next working day in January', () => {
    // 2 months from 25 October 2026 is Friday 25 December; 2 January 2027 is a Saturday.
    expect(appealDeadline('2026-10-25')[0]?.date).toBe('2027-01-04');
    expect(tribunalLastDay('2026-12-29')).toBe('2027-01-04');
    expect(tribunalLastDay('2027-01-01')).toBe('2027-01-04');
    expect(tribunalLastDay('2026-12-24')).toBe('2026-12-24'); // Thursday 24 December: not in the period
  });

  test('a disability discrimination claim has no August or Christmas extension', () => {
    expect(tribunalLastDay('2026-08-12', 'disability')).toBe('2026-08-12');
    expect(tribunalLastDay('2026-08-15', 'disability')).toBe('2026-08-17');
    expect(tribunalLastDay('2026-12-29', 'disability')).toBe('2026-12-29');
    expect(tribunalLastDay('2026-12-25', 'disability')).toBe('2026-12-29');
  });
});
