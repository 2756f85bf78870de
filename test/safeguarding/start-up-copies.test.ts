/**
 * What the start reads instead of working out again gives the same numbers, to the bit, and is not
 * trusted once it no longer matches its source: the hashed layer's float32 copy (unpacked.ts), the
 * meaning layer's vectors multiplied out word by word, the word vectors read word by word, and their kept digest.
 */
import { closeSync, cpSync, mkdtempSync, openSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MODEL_DIR, readModel, writeUnpackedModel } from '../../bot/safeguarding/classifier/artefact.js';
import { DIMENSIONS, readMeaningVectors, VECTORS_FILE } from '../../bot/safeguarding/classifier/meaning-input.js';
import { LinearModel } from '../../bot/safeguarding/classifier/model.js';
import { DIMENSIONS as WORD_DIMENSIONS, loadWordVectors, vectorCacheDir, WordVectors } from '../../bot/understanding/word-vectors.js';

let dir: string;
let dirUrl: URL;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'loa-unpacked-'));
  cpSync(new URL('.', MODEL_DIR), dir, { recursive: true });
  dirUrl = pathToFileURL(`${dir}/`);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The model as the int8 file alone gives it. */
function fromInt8(): LinearModel {
  const meta = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as { labels: string[]; scales: number[] };
  const buf = readFileSync(join(dir, 'weights.bin'));
  return LinearModel.fromQuantised(meta.labels, new Int8Array(buf.buffer, buf.byteOffset, buf.byteLength), meta.scales);
}

const same = (a: Float32Array, b: Float32Array): boolean =>
  Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.byteLength), Buffer.from(b.buffer, b.byteOffset, b.byteLength)) === 0;

test('the float32 copy of the hashed layer gives the same weights, both layouts, and the same predictions', () => {
  const expected = fromInt8();
  writeUnpackedModel(dirUrl);
  const { model } = readModel(dirUrl);
  expect(same(model.featureMajor(), expected.featureMajor())).toBe(true);
  expect(same(model.weights, expected.weights)).toBe(true);
  const features = Int32Array.from([3, 99, 1_000, 4_242, 7]);
  expect([...model.predict(features)]).toEqual([...expected.predict(features)]);
});

test('a copy that no longer matches the int8 file is not read', () => {
  const expected = fromInt8();
  writeUnpackedModel(dirUrl);
  // A retrained model's copy (here: other numbers under the old key) would give other weights if read.
  writeFileSync(join(dir, 'weights.f32'), Buffer.alloc(readFileSync(join(dir, 'weights.f32')).length, 7));
  writeFileSync(join(dir, 'weights.f32.key'), 'stale\n');
  expect(same(readModel(dirUrl).model.featureMajor(), expected.featureMajor())).toBe(true);
  // A copy of the wrong size is not read either.
  writeUnpackedModel(dirUrl);
  writeFileSync(join(dir, 'weights.f32'), Buffer.alloc(16));
  expect(same(readModel(dirUrl).model.featureMajor(), expected.featureMajor())).toBe(true);
});

test('the meaning vectors multiplied out word by word are those multiplied out all at once', () => {
  const bytes = readFileSync(VECTORS_FILE);
  const scale = bytes.readFloatLE(0);
  const q = new Int8Array(bytes.buffer, bytes.byteOffset + 4, bytes.length - 4);
  const eager = new Float32Array(q.length);
  for (let i = 0; i < q.length; i++) eager[i] = (q[i] as number) * scale;
  const lazy = readMeaningVectors();
  for (const i of [0, 1, 17, lazy.size - 1]) {
    const rows = lazy.vectorsWith(i);
    expect(same(rows.subarray(i * DIMENSIONS, (i + 1) * DIMENSIONS), eager.subarray(i * DIMENSIONS, (i + 1) * DIMENSIONS))).toBe(true);
  }
  expect(same(readMeaningVectors().data, eager)).toBe(true);
});

test("the word vectors' kept digest is used only while the file's size and time match", () => {
  const path = join(dir, 'vectors.f32');
  const data = Float32Array.from({ length: 2 * WORD_DIMENSIONS }, (_, i) => Math.sin(i));
  const other = Float32Array.from(data, (v) => v + 1);
  writeFileSync(path, Buffer.from(data.buffer));
  utimesSync(path, 1_000, 1_000);
  const fd = openSync(path, 'r');
  try {
    const file = { path, fd, size: data.byteLength, mtimeMs: 1_000_000 };
    const print = new WordVectors(['a', 'b'], new Float32Array(data.length), file).fingerprint();
    expect(JSON.parse(readFileSync(`${path}.digest`, 'utf8'))).toEqual({ size: file.size, mtimeMs: file.mtimeMs, print });
    expect(new WordVectors(['a', 'b'], data).fingerprint()).toBe(print);

    // Other vectors in a file whose size and time still match would be told by the kept digest alone...
    writeFileSync(path, Buffer.from(other.buffer));
    utimesSync(path, 1_000, 1_000);
    expect(new WordVectors(['a', 'b'], new Float32Array(data.length), file).fingerprint()).toBe(print);
    // ...but a file replaced by the build is a new file, with a new time: its vectors are hashed again.
    const replaced = new WordVectors(['a', 'b'], new Float32Array(data.length), { ...file, mtimeMs: 2_000_000 }).fingerprint();
    expect(replaced).toBe(new WordVectors(['a', 'b'], other).fingerprint());
    expect(replaced).not.toBe(print);
  } finally {
    closeSync(fd);
  }
});

test('word vectors read from the file as asked for are those read all at once', () => {
  const vectors = loadWordVectors();
  expect(vectors).not.toBeNull();
  const bytes = readFileSync(join(vectorCacheDir(), 'vectors.v1.f32'));
  const whole = new WordVectors(
    readFileSync(join(vectorCacheDir(), 'words.v1.txt'), 'utf8').split('\n'),
    new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4),
  );
  for (const word of ['school', 'the', 'ehcp', 'tribunal', 'respite', 'zzqxplorb']) {
    const a = new Float32Array(WORD_DIMENSIONS);
    const b = new Float32Array(WORD_DIMENSIONS);
    expect(vectors!.addTo(a, word, 0.5)).toBe(whole.addTo(b, word, 0.5));
    expect(same(a, b)).toBe(true);
  }
  expect(vectors!.fingerprint()).toBe(whole.fingerprint());
});
