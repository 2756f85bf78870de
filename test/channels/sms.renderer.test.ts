/** SMS: plain GSM-7 texts of at most three segments, numbered choices on the first text, MORE for the rest. */
import fc from 'fast-check';
import { MemoryStorage } from 'botbuilder';
import { gsm7Length, gsm7Parts, isGsm7, toGsm7 } from '../../content/gsm7.js';
import { cutToLength, planSms, replyWithNumbers, SMS_MAX_CHARS } from '../../adapters/channels/sms.renderer.js';
import { smsWords } from '../../adapters/channels/sms.words.js';
import { isMoreRequest, SmsPager } from '../../adapters/sms/sms-pager.js';
import type { Reply } from '../../bot/reply.js';

const words = smsWords();
const MORE = 'Reply MORE for the rest';
const words1 = (s: string) => s.split(/\s+/).filter(Boolean);

function pager(storage = new MemoryStorage()) {
  return new SmsPager({ storage, words, nothingMore: () => 'That is everything for now.' });
}

/** Reads every page: the first texts, then MORE until nothing is waiting. */
async function readAll(p: SmsPager, key: string, replies: Reply[]): Promise<{ first: string[]; pages: string[] }> {
  const first = await p.page(key, replies);
  const pages: string[] = [];
  let last = first[first.length - 1] ?? '';
  for (let i = 0; last.endsWith(MORE); i++) {
    if (i > 50) throw new Error('MORE never ended');
    const next = await p.more(key);
    expect(next).toHaveLength(1);
    pages.push(next[0]!);
    last = next[0]!;
  }
  return { first, pages };
}

const step: Reply = {
  kind: 'step',
  title: 'Talking to the school',
  paragraphs: ['Start with the class teacher or the SENCO. They know your child.', '- Write down what worries you\n- Ask for a meeting'],
  facts: [{ label: 'Your appeal deadline', value: 'Monday 1 June 2026' }],
  links: [{ title: 'SEND Code of Practice', url: 'https://www.gov.uk/government/publications/send-code-of-practice-0-to-25' }],
  source: { citation: 'SEND Code of Practice 6.2', lastChecked: '1 November 2026' },
};
const question: Reply = {
  kind: 'step',
  paragraphs: [],
  prompt: 'What would help?',
  choices: [
    { value: 'Talk to the school', label: 'Talk to the school' },
    { value: 'Free advice and help', label: 'Free advice and help' },
    { value: 'Main menu', label: 'Main menu' },
  ],
};

describe('toGsm7', () => {
  test('straightens quotes and dashes, drops emoji and keeps GSM letters', () => {
    expect(toGsm7('It’s “free” – call now… 👍🏽')).toBe('It\'s "free" - call now...');
    expect(toGsm7('naïve façade café Ørsted €5')).toBe('naive facade café Ørsted €5');
    expect(toGsm7('a\u00A0b\u200Dc\r\nd')).toBe('a bc\nd');
  });

  test('always gives GSM-7, and leaves GSM-7 text as it was', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => isGsm7(toGsm7(s))));
    fc.assert(fc.property(fc.stringMatching(/^[A-Za-z0-9.,'"()£€:;!? -]{0,80}$/), (s) => toGsm7(s) === s.replace(/ {2,}/g, ' ').trim()));
  });
});

describe('the SMS renderer', () => {
  test('a short step is one plain text: no markdown, plain URLs, numbered choices', () => {
    const plan = planSms([step, question], words);
    expect(plan.later).toEqual([]);
    expect(plan.now).toHaveLength(1);
    const text = plan.now[0]!;
    expect(text).toBe(
      [
        'Talking to the school',
        'Start with the class teacher or the SENCO. They know your child.',
        '- Write down what worries you',
        '- Ask for a meeting',
        'Your appeal deadline: Monday 1 June 2026',
        'SEND Code of Practice: https://www.gov.uk/government/publications/send-code-of-practice-0-to-25',
        'Source: SEND Code of Practice 6.2. Last checked 1 November 2026.',
        'What would help?',
        '1 Talk to the school',
        '2 Free advice and help',
        '3 Main menu',
        'Reply 1, 2 or 3',
      ].join('\n'),
    );
    expect(text).not.toMatch(/\*\*|\[.*\]\(/);
  });

  test('the reply line reads as English', () => {
    expect(replyWithNumbers([1, 2])).toBe('Reply 1 or 2');
    expect(replyWithNumbers([1, 2, 3])).toBe('Reply 1, 2 or 3');
    expect(replyWithNumbers([1, 2, 3, 4, 5, 6, 7, 8])).toBe('Reply a number from 1 to 8');
  });

  test('a long step is cut in the body, never in the choices, and ends with MORE', () => {
    const long: Reply = {
      ...step,
      more: Array.from({ length: 8 }, (_, i) => `Paragraph ${i + 1}. ${'This explains what the law says in plain words. '.repeat(3)}`),
    };
    const plan = planSms([long, question], words);
    expect(plan.now).toHaveLength(1);
    const first = plan.now[0]!;
    expect(first.endsWith(`1 Talk to the school\n2 Free advice and help\n3 Main menu\nReply 1, 2 or 3\n${MORE}`)).toBe(true);
    expect(gsm7Length(first)).toBeLessThanOrEqual(SMS_MAX_CHARS);
    expect(plan.later.length).toBeGreaterThan(0);
    expect(plan.later[plan.later.length - 1]).not.toContain(MORE);
    for (const page of plan.later.slice(0, -1)) expect(page.endsWith(MORE)).toBe(true);
  });

  test('an answer that would be cut to fit the choices is a text of its own, before the choices', () => {
    const answer: Reply = {
      kind: 'answer',
      title: 'The deadline to appeal',
      paragraphs: [`Appeal within 2 months of the date on the council's decision letter. ${'It explains what the law says in plain words. '.repeat(7)}`],
      detail: ['Paragraph for more. '.repeat(30)],
    };
    const plan = planSms([answer, question], words);
    expect(plan.now).toHaveLength(2);
    expect(plan.now[0]).toMatch(/^The deadline to appeal\nAppeal within 2 months/);
    expect(plan.now[0]).toContain(answer.paragraphs[0]!.trim());
    expect(plan.now[0]).not.toContain('Reply 1, 2 or 3');
    expect(plan.now[1]).toContain('1 Talk to the school\n2 Free advice and help\n3 Main menu\nReply 1, 2 or 3');
    for (const t of plan.now) expect(gsm7Length(t)).toBeLessThanOrEqual(SMS_MAX_CHARS);
    expect(plan.later.length).toBeGreaterThan(0);
  });

  test('crisis text comes first and whole, even when the step after it is long', () => {
    const crisis: Reply = {
      kind: 'crisis',
      paragraphs: [
        'If anyone is in danger now, call 999.',
        `Call Samaritans free on 116 123, day or night. ${'Or text SHOUT to 85258. '.repeat(25)}`,
        'You can carry on after.',
      ],
    };
    const long: Reply = { ...step, more: ['x '.repeat(400)] };
    const plan = planSms([long, question, crisis], words);
    const crisisTexts = plan.now.slice(0, -1);
    expect(crisisTexts.join('\n')).toMatch(/^If anyone is in danger now, call 999\./);
    expect(words1(crisisTexts.join(' '))).toEqual(words1(crisis.paragraphs.join(' ')));
    expect(crisisTexts.some((t) => t.includes(MORE))).toBe(false);
    expect(plan.now[plan.now.length - 1]).toContain('Reply 1, 2 or 3');
    for (const t of plan.now) expect(gsm7Length(t)).toBeLessThanOrEqual(SMS_MAX_CHARS);
  });

  test('a short crisis reply shares the text with the question after it', () => {
    const crisis: Reply = { kind: 'crisis', paragraphs: ['If anyone is in danger now, call 999.'] };
    const plan = planSms([crisis, question], words);
    expect(plan.now).toHaveLength(1);
    expect(plan.now[0]).toMatch(/^If anyone is in danger now, call 999\.\n\nWhat would help\?/);
  });

  test('an answer after a crisis reply comes in a later text, however short both are', () => {
    const crisis: Reply = { kind: 'crisis', paragraphs: ['If anyone is in danger now, call 999.'] };
    const intro: Reply = { kind: 'info', paragraphs: ['You also asked a question.'] };
    const short: Reply = { kind: 'answer', title: 'Transport', paragraphs: ['Distance does not matter.'] };
    const plan = planSms([crisis, intro, short, question], words);
    expect(plan.now[0]).toBe('If anyone is in danger now, call 999.');
    expect(plan.now[1]).toMatch(/^You also asked a question\.\nTransport\nDistance does not matter\./);
    expect(plan.now.join('\n')).toContain('Reply 1, 2 or 3');
  });

  test('extension characters count two towards the limit', () => {
    const braces: Reply = { kind: 'info', paragraphs: ['{}'.repeat(200)] };
    const plan = planSms([braces], words);
    for (const t of [...plan.now, ...plan.later]) expect(gsm7Length(t)).toBeLessThanOrEqual(SMS_MAX_CHARS);
    expect(
      [...plan.now, ...plan.later]
        .join('')
        .replace(new RegExp(`\\n?${MORE}`, 'g'), '')
        .replace(/\s/g, ''),
    ).toBe('{}'.repeat(200));
  });

  test('cuts after a sentence when one ends late enough, else at a space', () => {
    expect(cutToLength('One two three. Four five six', 20)).toEqual({ head: 'One two three.', tail: 'Four five six' });
    expect(cutToLength('A. Three four five six seven', 20)).toEqual({ head: 'A. Three four five', tail: 'six seven' });
    expect(cutToLength('abcdefghij', 4)).toEqual({ head: 'abcd', tail: 'efghij' });
  });
});

describe('the SMS pager', () => {
  test('MORE sends each page once, then says there is nothing more', async () => {
    const p = pager();
    const long: Reply = { kind: 'answer', paragraphs: Array.from({ length: 6 }, (_, i) => `Part ${i + 1}. ${'Some words about support. '.repeat(8)}`) };
    const { first, pages } = await readAll(p, 'k1', [long]);
    expect(first[0]!.endsWith(MORE)).toBe(true);
    expect(pages.length).toBeGreaterThan(0);
    expect(words1([...first, ...pages].join(' ').replaceAll(MORE, ''))).toEqual(words1(long.paragraphs.join(' ')));
    expect(await p.more('k1')).toEqual(['That is everything for now.']);
  });

  test('a new reply replaces pages still waiting, and conversations keep their own pages', async () => {
    const storage = new MemoryStorage();
    const p = pager(storage);
    const long: Reply = { kind: 'answer', paragraphs: ['Long. '.repeat(200)] };
    await p.page('a', [long]);
    await p.page('b', [long]);
    await p.page('a', [question]);
    expect(await p.more('a')).toEqual(['That is everything for now.']);
    expect((await p.more('b'))[0]).toMatch(/^Long\./);
  });

  test('MORE is a whole message, in any case', () => {
    for (const t of ['MORE', 'more', ' More ', 'more.']) expect(isMoreRequest(t)).toBe(true);
    for (const t of ['more please', 'tell me more', 'mor', '', undefined]) expect(isMoreRequest(t)).toBe(false);
  });
});

describe('properties of every SMS turn', () => {
  const messy = fc.stringMatching(/^(?:[A-Za-z0-9 .,'’“”–—…£€{}[\]\né]|😀|👍🏽){0,200}$/u);
  const sentence = fc
    .array(
      fc.constantFrom(
        'support',
        'school',
        'deadline',
        'plan',
        'mediation',
        '“quoted”',
        'it’s',
        '–',
        'café',
        '👍',
        '€10',
        '{x}',
        'naïve',
        'https://localoffer.example.org/a-long-path',
      ),
      { minLength: 1, maxLength: 120 },
    )
    .map((w) => w.join(' '));
  const paragraph = fc.oneof(
    messy,
    sentence,
    sentence.map((s) => `- ${s}`),
  );
  const reply = fc.record({
    kind: fc.constantFrom('step', 'answer', 'info', 'crisis'),
    title: fc.option(
      sentence.map((s) => s.slice(0, 80)),
      { nil: undefined },
    ),
    paragraphs: fc.array(paragraph, { maxLength: 5 }),
    facts: fc.option(fc.array(fc.record({ label: sentence.map((s) => s.slice(0, 60)), value: messy.map((s) => s.slice(0, 40)) }), { maxLength: 4 }), {
      nil: undefined,
    }),
    more: fc.option(fc.array(paragraph, { maxLength: 5 }), { nil: undefined }),
    source: fc.option(fc.record({ citation: sentence.map((s) => s.slice(0, 120)), lastChecked: fc.constant('1 November 2026') }), { nil: undefined }),
  });
  // Choice words start "ZZ" so the body can be told apart from the choices when checking for loss.
  const choiceText = fc
    .array(fc.constantFrom('ZZtalk', 'ZZadvice', 'ZZ“school”', 'ZZ–', 'ZZ👍', 'ZZmediation and disagreement resolution'), { minLength: 1, maxLength: 12 })
    .map((w) => w.join(' '));
  const choices = fc.array(fc.record({ value: fc.string({ maxLength: 20 }), label: choiceText }), { minLength: 0, maxLength: 12 });
  const turn = fc
    .tuple(fc.array(reply, { maxLength: 4 }), fc.option(fc.tuple(fc.option(choiceText, { nil: undefined }), choices), { nil: undefined }))
    .map(([replies, q]): Reply[] => {
      if (!q || q[1].length === 0) return replies;
      // Choices go on a non-crisis reply, as the assistant makes them.
      return [...replies, { kind: 'step' as const, paragraphs: [], prompt: q[0], choices: q[1] }];
    });
  const readable = (r: Reply) => [
    r.title ?? '',
    ...r.paragraphs,
    ...(r.facts ?? []).map((f) => `${f.label}: ${f.value}`),
    ...(r.more ?? []),
    r.source ? `Source: ${r.source.citation}. Last checked ${r.source.lastChecked}.` : '',
  ];
  const squash = (s: string) => s.replace(/\s+/g, '');

  test('every text is GSM-7 and at most three segments; the choices are on the first page', async () => {
    await fc.assert(
      fc.asyncProperty(turn, async (replies) => {
        const { first, pages } = await readAll(pager(), 'prop', replies);
        for (const text of [...first, ...pages]) {
          expect(isGsm7(text)).toBe(true);
          expect(gsm7Length(text)).toBeLessThanOrEqual(SMS_MAX_CHARS);
          expect(gsm7Parts(text)).toBeLessThanOrEqual(3);
        }
        const asked = replies.filter((r) => r.kind !== 'crisis' && r.choices?.length).at(-1);
        if (asked) {
          const firstText = first.join('\n');
          asked.choices!.forEach((_, i) => expect(firstText).toMatch(new RegExp(`(^|\\n)${i + 1} ZZ`)));
          expect(firstText).toContain(replyWithNumbers(asked.choices!.map((_, i) => i + 1)));
        }
      }),
      { numRuns: 150 },
    );
  });

  test('crisis text is sent at once and in full, before anything else', async () => {
    await fc.assert(
      fc.asyncProperty(turn, async (replies) => {
        const crisis = squash(
          replies
            .filter((r) => r.kind === 'crisis')
            .flatMap(readable)
            .map(toGsm7)
            .join(''),
        );
        const { first } = await readAll(pager(), 'crisis', replies);
        expect(squash(first.join('')).startsWith(crisis)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  test('MORE pages through all the text without losing a word', async () => {
    await fc.assert(
      fc.asyncProperty(turn, async (replies) => {
        const { first, pages } = await readAll(pager(), 'all', replies);
        const added = /^(\d{1,2} ZZ.*|ZZ.*|Reply (\d+|[\d, ]+ or \d+|a number from \d+ to \d+)|Reply MORE for the rest)$/;
        const sent = [...first, ...pages]
          .join('\n')
          .split('\n')
          .filter((line) => !added.test(line))
          .join('');
        const crisis = replies.filter((r) => r.kind === 'crisis').flatMap(readable);
        const rest = replies.filter((r) => r.kind !== 'crisis').flatMap(readable);
        expect(squash(sent)).toBe(squash([...crisis, ...rest].map(toGsm7).join('')));
      }),
      { numRuns: 150 },
    );
  });
});
