import { addDays, addMonths, addWeeks, appealDeadline, ehcDeadlines, isValidIsoDate, laterOf } from '../../flows/deadlines.js';

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

  test('appeal: 2 months from the decision when there is no certificate', () => {
    expect(appealDeadline('2026-04-14')).toEqual([{ key: 'appeal.from-decision', date: '2026-06-14' }]);
  });

  test('appeal: the later of 2 months from decision and 1 month from certificate', () => {
    const early = appealDeadline('2026-04-14', '2026-04-20');
    expect(early.find((d) => d.key === 'appeal.deadline')?.date).toBe('2026-06-14');
    const late = appealDeadline('2026-04-14', '2026-05-30');
    expect(late.find((d) => d.key === 'appeal.deadline')?.date).toBe('2026-06-30');
  });
});
