/**
 * The worst message to understand: 20 KB of nonsense words, none in the vocabulary, each different.
 * Measured twice: understanding alone (cleaning, spelling correction and the topic search), and a whole
 * assistant turn in memory (safeguarding included). Each run uses fresh nonsense, so the spelling cache
 * does not help. The target is under 20 ms for the whole turn.
 */
import { MemoryStorage } from 'botbuilder';
import { TopicIndex } from '../../bot/understanding/qa.js';
import { cleanInput } from '../../bot/understanding/text.js';
import { loadContent } from '../../content/store.js';
import { bench } from './harness.js';
import { quietAssistant } from './quiet-assistant.js';
import { nonsense } from '../helpers/nonsense.js';

const content = loadContent();
const index = new TopicIndex(content.topics.values(), content.glossary.values());

const FLOODS = Array.from({ length: 400 }, (_, i) => nonsense(20_000, i + 1));

bench(
  'understanding 20 KB of nonsense (clean, spell, search)',
  (i) => {
    index.search(cleanInput(FLOODS[i % FLOODS.length]!).text);
  },
  { iterations: 400, warmup: 5, maxMs: 4000 },
);

const assistant = quietAssistant({ content, storage: new MemoryStorage(), index });

bench(
  'assistant turn on 20 KB of nonsense, memory storage',
  async (i) => {
    await assistant.turn({ conversationKey: `flood-${i % 20}`, channel: 'webchat', text: FLOODS[(i * 7 + 3) % FLOODS.length]! });
  },
  { iterations: 400, warmup: 5, maxMs: 6000 },
);
