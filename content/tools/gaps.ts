/**
 * npm run content:gaps [-- --file data/gaps.jsonl] [--since 2026-11-01] [--examples 3] [--min-score 0.3]
 * Shows the questions the assistant could not answer, grouped by the topic people were most likely
 * after, most common first. Use it to decide which topics to improve or add.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { JsonlGapLog } from '../gaps/gap-log.js';
import { DEFAULT_MIN_SCORE, groupGaps, renderGapReport } from '../gaps/report.js';
import { loadContent } from '../store.js';

function topicTitles(): Map<string, string> {
  try {
    return new Map([...loadContent().topics.values()].map((t) => [t.id, t.title]));
  } catch {
    // Titles are a nicety: the report still works from topic ids if the content cannot load.
    return new Map();
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      file: { type: 'string' },
      since: { type: 'string' },
      examples: { type: 'string', default: '3' },
      'min-score': { type: 'string', default: String(DEFAULT_MIN_SCORE) },
    },
  });
  const file = values.file ?? process.env.GAPS_FILE ?? join(process.env.DATA_DIR ?? './data', 'gaps.jsonl');
  const examples = Number(values.examples);
  const minScore = Number(values['min-score']);
  if (!Number.isInteger(examples) || examples < 0 || !Number.isFinite(minScore)) {
    console.error('--examples must be a whole number and --min-score a number, such as 0.3');
    return 2;
  }
  const entries = await new JsonlGapLog(file).readAll();
  console.log(`Gap log: ${file}\n`);
  process.stdout.write(renderGapReport(groupGaps(entries, { examples, minScore, since: values.since }), topicTitles()));
  return 0;
}

process.exitCode = await main();
