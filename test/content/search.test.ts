/** Finding services by age, need, area and words. */
import { readFileSync } from 'node:fs';
import type { Service } from '../../content/schema.js';
import { importOpenReferralFeed } from '../../content/services/open-referral.js';
import { searchServices } from '../../content/services/search.js';
import { SAMPLE_FEED } from './paths.js';

const svc = (id: string, extra: Partial<Service>): Service => ({
  id,
  name: id,
  organisation: 'Org',
  description: 'A service.',
  needs: [],
  areas: [],
  ...extra,
});

const services: Service[] = [
  svc('toddlers', { minAge: 0, maxAge: 4, needs: ['Speech, language and communication'], areas: ['Borough-wide'] }),
  svc('teens', { minAge: 11, maxAge: 19, needs: ['Autism'], areas: ['Riverside'] }),
  svc('adults', { minAge: 18, needs: ['Learning disability'], areas: ['Northgate', 'Eastfield'] }),
  svc('anyone', { needs: ['All SEND needs'], description: 'Free advice on EHC plans.' }),
];
const ids = (found: Service[]) => found.map((s) => s.id);

test('no filters finds everything, in directory order', () => {
  expect(ids(searchServices(services, {}))).toEqual(['toddlers', 'teens', 'adults', 'anyone']);
});

test('age is inclusive at both ends, and a missing limit is open', () => {
  expect(ids(searchServices(services, { age: 4 }))).toEqual(['toddlers', 'anyone']);
  expect(ids(searchServices(services, { age: 11 }))).toEqual(['teens', 'anyone']);
  expect(ids(searchServices(services, { age: 19 }))).toEqual(['teens', 'adults', 'anyone']);
  expect(ids(searchServices(services, { age: 40 }))).toEqual(['adults', 'anyone']);
});

test('need matches part of a taxonomy term, in any case', () => {
  expect(ids(searchServices(services, { need: 'SPEECH' }))).toEqual(['toddlers']);
  expect(ids(searchServices(services, { need: 'autism spectrum' }))).toEqual(['teens']);
  expect(ids(searchServices(services, { need: 'learning' }))).toEqual(['adults']);
  expect(ids(searchServices(services, { need: 'hearing' }))).toEqual([]);
});

test('area matches a listed area; borough-wide and unlisted services cover every area', () => {
  expect(ids(searchServices(services, { area: 'riverside' }))).toEqual(['toddlers', 'teens', 'anyone']);
  expect(ids(searchServices(services, { area: 'Eastfield' }))).toEqual(['toddlers', 'adults', 'anyone']);
  expect(ids(searchServices(services, { area: 'Eastfield' }, { everywhere: [] }))).toEqual(['adults', 'anyone']);
});

test('filters combine', () => {
  expect(ids(searchServices(services, { age: 15, need: 'autism', area: 'Riverside' }))).toEqual(['teens']);
  expect(ids(searchServices(services, { age: 15, need: 'autism', area: 'Northgate' }))).toEqual([]);
});

test('words must all appear, at the start of a word, and names rank first', () => {
  expect(ids(searchServices(services, { text: 'ehc advice' }))).toEqual(['anyone']);
  expect(ids(searchServices(services, { text: 'help with autis' }))).toEqual(['teens']);
  expect(ids(searchServices(services, { text: 'plans tribunal' }))).toEqual([]);
  expect(ids(searchServices(services, { text: 'service' }))).toEqual(['toddlers', 'teens', 'adults', 'anyone']);
});

test('works on the sample directory', () => {
  const { services: sample } = importOpenReferralFeed(JSON.parse(readFileSync(SAMPLE_FEED, 'utf8')), 'sample');
  const speech = searchServices(sample, { age: 3, need: 'speech' });
  expect(speech.map((s) => s.name)).toContain("Children's Speech and Language Therapy");
  for (const s of speech) expect((s.minAge ?? 0) <= 3 && 3 <= (s.maxAge ?? 120)).toBe(true);
  const youth = searchServices(sample, { age: 15, area: 'Riverside', text: 'youth club' });
  expect(youth[0]?.name).toBe('Teen Zone Inclusive Youth Club');
  expect(searchServices(sample, { age: 20, text: 'travel' }).map((s) => s.id)).toContain('sb-travel-training');
});
