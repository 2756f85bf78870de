/**
 * An index over the service directory for finding services from what a person asks: kinds of service
 * by word ("holiday", "swimming"), needs (the feed's taxonomy terms), an age or an age range, and an
 * area. Built once at start, so a search over 10,000 services stays well under 5 ms (see the bench).
 * Word search is a small inverted index (word -> services), with a word standing for every indexed word
 * it starts, so "swim" finds "swimming". MiniSearch was tried first: its ranking allocates per hit and
 * took 37 ms at p99 for common words at 10,000 services; these posting lists take well under 1 ms.
 */
import type { Service } from '../schema.js';
import { DEFAULT_EVERYWHERE } from './search.js';

export interface FindQuery {
  /** Words naming the kind of service ("holiday", "swimming", "therapy"). One must match when given. */
  words?: string[];
  /** Taxonomy terms, matched exactly (case-insensitive). A service for all needs matches too when words are given. */
  needs?: string[];
  /** The child's or young person's age in years, when known. */
  age?: number;
  /** The age range known from the conversation, when no exact age is known: the service must overlap it. */
  ageRange?: { min: number; max: number };
  /** A ward, town or district. Services for the whole area always match. */
  area?: string;
  limit?: number;
}

export interface Found {
  service: Service;
  score: number;
}

const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/** Terms a feed uses for "any need"; such a service fits any need when the person named a kind of service. */
const ALL_NEEDS = new Set(['all send needs', 'all needs', 'any need', 'send']);

interface Entry {
  service: Service;
  needs: Set<string>;
  anyNeed: boolean;
  areas: string[];
  everywhere: boolean;
  min: number;
  max: number;
}

export class ServiceIndex {
  private readonly entries: Entry[];
  /** Word -> entry numbers whose name has it (score 3) or whose other text has it (score 1). */
  private readonly postings = new Map<string, Map<number, number>>();
  private readonly expanded = new Map<string, string[]>();
  private readonly byNeed = new Map<string, number[]>();
  readonly areaNames: string[];

  constructor(services: readonly Service[], everywhere: string[] = DEFAULT_EVERYWHERE) {
    const everywhereSet = new Set(everywhere.map(norm));
    this.entries = services.map((service) => {
      const needs = new Set(service.needs.map(norm));
      const areas = service.areas.map(norm);
      return {
        service,
        needs,
        anyNeed: [...needs].some((n) => ALL_NEEDS.has(n)),
        areas,
        everywhere: areas.length === 0 || areas.some((a) => everywhereSet.has(a)),
        min: service.minAge ?? 0,
        max: service.maxAge ?? 120,
      };
    });
    this.entries.forEach((e, i) => {
      for (const need of e.needs) {
        const list = this.byNeed.get(need) ?? [];
        list.push(i);
        this.byNeed.set(need, list);
      }
    });
    this.areaNames = [...new Set(services.flatMap((s) => s.areas).filter((a) => !everywhereSet.has(norm(a))))];
    services.forEach((s, id) => {
      const add = (text: string, weight: number) => {
        for (const word of norm(text).split(' ')) {
          if (!word) continue;
          let list = this.postings.get(word);
          if (!list) this.postings.set(word, (list = new Map<number, number>()));
          list.set(id, Math.max(list.get(id) ?? 0, weight));
        }
      };
      add([s.description, s.eligibility ?? '', ...s.needs].join(' '), 1);
      add(s.name, 3);
    });
  }

  /** Indexed words that start with this one (4 letters or more), or the word alone. */
  private wordsFor(word: string): string[] {
    let found = this.expanded.get(word);
    if (!found) {
      found = word.length >= 4 ? [...this.postings.keys()].filter((w) => w.startsWith(word)) : this.postings.has(word) ? [word] : [];
      this.expanded.set(word, found);
    }
    return found;
  }

  private wordHits(words: string[]): Map<number, number> {
    const hits = new Map<number, number>();
    for (const word of words) {
      for (const w of this.wordsFor(word)) {
        for (const [id, weight] of this.postings.get(w)!) hits.set(id, (hits.get(id) ?? 0) + weight);
      }
    }
    return hits;
  }

  get size(): number {
    return this.entries.length;
  }

  private fits(e: Entry, q: FindQuery, area: string | undefined): boolean {
    if (q.age !== undefined && (q.age < e.min || q.age > e.max)) return false;
    if (q.age === undefined && q.ageRange && (q.ageRange.max < e.min || q.ageRange.min > e.max)) return false;
    if (area && !e.everywhere && !e.areas.some((a) => a === area || a.includes(area) || area.includes(a))) return false;
    return true;
  }

  find(q: FindQuery): Found[] {
    const limit = q.limit ?? 3;
    const area = q.area ? norm(q.area) : undefined;
    const needs = (q.needs ?? []).map(norm);
    const words = (q.words ?? []).map(norm).filter(Boolean);
    const found: Found[] = [];
    if (words.length) {
      // Named a kind of service: one of its words must match, and a need, when given, must be the
      // service's own or "all needs". Name matches count most.
      for (const [id, score] of this.wordHits(words)) {
        const e = this.entries[id]!;
        if (!this.fits(e, q, area)) continue;
        const ownNeed = needs.some((n) => e.needs.has(n));
        if (needs.length && !ownNeed && !e.anyNeed) continue;
        found.push({ service: e.service, score: score + (ownNeed ? 5 : 0) - id * 1e-9 });
      }
    } else if (needs.length) {
      // Named only a need: the service must be for that need itself. "All needs" services would pad the list.
      const seen = new Set<number>();
      for (const need of needs) {
        for (const i of this.byNeed.get(need) ?? []) {
          if (seen.has(i)) continue;
          seen.add(i);
          const e = this.entries[i]!;
          if (!this.fits(e, q, area)) continue;
          // Fewer needs listed means a more specialist service: it comes first.
          found.push({ service: e.service, score: 10 + needs.filter((n) => e.needs.has(n)).length * 5 - e.needs.size * 0.1 });
        }
      }
    }
    // Only the best few are shown: keep those rather than sort thousands of hits.
    const best: Found[] = [];
    for (const f of found) {
      if (best.length === limit && f.score <= best[limit - 1]!.score) continue;
      best.push(f);
      best.sort((a, b) => b.score - a.score);
      if (best.length > limit) best.pop();
    }
    return best;
  }
}
