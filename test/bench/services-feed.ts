/**
 * A synthetic Open Referral UK feed of any size, built from the sample council's 40 services: each copy
 * gets its own id, a numbered name, a ward from a set of 60, a shuffled pair of needs and shifted ages.
 * About 1 in 100 records is broken on purpose (no name, a bad email, a string age, not an object), so
 * the import's handling of bad records is measured along with the good ones.
 */
import { readFileSync } from 'node:fs';
import { SAMPLE_FEED } from '../content/paths.js';

type Json = Record<string, unknown>;

const NEEDS = [
  'Autism',
  'Speech, language and communication',
  'Cognition and learning',
  'Social, emotional and mental health',
  'Hearing impairment',
  'Vision impairment',
  'Sensory needs',
  'Physical disability',
  'Learning disability',
  'Medical needs',
  'All SEND needs',
];
const WARDS = Array.from({ length: 60 }, (_, i) => `Ward ${i + 1}`);

/** A small fixed-seed generator, so every run builds the same feed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function syntheticFeed(size: number, seed = 42): { contents: unknown[]; bad: number } {
  const base = (JSON.parse(readFileSync(SAMPLE_FEED, 'utf8')) as { contents: Json[] }).contents;
  const rnd = random(seed);
  const contents: unknown[] = [];
  let bad = 0;
  for (let i = 0; i < size; i++) {
    const from = base[i % base.length]!;
    const record: Json = structuredClone(from);
    record.id = `${String(from.id)}-${i}`;
    record.name = `${String(from.name)} ${Math.floor(i / base.length) + 1}`;
    const min = Math.floor(rnd() * 14);
    record.minimum_age = min;
    record.maximum_age = Math.min(25, min + 3 + Math.floor(rnd() * 12));
    const needs = [NEEDS[Math.floor(rnd() * NEEDS.length)]!, NEEDS[Math.floor(rnd() * NEEDS.length)]!];
    record.attributes = [...new Set(needs)].map((name, k) => ({ id: `${String(record.id)}-need-${k}`, taxonomy_term: { id: name, name } }));
    record.service_areas =
      rnd() < 0.3
        ? [{ id: `${String(record.id)}-area`, name: 'Borough-wide' }]
        : [{ id: `${String(record.id)}-area`, name: WARDS[Math.floor(rnd() * WARDS.length)] }];
    const broken = rnd();
    if (broken < 0.0025) delete record.name;
    else if (broken < 0.005) record.email = 'not an email';
    else if (broken < 0.0075) record.minimum_age = 'five';
    if (broken < 0.0075) bad++;
    if (broken >= 0.0075 && broken < 0.01) {
      contents.push('not a service');
      bad++;
      continue;
    }
    contents.push(record);
  }
  return { contents, bad };
}
