/**
 * npm run bench:http: turn cost over HTTP against the bare stack, in one process tree and one run. A bare
 * echo bot (botbuilder CloudAdapter on restify, state in memory) and the assistant (memory storage, local
 * mode) each run in a child process of their own (test/bench/http-server.ts, same Node and flags), so one
 * side's heap and garbage collection never slow the other, and the load generator here slows neither.
 * Each gets the same autocannon load on /api/messages with deliveryMode expectReplies, spread over 1,000
 * and then 10,000 conversations that were seeded first (one turn each). Prints turns/s, p50 and p99 for
 * both, the server CPU time per turn (much less distorted by a busy machine than latency), and the
 * assistant's p99 as a multiple of the echo bot's. BENCH_ROUNDS (default 1) repeats each
 * size, alternating echo and assistant, and prints every round and the median.
 *
 * The messages cycle through six: two questions and four commands. The assistant remembers the ranking
 * and safeguarding outcome of a message sent again, so those six cost little after the first time.
 * BENCH_TEXTS=varied puts a different question from the tuning sets in each question's place, never one
 * whose result is still remembered: the cost of questions it has not seen.
 */
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

const ROOT = resolve(import.meta.dirname, '..', '..');
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const SIZES = (process.env.BENCH_SIZES ?? '1000,10000').split(',').map(Number);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 1);
/** Extra Node options for both servers alike, e.g. "--heap-prof" or "--trace-gc". */
const SERVER_NODE_OPTIONS = (process.env.BENCH_NODE_OPTIONS ?? '').split(' ').filter(Boolean);
/** BENCH_PROFILE_DIR: each server writes a CPU profile of its measured load alone (not start-up or seeding) there. */
const PROFILING = Boolean(process.env.BENCH_PROFILE_DIR);
/**
 * BENCH_TEXTS=varied: tuning questions (our own sets, not evaluation sets) in place of the two fixed questions,
 * each in four wordings ("hi, ...", "please ...") so there are more distinct questions (over 2,700) than the
 * assistant remembers results for (bot/remembered-risk.ts, bot/understanding/remembered-search.ts). They come
 * round in the same order, each load going on where the last stopped, so a remembered result is always gone
 * before its question comes back: every question is worked out afresh, as one never seen before would be.
 */
const WORDINGS = ['', 'hi, ', 'please ', 'quick question: '];
const VARIED =
  process.env.BENCH_TEXTS === 'varied'
    ? WORDINGS.flatMap((lead) =>
        ['tuning-questions.yaml', 'tuning-blind-questions.yaml', 'tuning-blind-questions-2.yaml', 'tuning-blind-questions-3.yaml']
          .flatMap((name) => parse(readFileSync(join(ROOT, 'test', 'fixtures', 'understanding', name), 'utf8')) as { text?: string }[])
          .flatMap((q) => (q.text ? [`${lead}${q.text}`] : [])),
      )
    : null;

function activity(conversation: string, text: string): string {
  return JSON.stringify({
    type: 'message',
    text,
    channelId: 'emulator',
    serviceUrl: 'http://127.0.0.1:9',
    deliveryMode: 'expectReplies',
    conversation: { id: conversation },
    from: { id: 'user-1', role: 'user' },
    recipient: { id: 'bot', role: 'bot' },
  });
}

interface Served {
  url: string;
  child: ChildProcess;
}

/** Starts one server in its own process and waits for the URL it prints. */
async function serve(kind: 'echo' | 'assistant'): Promise<Served> {
  const child = spawn(process.execPath, [...SERVER_NODE_OPTIONS, '--import', 'tsx', join(ROOT, 'test', 'bench', 'http-server.ts'), kind], {
    cwd: ROOT,
    env: process.env,
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((ok, fail) => {
    child.once('exit', (code) => fail(new Error(`the ${kind} server exited with ${code}`)));
    lines.once('line', (line) => ok((JSON.parse(line) as { url: string }).url));
  });
  return { url, child };
}

async function stop(served: Served): Promise<void> {
  if (served.child.exitCode !== null) return;
  const exited = new Promise((r) => served.child.once('exit', r));
  served.child.kill('SIGTERM');
  await exited;
}

/** One turn per conversation, a few at a time; a reset connection under load is retried, not fatal. */
async function seed(url: string, size: number, from: number): Promise<void> {
  const batch = 10;
  const post = async (id: string, tries = 3): Promise<void> => {
    try {
      await (await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: activity(id, 'hi') })).text();
    } catch (err) {
      if (tries <= 1) throw err;
      await post(id, tries - 1);
    }
  };
  for (let i = from; i < size; i += batch) {
    await Promise.all(Array.from({ length: Math.min(batch, size - i) }, (_, j) => post(`bench-${i + j}`)));
  }
}

/** The server's CPU time so far, in milliseconds. */
async function cpuMs(served: Served): Promise<number> {
  const usage = await new Promise<NodeJS.CpuUsage>((ok) => {
    served.child.once('message', (m) => ok(m as NodeJS.CpuUsage));
    served.child.send('cpu');
  });
  return (usage.user + usage.system) / 1000;
}

/**
 * Where each server is in the varied questions: each load goes on from where its last stopped, so the
 * 10,000-conversation run does not send the questions of the 1,000 one again while their results are
 * still remembered (the safeguarding outcomes of the last 2,000 messages are).
 */
const variedAt = new Map<Served, number>();

async function load(served: Served, size: number): Promise<{ rps: number; p50: number; p99: number; errors: number; cpuPerTurn: number }> {
  const url = served.url;
  const cpuBefore = await cpuMs(served);
  let n = 0;
  const from = variedAt.get(served) ?? 0;
  const texts = ['what is an ehcp', 'menu', '1', 'what does SENCO mean?', 'back', 'help'];
  const result = await autocannon({
    url: `${url}/api/messages`,
    method: 'POST',
    connections: CONNECTIONS,
    duration: DURATION,
    headers: { 'content-type': 'application/json' },
    requests: [
      {
        setupRequest: (req) => {
          const slot = n % texts.length;
          const text = VARIED && (slot === 0 || slot === 3) ? VARIED[(from + Math.floor(n / 3)) % VARIED.length]! : texts[slot]!;
          return { ...req, body: activity(`bench-${(n++ * 7919) % size}`, text) };
        },
      },
    ],
  });
  const cpuPerTurn = (await cpuMs(served)) - cpuBefore;
  variedAt.set(served, from + Math.ceil(n / 3));
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
    cpuPerTurn: cpuPerTurn / Math.max(result.requests.total, 1),
  };
}

const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
type Result = Awaited<ReturnType<typeof load>>;
const line = (name: string, r: Result) =>
  `  ${name.padEnd(10)} ${r.rps.toFixed(0).padStart(6)} turns/s  p50 ${r.p50} ms  p99 ${r.p99} ms  CPU ${r.cpuPerTurn.toFixed(2)} ms/turn  errors ${r.errors}`;

const [echo, app] = await Promise.all([serve('echo'), serve('assistant')]);
try {
  let seeded = 0;
  console.log(
    `bench:http ${CONNECTIONS} connections, ${DURATION} s per run, ${ROUNDS} round(s), Node ${process.version}` +
      (VARIED ? `, ${VARIED.length} varied questions` : ''),
  );
  for (const size of SIZES) {
    await seed(echo.url, size, seeded);
    await seed(app.url, size, seeded);
    seeded = size;
    console.log(`${size} stored conversations`);
    const ratios: number[] = [];
    const rounds: Array<{ e: Result; a: Result }> = [];
    for (let round = 0; round < ROUNDS; round++) {
      // Alternate which side goes first, so a burst of noise on a shared machine does not always fall on one.
      const first = round % 2 === 0 ? echo : app;
      const second = first === echo ? app : echo;
      if (PROFILING) first.child.kill('SIGUSR2');
      const r1 = await load(first, size);
      if (PROFILING) second.child.kill('SIGUSR2');
      const r2 = await load(second, size);
      const [e, a] = first === echo ? [r1, r2] : [r2, r1];
      rounds.push({ e, a });
      ratios.push(a.p99 / Math.max(e.p99, 1));
      if (ROUNDS > 1)
        console.log(
          `  round ${round + 1}: echo ${e.rps.toFixed(0)} t/s p99 ${e.p99} ms ${e.cpuPerTurn.toFixed(2)} ms CPU/turn, ` +
            `assistant ${a.rps.toFixed(0)} t/s p99 ${a.p99} ms ${a.cpuPerTurn.toFixed(2)} ms CPU/turn, p99 ${ratios.at(-1)!.toFixed(2)}x`,
        );
    }
    const pick = (side: 'e' | 'a'): Result => ({
      rps: median(rounds.map((r) => r[side].rps)),
      p50: median(rounds.map((r) => r[side].p50)),
      p99: median(rounds.map((r) => r[side].p99)),
      errors: rounds.reduce((n, r) => n + r[side].errors, 0),
      cpuPerTurn: median(rounds.map((r) => r[side].cpuPerTurn)),
    });
    const e = pick('e');
    const a = pick('a');
    console.log(line('echo bot', e));
    console.log(line('assistant', a));
    console.log(
      `  ratio      turns/s ${(e.rps / a.rps).toFixed(2)}x fewer, CPU per turn ${(a.cpuPerTurn / e.cpuPerTurn).toFixed(2)}x, p99 ${median(ratios).toFixed(2)}x the echo bot's` +
        (ROUNDS > 1 ? ` (median of ${ROUNDS}; ${Math.min(...ratios).toFixed(2)} to ${Math.max(...ratios).toFixed(2)})` : ''),
    );
  }
} finally {
  await Promise.all([stop(echo), stop(app)]);
}
