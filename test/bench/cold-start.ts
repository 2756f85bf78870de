/**
 * npm run bench:start: cold start of the compiled build (node dist/bot/index.js) beside the TypeScript
 * source run through tsx, timed from process spawn to the first 200 from /healthz, with resident memory
 * at that moment, and then to the first answered question (a typed question through /api/messages), so
 * work put off until after the port opens still shows. Builds first if dist/ is stale. Each run uses a
 * fresh temporary data folder. COLD_START_RUNS (default 5) runs per variant; COLD_START_VARIANTS=compiled
 * skips the tsx run.
 */
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { freePort } from '../helpers/external-tools.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const RUNS = Number(process.env.COLD_START_RUNS ?? 5);

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

/** CPU time (user and system) the process has used, in ms: what start-up costs, however busy the machine is. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // utime and stime are fields 14 and 15 of /proc/<pid>/stat, in clock ticks (100 a second on Linux).
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** The first reply to a typed question, as a new conversation; throws unless the reply answers it. */
async function firstAnswer(port: number): Promise<void> {
  const res = await fetch(`http://127.0.0.1:${port}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'message',
      text: 'what is an EHCP?',
      channelId: 'emulator',
      serviceUrl: 'http://127.0.0.1:9',
      deliveryMode: 'expectReplies',
      conversation: { id: `cold-start-${port}` },
      from: { id: 'user-1', role: 'user' },
      recipient: { id: 'bot', role: 'bot' },
    }),
  });
  const body = (await res.json()) as { activities?: Array<{ text?: string }> };
  const said = (body.activities ?? []).map((a) => a.text ?? '').join(' ');
  if (res.status !== 200 || !/education, health and care plan/i.test(said)) throw new Error(`no answer to the first question (HTTP ${res.status})`);
}

async function once(command: string, args: string[]): Promise<{ ms: number; rss: number; cpu: number; answerMs: number }> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'loa-start-'));
  const started = performance.now();
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${command} exited with ${child.exitCode}`);
      try {
        const res = await fetch(`http://127.0.0.1:${port}/healthz`);
        if (res.status === 200) {
          const ms = performance.now() - started;
          const rss = process.platform === 'linux' ? rssMb(child.pid!) : NaN;
          const cpu = process.platform === 'linux' ? cpuMs(child.pid!) : NaN;
          await firstAnswer(port);
          return { ms, rss, cpu, answerMs: performance.now() - started };
        }
      } catch {
        // Not listening yet.
      }
      await new Promise((r) => setTimeout(r, 5));
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

execFileSync(process.execPath, [join(ROOT, 'scripts', 'ensure-build.js')], { stdio: 'inherit' });
const variants: Array<[string, string, string[]]> = [
  ['compiled (node dist/bot/index.js)', process.execPath, ['dist/bot/index.js']],
  ['source (tsx bot/index.ts)', join(ROOT, 'node_modules', '.bin', 'tsx'), ['bot/index.ts']],
].filter(([name]) => process.env.COLD_START_VARIANTS !== 'compiled' || String(name).startsWith('compiled')) as Array<[string, string, string[]]>;
for (const [name, command, args] of variants) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await once(command, args));
  const ms = runs.map((r) => r.ms);
  const answer = runs.map((r) => r.answerMs);
  console.log(
    `${name}: median ${median(ms).toFixed(0)} ms, min ${Math.min(...ms).toFixed(0)}, max ${Math.max(...ms).toFixed(0)} ms to /healthz 200; ` +
      `first answer at ${median(answer).toFixed(0)} ms (min ${Math.min(...answer).toFixed(0)}, max ${Math.max(...answer).toFixed(0)}); ` +
      `CPU ${median(runs.map((r) => r.cpu)).toFixed(0)} ms to /healthz 200; RSS ${median(runs.map((r) => r.rss)).toFixed(0)} MB (${RUNS} runs)`,
  );
}
