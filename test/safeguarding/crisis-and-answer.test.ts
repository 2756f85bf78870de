/**
 * A crisis told inside a practical question: the crisis reply first, whole and unchanged, then the answer
 * to the question, introduced by a plain line. A message that is only the crisis, or only asks about the
 * crisis itself, gets no answer after it. Judged on what the replies say, not on topic ids.
 */
import { jest } from '@jest/globals';
import { Composer } from '../../bot/compose.js';
import { safetyReplyFor } from '../../bot/safeguarding/crisis-reply.js';
import { asksOutright } from '../../bot/understanding/text.js';
import { Chat, buildAssistant, plain, sharedContent } from '../helpers/harness.js';

const BURIED_TRANSPORT = 'he keeps saying he wants to hang himself. can he get free school transport?';
const URGENT_TRANSPORT = 'he said he is going to hang himself tonight. can he get free school transport?';
const BURIED_REQUEST = 'my son keeps telling me he wants to kill himself because of school. how do we ask the council for an EHC needs assessment?';
const ALSO_ASKED = /You also asked a question/;

function composer(): Composer {
  return new Composer(sharedContent());
}

afterEach(() => {
  jest.restoreAllMocks();
});

describe('a crisis inside a question', () => {
  test.each([
    [BURIED_TRANSPORT, /Distance does not matter/],
    [BURIED_REQUEST, /A parent can ask the council for an EHC needs assessment/],
  ])('%s: the crisis reply first, unchanged, then the answer', async (text, fact) => {
    const chat = new Chat(buildAssistant().assistant);
    await chat.open();
    await chat.say(text);
    expect(chat.replies[0]).toEqual(safetyReplyFor(text, composer()));
    expect(chat.kinds.filter((k) => k === 'crisis')).toHaveLength(1);
    const after = plain(chat.replies.slice(1));
    expect(after).toMatch(ALSO_ASKED);
    expect(after).toMatch(fact);
    expect(after.search(ALSO_ASKED)).toBeLessThan(after.search(fact));
  });

  test('mid-pathway too, and the answer offers what to do next', async () => {
    const chat = new Chat(buildAssistant().assistant);
    await chat.open();
    await chat.say('1');
    await chat.say('2');
    await chat.say(BURIED_TRANSPORT);
    expect(chat.kinds[0]).toBe('crisis');
    expect(plain(chat.replies.slice(1))).toMatch(/Distance does not matter/);
    expect(chat.choices.length).toBeGreaterThan(0);
  });
});

describe('no answer after the crisis reply', () => {
  test.each([
    'i want to kill myself',
    'my daughter has taken an overdose and wont wake up',
    // The only question is about the crisis itself: the crisis reply answers it.
    'my son has taken a load of tablets, what do i do?',
    'he said he will kill me when he gets back. who do i call?',
    // Danger said urgently or outright, an overdose taken, or a question about life after the writer is
    // gone: the crisis reply alone, never a practical answer after it.
    URGENT_TRANSPORT,
    "I wrote a note. What happens to my son's EHCP after I'm gone?",
    "this is goodbye. can my sister apply for my son's school transport once I'm gone?",
    "I've taken all my tablets. Can someone tell me how to make sure my son's short breaks carry on?",
    "I'm going to kill myself tonight. Who will look after my son's EHCP when I'm dead?",
    'i really want to die, can i get a personal budget for college support?',
  ])('%s', async (text) => {
    const chat = new Chat(buildAssistant().assistant);
    await chat.open();
    const said = await chat.say(text);
    expect(chat.kinds[0]).toBe('crisis');
    expect(chat.kinds).not.toContain('answer');
    expect(said).not.toMatch(ALSO_ASKED);
  });

  test('a command beside a crisis is not answered as a question', async () => {
    const chat = new Chat(buildAssistant().assistant);
    await chat.open();
    await chat.say('menu i want to die');
    expect(chat.kinds[0]).toBe('crisis');
    expect(chat.kinds).not.toContain('answer');
  });

  test('if answering fails, the crisis reply and the step still go out, with no apology', async () => {
    jest.spyOn(Composer.prototype, 'answerReply').mockImplementation(() => {
      throw new Error('answer failed');
    });
    const { assistant, logs } = buildAssistant();
    const chat = new Chat(assistant);
    await chat.open();
    const said = await chat.say(BURIED_TRANSPORT);
    expect(chat.replies[0]).toEqual(safetyReplyFor(BURIED_TRANSPORT, composer()));
    expect(chat.kinds).not.toContain('answer');
    expect(said).not.toMatch(ALSO_ASKED);
    expect(said).not.toMatch(/Sorry, something went wrong/);
    expect(chat.choices.length).toBeGreaterThan(0);
    expect(JSON.stringify(logs)).toMatch(/answer-failed-during-crisis/);
    expect(JSON.stringify(logs)).not.toMatch(/hang himself|transport/);
  });
});

describe('what asks outright', () => {
  test.each([
    ['can he get free school transport?', true],
    ['I want to know if my plan carries over', true],
    ['Caller enquiring about short breaks', true],
    ['he said he would be dead when he gets back', false],
    ['Has gone missing twice this month.', false],
    ['a man keeps asking him for photos', false],
  ])('%s', (sentence, asks) => {
    expect(asksOutright(sentence)).toBe(asks);
  });
});

test('the helpline transcript keeps the whole message, disclosure and question, when an answer follows the crisis reply', async () => {
  const noted: string[] = [];
  const handoff = {
    duringHandoff: async () => null,
    request: async () => [],
    noteTurn: async (_key: string, _at: Date, text: string) => void noted.push(text),
  };
  const chat = new Chat(buildAssistant({ handoff }).assistant);
  await chat.say(BURIED_TRANSPORT);
  expect(plain(chat.replies.slice(1))).toMatch(/Distance does not matter/);
  expect(noted.at(-1)).toContain('hang himself');
  expect(noted.at(-1)).toContain('school transport');
});
