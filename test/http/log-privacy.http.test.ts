/**
 * Every line the app writes, on every path, while it is sent hostile and ordinary requests through
 * HTTP: typed names, phone numbers and emails, deeply nested JSON, bodies over the limit, broken JSON,
 * forged and missing tokens. None of the typed texts, tokens or secrets may appear in any line, and a
 * refused authentication is one short JSON line with no stack trace.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { buildApp, type App } from '../../bot/app.js';

// What people typed, and what must stay secret. Each must never reach a log line.
const NAME = 'Zebedee Quarrington';
const PHONE = '07700 900123';
const EMAIL = 'zebedee.quarrington@example.org';
const APP_PASSWORD = 'app-password-Xq93kLmZ';
const KEY_SECRET = 'conversation-key-secret-7f3a9c1e5b2d4f6a8c0e';
const DL_SECRET = 'direct-line-secret-Hj48Tq';
const FORGED = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhdHRhY2tlciJ9.Zm9yZ2VkLXNpZ25hdHVyZQ';

const lines: string[] = [];
const sink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    done();
  },
});
const logger = pino({ level: 'trace', base: { service: 'local-offer-assistant' } }, sink);

/** Everything written to the console or straight to stdout/stderr counts as a log line too. */
const restore: Array<() => void> = [];
function capture(target: object, method: string): void {
  const holder = target as Record<string, unknown>;
  const original = holder[method];
  holder[method] = (...args: unknown[]) => {
    lines.push(args.map((a) => (a instanceof Error ? `${a.name}: ${a.message}\n${a.stack ?? ''}` : typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
    return true;
  };
  restore.push(() => {
    holder[method] = original;
  });
}

const deep = (levels: number): string => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;

async function post(app: App, path: string, body: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${app.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return { status: res.status, text: await res.text() };
}

function activity(text: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'message',
    text,
    channelId: 'emulator',
    serviceUrl: 'http://127.0.0.1:9',
    deliveryMode: 'expectReplies',
    conversation: { id: 'log-privacy' },
    from: { id: 'user-1', name: NAME },
    recipient: { id: 'bot' },
    ...extra,
  };
}

let local: App;
let framework: App;

beforeAll(async () => {
  for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace']) capture(console, method);
  capture(process.stdout, 'write');
  capture(process.stderr, 'write');
  const dir = mkdtempSync(join(tmpdir(), 'loa-logs-'));
  local = await buildApp({ env: { PORT: '0', HOST: '127.0.0.1', DATA_DIR: join(dir, 'local'), LOG_LEVEL: 'trace' }, logger });
  await local.listen();
  framework = await buildApp({
    env: {
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: join(dir, 'framework'),
      LOG_LEVEL: 'trace',
      MicrosoftAppId: '00000000-0000-0000-0000-000000000001',
      MicrosoftAppPassword: APP_PASSWORD,
      CONVERSATION_KEY_SECRET: KEY_SECRET,
      DIRECT_LINE_SECRET: DL_SECRET,
      WEBCHAT_TRUSTED_ORIGINS: 'https://localoffer.example.org',
      TEAMS_ALLOWED_TENANTS: '11111111-2222-3333-4444-555555555555',
    },
    logger,
  });
  await framework.listen();
});

afterAll(async () => {
  await local?.close();
  await framework?.close();
  restore.forEach((undo) => undo());
});

describe('hostile and ordinary requests leave nothing personal or secret in the logs', () => {
  const tokens: string[] = [];

  test('ordinary messages with names, phone numbers and emails are answered', async () => {
    for (const text of [`my name is ${NAME}`, `call me on ${PHONE}`, `my email is ${EMAIL}`, `${NAME} ${PHONE} what is an ehcp`]) {
      const res = await post(local, '/api/messages', JSON.stringify(activity(text)));
      expect(res.status).toBe(200);
    }
  });

  test('deep nesting in from, value or channelData is refused before the bot, with a reason', async () => {
    for (const field of ['from', 'value', 'channelData']) {
      const body = JSON.stringify(activity(`${NAME} ${PHONE}`)).replace(/}$/, `,"${field}":${deep(5000)}}`);
      const res = await post(local, '/api/messages', body);
      expect(res.status).toBe(400);
      expect(res.text).toMatch(/nested more than 32 levels/);
    }
  });

  test('bodies over the limit and broken JSON are refused', async () => {
    const huge = await post(local, '/api/messages', JSON.stringify(activity(`${NAME} ${PHONE} `.repeat(20_000))));
    expect(huge.status).toBe(413);
    const broken = await post(local, '/api/messages', `{"type":"message","text":"${NAME} ${PHONE}"`);
    expect(broken.status).toBe(400);
  });

  test('Direct Line: a deeply nested channelData is refused and the conversation keeps polling', async () => {
    const session = JSON.parse((await post(local, '/api/directline/token', '{}')).text) as { token: string; conversationId: string };
    tokens.push(session.token);
    const auth = { authorization: `Bearer ${session.token}` };
    expect((await post(local, '/v3/directline/conversations', '{}', auth)).status).toBe(201);
    const path = `/v3/directline/conversations/${session.conversationId}/activities`;
    const said = await post(local, path, JSON.stringify({ type: 'message', text: `I am ${NAME}, ${PHONE}`, from: { id: 'x' } }), auth);
    expect(said.status).toBe(200);
    const nested = await post(local, path, `{"type":"message","text":"${PHONE}","channelData":${deep(5000)}}`, auth);
    expect(nested.status).toBe(400);
    for (let i = 0; i < 3; i += 1) {
      const poll = await fetch(`${local.url}${path}?watermark=0`, { headers: auth });
      expect(poll.status).toBe(200);
      expect(((await poll.json()) as { activities: unknown[] }).activities.length).toBeGreaterThan(1);
    }
    const forged = await fetch(`${local.url}${path}`, { headers: { authorization: `Bearer ${FORGED}` } });
    expect(forged.status).toBe(403);
  });

  test('Bot Framework mode: each refused authentication is one JSON line with no stack trace', async () => {
    const before = lines.length;
    const attempts: Array<Record<string, string>> = [
      {},
      { authorization: `Bearer ${FORGED}` },
      { authorization: `Basic ${Buffer.from(`x:${APP_PASSWORD}`).toString('base64')}` },
    ];
    for (const headers of attempts) {
      const res = await post(
        framework,
        '/api/messages',
        JSON.stringify({ ...activity(`${NAME} ${PHONE}`), serviceUrl: 'https://smba.trafficmanager.net/uk/' }),
        headers,
      );
      expect(res.status).toBe(401);
    }
    const written = lines.slice(before);
    expect(written.filter((l) => l.includes('"auth-refused"'))).toHaveLength(attempts.length);
    expect(written).toHaveLength(attempts.length);
    for (const line of written) {
      expect(() => JSON.parse(line) as unknown).not.toThrow();
      expect(line).not.toMatch(/\bat .*\(|stack/);
    }
  });

  test('no line holds a typed text, a token or a secret, and no line is long', () => {
    expect(lines.length).toBeGreaterThan(10);
    expect(lines.some((l) => l.includes('"nested-too-deep"'))).toBe(true);
    const forbidden = [
      'Zebedee',
      'Quarrington',
      PHONE,
      PHONE.replace(' ', ''),
      '900123',
      EMAIL,
      APP_PASSWORD,
      KEY_SECRET,
      DL_SECRET,
      FORGED,
      ...tokens,
      ...tokens.map((t) => t.split('.')[2]!),
    ];
    for (const secret of forbidden) {
      const leaks = lines.filter((l) => l.includes(secret));
      expect({ secret, leaks }).toEqual({ secret, leaks: [] });
    }
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThan(2000);
  });
});
