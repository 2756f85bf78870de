/** Where the content tests find the shipped content and their fixtures. */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const FIXTURES = join(ROOT, 'test', 'fixtures');
export const SAMPLE_COUNCIL = join(ROOT, 'content', 'data', 'council', 'sample-council.yaml');
export const SAMPLE_FEED = join(ROOT, 'content', 'data', 'services', 'sample-council.oruk.json');
export const TODAY = new Date('2026-11-22T12:00:00Z');

/** A small content root under test/fixtures/content, with the shipped sample council. */
export const fixtureRoot = (name: string) => ({ root: join(FIXTURES, 'content', name), councilFile: SAMPLE_COUNCIL });
