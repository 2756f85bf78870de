/**
 * Answer quality, judged on what the reply SAYS, not on which topic was picked.
 *
 * - test/fixtures/understanding/tuning-questions.yaml: a tuning set of questions, each with the facts its
 *   first reply must contain, in the format of the sealed sets. Each is sent as the first message of a new
 *   conversation, rendered as its channel would show it (SMS: the first text only), and judged with the
 *   benchmark's judge. `npm run bench:understanding` prints the full breakdown and the sealed figures.
 * - questions.yaml and questions-holdout.yaml: typed questions inside and outside the Local Offer. Inside,
 *   the assistant should answer (not say "not sure"); outside, it must never answer.
 *
 * The floors are regression guards a little under today's figures; raise them as answers improve, never
 * lower them to make a change pass.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { planSms } from '../../adapters/channels/sms.renderer.js';
import { smsWords } from '../../adapters/channels/sms.words.js';
import { renderTeams } from '../../adapters/channels/teams.renderer.js';
import { renderWebChat } from '../../adapters/channels/webchat.renderer.js';
import { Composer } from '../../bot/compose.js';
import { TopicIndex } from '../../bot/understanding/qa.js';
import { judge, type Fact } from '../bench/judge.js';
import { seenFirst, type SeenActivity } from '../bench/understanding-seen.js';
import { buildAssistant, sharedContent } from '../helpers/harness.js';

interface FactQuestion {
  id: string;
  channel: 'webchat' | 'teams' | 'sms';
  area: string;
  text: string;
  facts: Fact[];
}

interface Labelled {
  q: string;
  topic: string;
}

const content = sharedContent();
const fixture = (path: string) => parse(readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8')) as unknown;
const words = smsWords(new Composer(content));

describe('first replies say the facts asked for (tuning set)', () => {
  const questions = fixture('understanding/tuning-questions.yaml') as FactQuestion[];

  test('at least 75% of first replies carry every required fact, on the channel they were sent on', async () => {
    const { assistant } = buildAssistant();
    const misses: string[] = [];
    for (const [i, q] of questions.entries()) {
      const replies = await assistant.turn({ conversationKey: `quality-${i}`, channel: q.channel, text: q.text });
      const activities: SeenActivity[] =
        q.channel === 'sms'
          ? planSms(replies, words).now.map((text) => ({ type: 'message', text }))
          : q.channel === 'teams'
            ? renderTeams(replies)
            : renderWebChat(replies);
      const verdict = judge(seenFirst(q.channel, activities), q.facts);
      if (!verdict.pass) misses.push(`${q.id} [${q.channel}] ${q.text}: missing ${verdict.missing.join(', ')}`);
    }
    const rate = 1 - misses.length / questions.length;
    // Printed so a change's effect is visible in the test output.
    console.log(`Tuning set: ${questions.length - misses.length} of ${questions.length} first replies say the facts (${(rate * 100).toFixed(1)}%)`);
    expect(rate).toBeGreaterThanOrEqual(0.75);
  });
});

describe.each([
  { name: 'questions.yaml', answered: 0.93 },
  { name: 'questions-holdout.yaml', answered: 0.9 },
])('answering, and not answering, $name', ({ name, answered }) => {
  const questions = fixture(name) as Labelled[];
  const index = new TopicIndex(content.topics.values(), content.glossary.values());
  const inside = questions.filter((x) => x.topic !== 'none');
  const outside = questions.filter((x) => x.topic === 'none');

  test('questions about the Local Offer are answered rather than met with "not sure"', () => {
    const rate = inside.filter(({ q }) => index.search(q).confident).length / inside.length;
    expect(rate).toBeGreaterThanOrEqual(answered);
  });

  test('questions outside the Local Offer are never answered', () => {
    expect(outside.length).toBeGreaterThan(3);
    expect(outside.filter(({ q }) => index.search(q).confident).map(({ q }) => q)).toEqual([]);
  });
});
