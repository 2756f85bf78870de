/**
 * The content schemas, and the sample council profile: it must parse, be plainly fictional, and be
 * safe to show (readable colours, numbers that ring nobody).
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { CouncilProfile, GlossaryTerm, Id, IsoDate, Prompt, Service, Topic } from '../../content/schema.js';
import { SAMPLE_COUNCIL } from './paths.js';

const council = CouncilProfile.parse(parse(readFileSync(SAMPLE_COUNCIL, 'utf8')));

const topic = {
  id: 'sen-support',
  title: 'SEN support',
  audiences: ['parent'],
  stages: ['school'],
  summary: 'Ask the SENCO.',
  body: 'Ask the SENCO.',
  sources: [{ kind: 'code', ref: 'SEND Code of Practice 6.44' }],
  lastChecked: '2026-11-22',
  reviewDue: '2027-05-22',
};

describe('ids and dates', () => {
  test('ids are lower-case words joined by hyphens, with optional dotted namespaces', () => {
    for (const good of ['sen-support', 'a1', 'worried.start', 'ehc-request.how-to-ask']) expect(Id.safeParse(good).success).toBe(true);
    for (const bad of ['SEN-support', 'sen_support', 'sen--support', '-sen', 'sen support', 'worried.', '']) expect(Id.safeParse(bad).success).toBe(false);
  });

  test('dates are real YYYY-MM-DD dates', () => {
    expect(IsoDate.safeParse('2026-11-22').success).toBe(true);
    expect(IsoDate.safeParse('22/11/2026').success).toBe(false);
    expect(IsoDate.safeParse('2026-13-40').success).toBe(false);
  });
});

describe('Topic', () => {
  test('fills in defaults for the optional lists', () => {
    const parsed = Topic.parse(topic);
    expect(parsed).toMatchObject({ nextSteps: [], variants: {}, synonyms: [], related: [], glossary: [], tags: [] });
  });

  test('needs a source, an audience and a non-empty summary', () => {
    const issues = (value: object) => Topic.safeParse({ ...topic, ...value }).error?.issues.map((i) => i.path.join('.'));
    expect(issues({ sources: [] })).toEqual(['sources']);
    expect(issues({ audiences: [] })).toEqual(['audiences']);
    expect(issues({ summary: '   ' })).toEqual(['summary']);
    expect(issues({ audiences: ['grandparent'] })).toEqual(['audiences.0']);
  });

  test('takes wording for one audience without the others', () => {
    const parsed = Topic.parse({ ...topic, variants: { 'young-person': { summary: 'Ask your SENCO.' } } });
    expect(parsed.variants['young-person']?.summary).toBe('Ask your SENCO.');
    expect(Topic.safeParse({ ...topic, variants: { carer: { summary: 'x' } } }).success).toBe(false);
  });
});

describe('glossary, prompts and services', () => {
  test('a glossary term may point at a topic', () => {
    expect(GlossaryTerm.parse({ id: 'senco', term: 'SENCO', meaning: 'The teacher who plans extra help.', topic: 'sen-support' }).aka).toEqual([]);
  });

  test('prompt choices are keyed by id', () => {
    expect(Prompt.parse({ id: 'x.start', text: 'Which?', choices: { 'first-steps': { label: 'First steps' } } }).choices['first-steps']).toEqual({
      label: 'First steps',
      words: [],
    });
    expect(Prompt.safeParse({ id: 'x.start', text: 'Which?', choices: { 'First Steps': { label: 'x' } } }).success).toBe(false);
  });

  test('a service needs a name, an organisation and a description, and ages in range', () => {
    const service = { id: 's1', name: 'Club', organisation: 'Trust', description: 'A club.' };
    expect(Service.parse(service)).toMatchObject({ needs: [], areas: [] });
    expect(Service.safeParse({ ...service, maxAge: 200 }).success).toBe(false);
    expect(Service.safeParse({ ...service, email: 'not an email' }).success).toBe(false);
  });
});

describe('the sample council profile', () => {
  function contrast(a: string, b: string): number {
    const lum = (hex: string) => {
      const [r, g, bl] = [1, 3, 5]
        .map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
        .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)) as [number, number, number];
      return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
    };
    const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number];
    return (hi + 0.05) / (lo + 0.05);
  }

  const strings = (value: unknown): string[] =>
    typeof value === 'string'
      ? [value]
      : Array.isArray(value)
        ? value.flatMap(strings)
        : value && typeof value === 'object'
          ? Object.values(value).flatMap(strings)
          : [];

  test('is marked fictional and uses example.org addresses only', () => {
    expect(council.fictional).toBe(true);
    expect(council.name).toMatch(/sample/i);
    const urls = strings(council).filter((s) => /^https?:/.test(s));
    expect(urls.length).toBeGreaterThan(10);
    for (const url of urls) expect(new URL(url).hostname).toMatch(/(^|\.)example\.org$/);
    for (const email of strings(council).filter((s) => s.includes('@'))) expect(email).toMatch(/@example\.org$/);
  });

  test('uses only numbers from the Ofcom drama ranges', () => {
    const drama = /^(01632 ?960 ?\d{3}|0306 ?999 ?0\d{3}|07700 ?900 ?\d{3})$/;
    const phones = [
      council.helpline.phone,
      council.helpline.text,
      council.senTeam.phone,
      council.sendiass.phone,
      council.sendiass.text,
      council.mediation.phone,
      council.childrensSocialCare.phone,
      council.childrensSocialCare.outOfHoursPhone,
    ].filter(Boolean);
    expect(phones.length).toBeGreaterThan(6);
    for (const phone of phones) expect(phone).toMatch(drama);
    // No other digit run that looks like a phone number hides in the free text.
    for (const s of strings(council)) for (const run of s.match(/\d[\d ]{9,}\d/g) ?? []) expect(run).toMatch(drama);
  });

  test('white text on the primary colour passes WCAG AA', () => {
    expect(council.colours.onPrimary.toLowerCase()).toBe('#ffffff');
    expect(contrast(council.colours.primary, council.colours.onPrimary)).toBeGreaterThanOrEqual(4.5);
  });

  test('the helpline is open on weekdays and closed on the 2026 and 2027 England bank holidays', () => {
    const { days, closedOn } = council.helpline.openingHours;
    expect(days.map((d) => d.day)).toEqual(['mon', 'tue', 'wed', 'thu', 'fri']);
    for (const d of days) expect(d.opens < d.closes).toBe(true);
    expect(closedOn).toEqual(
      expect.arrayContaining([
        '2026-01-01',
        '2026-04-03',
        '2026-04-06',
        '2026-05-04',
        '2026-05-25',
        '2026-08-31',
        '2026-12-25',
        '2026-12-28',
        '2027-01-01',
        '2027-03-26',
        '2027-03-29',
        '2027-05-03',
        '2027-05-31',
        '2027-08-30',
        '2027-12-27',
        '2027-12-28',
      ]),
    );
    expect(closedOn).toHaveLength(16);
    // Bank holidays in England always fall on weekdays (substitute days move them off weekends).
    for (const day of closedOn) expect([1, 2, 3, 4, 5]).toContain(new Date(`${day}T00:00:00Z`).getUTCDay());
  });
});

describe('mistakes editors make in YAML', () => {
  test('a comma in an unquoted choice label splits it, and the stray field is refused', () => {
    const raw = parse(
      '- id: intake.stage\n  text: How old is the child?\n  choices:\n    post-16: { label: 16 to 25 (college, work or training), words: [college] }\n',
    ) as unknown[];
    const result = Prompt.safeParse(raw[0]);
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toMatch(/work or training/);
    const quoted = parse(
      '- id: intake.stage\n  text: How old is the child?\n  choices:\n    post-16: { label: "16 to 25 (college, work or training)", words: [college] }\n',
    ) as unknown[];
    expect(Prompt.parse(quoted[0]).choices['post-16']?.label).toBe('16 to 25 (college, work or training)');
  });

  test('a misspelt topic field is refused rather than silently dropped', () => {
    expect(Topic.safeParse({ ...topic, synonym: ['ehcp'] }).success).toBe(false);
  });

  test('numbers typed as words are read as text', () => {
    const raw = parse('- id: intake.stage\n  text: How old?\n  choices:\n    post-16: { label: Over 16, words: [16, 17, college] }\n') as unknown[];
    expect(Prompt.parse(raw[0]).choices['post-16']?.words).toEqual(['16', '17', 'college']);
  });
});
