/**
 * Copies the files the compiled app reads at run time (content data, the web chat page's script and styles,
 * the Teams manifest template) next to the compiled JavaScript in dist/, so dist/ runs on its own.
 * Each content YAML file also gets its parsed form beside it as JSON (`<file>.parsed.json`): reading JSON
 * takes a fraction of the time of parsing YAML, and content/store.ts uses it only while it is newer than the
 * YAML, so an edit to a YAML file in dist/ still counts (content/parsed-copies.ts, compiled first by tsc).
 * The safeguarding model's int8 files get float32 copies beside them (`*.f32`), read while they match.
 * Last, the topic index is built once and kept as dist/bot/understanding/topic-index.snapshot.json.
 */
import { cpSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeParsedCopies } from '../dist/content/parsed-copies.js';
import { writeIndexSnapshot } from '../dist/bot/understanding/index-snapshot.build.js';
import { writeUnpackedCopies } from '../dist/bot/safeguarding/classifier/unpacked-copies.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const ASSET_DIRS = ['content/data', 'adapters/webchat/public', 'adapters/teams/manifest', 'bot/safeguarding/model'];

for (const dir of ASSET_DIRS) {
  const to = join(root, 'dist', dir);
  rmSync(to, { recursive: true, force: true });
  cpSync(join(root, dir), to, { recursive: true });
}
writeParsedCopies(join(root, 'dist', 'content', 'data'));
// The safeguarding model's int8 weights and vectors multiplied out once here (bot/safeguarding/classifier/unpacked.ts).
writeUnpackedCopies();
// The topic index worked out once here, for the start to read (bot/understanding/index-snapshot.ts).
// Content that cannot be loaded is left for the start to report in full; it then builds the index itself.
try {
  writeIndexSnapshot(join(root, 'dist', 'bot', 'understanding'));
} catch (err) {
  console.warn(`No topic index snapshot (${err.name}): the assistant will index the content when it starts.`);
}

// The start script compares source times with this stamp to decide whether to build again.
writeFileSync(join(root, 'dist', '.build-stamp'), `${new Date().toISOString()}\n`);
