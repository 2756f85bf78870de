/**
 * Float32 copies of the int8 model files, written by the build (scripts/build-assets.js, into dist/) for
 * the start to read instead of multiplying every weight out again and laying them out feature by feature:
 * the hashed layer's 1.1 million weights took about 0.1 s of CPU at every start, reading the copy a
 * fifth of that. A copy is used only while the key written beside it (a SHA-256 digest
 * of the int8 file and its scales) matches the files it was made from; otherwise (a retrained model, no
 * build) the int8 file is read as before. Either way the numbers are the same, to the bit: the copy is the
 * very array the int8 reader makes.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';

/** A digest of what an unpacked copy is made from: the int8 bytes and whatever else they are read with. */
export function unpackedKey(bytes: Uint8Array | Int8Array, extra: unknown): string {
  return createHash('sha256')
    .update(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength))
    .update(JSON.stringify(extra))
    .digest('base64url');
}

const keyFile = (file: URL): URL => new URL(`${file.href}.key`);

/** The copy at `file` when its key is `key` and it holds `length` numbers; null when missing or stale. */
export function readUnpacked(file: URL, key: string, length: number): Float32Array | null {
  let buf: Buffer;
  try {
    if (readFileSync(keyFile(file), 'utf8').trim() !== key) return null;
    buf = readFileSync(file);
  } catch {
    return null;
  }
  if (buf.byteLength !== length * 4) return null;
  // A file of this size has a buffer of its own, aligned; a smaller one may sit in a shared pool.
  if (buf.byteOffset % 4 === 0) return new Float32Array(buf.buffer, buf.byteOffset, length);
  const out = new Float32Array(length);
  new Uint8Array(out.buffer).set(buf);
  return out;
}

export function writeUnpacked(file: URL, key: string, data: Float32Array): void {
  writeFileSync(file, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  writeFileSync(keyFile(file), `${key}\n`);
}
