/**
 * Reading Open Referral UK feeds: the sample feed loads whole, and a feed with bad records keeps the good
 * ones and reports each bad one by record id and field.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importOpenReferralFeed } from '../../content/services/open-referral.js';
import { isGsm7 } from '../../content/gsm7.js';
import { FIXTURES, SAMPLE_FEED } from './paths.js';

const sample = JSON.parse(readFileSync(SAMPLE_FEED, 'utf8')) as { contents: Record<string, unknown>[] };
const bad = JSON.parse(readFileSync(join(FIXTURES, 'oruk', 'bad-feed.json'), 'utf8')) as unknown;

describe('the sample feed', () => {
  const { services, problems } = importOpenReferralFeed(sample, 'services/sample-council.oruk.json');

  test('imports every service with no problems', () => {
    expect(problems).toEqual([]);
    expect(services.length).toBeGreaterThanOrEqual(35);
    expect(services).toHaveLength(sample.contents.length);
    expect(new Set(services.map((s) => s.id)).size).toBe(services.length);
  });

  test('covers the local services families ask about', () => {
    const names = services.map((s) => s.name.toLowerCase()).join('\n');
    for (const kind of [
      'speech and language',
      'portage',
      'short breaks|saturday',
      'parent carer forum',
      'sendiass',
      'autism',
      'sensory support',
      'youth club',
      'supported employment',
      'travel training',
      'supported internship',
      'mediation',
    ]) {
      expect({ kind, found: new RegExp(kind).test(names) || services.some((s) => new RegExp(kind, 'i').test(s.description)) }).toEqual({ kind, found: true });
    }
  });

  test('is fictional: drama-range numbers and example.org addresses only', () => {
    for (const s of services) {
      expect(s.phone).toMatch(/^(01632 ?960 ?\d{3}|0306 ?999 ?0\d{3}|07700 ?900 ?\d{3})$/);
      if (s.url) expect(new URL(s.url).hostname).toMatch(/(^|\.)example\.org$/);
      if (s.email) expect(s.email).toMatch(/@example\.org$/);
    }
  });

  test('maps ages, needs, cost, areas and location', () => {
    const portage = services.find((s) => s.id === 'sb-portage');
    expect(portage).toMatchObject({ organisation: 'Sample Borough Council', minAge: 0, maxAge: 4, cost: 'Free', areas: ['Borough-wide'] });
    expect(portage?.needs).toContain('All SEND needs');
    expect(portage?.location).toMatch(/Southbridge Family Hub, 9 Bridge Street, Southbridge, SB6 2ST/);
    const club = services.find((s) => s.id === 'sb-saturday-club');
    expect(club).toMatchObject({ cost: '£3 per session', areas: ['Riverside', 'Southbridge'] });
    const swim = services.find((s) => s.id === 'sb-inclusive-swimming');
    expect(swim?.cost).toBe('£2.50 per swim. Carers free');
  });

  test('text that may be sent by SMS is GSM-7', () => {
    for (const s of services) for (const text of [s.name, s.description, s.eligibility ?? '', s.cost ?? '', s.location ?? '']) expect(isGsm7(text)).toBe(true);
  });
});

describe('a feed with bad records', () => {
  const { services, problems } = importOpenReferralFeed(bad, 'bad-feed.json');
  const problem = (id: string, field: string) => problems.find((p) => p.id === id && p.field === field);

  test('keeps the good records, in both the v3 and the older shapes', () => {
    expect(services.map((s) => s.id)).toEqual(['good-v3', 'good-v1']);
    expect(services[0]).toMatchObject({
      name: 'Fernhill Inclusive Youth Club',
      organisation: 'Fernhill Youth Trust',
      minAge: 11,
      maxAge: 19,
      needs: ['Autism'],
      areas: ['Fernhill'],
      phone: '01632 960 901',
    });
    expect(services[1]).toMatchObject({
      eligibility: 'Children under 5 with SEND',
      minAge: 0,
      maxAge: 4,
      needs: ['Learning disability'],
      cost: 'Free',
      email: 'portage@fernhill.example.org',
      phone: '+44 1632 960902',
      location: 'Fernhill Family Hub, 1 Hub Road, Fernhill, FH1 1AA',
    });
  });

  test('reports each bad record by file, id and field, and skips it', () => {
    expect(problem('no-name', 'name')?.message).toMatch(/missing/);
    expect(problem('ages-backwards', 'minimum_age')?.message).toMatch(/more than maximum_age/);
    expect(problem('bad-email', 'email')?.message).toMatch(/not an email address/);
    expect(problem('bad-phone', 'phones.number')?.message).toMatch(/not a UK phone number/);
    expect(problem('good-v3', 'id')?.message).toMatch(/used by an earlier service/);
    expect(problem('#7', '-')?.message).toMatch(/not a service record/);
    expect(problem('#8', 'id')?.message).toMatch(/missing/);
    expect(problem('bad-url', 'url')?.message).toMatch(/http/);
    expect(problem('decimal-age', 'minimum_age')?.message).toMatch(/whole number/);
    for (const p of problems) expect(p.file).toBe('bad-feed.json');
    expect(problems.filter((p) => p.severity === 'error')).toHaveLength(9);
  });

  test('leaves closed services out with a warning, not an error', () => {
    expect(problem('closed-service', 'status')).toMatchObject({ severity: 'warning' });
    expect(services.find((s) => s.id === 'closed-service')).toBeUndefined();
  });

  test('the first of two records with one id wins', () => {
    expect(services.find((s) => s.id === 'good-v3')?.name).toBe('Fernhill Inclusive Youth Club');
  });
});

describe('feed shapes', () => {
  const record = { id: 'x1', name: 'Club', description: 'A club.', organization: { name: 'Trust' } };

  test.each([
    ['a bare array', [record]],
    ['a v1 page with content', { content: [record] }],
    ['a v3 page with contents', { contents: [record] }],
    ['a services wrapper', { services: [record] }],
  ])('accepts %s', (_name, feed) => {
    const result = importOpenReferralFeed(feed, 'feed.json');
    expect(result.problems).toEqual([]);
    expect(result.services.map((s) => s.id)).toEqual(['x1']);
  });

  test.each([
    ['a string', 'hello'],
    ['null', null],
    ['an object without records', { total_items: 0 }],
  ])('reports %s as not a feed', (_name, feed) => {
    const result = importOpenReferralFeed(feed, 'feed.json');
    expect(result.services).toEqual([]);
    expect(result.problems).toEqual([
      expect.objectContaining({ severity: 'error', file: 'feed.json', id: '-', message: expect.stringMatching(/not an Open Referral UK feed/) }),
    ]);
  });
});
