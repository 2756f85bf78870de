/** The gap log (kept redacted) and the editors' report grouped by likely topic. */
import { mkdtempSync, readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JsonlGapLog, MemoryGapLog, type GapEntry } from '../../content/gaps/gap-log.js';
import { groupGaps, NO_TOPIC, renderGapReport } from '../../content/gaps/report.js';

const entry = (question: string, closest: GapEntry['closest'], at = '2026-11-20T10:00:00.000Z', channel = 'webchat'): GapEntry => ({
  at,
  channel,
  question,
  closest,
});

describe('JsonlGapLog', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gaps-'));

  test('creates its folder, appends one line per entry and reads them back', async () => {
    const path = join(dir, 'nested', 'deeper', 'gaps.jsonl');
    const log = new JsonlGapLog(path);
    await Promise.all([
      log.record(entry('what is a one page profile', [{ topic: 'sen-support', score: 0.41234 }])),
      log.record(entry('respite at weekends', [{ topic: 'short-breaks', score: 0.2 }], '2026-11-21T09:00:00.000Z', 'sms')),
    ]);
    const lines = readFileSync(path, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(2);
    const all = await log.readAll();
    expect(all.map((e) => e.question)).toEqual(['what is a one page profile', 'respite at weekends']);
    expect(all[0]?.closest[0]?.score).toBe(0.412);
  });

  test('redacts the question again on the way in', async () => {
    const path = join(dir, 'redact.jsonl');
    const log = new JsonlGapLog(path);
    await log.record(entry('my son is called Jack, call me on 07700 900123', []));
    const raw = readFileSync(path, 'utf8');
    expect(raw).not.toMatch(/Jack|07700/);
    expect(raw).toContain('my son is called [name], call me on [phone]');
  });

  test('skips a line cut short and keeps the rest; a missing file is an empty log', async () => {
    const path = join(dir, 'cut.jsonl');
    writeFileSync(path, `${JSON.stringify(entry('first', []))}\n{"at":"2026-11-2`);
    appendFileSync(path, `\n${JSON.stringify(entry('third', []))}\n${JSON.stringify({ not: 'an entry' })}\n`);
    expect((await new JsonlGapLog(path).readAll()).map((e) => e.question)).toEqual(['first', 'third']);
    expect(await new JsonlGapLog(join(dir, 'none.jsonl')).readAll()).toEqual([]);
  });
});

test('MemoryGapLog redacts too', async () => {
  const log = new MemoryGapLog();
  await log.record(entry('email jo@example.org please', []));
  expect((await log.readAll())[0]?.question).toBe('email [email] please');
});

describe('grouping', () => {
  const entries: GapEntry[] = [
    entry('what is respite', [{ topic: 'short-breaks', score: 0.5 }], '2026-11-01T10:00:00.000Z'),
    entry('What is respite?', [{ topic: 'short-breaks', score: 0.45 }], '2026-11-03T10:00:00.000Z', 'sms'),
    entry(
      'weekend clubs for disabled kids',
      [
        { topic: 'short-breaks', score: 0.35 },
        { topic: 'leisure', score: 0.32 },
      ],
      '2026-11-02T10:00:00.000Z',
    ),
    entry('can i get a blue badge', [{ topic: 'transport', score: 0.1 }], '2026-11-04T10:00:00.000Z'),
    entry('dla for my son called Sam', [], '2026-11-05T10:00:00.000Z'),
    entry(
      'travel to college',
      [
        { topic: 'leisure', score: 0.2 },
        { topic: 'transport', score: 0.6 },
      ],
      '2026-11-06T10:00:00.000Z',
    ),
  ];

  test('groups by the likeliest topic, most common first, with "no likely topic" for weak matches', () => {
    const groups = groupGaps(entries);
    expect(groups.map((g) => [g.topic, g.count])).toEqual([
      ['short-breaks', 3],
      [NO_TOPIC, 2],
      ['transport', 1],
    ]);
  });

  test('gives distinct examples, newest first, redacted, and counts channels', () => {
    const [breaks, none] = groupGaps(entries, { examples: 5 });
    expect(breaks?.examples).toEqual(['What is respite?', 'weekend clubs for disabled kids']);
    expect(breaks?.channels).toEqual({ webchat: 2, sms: 1 });
    expect(breaks?.first).toBe('2026-11-01T10:00:00.000Z');
    expect(breaks?.last).toBe('2026-11-03T10:00:00.000Z');
    expect(none?.examples).toEqual(['dla for my son called [name]', 'can i get a blue badge']);
  });

  test('limits examples, filters by date, and takes a score threshold', () => {
    expect(groupGaps(entries, { examples: 1 })[0]?.examples).toHaveLength(1);
    expect(groupGaps(entries, { since: '2026-11-04' }).map((g) => g.topic)).toEqual([NO_TOPIC, 'transport']);
    expect(groupGaps(entries, { minScore: 0 }).find((g) => g.topic === 'transport')?.count).toBe(2);
  });

  test('renders a report editors can read, with topic titles', () => {
    const text = renderGapReport(groupGaps(entries), new Map([['short-breaks', 'Short breaks']]));
    expect(text).toMatch(/^6 questions the assistant could not answer/);
    expect(text).toMatch(/\s3 {2}short-breaks \(Short breaks\)/);
    expect(text).toContain('No likely topic: content may be missing');
    expect(text).toContain('- "What is respite?"');
    expect(text).not.toContain('Sam');
    expect(renderGapReport([])).toBe('No unanswered questions have been recorded.\n');
  });
});
