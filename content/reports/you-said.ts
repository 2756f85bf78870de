/** The "you said, we did" file editors keep (content/data/feedback/you-said-we-did.yaml), validated. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { IsoDate, Id, type ContentProblem } from '../schema.js';
import { CONTENT_ROOT } from '../store.js';

export const YOU_SAID_FILE = join(CONTENT_ROOT, 'feedback', 'you-said-we-did.yaml');

export const YouSaidRow = z.strictObject({
  date: z.preprocess((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v), IsoDate),
  youSaid: z.string().trim().min(1, 'must not be empty'),
  weDid: z.string().trim().min(1, 'must not be empty'),
  topics: z.array(Id).default([]),
});
export type YouSaidRow = z.infer<typeof YouSaidRow>;

/** Reads the rows; a bad row is reported as a problem and left out, the rest still load. */
export function loadYouSaid(file = YOU_SAID_FILE, topicIds?: ReadonlySet<string>): { rows: YouSaidRow[]; problems: ContentProblem[] } {
  const problems: ContentProblem[] = [];
  let data: unknown;
  try {
    data = parse(readFileSync(file, 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { rows: [], problems };
    return { rows: [], problems: [{ severity: 'error', file, id: '-', field: '-', message: `cannot be read: ${(err as Error).message}` }] };
  }
  if (data === null || data === undefined) return { rows: [], problems };
  if (!Array.isArray(data)) return { rows: [], problems: [{ severity: 'error', file, id: '-', field: '-', message: 'must be a list of rows' }] };
  const rows: YouSaidRow[] = [];
  data.forEach((raw, i) => {
    const parsed = YouSaidRow.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        problems.push({ severity: 'error', file, id: `row ${i + 1}`, field: issue.path.join('.') || '-', message: issue.message });
      return;
    }
    for (const topic of parsed.data.topics)
      if (topicIds && !topicIds.has(topic))
        problems.push({ severity: 'error', file, id: `row ${i + 1}`, field: 'topics', message: `topic "${topic}" does not exist` });
    rows.push(parsed.data);
  });
  return { rows, problems };
}
