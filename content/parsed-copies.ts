/**
 * The parsed form of each content YAML file, written beside it as `<file>.parsed.json` by the build
 * (scripts/build-assets.js, into dist/), for content/store.ts to read instead of parsing the YAML at every
 * start: JSON reads many times faster, and parsing the YAML was a large part of start-up.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parse } from 'yaml';

export const PARSED_SUFFIX = '.parsed.json';

/**
 * Writes `<file>.parsed.json` beside each YAML file under `dir` that parses and whose parsed value JSON
 * holds exactly. A file that does not parse gets no copy: the app then parses it and reports the problem.
 */
export function writeParsedCopies(dir: string): number {
  let written = 0;
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) {
      written += writeParsedCopies(full);
      continue;
    }
    if (!/\.ya?ml$/.test(name)) continue;
    let value: unknown;
    try {
      value = parse(readFileSync(full, 'utf8'));
    } catch {
      continue;
    }
    const json = JSON.stringify(value);
    if (json === undefined || !isDeepStrictEqual(JSON.parse(json), value)) continue;
    writeFileSync(`${full}${PARSED_SUFFIX}`, json);
    written++;
  }
  return written;
}

/**
 * The parsed copy of a YAML file, when there is one at least as new as the YAML (so an edit made after the
 * build counts); undefined otherwise.
 */
export function readParsedCopy(file: string): unknown {
  const copy = `${file}${PARSED_SUFFIX}`;
  try {
    if (statSync(copy).mtimeMs < statSync(file).mtimeMs) return undefined;
    return JSON.parse(readFileSync(copy, 'utf8'));
  } catch {
    return undefined;
  }
}
