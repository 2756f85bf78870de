/**
 * Groups the gap log for editors: which topics people were reaching for, how often, and in what words.
 */
import type { GapEntry } from './gap-log.js';
import { redactPersonalData } from './redact.js';

export const NO_TOPIC = 'no likely topic';

/** The assistant offers a topic as "might help" above this score; below it, no topic is likely. */
export const DEFAULT_MIN_SCORE = 0.3;

export interface GapGroup {
  /** A topic id, or NO_TOPIC. */
  topic: string;
  count: number;
  /** Distinct questions, newest first, redacted again for display. */
  examples: string[];
  channels: Record<string, number>;
  first: string;
  last: string;
}

export interface GroupOptions {
  minScore?: number;
  examples?: number;
  /** Only entries at or after this ISO date or time. */
  since?: string;
}

const normalise = (q: string) =>
  q
    .toLowerCase()
    .replace(/[^a-z0-9[\]]+/g, ' ')
    .trim();

export function groupGaps(entries: readonly GapEntry[], options: GroupOptions = {}): GapGroup[] {
  const minScore = options.minScore ?? DEFAULT_MIN_SCORE;
  const maxExamples = options.examples ?? 3;
  const groups = new Map<string, { entries: GapEntry[] }>();
  for (const entry of entries) {
    if (options.since && entry.at < options.since) continue;
    const best = [...entry.closest].sort((a, b) => b.score - a.score)[0];
    const topic = best && best.score >= minScore ? best.topic : NO_TOPIC;
    const group = groups.get(topic) ?? { entries: [] };
    group.entries.push(entry);
    groups.set(topic, group);
  }
  const result: GapGroup[] = [...groups].map(([topic, { entries: list }]) => {
    const newestFirst = [...list].sort((a, b) => b.at.localeCompare(a.at));
    const seen = new Set<string>();
    const examples: string[] = [];
    for (const e of newestFirst) {
      const shown = redactPersonalData(e.question);
      const key = normalise(shown);
      if (seen.has(key)) continue;
      seen.add(key);
      if (examples.length < maxExamples) examples.push(shown);
    }
    const channels: Record<string, number> = {};
    for (const e of list) channels[e.channel] = (channels[e.channel] ?? 0) + 1;
    return { topic, count: list.length, examples, channels, first: newestFirst[newestFirst.length - 1]!.at, last: newestFirst[0]!.at };
  });
  // Most asked first; "no likely topic" goes last among equals, since it is not one thing.
  return result.sort((a, b) => b.count - a.count || Number(a.topic === NO_TOPIC) - Number(b.topic === NO_TOPIC) || a.topic.localeCompare(b.topic));
}

export function renderGapReport(groups: GapGroup[], titles: ReadonlyMap<string, string> = new Map()): string {
  const total = groups.reduce((n, g) => n + g.count, 0);
  if (total === 0) return 'No unanswered questions have been recorded.\n';
  const lines = [`${total} question${total === 1 ? '' : 's'} the assistant could not answer with confidence, by the topic people were most likely after:`, ''];
  for (const g of groups) {
    const title = g.topic === NO_TOPIC ? 'No likely topic: content may be missing' : `${g.topic}${titles.get(g.topic) ? ` (${titles.get(g.topic)})` : ''}`;
    const channels = Object.entries(g.channels)
      .map(([c, n]) => `${c} ${n}`)
      .join(', ');
    lines.push(`${String(g.count).padStart(4)}  ${title}`, `      ${g.first.slice(0, 10)} to ${g.last.slice(0, 10)}; ${channels}`);
    for (const example of g.examples) lines.push(`      - "${example}"`);
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
