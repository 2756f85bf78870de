/**
 * Runs `npm run build` when dist/ is missing or older than any source or content file, so `npm start` on a
 * fresh checkout (or after an edit) always runs current code, and a start with nothing changed costs only a
 * directory walk instead of a compiler run.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const stamp = join(root, 'dist', '.build-stamp');
const SOURCES = ['bot', 'flows', 'content', 'adapters', 'tsconfig.json', 'tsconfig.build.json', 'package.json', 'scripts/build-assets.js'];

/** The newest modification time under a file or folder. */
function newest(path) {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let latest = info.mtimeMs;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

const builtAt = existsSync(stamp) && existsSync(join(root, 'dist', 'bot', 'index.js')) ? statSync(stamp).mtimeMs : 0;
const stale = builtAt === 0 || SOURCES.some((s) => existsSync(join(root, s)) && newest(join(root, s)) > builtAt);
if (stale) {
  console.log(builtAt === 0 ? 'Building (dist/ is missing)...' : 'Building (sources changed since the last build)...');
  execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
}
