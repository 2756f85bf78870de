/**
 * npm run content:sample-events [-- --month 2026-11] [--out data/sample] [--seed 7]
 * Writes a made-up month of events and unanswered questions, for trying `npm run content:report` and
 * for its tests. Conversations walk the real pathway machines, so step names and the funnel are real;
 * comments and questions include personal details on purpose, and go through the same redaction as live
 * ones. Nothing here is about real people.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { FEEDBACK_REASONS, JsonlEventLog, type TrackedEvent } from '../../bot/feedback/events.js';
import { contentVersion, isEndOfPathway } from '../../bot/feedback/feedback.js';
import type { ConversationRecord } from '../../bot/conversation.js';
// The seeded generator (mulberry32) the safeguarding corpus uses: the same seed gives the same month.
import { seeded } from '../../bot/safeguarding/corpus.js';
import { sendToFlow, startFlow } from '../../flows/executor.js';
import { PATHWAY_IDS } from '../../flows/registry.js';
import { JsonlGapLog } from '../gaps/gap-log.js';
import { loadContent } from '../store.js';

const CHANNELS = ['webchat', 'webchat', 'webchat', 'sms', 'teams'];
const AUDIENCES = ['parent', 'parent', 'parent', 'young-person', 'practitioner'] as const;
/** Hours people write in: evenings as much as office hours. */
const HOURS = [7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 19, 20, 21, 21, 22, 22, 23];

const COMMENTS = [
  'It did not say what happens after my son Oliver turns 16',
  'The phone number on this page is wrong, I rang 0306 999 0100 and it was closed',
  'Too many long words, I had to read it three times',
  'Our council does this differently, we live at 14 Acacia Avenue, Stockport',
  'please email me at jo at gmail dot com with the form',
  'the dates were from last year',
];
const QUESTIONS = [
  'can my daughter Amelia get a laptop for dyslexia',
  'what is a one page profile',
  'respite at weekends for a 12 year old',
  'how do i get a blue badge',
  'does the council pay for a private ed psych report',
  'my son Jack is 15 and wants to do an apprenticeship, who helps',
  'swimming lessons for autistic kids near SK4 1AB',
  'can i get carers allowance',
];

export async function generateMonth(opts: { month: string; dir: string; seed: number }): Promise<{ events: number; gaps: number }> {
  const random = seeded(opts.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const content = loadContent();
  const topics = [...content.topics.values()];
  const eventsPath = join(opts.dir, 'events.jsonl');
  const gapsPath = join(opts.dir, 'gaps.jsonl');
  await rm(eventsPath, { force: true });
  await rm(gapsPath, { force: true });
  const events = new JsonlEventLog(eventsPath);
  const gaps = new JsonlGapLog(gapsPath);
  const [year, month] = opts.month.split('-').map(Number) as [number, number];
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  let eventCount = 0;
  let gapCount = 0;
  const emit = async (e: TrackedEvent) => {
    await events.record(e);
    eventCount += 1;
  };

  for (let day = 1; day <= days; day++) {
    const conversations = 20 + Math.floor(random() * 25);
    for (let c = 0; c < conversations; c++) {
      const at = new Date(Date.UTC(year, month - 1, day, pick(HOURS), Math.floor(random() * 60))).toISOString();
      const base = { at, channel: pick(CHANNELS), audience: pick(AUDIENCES) };
      await emit({ type: 'engaged', ...base });
      if (random() < 0.12) {
        await emit({ type: 'handoff', ...base, pathway: 'intake', step: 'who' });
        continue;
      }
      if (random() < 0.15) {
        await gaps.record({ at, channel: base.channel, question: pick(QUESTIONS), closest: [{ topic: pick(topics).id, score: random() * 0.5 }] });
        gapCount += 1;
      }
      const pathway = pick(PATHWAY_IDS);
      let { flow, view } = startFlow(pathway, { profile: { who: base.audience === 'young-person' ? 'young-person' : 'parent', stage: 'school' } });
      const seen: string[] = [];
      for (let steps = 0; steps < 8 && !view.done; steps++) {
        await emit({ type: 'step', ...base, pathway, step: view.state, ...(seen.length ? { from: seen[seen.length - 1] } : {}) });
        seen.push(view.state);
        const record = { flow } as ConversationRecord;
        if (isEndOfPathway(record, view, seen)) {
          await emit({ type: 'resolved', ...base, pathway, step: view.state });
          break;
        }
        const topic = view.meta.topic ? content.topics.get(view.meta.topic) : undefined;
        if (topic && random() < 0.2) {
          const helpful = random() < (topic.id.includes('transport') ? 0.35 : 0.75);
          const reason = helpful ? undefined : pick(FEEDBACK_REASONS);
          const comment = !helpful && random() < 0.4 ? pick(COMMENTS) : undefined;
          await emit({
            type: 'feedback',
            ...base,
            pathway,
            step: view.state,
            topicId: topic.id,
            contentVersion: contentVersion(topic),
            helpful,
            reason,
            comment,
          });
        }
        if (random() < 0.04) {
          await emit({ type: 'handoff', ...base, pathway, step: view.state });
          break;
        }
        if (random() < 0.18) break; // left here
        // A step that asks for a date gets one, as a person would type it.
        const next = view.meta.input
          ? sendToFlow(flow, { type: 'DATE', field: view.meta.input.field, date: `${opts.month}-01` })
          : sendToFlow(flow, { type: `choose.${pick(view.choices)}` });
        if (!next.changed || next.view.done) break;
        ({ flow, view } = next);
      }
    }
  }
  return { events: eventCount, gaps: gapCount };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: { month: { type: 'string', default: '2026-11' }, out: { type: 'string', default: 'data/sample' }, seed: { type: 'string', default: '7' } },
  });
  if (!/^\d{4}-\d{2}$/.test(values.month)) {
    console.error('--month must be written YYYY-MM');
    process.exitCode = 2;
  } else {
    const made = await generateMonth({ month: values.month, dir: values.out, seed: Number(values.seed) });
    console.log(`Wrote ${made.events} events and ${made.gaps} unanswered questions to ${values.out}.`);
  }
}
