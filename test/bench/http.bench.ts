/**
 * npm run bench:http: turn cost over HTTP against the bare stack, in one process and one run. A bare echo
 * bot (botbuilder CloudAdapter on restify, state in memory) and the assistant (memory storage, local mode)
 * each get the same autocannon load on /api/messages with deliveryMode expectReplies, spread over 1,000
 * and then 10,000 conversations that were seeded first (one turn each). Prints turns/s, p50 and p99 for
 * both, and the assistant's p99 as a multiple of the echo bot's.
 */
import autocannon from 'autocannon';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, ConversationState, MemoryStorage, type TurnContext } from 'botbuilder';
import restify from 'restify';
import { startApp } from '../helpers/http.js';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const SIZES = (process.env.BENCH_SIZES ?? '1000,10000').split(',').map(Number);

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

async function startEcho(): Promise<{ url: string; close(): void }> {
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
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
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

async function load(url: string, size: number): Promise<{ rps: number; p50: number; p99: number; errors: number }> {
  let n = 0;
  const texts = ['what is an ehcp', 'menu', '1', 'what does SENCO mean?', 'back', 'help'];
  const result = await autocannon({
    url: `${url}/api/messages`,
    method: 'POST',
    connections: CONNECTIONS,
    duration: DURATION,
    headers: { 'content-type': 'application/json' },
    requests: [{ setupRequest: (req) => ({ ...req, body: activity(`bench-${(n * 7919) % size}`, texts[n++ % texts.length]!) }) }],
  });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

const echo = await startEcho();
const app = await startApp({ STORAGE: 'memory', WEBCHAT_ENABLED: 'false' });
let seeded = 0;
console.log(`bench:http ${CONNECTIONS} connections, ${DURATION} s per run, Node ${process.version}`);
for (const size of SIZES) {
  await seed(echo.url, size, seeded);
  await seed(app.url, size, seeded);
  seeded = size;
  const e = await load(echo.url, size);
  const a = await load(app.url, size);
  const line = (name: string, r: typeof e) =>
    `  ${name.padEnd(10)} ${r.rps.toFixed(0).padStart(6)} turns/s  p50 ${r.p50} ms  p99 ${r.p99} ms  errors ${r.errors}`;
  console.log(`${size} stored conversations`);
  console.log(line('echo bot', e));
  console.log(line('assistant', a));
  console.log(`  ratio      turns/s ${(e.rps / a.rps).toFixed(2)}x fewer, p99 ${(a.p99 / Math.max(e.p99, 1)).toFixed(2)}x the echo bot's`);
}
echo.close();
await app.close();
