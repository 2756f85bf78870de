import { matchChoice, numberedChoice, type ChoiceOption } from '../../bot/understanding/choices.js';
import { detectCommand } from '../../bot/understanding/commands.js';
import { cleanInput, hasWords, normalise } from '../../bot/understanding/text.js';
import { readDate } from '../../bot/understanding/dates.js';

const disagreementStart: ChoiceOption[] = [
  { id: 'first-steps', label: 'First steps to sort it out', words: ['first', 'start', 'talk', 'informal', 'school', 'senco'] },
  { id: 'advice', label: 'Free advice and help', words: ['advice', 'help', 'sendiass', 'ipsea', 'support'] },
  { id: 'mediation', label: 'Mediation and disagreement resolution', words: ['mediation', 'mediate', 'resolution', 'meeting'] },
  { id: 'appeal', label: 'What I can appeal', words: ['appeal', 'tribunal', 'challenge', 'what can i appeal'] },
  { id: 'deadline', label: 'My appeal deadline', words: ['deadline', 'date', 'time limit', 'how long', 'when'] },
];

describe('picking a choice', () => {
  test.each([
    ['2', 'advice'],
    ['2.', 'advice'],
    [' 4 ', 'appeal'],
    ['#3', 'mediation'],
    ['option 5', 'deadline'],
    ['the second one', 'advice'],
    ['2nd please', 'advice'],
    ['third', 'mediation'],
    ['last', 'deadline'],
    ['number one', 'first-steps'],
    ['Free advice and help', 'advice'],
    ['free advice', 'advice'],
    ['mediation', 'mediation'],
    ['mediaton', 'mediation'],
    ['tribunal', 'appeal'],
    ['i want to go to tribunal', 'appeal'],
    ['my appeal deadline', 'deadline'],
    ['sendiass', 'advice'],
  ])('"%s" picks %s', (text, id) => {
    expect(matchChoice(text, disagreementStart)).toEqual({ kind: 'matched', id });
  });

  test.each(['9', '0', 'banana', 'the tenth one', 'i am not sure what any of this means for my family'])('"%s" picks nothing', (text) => {
    expect(matchChoice(text, disagreementStart).kind).not.toBe('matched');
  });

  test('a number out of range is not a choice', () => {
    expect(numberedChoice('7', 5)).toBeNull();
    expect(numberedChoice('1 and 2', 5)).toBeNull();
  });

  test('two choices sharing a word are ambiguous, not guessed', () => {
    const options: ChoiceOption[] = [
      { id: 'a', label: 'Adult health services', words: [] },
      { id: 'b', label: 'Adult social care', words: [] },
    ];
    expect(matchChoice('adult', options).kind).toBe('ambiguous');
  });

  test('"no" alone inside a long sentence does not pick a "no" choice', () => {
    const options: ChoiceOption[] = [
      { id: 'yes', label: 'Yes, show me the letter', words: ['yes'] },
      { id: 'no', label: 'No, tell me what happens next', words: ['no'] },
    ];
    expect(matchChoice('no', options)).toEqual({ kind: 'matched', id: 'no' });
    expect(matchChoice('i have no idea about the rules', options).kind).toBe('none');
  });
});

describe('commands that work everywhere', () => {
  test.each([
    ['menu', 'menu'],
    ['MENU', 'menu'],
    ['start again', 'menu'],
    ['Start over please', 'menu'],
    ['main menu', 'menu'],
    ['back', 'back'],
    ['go back', 'back'],
    ['Back.', 'back'],
    ['help', 'help'],
    ['HELP!', 'help'],
    ['how does this work', 'help'],
    ['talk to a person', 'person'],
    ['can i speak to someone', 'person'],
    ['i want a real person', 'person'],
    ['human', 'person'],
  ])('"%s" is %s', (text, command) => {
    expect(detectCommand(text)).toBe(command);
  });

  test.each(['my son needs help with reading at school and the teacher will not listen', 'what is a senco', 'back pain'])('"%s" is not a command', (text) => {
    expect(detectCommand(text)).toBeNull();
  });
});

describe('cleaning what people type', () => {
  test('markup, control characters and long input', () => {
    expect(cleanInput('<b>hello</b>\u0000 there <script>alert(1)</script>').text).toBe('hello there');
    const long = cleanInput('a'.repeat(20_000));
    expect(long.truncated).toBe(true);
    expect(long.text.length).toBe(1000);
  });
  test('emoji only has no words', () => {
    expect(hasWords('\u{1F622}\u{1F622}')).toBe(false);
    expect(hasWords('ok \u{1F622}')).toBe(true);
  });
  test('text-speak', () => {
    expect(normalise('wot happens if u cant get an ehcp')).toBe('what happens if you can not get an ehcp');
  });
});

describe('reading dates', () => {
  const now = new Date('2026-11-22T12:00:00Z');
  test.each([
    ['3 March', '2026-03-03'],
    ['3rd march 2026', '2026-03-03'],
    ['3/3/26', '2026-03-03'],
    ['03-03-2026', '2026-03-03'],
    ['14/04/2026', '2026-04-14'],
    ['yesterday', '2026-11-21'],
    ['today', '2026-11-22'],
    ['I sent it on the 1st of October', '2026-10-01'],
  ])('"%s" is %s', (text, iso) => {
    expect(readDate(text, now)).toEqual({ ok: true, iso });
  });
  test('day comes before month', () => {
    expect(readDate('4/3/2026', now)).toEqual({ ok: true, iso: '2026-03-04' });
  });
  test('not a date, or far away', () => {
    expect(readDate('no idea', now)).toEqual({ ok: false, reason: 'not-a-date' });
    expect(readDate('3 March 2019', now)).toEqual({ ok: false, reason: 'too-far' });
  });
  test('a date that leans on something unknown is not a date', () => {
    expect(readDate('the day after my birthday', now)).toEqual({ ok: false, reason: 'not-a-date' });
    expect(readDate('two weeks after half term', now)).toEqual({ ok: false, reason: 'not-a-date' });
  });
  test('words that often come with a date are fine', () => {
    expect(readDate('I emailed the request on 3 March', now)).toEqual({ ok: true, iso: '2026-03-03' });
    expect(readDate('the letter was dated 14/10/2026', now)).toEqual({ ok: true, iso: '2026-10-14' });
  });
});

describe('negation and weak matches', () => {
  const certificate = [
    { id: 'has', label: 'Yes, I have a certificate', words: ['yes', 'i have one', 'have certificate'] },
    { id: 'not-yet', label: 'Not yet', words: ['no', 'not yet', 'dont have', 'do not have'] },
  ];
  test.each([
    ["i haven't got a certificate", 'not-yet'],
    ['no i dont have one', 'not-yet'],
    ['yes i have one', 'has'],
    ['i have a certificate', 'has'],
  ])('"%s" picks %s', (text, id) => {
    expect(matchChoice(text, certificate)).toMatchObject({ kind: 'matched', id });
  });

  test('one shared word in a longer sentence is a weak match', () => {
    const menu = [
      { id: 'adulthood', label: 'Preparing for adulthood', words: ['college', 'work'] },
      { id: 'worried', label: 'I am worried', words: ['worried'] },
    ];
    expect(matchChoice('can i still get help at college', menu)).toEqual({ kind: 'matched', id: 'adulthood', weak: true });
    expect(matchChoice('college', menu)).toEqual({ kind: 'matched', id: 'adulthood' });
  });
});

test('question words tell "How to ask" from "Who can ask"', () => {
  const options = [
    { id: 'who', label: 'Who can ask for an assessment', words: ['who can ask', 'who'] },
    { id: 'how', label: 'How to ask, with a letter to copy', words: ['how', 'how to ask', 'letter'] },
  ];
  expect(matchChoice('how do i ask', options)).toMatchObject({ kind: 'matched', id: 'how' });
  expect(matchChoice('who can ask for one', options)).toMatchObject({ kind: 'matched', id: 'who' });
});

test('small talk: greetings with a word after them, thanks and nods', async () => {
  const { smallTalk } = await import('../../bot/understanding/commands.js');
  expect(['hi', 'hey you', 'hello everyone', 'good morning', 'hiya there'].map(smallTalk)).toEqual([
    'greeting',
    'greeting',
    'greeting',
    'greeting',
    'greeting',
  ]);
  expect(['thanks so much', 'cheers', 'ok', 'yep'].map(smallTalk)).toEqual(['thanks', 'thanks', 'ack', 'ack']);
  expect(['ok ta', 'right cheers', 'yep thank you', 'ok the council'].map(smallTalk)).toEqual(['thanks', 'thanks', 'thanks', null]);
  expect(['hi i need help with an ehcp', 'you are no help', 'thanks for nothing, the council said no'].map(smallTalk)).toEqual([null, null, null]);
});

test('small talk: an opening that asks nothing yet is a greeting; one that says what about is not', async () => {
  const { smallTalk } = await import('../../bot/understanding/commands.js');
  expect(["Hello, I hope someone can help me, I'm at my wits end", 'hey, quick one', 'hi can u help', 'hlo'].map(smallTalk)).toEqual([
    'greeting',
    'greeting',
    'greeting',
    'greeting',
  ]);
  expect(['quick question about ehcp', 'can you help me with transport', "hi there, I'd like to ask about the annual review"].map(smallTalk)).toEqual([
    null,
    null,
    null,
  ]);
});
