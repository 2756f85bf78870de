/**
 * The topic index as the build works it out (`npm run build` writes dist/bot/understanding/
 * topic-index.snapshot.json), so a start reads it instead of tokenising, stemming and indexing the whole
 * content store again: that was about a third of the compiled start's CPU time.
 *
 * A snapshot is used only for exactly the content and word vectors it was made from: its key is a hash
 * of both. Content edited after the build, another council's files or missing vectors give another key,
 * and the index is then built from the content as before. Either way the ranking is the same
 * (test/understanding/index-snapshot.test.ts).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type MiniSearch from 'minisearch';
import type { GlossaryTerm, Topic } from '../../content/schema.js';
import type { TfIdfDocument } from './natural.js';
import type { QuestionType } from './question-type.js';
import type { SentenceRarity } from './sentence-rank.js';
import type { WordVectors } from './word-vectors.js';

/** Changes whenever what a snapshot holds changes shape. */
export const SNAPSHOT_FORMAT = 3;

export const SNAPSHOT_FILE = 'topic-index.snapshot.json';

export interface IndexSnapshot {
  format: number;
  /** snapshotKey() of the inputs it was made from. */
  key: string;
  /** Per topic, in the content's order: its names' stems, every stem it uses, the kinds of question its names name. */
  topics: { phrases: string[][]; known: string[]; named: QuestionType[] }[];
  compact: TfIdfDocument[];
  full: TfIdfDocument[];
  vocabulary: [string, number][];
  passages: Parameters<typeof MiniSearch.loadJS>[0];
  records: Parameters<typeof MiniSearch.loadJS>[0];
  /** The same records as a plain search engine indexes them, unstemmed (topic-features.ts). */
  plainRecords: Parameters<typeof MiniSearch.loadJS>[0];
  idf: [string, number][];
  knownStems: string[];
  /** How rare each stem is across the content's sentences (sentence-rank.ts). */
  sentences: SentenceRarity;
  /** The passages' meaning vectors, as the bytes of a Float32Array in base64; null without word vectors. */
  vectors: string | null;
}

/** A hash of everything the index is built from. */
export function snapshotKey(topics: Topic[], glossary: GlossaryTerm[], vectors: WordVectors | null): string {
  return createHash('sha256')
    .update(JSON.stringify([SNAPSHOT_FORMAT, topics, glossary, vectors ? vectors.fingerprint() : null]))
    .digest('base64url');
}

export function floatsToBase64(values: Float32Array): string {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64');
}

export function floatsFromBase64(text: string): Float32Array {
  const bytes = Buffer.from(text, 'base64');
  // Copied into a buffer of its own: a Float32Array needs 4-byte alignment, which a pooled Buffer may not have.
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

/** The snapshot the build wrote beside this module, if there is one. */
export function readIndexSnapshot(file: URL | string = new URL(`./${SNAPSHOT_FILE}`, import.meta.url)): IndexSnapshot | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as IndexSnapshot;
  } catch {
    return undefined;
  }
}
