/**
 * The trained model as files: model/weights.bin (int8 weights) and model/model.json (labels, scales,
 * the corpus fingerprint). Written by `npm run safeguarding:train`, read once at start-up: a few
 * milliseconds, and a missing or damaged model stops the assistant from starting rather than quietly
 * running with one layer.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { LinearModel, type ModelMeta } from './model.js';
import { readUnpacked, unpackedKey, writeUnpacked } from './unpacked.js';

export const MODEL_DIR = new URL('../model/', import.meta.url);

function readQuantised(dir: URL): { meta: ModelMeta; bytes: Int8Array; key: string } {
  const meta = JSON.parse(readFileSync(new URL('model.json', dir), 'utf8')) as ModelMeta;
  const buf = readFileSync(new URL('weights.bin', dir));
  const bytes = new Int8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  return { meta, bytes, key: unpackedKey(bytes, [meta.labels, meta.scales]) };
}

/** The model, from the build's float32 copy (weights.f32, unpacked.ts) when it matches weights.bin. */
export function readModel(dir: URL = MODEL_DIR): { model: LinearModel; meta: ModelMeta } {
  const { meta, bytes, key } = readQuantised(dir);
  const unpacked = readUnpacked(new URL('weights.f32', dir), key, bytes.length);
  return { model: unpacked ? LinearModel.frozen(meta.labels, unpacked) : LinearModel.fromQuantised(meta.labels, bytes, meta.scales), meta };
}

/** Writes weights.f32 for readModel: the int8 weights multiplied out and laid out feature by feature. */
export function writeUnpackedModel(dir: URL = MODEL_DIR): void {
  const { meta, bytes, key } = readQuantised(dir);
  writeUnpacked(new URL('weights.f32', dir), key, LinearModel.fromQuantised(meta.labels, bytes, meta.scales).featureMajor());
}

export function writeModel(model: LinearModel, info: Omit<ModelMeta, 'labels' | 'scales' | 'buckets'>, dir: URL = MODEL_DIR): void {
  const { bytes, scales } = model.quantise();
  const meta: ModelMeta = { labels: [...model.labels], buckets: bytes.length / model.labels.length, scales, ...info };
  writeFileSync(new URL('weights.bin', dir), bytes);
  writeFileSync(new URL('model.json', dir), `${JSON.stringify(meta, null, 2)}\n`);
}
