/**
 * The local Direct Line service over real HTTP, on a real restify server, with a fake bot behind the
 * bridge: the calls Web Chat makes, and the ways a client can get them wrong.
 */
import type { BotBridge, DirectLineActivity } from '../../adapters/directline/local-directline.js';
import { startChannelServer, type ChannelServer } from './fixtures.js';

const DL = '/v3/directline';

interface Harness extends ChannelServer {
  received: DirectLineActivity[];
  clock: { now: number };
  warnings: object[];
}

const open: Harness[] = [];

async function start(
  options: { maxActivitiesKept?: number; bridge?: BotBridge; tokenTtlSeconds?: number; idleExpiryMs?: number; maxConversations?: number } = {},
): Promise<Harness> {
  const received: DirectLineActivity[] = [];
  const clock = { now: Date.parse('2026-11-22T10:00:00Z') };
  const warnings: object[] = [];
  const echo: BotBridge = async (activity) => {
    received.push(activity);
    if (activity.type === 'conversationUpdate') return [{ type: 'message', text: 'Hello. Who is asking?' }];
    if (activity.type === 'message') return [{ type: 'message', text: `Reply ${received.length}` }];
    return [];
  };
  const channel = await startChannelServer({
    bridge: options.bridge ?? echo,
    directLine: {
      now: () => clock.now,
      maxActivitiesKept: options.maxActivitiesKept,
      tokenTtlSeconds: options.tokenTtlSeconds,
      idleExpiryMs: options.idleExpiryMs,
      maxConversations: options.maxConversations,
      logger: { warn: (fields: object) => warnings.push(fields) },
    },
  });
  const harness = { ...channel, received, clock, warnings };
  open.push(harness);
  return harness;
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((h) => h.close()));
});

async function call(h: Harness, method: string, path: string, token?: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${h.url}${path}`, {
    method,
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
}

async function session(h: Harness) {
  const res = await call(h, 'POST', '/api/directline/token');
  expect(res.status).toBe(200);
  return res.body as { token: string; conversationId: string; userId: string; expires_in: number; domain: string };
}

async function startConversation(h: Harness) {
  const s = await session(h);
  const started = await call(h, 'POST', `${DL}/conversations`, s.token);
  expect(started.status).toBe(201);
  return { ...s, started: started.body as { conversationId: string; token: string; expires_in: number } };
}

describe('token endpoint (local mode)', () => {
  test('gives a token bound to a new conversation and user, and the local Direct Line address', async () => {
    const h = await start();
    const res = await call(h, 'POST', '/api/directline/token');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body).toEqual({
      token: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
      conversationId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      userId: expect.stringMatching(/^dl_[0-9a-f]{24}$/),
      expires_in: 1800,
      domain: `${h.url}${DL}`,
    });
    // Web Chat reads the user from the token's "user" claim, as it does with Azure's tokens.
    const claims = JSON.parse(Buffer.from(res.body.token.split('.')[1], 'base64url').toString('utf8'));
    expect(claims).toEqual({ conv: res.body.conversationId, user: res.body.userId, exp: Math.floor(h.clock.now / 1000) + 1800 });
    const other = await session(h);
    expect(other.conversationId).not.toBe(res.body.conversationId);
    expect(other.userId).not.toBe(res.body.userId);
  });
});

describe('local Direct Line over HTTP', () => {
  test('starting the conversation tells the bot the user joined, and its greeting is waiting', async () => {
    const h = await start();
    const s = await startConversation(h);
    expect(s.started).toEqual({ conversationId: s.conversationId, token: expect.any(String), expires_in: 1800, referenceGrammarId: 'local' });
    expect(h.received).toHaveLength(1);
    expect(h.received[0]).toMatchObject({
      type: 'conversationUpdate',
      membersAdded: [{ id: s.userId }],
      conversation: { id: s.conversationId },
      channelId: 'directline',
    });

    const got = await call(h, 'GET', `${DL}/conversations/${s.conversationId}/activities`, s.token);
    expect(got.status).toBe(200);
    expect(got.body.watermark).toBe('1');
    expect(got.body.activities).toEqual([
      expect.objectContaining({
        type: 'message',
        text: 'Hello. Who is asking?',
        from: expect.objectContaining({ role: 'bot' }),
        recipient: { id: s.userId, role: 'user' },
        conversation: { id: s.conversationId },
      }),
    ]);

    // Starting again (a reconnect) must not greet twice.
    const again = await call(h, 'GET', `${DL}/conversations/${s.conversationId}`, s.token);
    expect(again.status).toBe(200);
    expect(h.received).toHaveLength(1);
  });

  test("a posted activity reaches the bot as the token's user, and only newer activities come back after a watermark", async () => {
    const h = await start();
    const s = await startConversation(h);
    const posted = await call(h, 'POST', `${DL}/conversations/${s.conversationId}/activities`, s.token, {
      type: 'message',
      text: 'hello',
      from: { id: 'someone-else', role: 'bot', name: 'Pretend' },
      channelData: { clientActivityID: 'abc123' },
    });
    expect(posted.status).toBe(200);
    expect(posted.body.id).toMatch(new RegExp(`^${s.conversationId}\\|0000001$`));

    // The bot sees the sender from the token, whatever the body claimed.
    const atBot = h.received[1]!;
    expect(atBot.from).toEqual({ id: s.userId, role: 'user' });
    expect(atBot.recipient).toMatchObject({ role: 'bot' });
    expect(atBot.text).toBe('hello');

    const newer = await call(h, 'GET', `${DL}/conversations/${s.conversationId}/activities?watermark=1`, s.token);
    expect(newer.body.watermark).toBe('3');
    expect(newer.body.activities.map((a: DirectLineActivity) => [a.from?.role, a.text])).toEqual([
      ['user', 'hello'],
      ['bot', 'Reply 2'],
    ]);
    // Web Chat matches its own message by this id to show it as sent.
    expect(newer.body.activities[0].channelData).toEqual({ clientActivityID: 'abc123' });
    expect(newer.body.activities[0].from).toEqual({ id: s.userId, role: 'user' });
    expect(newer.body.activities[1].replyToId).toBe(posted.body.id);

    const none = await call(h, 'GET', `${DL}/conversations/${s.conversationId}/activities?watermark=3`, s.token);
    expect(none.body).toEqual({ activities: [], watermark: '3' });

    const all = await call(h, 'GET', `${DL}/conversations/${s.conversationId}/activities?watermark=`, s.token);
    expect(all.body.activities).toHaveLength(3);
  });

  test('posting before starting the conversation starts it first, so the greeting still comes first', async () => {
    const h = await start();
    const s = await session(h);
    const posted = await call(h, 'POST', `${DL}/conversations/${s.conversationId}/activities`, s.token, { type: 'message', text: 'hi' });
    expect(posted.status).toBe(200);
    expect(h.received.map((a) => a.type)).toEqual(['conversationUpdate', 'message']);
    const got = await call(h, 'GET', `${DL}/conversations/${s.conversationId}/activities`, s.token);
    expect(got.body.activities.map((a: DirectLineActivity) => a.text)).toEqual(['Hello. Who is asking?', 'hi', 'Reply 2']);
  });

  test('token refresh gives a new working token for the same conversation', async () => {
    const h = await start();
    const s = await startConversation(h);
    h.clock.now += 60_000;
    const refreshed = await call(h, 'POST', `${DL}/tokens/refresh`, s.token);
    expect(refreshed.status).toBe(200);
    expect(refreshed.body).toEqual({ conversationId: s.conversationId, token: expect.any(String), expires_in: 1800 });
    expect(refreshed.body.token).not.toBe(s.token);
    const got = await call(h, 'GET', `${DL}/conversations/${s.conversationId}/activities`, refreshed.body.token);
    expect(got.status).toBe(200);

    // Kept alive by refreshing, the conversation outlives the first token.
    h.clock.now += 1790 * 1000;
    expect((await call(h, 'GET', `${DL}/conversations/${s.conversationId}/activities`, s.token)).status).toBe(403);
    expect((await call(h, 'GET', `${DL}/conversations/${s.conversationId}/activities`, refreshed.body.token)).status).toBe(200);
  });

  test('an expired token is refused everywhere, including for refresh', async () => {
    const h = await start({ tokenTtlSeconds: 60 });
    const s = await startConversation(h);
    h.clock.now += 61_000;
    for (const [method, path] of [
      ['POST', `${DL}/tokens/refresh`],
      ['POST', `${DL}/conversations`],
      ['GET', `${DL}/conversations/${s.conversationId}`],
      ['GET', `${DL}/conversations/${s.conversationId}/activities`],
    ] as const) {
      const res = await call(h, method, path, s.token);
      expect([method, path, res.status]).toEqual([method, path, 403]);
      expect(res.body.error.code).toBe('TokenInvalid');
    }
    const posted = await call(h, 'POST', `${DL}/conversations/${s.conversationId}/activities`, s.token, { type: 'message', text: 'hello' });
    expect(posted.status).toBe(403);
    expect(h.received.filter((a) => a.type === 'message')).toHaveLength(0);
  });

  test('missing, malformed and forged tokens are refused', async () => {
    const h = await start();
    const s = await startConversation(h);
    const [head, payload, signature] = s.token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const path = `${DL}/conversations/${s.conversationId}/activities`;
    const attempts: Array<[string, Record<string, string>]> = [
      ['no header', {}],
      ['empty bearer', { Authorization: 'Bearer ' }],
      ['basic scheme', { Authorization: `Basic ${s.token}` }],
      ['no signature', { Authorization: `Bearer ${head}.${payload}` }],
      ['garbage', { Authorization: 'Bearer not.a.token' }],
      ['changed user', { Authorization: `Bearer ${head}.${b64({ ...claims, user: 'dl_attacker' })}.${signature}` }],
      ['longer life', { Authorization: `Bearer ${head}.${b64({ ...claims, exp: claims.exp + 86_400 })}.${signature}` }],
      ['unsigned (alg none)', { Authorization: `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${payload}.` }],
      ['extra part', { Authorization: `Bearer ${s.token}.x` }],
      ['signature of another token', { Authorization: `Bearer ${head}.${payload}.${(await session(h)).token.split('.')[2]}` }],
    ];
    for (const [name, headers] of attempts) {
      const res = await call(h, 'GET', path, undefined, undefined, headers);
      expect([name, res.status]).toEqual([name, 403]);
    }
  });

  test("another conversation's token is refused", async () => {
    const h = await start();
    const mine = await startConversation(h);
    const theirs = await startConversation(h);
    const read = await call(h, 'GET', `${DL}/conversations/${mine.conversationId}/activities`, theirs.token);
    expect(read.status).toBe(403);
    const write = await call(h, 'POST', `${DL}/conversations/${mine.conversationId}/activities`, theirs.token, { type: 'message', text: 'hi' });
    expect(write.status).toBe(403);
    const reconnect = await call(h, 'GET', `${DL}/conversations/${mine.conversationId}`, theirs.token);
    expect(reconnect.status).toBe(403);
    expect(h.received.filter((a) => a.type === 'message')).toHaveLength(0);
  });

  test('bodies that are not an activity are refused with a reason', async () => {
    const h = await start({});
    const s = await startConversation(h);
    const path = `${DL}/conversations/${s.conversationId}/activities`;
    for (const [name, body] of [
      ['array', [{ type: 'message' }]],
      ['no type', { text: 'hello' }],
      ['type not a string', { type: 5, text: 'hello' }],
      ['null', 'null'],
    ] as Array<[string, unknown]>) {
      const res = await call(h, 'POST', path, s.token, body);
      expect([name, res.status]).toEqual([name, 400]);
      expect(res.body.error.code).toBe('BadArgument');
    }
    const notJson = await call(h, 'POST', path, s.token, '{"type":', {});
    expect(notJson.status).toBe(400);
    const big = await call(h, 'POST', path, s.token, { type: 'message', text: 'x'.repeat(70_000) });
    expect(big.status).toBe(413);
    expect(h.received.filter((a) => a.type === 'message')).toHaveLength(0);
  });

  test('only the newest activities are kept, and watermarks stay right after older ones are dropped', async () => {
    const h = await start({ maxActivitiesKept: 4 });
    const s = await startConversation(h);
    for (let i = 1; i <= 3; i += 1) {
      await call(h, 'POST', `${DL}/conversations/${s.conversationId}/activities`, s.token, { type: 'message', text: `m${i}` });
    }
    // 1 greeting + 3 messages + 3 replies = 7 activities, of which the newest 4 are kept.
    const all = await call(h, 'GET', `${DL}/conversations/${s.conversationId}/activities`, s.token);
    expect(all.body.watermark).toBe('7');
    expect(all.body.activities.map((a: DirectLineActivity) => a.id?.split('|')[1])).toEqual(['0000003', '0000004', '0000005', '0000006']);
    const newer = await call(h, 'GET', `${DL}/conversations/${s.conversationId}/activities?watermark=5`, s.token);
    expect(newer.body.activities.map((a: DirectLineActivity) => a.text)).toEqual(['m3', 'Reply 4']);
  });

  test('a failing bot does not break the transcript, and the failure is logged without text', async () => {
    const h = await start({
      bridge: async (activity) => {
        if (activity.type === 'message') throw new TypeError('bot exploded while reading secret words');
        return [{ type: 'message', text: 'Hello' }];
      },
    });
    const s = await startConversation(h);
    const posted = await call(h, 'POST', `${DL}/conversations/${s.conversationId}/activities`, s.token, { type: 'message', text: 'secret words' });
    expect(posted.status).toBe(200);
    const got = await call(h, 'GET', `${DL}/conversations/${s.conversationId}/activities`, s.token);
    expect(got.body.activities.map((a: DirectLineActivity) => a.text)).toEqual(['Hello', 'secret words']);
    expect(h.warnings).toEqual([{ event: 'directline-delivery-failed', error: 'TypeError' }]);
    expect(JSON.stringify(h.warnings)).not.toMatch(/secret/);
  });

  test('idle conversations are forgotten, and the number kept is capped', async () => {
    const h = await start({ idleExpiryMs: 60_000, maxConversations: 2 });
    const first = await startConversation(h);
    h.clock.now += 61_000;
    // Starting another conversation sweeps the idle one.
    await startConversation(h);
    const gone = await call(h, 'GET', `${DL}/conversations/${first.conversationId}/activities`, first.token);
    expect(gone.status).toBe(404);

    const a = await startConversation(h);
    h.clock.now += 1000;
    await startConversation(h);
    h.clock.now += 1000;
    await startConversation(h);
    // At the cap the least recently active conversation makes room.
    expect((await call(h, 'GET', `${DL}/conversations/${a.conversationId}/activities`, a.token)).status).toBe(404);
  });
});
