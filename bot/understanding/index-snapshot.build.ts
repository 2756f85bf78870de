/**
 * Writes the topic index snapshot (index-snapshot.ts) for the content in a folder. Run by
 * scripts/build-assets.js on the compiled build, after the content has been copied into dist/.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadContent } from '../../content/store.js';
import { SNAPSHOT_FILE } from './index-snapshot.js';
import { TopicIndex } from './qa.js';

export function writeIndexSnapshot(dir: string): void {
  const content = loadContent();
  const index = new TopicIndex(content.topics.values(), content.glossary.values());
  writeFileSync(join(dir, SNAPSHOT_FILE), JSON.stringify(index.toSnapshot(content.topics.values(), content.glossary.values())));
}
