/**
 * The editors' report on a generated month of events (content/tools/generate-events.ts), and on small
 * hand-made logs where every number can be checked.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JsonlEventLog, type TrackedEvent } from '../../bot/feedback/events.js';
import { JsonlGapLog } from '../../content/gaps/gap-log.js';
import { buildReport, helplineOpen, renderHtml, renderMarkdown, shown } from '../../content/reports/editors-report.js';
import { loadYouSaid } from '../../content/reports/you-said.js';
import { generateMonth } from '../../content/tools/generate-events.js';
import { sharedContent } from '../helpers/harness.js';

const content = sharedContent();
const titles = new Map([...content.topics.values()].map((t) => [t.id, t.title]));
const base = { channel: 'webchat', audience: 'parent' };

function report(events: TrackedEvent[], extra: Partial<Parameters<typeof buildReport>[0]> = {}) {
  return buildReport({ events, gaps: [], council: content.council, titles, youSaid: [], from: '2026-11-01', to: '2026-11-30', ...extra });
}

test('counts from 1 to 4 are "fewer than 5"; 0 and 5 are shown', () => {
  expect([0, 1, 4, 5, 12].map(shown)).toEqual(['0', 'fewer than 5', 'fewer than 5', '5', '12']);
});

test('the funnel: reached, went on, ended, asked for a person and left, per step', () => {
  const at = '2026-11-10T10:00:00.000Z';
  const step = (s: string, from?: string): TrackedEvent => ({ type: 'step', at, ...base, pathway: 'worried', step: s, ...(from ? { from } : {}) });
  const events: TrackedEvent[] = [
    ...Array.from({ length: 12 }, () => step('start')),
    ...Array.from({ length: 7 }, () => step('senSupport', 'start')),
    ...Array.from({ length: 6 }, (): TrackedEvent => ({ type: 'resolved', at, ...base, pathway: 'worried', step: 'senSupport' })),
    { type: 'handoff', at, ...base, pathway: 'worried', step: 'start' },
  ];
  const r = report(events);
  const rows = Object.fromEntries(r.funnel[0]!.rows.map((x) => [x.step, x]));
  expect(rows.start).toMatchObject({ reached: 12, wentOn: 7, handoffs: 1, left: 4 });
  expect(rows.senSupport).toMatchObject({ reached: 7, finished: 6, left: 1 });
  const md = renderMarkdown(r);
  expect(md).toContain('| start | 12 | 7 | 0 | fewer than 5 | fewer than 5 |');
  expect(md).toContain('| sen support | 7 | 0 | 6 | 0 | fewer than 5 |');
});

test('the date range is inclusive, in UK time', () => {
  const late = { type: 'engaged' as const, ...base };
  const r = report([
    { ...late, at: '2026-10-31T23:30:00.000Z' }, // 31 October in London (GMT)
    { ...late, at: '2026-11-30T23:59:00.000Z' },
    { ...late, at: '2026-12-01T00:00:00.000Z' },
  ]);
  expect(r.totals.engaged).toBe(1);
});

test('helpline hours follow the council profile, bank holidays included', () => {
  expect(helplineOpen('2026-11-23T10:00:00.000Z', content.council)).toBe(true); // Monday
  expect(helplineOpen('2026-11-23T17:30:00.000Z', content.council)).toBe(false);
  expect(helplineOpen('2026-11-22T10:00:00.000Z', content.council)).toBe(false); // Sunday
  expect(helplineOpen('2026-12-25T10:00:00.000Z', content.council)).toBe(false); // Christmas Day, a Friday
  // A council that lists no closed days is still closed on bank holidays: the summer bank holiday, a Monday.
  const listsNone = { ...content.council, helpline: { ...content.council.helpline, openingHours: { ...content.council.helpline.openingHours, closedOn: [] } } };
  expect(helplineOpen('2026-08-31T10:00:00.000Z', listsNone)).toBe(false);
  expect(helplineOpen('2026-09-07T10:00:00.000Z', listsNone)).toBe(true);
});

describe('a generated month', () => {
  const dir = mkdtempSync(join(tmpdir(), 'report-'));
  let md = '';
  let page = '';
  let events: TrackedEvent[] = [];

  beforeAll(async () => {
    await generateMonth({ month: '2026-11', dir, seed: 7 });
    events = await new JsonlEventLog(join(dir, 'events.jsonl')).readAll();
    const gaps = await new JsonlGapLog(join(dir, 'gaps.jsonl')).readAll();
    const r = report(events, { gaps, youSaid: loadYouSaid().rows });
    md = renderMarkdown(r);
    page = renderHtml(r, content.council.colours);
  }, 60_000);

  test('has every section, with real pathway steps and topic titles', () => {
    for (const heading of [
      '## Conversations',
      '## Pathway funnel',
      '### worried',
      '### ehc-request',
      '## Did the answer help?',
      '## Questions the assistant could not answer',
      '## Asked for a person, by hour',
      '## You said, we did',
    ])
      expect(md).toContain(heading);
    expect(md).toContain('Helpline hours: Monday to Friday, 9am to 5pm.');
    expect(md).toMatch(/\| What an EHC plan is \| \d+ \|/);
    expect(md).toContain('did not answer my question');
    expect(md).toContain('The answer on school transport did not say what happens after age 16.');
  });

  test('the totals add up to the events', () => {
    const engaged = events.filter((e) => e.type === 'engaged').length;
    expect(engaged).toBeGreaterThan(500);
    expect(md).toContain(`| ${engaged} |`);
  });

  test('handoffs at night are counted as outside helpline hours', () => {
    expect(md).toMatch(/\| 22:00 \| 0 \| \d+ \|/);
  });

  test('no personal detail from the generated comments or questions reaches the log or the report', () => {
    const raw = readFileSync(join(dir, 'events.jsonl'), 'utf8') + readFileSync(join(dir, 'gaps.jsonl'), 'utf8');
    for (const text of [raw, md, page]) expect(text).not.toMatch(/Oliver|Acacia|Stockport|gmail|0306 999 0100|Amelia|Jack|SK4 1AB/);
    expect(md).toContain('[name]');
  });

  test('the HTML page has the same sections, escaped, with headed tables', () => {
    expect(page).toContain('<html lang="en-GB">');
    expect(page).toContain('<h2>Pathway funnel</h2>');
    expect(page).toContain('<th scope="col">Reached</th>');
    expect(page).not.toContain('<script');
  });
});

test('the you said, we did file is checked: bad rows and unknown topics are problems', () => {
  const dir = mkdtempSync(join(tmpdir(), 'yousaid-'));
  const file = join(dir, 'ysd.yaml');
  writeFileSync(
    file,
    '- { date: 2026-13-01, youSaid: x, weDid: y }\n- { date: 2026-11-02, youSaid: a, weDid: b, topics: [no-such-topic] }\n- { date: 2026-11-03, youSaid: a }\n',
  );
  const { rows, problems } = loadYouSaid(file, new Set(titles.keys()));
  expect(rows).toHaveLength(1);
  expect(problems.map((p) => `${p.id} ${p.field}`)).toEqual(['row 1 date', 'row 2 topics', 'row 3 weDid']);
  expect(loadYouSaid(undefined, new Set(titles.keys())).problems).toEqual([]);
});
