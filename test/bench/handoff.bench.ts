/**
 * What switching handoff on costs an ordinary turn: the assistant asks whether a handoff is open (one
 * storage read) and notes the turn for a transcript the person may later share (a read and a write).
 * The same pathway walk as the turn bench, on lowdb, with handoff off and on.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import type { LocalOfferAssistant } from '../../bot/assistant.js';
import { Composer } from '../../bot/compose.js';
import { HandoffService } from '../../bot/handoff/handoff-service.js';
import { HelplineHours } from '../../bot/handoff/hours.js';
import { ProactiveSender } from '../../bot/handoff/proactive.js';
import { TopicIndex } from '../../bot/understanding/qa.js';
import { loadContent } from '../../content/store.js';
import { LowdbStorage } from '../../adapters/storage/lowdb.storage.js';
import { bench, summarise } from './harness.js';
import { quietAssistant, quietLogger as quiet, walkStep } from './quiet-assistant.js';

const content = loadContent();
const index = new TopicIndex(content.topics.values(), content.glossary.values());
const NAME = 'pathway step turn on lowdb with handoff';

function handoffFor(storage: LowdbStorage): HandoffService {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  return new HandoffService({
    storage,
    content,
    compose: new Composer(content),
    sender: new ProactiveSender(() => adapter, { appId: '', localMode: true }),
    renderers: { webchat: () => [], teams: () => [], sms: () => [] },
    hours: new HelplineHours(content.council.helpline.openingHours),
    logger: quiet,
    settings: {
      queue: { serviceUrl: 'http://127.0.0.1:1', conversation: { id: 'q' } as never },
      waitMs: 180_000,
      callbackRetentionDays: 14,
      keySecret: 'bench',
    },
  });
}

for (const on of [false, true]) {
  let dir = '';
  let assistant: LocalOfferAssistant;
  bench(`${NAME} ${on ? 'on' : 'off'}`, (i) => walkStep(assistant, i), {
    iterations: 1500,
    warmup: 50,
    maxMs: 6000,
    setup: () => {
      dir = mkdtempSync(join(tmpdir(), 'loa-bench-handoff-'));
      const storage = new LowdbStorage({ dir });
      assistant = quietAssistant({ content, storage, index, handoff: on ? handoffFor(storage) : undefined });
    },
    teardown: () => rmSync(dir, { recursive: true, force: true }),
  });
}

summarise((results) => {
  const off = results.find((r) => r.name === `${NAME} off`);
  const on = results.find((r) => r.name === `${NAME} on`);
  if (!off || !on) return undefined;
  return `${NAME}: median with handoff on is ${(on.medianUs / off.medianUs).toFixed(2)}x the median with it off`;
});
