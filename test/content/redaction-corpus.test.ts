/**
 * Redaction measured on a corpus written for the purpose (test/fixtures/redaction/*.yaml, a tuning set):
 * every personal detail must be gone, the words editors need must stay, and ordinary questions (the
 * corpus's own and the labelled question sets) must come through with nothing taken out.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { redactPersonalData as redact } from '../../content/gaps/redact.js';

const Case = z.strictObject({ text: z.string(), remove: z.array(z.coerce.string()).default([]), keep: z.array(z.coerce.string()).default([]) });
const dir = join(import.meta.dirname, '../fixtures/redaction');
const corpus = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .flatMap((file) =>
    z
      .array(Case)
      .parse(parse(readFileSync(join(dir, file), 'utf8')))
      .map((c) => ({ file, ...c })),
  );

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A detail survives if it is still there as a whole word (or whole number), in any case. */
const survives = (detail: string, text: string) => new RegExp(`(?<![\\w])${escape(detail)}(?![\\w])`, 'i').test(text);

const withDetails = corpus.filter((c) => c.remove.length > 0);
const ordinary = corpus.filter((c) => c.remove.length === 0 && c.keep.length === 0);

test('the corpus has texts of every kind', () => {
  expect(withDetails.length).toBeGreaterThanOrEqual(50);
  expect(ordinary.length).toBeGreaterThanOrEqual(20);
});

/**
 * The share of details removed, per file. Names have a floor below 100%: a lower-case name that is also
 * an ordinary word ("ruby") can slip through. Numbers, emails, addresses and dates have fixed shapes and
 * must all go.
 */
const FLOORS: Record<string, number> = { 'names.yaml': 0.95, 'addresses.yaml': 1, 'contacts.yaml': 1 };

export function score(cases: typeof corpus) {
  let total = 0;
  const missed: string[] = [];
  const lostKeep: string[] = [];
  for (const c of cases) {
    const out = redact(c.text);
    for (const detail of c.remove) {
      total += 1;
      if (survives(detail, out)) missed.push(`"${detail}" in: ${out}`);
    }
    for (const word of c.keep) if (!out.toLowerCase().includes(word.toLowerCase())) lostKeep.push(`"${word}" in: ${out}`);
  }
  return { total, removed: total - missed.length, missed, lostKeep };
}

test.each(Object.entries(FLOORS))('%s: at least the floor share of details removed, and what editors need kept', (file, floor) => {
  const cases = withDetails.filter((c) => c.file === file);
  const { total, removed, missed, lostKeep } = score(cases);
  expect(total).toBeGreaterThan(10);
  if (removed / total < floor) expect(missed).toEqual([]);
  expect(lostKeep).toEqual([]);
});

test.each(ordinary.map((c) => [c.text]))('leaves alone: %s', (text) => {
  expect(redact(text)).toBe(text);
});

test('the labelled question sets come through almost untouched (at most 2% changed)', () => {
  const questions = ['questions.yaml', 'questions-holdout.yaml'].flatMap((f) =>
    (parse(readFileSync(join(dir, '..', f), 'utf8')) as { q: string }[]).map((x) => x.q),
  );
  const changed = questions.filter((q) => redact(q) !== q);
  expect(questions.length).toBeGreaterThan(200);
  expect(changed.length / questions.length).toBeLessThanOrEqual(0.02);
});
