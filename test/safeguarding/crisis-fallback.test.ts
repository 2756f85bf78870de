/**
 * The crisis reply's last lines of defence: wording missing from content, a renderer that fails, and a
 * turn that fails after the check found a risk. Each still sends 999 and the crisis lines.
 */
import { MemoryStorage, TestAdapter } from 'botbuilder';
import { LocalOfferAssistant } from '../../bot/assistant.js';
import { LocalOfferBot } from '../../bot/activity-bot.js';
import { createChannels } from '../../bot/channels.js';
import { Composer } from '../../bot/compose.js';
import { assessRisk } from '../../bot/safeguarding/assess.js';
import { buildCrisisReply, crisisMessageIds, FALLBACK_CRISIS_PARAGRAPHS, safetyReplyFor } from '../../bot/safeguarding/crisis-reply.js';
import { TopicIndex } from '../../bot/understanding/qa.js';
import { loadContent } from '../../content/store.js';

const content = loadContent();
const composer = new Composer(content);
const CRISIS = 'my partner is smashing the house up and says he will kill me, im hiding in the bathroom with the kids';

function crisisLines(text: string): void {
  expect(text).toMatch(/999/);
  expect(text).toMatch(/Samaritans|Domestic Abuse Helpline/);
}

describe('wording missing from content', () => {
  test('a missing crisis message id gives the fallback, which has 999 and the crisis lines', () => {
    const reply = buildCrisisReply(
      (id) => {
        if (id === 'crisis.domestic-abuse') throw new Error(`Missing message "${id}"`);
        return composer.message(id, 'parent');
      },
      ['risk-to-life'],
      ['domestic-abuse'],
    );
    expect(reply.kind).toBe('crisis');
    expect(reply.paragraphs).toEqual(FALLBACK_CRISIS_PARAGRAPHS);
    crisisLines(reply.paragraphs.join(' '));
  });

  test('wording edited so that 999 is gone also gives the fallback', () => {
    const reply = buildCrisisReply(() => 'Please get in touch.', ['self-harm']);
    expect(reply.paragraphs.join(' ')).toMatch(/call 999/);
  });

  test('every message a crisis reply can use is in the content store', () => {
    for (const id of crisisMessageIds(
      ['risk-to-life', 'medical-emergency', 'self-harm', 'child-at-risk'],
      ['missing', 'fgm', 'forced-marriage', 'grooming', 'eating-disorder', 'harm-to-others', 'domestic-abuse'],
    ))
      expect(composer.hasMessage(id)).toBe(true);
  });
});

function botWith(options: { renderFails?: boolean; interceptFails?: boolean }): LocalOfferBot {
  const storage = new MemoryStorage();
  const channels = createChannels({ storage, composer });
  const assistant = new LocalOfferAssistant({
    content,
    storage,
    index: new TopicIndex(content.topics.values(), content.glossary.values()),
    gaps: { record: async () => undefined },
    lock: { run: (_key, fn) => fn() },
    logger: { info: () => undefined, warn: () => undefined },
    resumeAfterMs: 3_600_000,
  });
  const broken = () => Promise.reject(new Error('renderer broke'));
  return new LocalOfferBot({
    assistant,
    renderers: options.renderFails ? { webchat: broken, teams: broken, sms: broken } : channels.renderers,
    intercept: options.interceptFails ? { webchat: () => Promise.reject(new Error('intercept broke')) } : {},
    logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
    keySecret: 'test-secret',
    allowedTenants: [],
    apology: () => ({ kind: 'info', paragraphs: [composer.message('turn-error', 'parent')] }),
    crisisFor: (text) => safetyReplyFor(text, composer),
  });
}

async function exchange(bot: LocalOfferBot, text: string): Promise<string> {
  const adapter = new TestAdapter(bot.run, { channelId: 'webchat' });
  adapter.onTurnError = async (context) => {
    await bot.apologise(context);
  };
  await adapter.send(text);
  return adapter.activeQueue.map((a) => a.text ?? '').join('\n');
}

describe('failures after the check', () => {
  test('a renderer that fails still lets the crisis reply out, as plain text', async () => {
    const said = await exchange(botWith({ renderFails: true }), CRISIS);
    crisisLines(said);
    expect(said).toMatch(/National Domestic Abuse Helpline/);
  });

  test('a turn that fails after a risk was found apologises with 999 and the crisis lines first', async () => {
    const said = await exchange(botWith({ interceptFails: true }), CRISIS);
    crisisLines(said);
    expect(said).toMatch(/Sorry, something went wrong/);
    expect(said.indexOf('999')).toBeLessThan(said.indexOf('Sorry'));
  });

  test('a turn that fails after a possible risk was found apologises with the 999 line first', async () => {
    const text = 'she took an overdose last year and is now under camhs, can college help her';
    expect(assessRisk(text).level).toBe('possible');
    const said = await exchange(botWith({ interceptFails: true }), text);
    expect(said).toMatch(/999/);
    expect(said).toMatch(/Sorry, something went wrong/);
    expect(said.indexOf('999')).toBeLessThan(said.indexOf('Sorry'));
  });

  test('a turn that fails with no risk in the message is only the apology', async () => {
    const said = await exchange(botWith({ interceptFails: true }), 'how do i appeal');
    expect(said).toMatch(/Sorry, something went wrong/);
    expect(said).not.toMatch(/999/);
  });
});

describe('a possible risk', () => {
  test('gets the 999 line first, then the normal answer, without the crisis reply', async () => {
    const bot = botWith({});
    const adapter = new TestAdapter(bot.run, { channelId: 'webchat' });
    await adapter.send('my daughter took an overdose two years ago and is doing well now, can her EHCP include mental health support at college');
    const texts = adapter.activeQueue.map((a) => a.text ?? '');
    expect(texts[0]).toMatch(/^If you or someone else is in danger now, call 999/);
    // Someone to talk to for every age: Samaritans, Childline for under-19s, and Shout by text; one text message long.
    expect(texts[0]).toMatch(/Samaritans free on 116 123/);
    expect(texts[0]).toMatch(/Childline free on 0800 1111 if under 19/);
    expect(texts[0]).toMatch(/text SHOUT to 85258/);
    expect((texts[0] ?? '').length).toBeLessThanOrEqual(160);
    expect(texts.join('\n')).not.toMatch(/Here are people who can help/);
    expect(texts.length).toBeGreaterThan(1);
    expect(texts.slice(1).join('\n')).toMatch(/[A-Za-z]{4}/);
  });

  test('the 999 line comes before the privacy note that opens a new conversation', async () => {
    const bot = botWith({});
    const adapter = new TestAdapter(bot.run, { channelId: 'webchat' });
    await adapter.send('when she was 12 she ran away from home for a night, she is settled now. does the new school need to know');
    const texts = adapter.activeQueue.map((a) => a.text ?? '');
    expect(texts[0]).toMatch(/^If you or someone else is in danger now, call 999/);
    expect(texts.join('\n')).not.toMatch(/Here are people who can help/);
  });

  test('figurative language gets only the normal answer', async () => {
    const bot = botWith({});
    const adapter = new TestAdapter(bot.run, { channelId: 'webchat' });
    await adapter.send('this EHCP process is killing me, how long does the council have to decide');
    expect(adapter.activeQueue.map((a) => a.text ?? '').join('\n')).not.toMatch(/999/);
  });
});
