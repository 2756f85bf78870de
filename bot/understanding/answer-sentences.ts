/**
 * Picks the sentences of a short answer. Passages come best first; each is read sentence by sentence
 * (a list line by line, its lead-in line kept with its first item), and a sentence goes in when it fits
 * the budget and says something not yet said. A topic's short answer and its fuller answer often say the
 * same thing twice ("you have at least 15 days to comment"): the second time only costs room that the
 * next fact needs.
 */
import { sentences } from './passages.js';
import { stems } from './text.js';

/** A sentence whose content words are at least this share already said adds nothing. */
const SAID_ALREADY = 0.7;

/** A passage's units in order: sentences of prose, lines of a list, a lead-in ("You can:") kept with what follows it. */
export function answerUnits(text: string): string[] {
  const units: string[] = [];
  let carry = '';
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (!trimmed) continue;
    const parts = trimmed.startsWith('- ') ? [trimmed] : sentences(trimmed);
    for (const part of parts) {
      if (part.endsWith(':')) {
        carry = carry ? `${carry}\n${part}` : part;
        continue;
      }
      units.push(carry ? `${carry}\n${part}` : part);
      carry = '';
    }
  }
  if (carry) units.push(carry);
  return units;
}

/** Units back into a paragraph: prose with spaces, list lines on lines of their own. */
export function joinUnits(units: string[]): string {
  return units.reduce((out, u) => (out === '' ? u : u.startsWith('- ') || out.endsWith(':') ? `${out}\n${u}` : `${out} ${u}`), '');
}

export interface Picked {
  /** One paragraph per passage used, its chosen sentences in their written order. */
  paragraphs: string[];
  used: number;
}

/**
 * Fills `budget` characters from `texts` (best first), after `lead` (already shown). The first sentence of
 * the first text always goes in: it is the answer.
 */
export function pickSentences(texts: string[], budget: number, lead: string[] = [], opts: { leadFromNext?: boolean } = {}): Picked {
  const said = new Set(lead.flatMap(stems));
  let used = lead.reduce((n, p) => n + p.length, 0);
  const paragraphs: string[] = [];
  let first = true;
  for (const text of texts) {
    const chosen: string[] = [];
    for (const unit of answerUnits(text)) {
      const unitStems = stems(unit);
      const fresh = unitStems.filter((s) => !said.has(s)).length;
      if (unitStems.length > 0 && 1 - fresh / unitStems.length >= SAID_ALREADY) continue;
      if (!first && used + unit.length + 1 > budget) continue;
      first = false;
      chosen.push(unit);
      for (const s of unitStems) said.add(s);
      used += unit.length + 1;
    }
    if (chosen.length) {
      const paragraph = joinUnits(chosen);
      // The leading sentence was taken from the passage that follows it: the rest of that passage reads on from it.
      if (opts.leadFromNext && paragraphs.length === 1 && texts.indexOf(text) === 1) paragraphs[0] = joinUnits([paragraphs[0]!, paragraph]);
      else paragraphs.push(paragraph);
    }
    if (used >= budget * 0.9) break;
  }
  return { paragraphs, used };
}
