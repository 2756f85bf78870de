/**
 * Finds directory services for a person: by age, by need (the feed's taxonomy terms), by area and by
 * words. Every filter given must match; filters left out match everything.
 */
import type { Service } from '../schema.js';

export interface ServiceQuery {
  /** The child's or young person's age in whole years. */
  age?: number;
  /** A need, matched case-insensitively against part of a taxonomy term ("speech" finds "Speech, language and communication"). */
  need?: string;
  /** A ward, town or district. */
  area?: string;
  /** Free words, all of which must appear somewhere in the service's record. */
  text?: string;
}

export interface SearchOptions {
  /** Area names that mean "the whole area", so the service matches whatever area is asked for. */
  everywhere?: string[];
}

export const DEFAULT_EVERYWHERE = ['borough-wide', 'county-wide', 'all areas', 'national'];

const normalise = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/** Words too common to narrow a search; dropping them lets "help with speech" work. */
const STOPWORDS = new Set(['a', 'an', 'and', 'the', 'for', 'of', 'to', 'in', 'on', 'with', 'my', 'help', 'service', 'services', 'support', 'near', 'me']);

function matchesAge(service: Service, age: number): boolean {
  return (service.minAge ?? 0) <= age && age <= (service.maxAge ?? Number.POSITIVE_INFINITY);
}

function matchesNeed(service: Service, need: string): boolean {
  const wanted = normalise(need);
  if (!wanted) return true;
  return service.needs.some((term) => {
    const have = normalise(term);
    return have.includes(wanted) || wanted.includes(have);
  });
}

function matchesArea(service: Service, area: string, everywhere: Set<string>): boolean {
  const wanted = normalise(area);
  if (!wanted || service.areas.length === 0) return true;
  return service.areas.some((a) => {
    const have = normalise(a);
    return everywhere.has(have) || have === wanted || have.includes(wanted) || wanted.includes(have);
  });
}

function haystack(service: Service): string {
  return ` ${normalise([service.name, service.organisation, service.description, service.eligibility ?? '', ...service.needs].join(' '))} `;
}

/** Words match at the start of a word, so "autis" finds "autism" and "autistic". */
function textScore(service: Service, words: string[]): number {
  const hay = haystack(service);
  const name = ` ${normalise(service.name)} `;
  let score = 0;
  for (const word of words) {
    if (!hay.includes(` ${word}`)) return 0;
    score += name.includes(` ${word}`) ? 2 : 1;
  }
  return score;
}

export function searchServices(services: readonly Service[], query: ServiceQuery, options: SearchOptions = {}): Service[] {
  const everywhere = new Set((options.everywhere ?? DEFAULT_EVERYWHERE).map(normalise));
  const words = query.text
    ? normalise(query.text)
        .split(' ')
        .filter((w) => w && !STOPWORDS.has(w))
    : [];
  const found = services
    .filter((s) => query.age === undefined || matchesAge(s, query.age))
    .filter((s) => query.need === undefined || matchesNeed(s, query.need))
    .filter((s) => query.area === undefined || matchesArea(s, query.area, everywhere))
    .map((service, order) => ({ service, order, score: words.length ? textScore(service, words) : 1 }))
    .filter((r) => r.score > 0);
  // Services named for the words come first; otherwise the directory's own order is kept.
  return found.sort((a, b) => b.score - a.score || a.order - b.order).map((r) => r.service);
}
