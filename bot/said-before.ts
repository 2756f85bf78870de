/**
 * What the last answer said, so a follow-up on the same topic ("can they do that?" after medical
 * conditions at school) does not get the very same reply again. The conversation keeps short hashes
 * of the content sentences shown, never what was typed; the first of them is the sentence that led.
 */
import type { Passage } from './understanding/passages.js';
import { answerUnits, joinUnits } from './understanding/answer-sentences.js';

/** At most this many sentences are remembered: a short answer has far fewer. */
const KEEP = 24;

/** FNV-1a, 32 bits: a short stable key for a content sentence. Collisions only cost a repeat. */
function key(unit: string): string {
  let h = 0x811c9dc5;
  const text = unit.toLowerCase().replace(/\s+/g, ' ').trim();
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

/** The keys of the sentences an answer's paragraphs show, the leading sentence first. */
export function saidKeys(paragraphs: string[]): string[] {
  return [...new Set(paragraphs.flatMap(answerUnits).map(key))].slice(0, KEEP);
}

/**
 * The passages less the sentence that led last time, for when the answer would otherwise be the same
 * reply twice in a row. The rest stays. When nothing is left, the passages are given as they were.
 */
export function withoutSaid(passages: Passage[], said: readonly string[], fill: (text: string) => string): Passage[] {
  const lastLead = said[0];
  if (!lastLead) return passages;
  const out: Passage[] = [];
  for (const p of passages) {
    const units = answerUnits(fill(p.text));
    const kept = units.filter((u) => key(u) !== lastLead);
    if (kept.length) out.push(kept.length === units.length ? p : { ...p, text: joinUnits(kept) });
  }
  return out.length ? out : passages;
}

/** Whether a sentence of the content was among those the last answer said (every part of it, for a list). */
export function wasSaid(text: string, said: readonly string[]): boolean {
  const units = answerUnits(text);
  return units.length > 0 && units.every((u) => said.includes(key(u)));
}

/** Whether two answers say the same sentences. */
export function sameSaying(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((k) => b.includes(k));
}
