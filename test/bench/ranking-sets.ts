/**
 * Question sets for the ranking benches (ranking.ts, learn-ranking.ts), each question tagged with its set
 * and half. The halves are fixed by position in the file: even positions (0, 2, ...) are the half the
 * ranking weights are learnt on, odd positions the half held out to check them. Only tuning sets belong
 * here, never the sealed sets.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { Fact } from './judge.js';

export interface RankingQuestion {
  id: string;
  audience: string;
  channel?: string;
  area?: string;
  text: string;
  facts: Fact[];
  set: string;
  half: 'even' | 'odd';
}

export const DEFAULT_RANKING_SETS = [
  'test/fixtures/understanding/tuning-blind-questions.yaml',
  'test/fixtures/understanding/tuning-blind-questions-2.yaml',
  'test/fixtures/understanding/tuning-blind-questions-3.yaml',
  'test/fixtures/understanding/tuning-questions.yaml',
];

export function readRankingSets(files: string[]): RankingQuestion[] {
  if (files.some((f) => f.includes('sealed'))) throw new Error('The ranking benches tune on what they read: give them tuning sets, never the sealed sets.');
  return (files.length ? files : DEFAULT_RANKING_SETS).flatMap((file) =>
    (parse(readFileSync(file, 'utf8')) as Omit<RankingQuestion, 'set' | 'half'>[])
      .filter((q) => q && typeof q.text === 'string' && Array.isArray(q.facts))
      .map((q, i) => ({ ...q, audience: q.audience ?? 'parent', set: file, half: i % 2 === 0 ? ('even' as const) : ('odd' as const) })),
  );
}
