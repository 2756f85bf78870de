/**
 * When two topics are close, the reply says both: the top topic's answer as ever, then one short part
 * from the runner-up ("If you meant <title>: ...") with its button among the choices. When the top topic
 * is clearly ahead, the answer stands alone. Judged on what the reply says (the benchmark's judge).
 */
import { planSms } from '../../adapters/channels/sms.renderer.js';
import { smsWords } from '../../adapters/channels/sms.words.js';
import { Composer, SECOND_PART_BUDGET } from '../../bot/compose.js';
import type { Reply } from '../../bot/reply.js';
import { judge } from '../bench/judge.js';
import { Chat, buildAssistant, sharedContent } from '../helpers/harness.js';

const text = (r: Reply | undefined) => (r ? [r.title, ...r.paragraphs].filter(Boolean).join('\n') : '');
const ifYouMeant = (replies: Reply[]) => replies.filter((r) => r.kind === 'answer' && /^If you meant /.test(r.title ?? ''));

async function ask(question: string, channel: 'test' | 'sms' = 'test') {
  const chat = new Chat(buildAssistant().assistant, undefined, channel);
  await chat.say(question);
  return chat;
}

describe('a question between two close topics', () => {
  const question = 'who pays for school transport for a 17 year old at college';

  test('answers from the top topic, then says what the runner-up says, with its button', async () => {
    const chat = await ask(question);
    const [main, ...rest] = chat.replies.filter((r) => r.kind === 'answer');
    // The main answer as before: transport after 16 is not free by right, and may cost.
    expect(judge(text(main), [['no automatic'], ['pay towards']]).missing).toEqual([]);
    expect(text(main)).not.toMatch(/If you meant/);
    // One second part, no third topic, straight after the answer.
    expect(rest).toHaveLength(1);
    expect(ifYouMeant(chat.replies)).toEqual(rest);
    expect(chat.replies[1]).toBe(rest[0]);
    const second = rest[0]!;
    expect(second.topicId).not.toBe(main!.topicId);
    const title = /^If you meant (.+):$/.exec(second.title!)?.[1];
    expect(title).toBe(sharedContent().topics.get(second.topicId!)!.title);
    // It says something of its own that answers the question, in a sentence or two.
    expect(
      judge(text(second), [
        ['post-16', 'post 16', 'after 16', 'from 16'],
        ['pay', 'free', 'rules'],
      ]).missing,
    ).toEqual([]);
    expect(second.paragraphs.length).toBeLessThanOrEqual(2);
    expect(second.paragraphs.join(' ').length).toBeLessThanOrEqual(SECOND_PART_BUDGET + 120);
    // Its button: more on that topic is one choice away.
    expect(chat.choices).toContain(title);
  });

  test('on SMS the first text carries the main answer, and the second part follows', async () => {
    const chat = await ask(question, 'sms');
    const plan = planSms(chat.replies, smsWords(new Composer(sharedContent())));
    const [first = '', next = ''] = plan.now;
    expect(judge(first, [['no automatic'], ['pay towards']]).missing).toEqual([]);
    expect(first).not.toMatch(/If you meant/);
    expect(next).toMatch(/^If you meant /);
  });
});

describe('a question with a clear winner', () => {
  test.each([
    ['can we get respite for our disabled son', [['short break'], ['break from caring']]],
    ['what is a personal budget', [['money'], ['direct payment']]],
  ])('"%s" is answered from one topic alone', async (question, facts) => {
    const chat = await ask(question);
    const answers = chat.replies.filter((r) => r.kind === 'answer');
    expect(judge(answers.map(text).join('\n'), facts).missing).toEqual([]);
    expect(answers).toHaveLength(1);
    expect(ifYouMeant(chat.replies)).toEqual([]);
  });
});

describe('what counts as close', () => {
  test('the runner-up is offered only within the margin, and is the second topic of the ranking', async () => {
    const { TopicIndex, DEFAULT_TUNING } = await import('../../bot/understanding/qa.js');
    const content = sharedContent();
    const close = 'who pays for school transport for a 17 year old at college';
    const r = new TopicIndex(content.topics.values(), content.glossary.values()).search(close, { audience: 'parent' });
    expect(r.second?.topic).toBe(r.matches[1]?.topic);
    expect(r.second!.margin).toBeLessThanOrEqual(DEFAULT_TUNING.closeMargin!);
    expect(r.second!.sentences.length).toBeGreaterThan(0);
    const strict = new TopicIndex(content.topics.values(), content.glossary.values(), { ...DEFAULT_TUNING, closeMargin: r.second!.margin / 2 });
    expect(strict.search(close, { audience: 'parent' }).second).toBeUndefined();
  });
});
