/**
 * The deep content checks. A correct fixture passes clean; a broken one must produce each problem,
 * named by file, record, field and message.
 */
import type { FlowContentRef } from '../../flows/registry.js';
import type { ContentProblem } from '../../content/schema.js';
import { loadContent } from '../../content/store.js';
import { fillCouncil, validateContent } from '../../content/validate.js';
import { fixtureRoot, TODAY } from './paths.js';

type Expected = { [K in keyof ContentProblem]?: string | RegExp };

const has = (problems: ContentProblem[], expected: Expected) =>
  problems.some((p) =>
    (Object.entries(expected) as [keyof ContentProblem, string | RegExp][]).every(([k, v]) => (typeof v === 'string' ? p[k] === v : v.test(p[k] ?? ''))),
  );

describe('a correct content root', () => {
  const store = loadContent(fixtureRoot('valid'));
  const refs: FlowContentRef[] = [{ machine: 'test', state: 'start', topic: 'sen-support', prompt: 'test.start', choices: ['support', 'advice'] }];

  test('loads and passes every check', () => {
    expect(store.problems).toEqual([]);
    expect(validateContent(store, { today: TODAY, flowRefs: refs })).toEqual([]);
  });

  test('allows conversation values such as {deadline} in interface messages only', () => {
    expect(store.messages.get('deadline')?.text).toContain('{deadline}');
    expect(validateContent(store, { today: TODAY }).filter((p) => p.id === 'deadline')).toEqual([]);
  });

  test('warns, but does not fail, when a review date has passed', () => {
    const later = validateContent(store, { today: new Date('2027-06-01T12:00:00Z') });
    expect(later.filter((p) => p.severity === 'error')).toEqual([]);
    expect(has(later, { severity: 'warning', file: 'topics/valid.yaml', id: 'sen-support', field: 'reviewDue', message: /was 2027-05-22/ })).toBe(true);
  });

  test('an unset council detail breaks the placeholders that use it', () => {
    const { phone: _dropped, ...sendiass } = store.council.sendiass;
    const problems = validateContent({ ...store, council: { ...store.council, sendiass } }, { today: TODAY });
    expect(has(problems, { severity: 'error', id: 'free-advice', field: 'summary', message: /unknown council placeholder \{council\.sendiass\.phone\}/ })).toBe(
      true,
    );
    expect(has(problems, { severity: 'error', id: 'free-advice', field: 'body', message: /sendiass\.phone/ })).toBe(true);
  });

  test('the summary limit is measured after council details are filled in', () => {
    const longName = 'The Very Long Named Special Educational Needs and Disabilities Information Advice and Support Service of Sample Borough';
    const problems = validateContent(
      { ...store, council: { ...store.council, sendiass: { ...store.council.sendiass, name: `${longName} ${longName}` } } },
      { today: TODAY },
    );
    expect(
      has(problems, {
        severity: 'error',
        id: 'free-advice',
        field: 'summary',
        message: /characters in a text message once council details are filled in; the limit is 300/,
      }),
    ).toBe(true);
  });

  test('warns about a topic tag no audit rule uses, as it is probably misspelt', () => {
    const problems = validateContent(store, { today: TODAY, auditTags: ['code-4-30-identifying-need'] });
    expect(problems).toEqual([
      {
        severity: 'warning',
        code: 'unused-tag',
        file: 'topics/valid.yaml',
        id: 'sen-support',
        field: 'tags',
        message: expect.stringMatching(/"code-4-30-identifying-needs" is not used by any audit rule/),
      },
    ]);
    expect(validateContent(store, { today: TODAY, auditTags: ['code-4-30-identifying-needs'] })).toEqual([]);
  });

  test('council details themselves must be text-message safe', () => {
    const problems = validateContent(
      { ...store, council: { ...store.council, helpline: { ...store.council.helpline, hours: 'Monday – Friday' } } },
      { today: TODAY },
    );
    expect(has(problems, { severity: 'error', field: 'helpline.hours', message: /U\+2013/ })).toBe(true);
  });
});

describe('a broken content root', () => {
  const store = loadContent(fixtureRoot('broken'));
  const refs: FlowContentRef[] = [
    { machine: 'test', state: 'one', topic: 'missing-topic-for-flow', prompt: 'step.one', choices: ['a', 'b', 'c'] },
    { machine: 'test', state: 'two', prompt: 'missing.prompt', choices: [] },
  ];
  const problems = validateContent(store, { today: TODAY, flowRefs: refs });
  const topics = 'topics/broken.yaml';

  test('every problem names a file, a record, a field and a message', () => {
    expect(problems.length).toBeGreaterThan(15);
    for (const p of problems) {
      expect(p.file).toMatch(/\S/);
      expect(p.id).toMatch(/\S/);
      expect(p.field).toMatch(/\S/);
      expect(p.message.length).toBeGreaterThan(10);
    }
  });

  test('finds links to topics and glossary terms that do not exist', () => {
    expect(has(problems, { severity: 'error', file: topics, id: 'bad-links', field: 'related', message: /"no-such-topic" is not a topic/ })).toBe(true);
    expect(has(problems, { severity: 'error', file: topics, id: 'bad-links', field: 'glossary', message: /"no-such-term" is not a glossary term/ })).toBe(true);
    expect(has(problems, { severity: 'error', file: 'glossary/broken.yaml', id: 'orphan', field: 'topic', message: /"no-such-topic"/ })).toBe(true);
  });

  test('finds unknown council placeholders, groups and non-council placeholders', () => {
    expect(
      has(problems, { severity: 'error', id: 'bad-placeholders', field: 'summary', message: /unknown council placeholder \{council\.helpline\.fax\}/ }),
    ).toBe(true);
    expect(has(problems, { severity: 'error', id: 'bad-placeholders', field: 'body', message: /\{council\.helpline\} is a group/ })).toBe(true);
    expect(has(problems, { severity: 'error', id: 'bad-placeholders', field: 'body', message: /\{name\} is not a council placeholder/ })).toBe(true);
    expect(has(problems, { severity: 'error', file: 'messages/broken.yaml', id: 'unknown-council', field: 'text', message: /\{council\.nope\}/ })).toBe(true);
    // A known placeholder in the same text is fine.
    expect(problems.filter((p) => p.id === 'bad-placeholders' && p.message.includes('sendiass.phone'))).toEqual([]);
    expect(problems.filter((p) => p.id === 'uses-vars')).toEqual([]);
  });

  test('finds characters basic phones cannot show, and says what to type instead', () => {
    const p = problems.find((x) => x.id === 'bad-characters' && x.field === 'summary' && x.severity === 'error');
    expect(p?.message).toMatch(/U\+201C.*type "\\"" instead/);
    expect(p?.message).toMatch(/U\+2013, type "-" instead/);
    expect(p?.message).toMatch(/U\+2019, type "'" instead/);
    expect(p?.message).toMatch(/U\+2026/);
    expect(p?.message).toMatch(/U\+1F600/);
    expect(has(problems, { severity: 'warning', id: 'bad-characters', field: 'body', message: /"~".*two characters/ })).toBe(true);
  });

  test('finds a summary too long for one text answer', () => {
    expect(has(problems, { severity: 'error', id: 'too-long', field: 'summary', message: /is \d{3} characters .* limit is 300/ })).toBe(true);
    expect(problems.filter((p) => p.id === 'too-long' && p.field === 'body')).toEqual([]);
  });

  test('finds text that is not plain English', () => {
    expect(
      has(problems, {
        severity: 'error',
        id: 'hard-words',
        field: 'body',
        message: /reading ease is -?[\d.]+ \(needs 60 or more\) and grade is [\d.]+ \(needs 8 or less\)/,
      }),
    ).toBe(true);
  });

  test('a check date in the future is an error; a passed review date a warning', () => {
    expect(has(problems, { severity: 'error', id: 'bad-dates', field: 'lastChecked', message: /in the future/ })).toBe(true);
    expect(has(problems, { severity: 'warning', id: 'bad-dates', field: 'reviewDue', message: /was 2026-06-01/ })).toBe(true);
  });

  test('one synonym cannot lead to two topics, whatever its case or spacing', () => {
    expect(has(problems, { severity: 'error', id: 'shared-synonym-b', field: 'synonyms', message: /"ehcp" is also a synonym of topic shared-synonym-a/ })).toBe(
      true,
    );
  });

  test('two glossary terms cannot share a name', () => {
    expect(
      has(problems, {
        severity: 'error',
        file: 'glossary/broken.yaml',
        id: 'senco-two',
        field: 'aka',
        message: /"senco" is also used by glossary term senco-one/,
      }),
    ).toBe(true);
  });

  test('a young-person topic that says "your child" needs young-person wording', () => {
    expect(has(problems, { severity: 'warning', id: 'shared-synonym-b', field: 'variants.young-person' })).toBe(true);
  });

  test('every content id a flow names must exist, and prompt choices must match the machine', () => {
    expect(
      has(problems, {
        severity: 'error',
        file: 'flows/test.machine.ts',
        id: 'test.one',
        field: 'meta.topic',
        message: /"missing-topic-for-flow".*does not exist/,
      }),
    ).toBe(true);
    expect(
      has(problems, { severity: 'error', file: 'flows/test.machine.ts', id: 'test.two', field: 'meta.prompt', message: /"missing.prompt".*does not exist/ }),
    ).toBe(true);
    expect(has(problems, { severity: 'error', file: 'flows/broken.yaml', id: 'step.one', field: 'choices.c', message: /offers choice "c"/ })).toBe(true);
    expect(has(problems, { severity: 'error', file: 'flows/broken.yaml', id: 'step.one', field: 'choices.unused' })).toBe(true);
    expect(problems.filter((p) => p.field === 'choices.a' || p.field === 'choices.b')).toEqual([]);
  });

  test('without flow refs, flows are not checked', () => {
    expect(validateContent(store, { today: TODAY }).filter((p) => p.file.startsWith('flows/'))).toEqual([]);
  });
});

test('fillCouncil fills known details and leaves the rest visible', () => {
  const { council } = loadContent(fixtureRoot('valid'));
  expect(fillCouncil('Call {council.helpline.phone} or {council.nope} about {deadline}.', council)).toBe(
    `Call ${council.helpline.phone} or {council.nope} about {deadline}.`,
  );
});
