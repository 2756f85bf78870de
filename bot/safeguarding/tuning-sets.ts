/**
 * The blind tuning sets (test/fixtures/safeguarding/safeguarding-*blind*.yaml: two pairs, then one file of both kinds): messages written
 * apart from this repo, by people who never saw the rules or the corpus, in the evaluation format. They
 * are real variety that templates never give, so part of them is learnt from; a fixed part is held out
 * and only ever measured (`npm run bench:safeguarding -- <file> --part held-out`), so there is still an
 * honest figure. The split is by the number in each id, so it never moves when a file is edited, and
 * it takes two in every five of each category, since each category is a run of neighbouring ids.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';

export const TUNING_DIR = new URL('../../test/fixtures/safeguarding/', import.meta.url);
export const BLIND_FILES = [
  'safeguarding-crises-blind.yaml',
  'safeguarding-near-misses-blind.yaml',
  'safeguarding-crises-blind-2.yaml',
  'safeguarding-near-misses-blind-2.yaml',
  'safeguarding-blind-3.yaml',
] as const;

export const EvalItem = z.object({
  id: z.string(),
  expect: z.enum(['crisis', 'no-crisis']),
  category: z.string(),
  register: z.string(),
  audience: z.string(),
  channel: z.enum(['webchat', 'teams', 'sms']),
  text: z.string(),
});
export type EvalItem = z.infer<typeof EvalItem>;

export type Part = 'train' | 'held-out';

/** Which part an item is in: ids whose number ends in 0, 3, 5 or 8 (two in five) are held out. */
export function partOf(id: string): Part {
  const n = Number(/(\d+)\s*$/.exec(id)?.[1] ?? Number.NaN);
  if (Number.isNaN(n)) return 'held-out';
  return n % 5 === 0 || n % 5 === 3 ? 'held-out' : 'train';
}

export function readEvalSet(path: string | URL): EvalItem[] {
  return z.array(EvalItem).parse(parse(readFileSync(path, 'utf8')));
}

/** The training part of both blind sets; empty when the files are absent (a deployment without test/). */
export function blindTrainingItems(dir: URL = TUNING_DIR): EvalItem[] {
  const out: EvalItem[] = [];
  for (const name of BLIND_FILES) {
    const file = new URL(name, dir);
    if (!existsSync(file)) continue;
    out.push(...readEvalSet(file).filter((i) => partOf(i.id) === 'train'));
  }
  return out;
}

/** Where the question-answering tuning sets live: ordinary SEND questions and conversations, none a crisis. */
export const ORDINARY_DIR = new URL('../../test/fixtures/understanding/', import.meta.url);

const OrdinaryItem = z.object({ id: z.string(), text: z.string().optional(), turns: z.array(z.object({ say: z.string() })).optional() });

/** Every message a person types in a question or conversation file (questions' `text`, conversations' `say`), with its item's id. */
export function readOrdinaryMessages(path: string | URL): Array<{ id: string; text: string }> {
  const items = z.array(OrdinaryItem).parse(parse(readFileSync(path, 'utf8')));
  return items.flatMap((item) =>
    [...(item.text !== undefined ? [item.text] : []), ...(item.turns ?? []).map((t) => t.say)].map((text) => ({ id: item.id, text })),
  );
}

/**
 * The training part of the question-answering tuning sets, learnt as `none`. Ordinary messages such as "im a
 * mum and my son is 7" or "we got the draft plan yesterday, hes 9" must never get the crisis reply, and
 * the near-miss sets, being hard cases, hold too few of them. The same id split keeps a held-out part.
 */
export function ordinaryTrainingMessages(dir: URL = ORDINARY_DIR): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir)
    .filter((n) => n.endsWith('.yaml'))
    .sort()) {
    out.push(...readOrdinaryMessages(new URL(name, dir)).flatMap((m) => (partOf(m.id) === 'train' ? [m.text] : [])));
  }
  return out;
}
