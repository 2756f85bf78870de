/**
 * Cost of whole assistant turns: safeguarding, understanding, the pathway machine, composing the reply
 * and storing the conversation in the embedded lowdb store, with 100 and 10,000 other conversations
 * already stored. Also the two pieces that scale with content rather than with traffic: answering a
 * typed question from the topic index, and the safeguarding check on its own.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LocalOfferAssistant } from '../../bot/assistant.js';
import { assessRisk } from '../../bot/safeguarding/assess.js';
import { TopicIndex } from '../../bot/understanding/qa.js';
import { loadContent } from '../../content/store.js';
import { LowdbStorage } from '../../adapters/storage/lowdb.storage.js';
import { bench, summarise } from './harness.js';
import { PATHWAY_WALK as SCRIPT, quietAssistant, walkStep } from './quiet-assistant.js';

const content = loadContent();
const index = new TopicIndex(content.topics.values(), content.glossary.values());
const SIZES = [100, 10_000];
const TURN = 'assistant turn (pathway step), lowdb';

const QUESTIONS = [
  'wot happens if council say no to ehcp',
  'how long does an ehc assessment take',
  'what is a senco',
  'can i appeal the school named in the plan',
  'my son is 17 can he go to college with his plan',
  'free transport to school for autistic child',
];

for (const size of SIZES) {
  let dir = '';
  let assistant: LocalOfferAssistant;
  bench(`${TURN}, ${size.toLocaleString('en-GB')} stored`, (i) => walkStep(assistant, i), {
    iterations: 1500,
    warmup: 50,
    maxMs: 6000,
    setup: async () => {
      dir = mkdtempSync(join(tmpdir(), 'loa-bench-turn-'));
      const storage = new LowdbStorage({ dir });
      assistant = quietAssistant({ content, storage, index });
      // Fill the store with copies of a real conversation that has taken a few steps.
      for (const text of SCRIPT.slice(0, 4)) await assistant.turn({ conversationKey: 'seed', channel: 'webchat', text });
      const seed = (await storage.read(['conversation/seed']))['conversation/seed'] as Record<string, unknown>;
      for (let start = 0; start < size; start += 200) {
        const changes: Record<string, unknown> = {};
        for (let c = start; c < Math.min(size, start + 200); c += 1) changes[`conversation/other-${c}`] = { ...seed, eTag: '*' };
        await storage.write(changes);
      }
    },
    teardown: () => rmSync(dir, { recursive: true, force: true }),
  });
}

bench(
  'typed question answered from the topic index',
  (i) => {
    index.search(QUESTIONS[i % QUESTIONS.length]!);
  },
  { iterations: 3000, warmup: 100, maxMs: 4000 },
);

bench(
  'safeguarding check on one message',
  (i) => {
    assessRisk(QUESTIONS[i % QUESTIONS.length]!);
  },
  { iterations: 20000, warmup: 500, maxMs: 3000 },
);

summarise((results) => {
  const rows = results.filter((r) => r.name.startsWith(TURN));
  if (rows.length < 2) return undefined;
  const [small, large] = [rows[0]!, rows[rows.length - 1]!];
  return `${TURN}: median with ${SIZES[SIZES.length - 1]!.toLocaleString('en-GB')} stored is ${(large.medianUs / small.medianUs).toFixed(2)}x the median with ${SIZES[0]!.toLocaleString('en-GB')} stored`;
});
