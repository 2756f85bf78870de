/** Feedback comments and unanswered questions are deleted after the retention period; counts stay. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JsonlEventLog } from '../../bot/feedback/events.js';
import { sweepRetention } from '../../bot/feedback/retention.js';
import { loadConfig } from '../../bot/config.js';
import { JsonlGapLog } from '../../content/gaps/gap-log.js';

const place = { channel: 'webchat', audience: 'parent', pathway: 'worried', step: 'start', topicId: 'sen-support', contentVersion: 'v' };

test('comments and gap entries older than the period are deleted, newer ones and the counts stay', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'retention-'));
  const events = new JsonlEventLog(join(dir, 'events.jsonl'));
  const gaps = new JsonlGapLog(join(dir, 'gaps.jsonl'));
  await events.record({
    type: 'feedback',
    at: '2026-08-01T10:00:00.000Z',
    ...place,
    helpful: false,
    reason: 'out-of-date',
    comment: 'old comment about the dates',
  });
  await events.record({
    type: 'feedback',
    at: '2026-11-20T10:00:00.000Z',
    ...place,
    helpful: false,
    reason: 'out-of-date',
    comment: 'new comment about the dates',
  });
  await events.record({ type: 'engaged', at: '2026-01-01T10:00:00.000Z', channel: 'sms', audience: 'parent' });
  await gaps.record({ at: '2026-08-01T10:00:00.000Z', channel: 'sms', question: 'old question about respite', closest: [] });
  await gaps.record({ at: '2026-11-20T10:00:00.000Z', channel: 'sms', question: 'new question about respite', closest: [] });

  const result = await sweepRetention({ events, gaps, days: 90, now: new Date('2026-11-22T10:00:00Z') });
  expect(result).toEqual({ commentsDeleted: 1, gapsDeleted: 1 });
  const raw = readFileSync(join(dir, 'events.jsonl'), 'utf8') + readFileSync(join(dir, 'gaps.jsonl'), 'utf8');
  expect(raw).not.toContain('old comment');
  expect(raw).not.toContain('old question');
  expect(raw).toContain('new comment');
  expect(raw).toContain('new question');
  const kept = await events.readAll();
  expect(kept).toHaveLength(3);
  expect(kept[0]).toMatchObject({ type: 'feedback', reason: 'out-of-date', helpful: false });
  // A second sweep finds nothing more to do.
  expect(await sweepRetention({ events, gaps, days: 90, now: new Date('2026-11-22T10:00:00Z') })).toEqual({ commentsDeleted: 0, gapsDeleted: 0 });
});

test('FEEDBACK_RETENTION_DAYS is 90 by default and must be a whole number of days from 1', () => {
  expect(loadConfig({}).FEEDBACK_RETENTION_DAYS).toBe(90);
  expect(loadConfig({ FEEDBACK_RETENTION_DAYS: '30' }).FEEDBACK_RETENTION_DAYS).toBe(30);
  expect(() => loadConfig({ FEEDBACK_RETENTION_DAYS: '0' })).toThrow(/FEEDBACK_RETENTION_DAYS/);
  expect(() => loadConfig({ FEEDBACK_RETENTION_DAYS: 'ninety' })).toThrow(/FEEDBACK_RETENTION_DAYS/);
  expect(loadConfig({ DATA_DIR: '/tmp/x' }).eventsFile).toBe('/tmp/x/events.jsonl');
});
