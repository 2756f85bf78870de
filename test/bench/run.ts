/**
 * npm run bench: imports every test/bench/*.bench.ts (each registers its benches) and runs them within
 * a time budget. Optional first argument: a pattern to run only the benches whose names match.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { formatHeader, runBenches } from './harness.js';

const here = dirname(fileURLToPath(import.meta.url));
const files = readdirSync(here)
  .filter((name) => name.endsWith('.bench.ts'))
  .sort();
for (const file of files) await import(pathToFileURL(join(here, file)).href);

const pattern = process.argv[2];
console.log(`Node ${process.version}, ${files.length} bench file(s): ${files.join(', ')}`);
console.log(formatHeader());
const started = Date.now();
await runBenches({ budgetMs: 55_000, filter: pattern ? new RegExp(pattern) : undefined });
console.log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
