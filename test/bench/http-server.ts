/**
 * One server for npm run bench:http, run in a child process of its own so neither side's heap, garbage
 * collection or event loop slows the other, and the load generator (in the parent) slows neither.
 * `echo`: the bare stack (botbuilder CloudAdapter on restify, conversation state in memory).
 * `assistant`: the whole assistant in local mode with memory storage, built as `npm start` builds it.
 * Prints the listening URL as one line of JSON on standard output, then serves until killed.
 */
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, ConversationState, MemoryStorage, type TurnContext } from 'botbuilder';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';
import restify from 'restify';
import { startApp } from '../helpers/http.js';
import { warmUp } from '../../bot/warm-up.js';

async function startEcho(): Promise<string> {
  // Anonymous, as the assistant runs in local mode.
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const state = new ConversationState(new MemoryStorage());
  const turns = state.createProperty<number>('turns');
  const server = restify.createServer();
  server.use(restify.plugins.bodyParser());
  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, async (context: TurnContext) => {
      await turns.set(context, ((await turns.get(context, 0)) ?? 0) + 1);
      await context.sendActivity(`echo: ${context.activity.text}`);
      await state.saveChanges(context);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return `http://127.0.0.1:${server.address().port}`;
}

async function startAssistant(): Promise<string> {
  const app = await startApp({ STORAGE: 'memory', WEBCHAT_ENABLED: 'false' });
  // As bot/index.ts does after start, so the measured turns do not pay for a one-off library load, or for
  // the practice turns running beside them. BENCH_PRACTICE=off leaves the practice turns out, to see the
  // cost of a process's first questions.
  warmUp();
  if (process.env.BENCH_PRACTICE !== 'off') await app.practise();
  return app.url;
}

const kind = process.argv[2];
if (kind !== 'echo' && kind !== 'assistant') throw new Error('usage: http-server.ts echo|assistant');
const url = kind === 'echo' ? await startEcho() : await startAssistant();
process.stdout.write(`${JSON.stringify({ url })}\n`);
// CPU time used so far, asked for by the bench around each load: a cost per turn that a busy machine
// distorts far less than latency.
process.on('message', (message) => {
  if (message === 'cpu') process.send?.(process.cpuUsage());
});

/**
 * With BENCH_PROFILE_DIR set, SIGUSR2 starts a CPU profile and SIGTERM writes it there before exiting, so a
 * profile holds the measured load alone, not start-up or seeding.
 */
const profileDir = process.env.BENCH_PROFILE_DIR;
const session = profileDir ? new Session() : undefined;
session?.connect();
const post = (method: string) => new Promise<unknown>((ok, fail) => session!.post(method, (err, result) => (err ? fail(err) : ok(result))));
let profiling = false;
process.on('SIGUSR2', () => {
  if (!session || profiling) return;
  profiling = true;
  void post('Profiler.enable').then(() => post('Profiler.start'));
});
process.once('SIGTERM', () => {
  if (!session || !profiling) process.exit(0);
  void post('Profiler.stop').then((result) => {
    writeFileSync(join(profileDir!, `${kind}.${process.pid}.cpuprofile`), JSON.stringify((result as { profile: unknown }).profile));
    process.exit(0);
  });
});
