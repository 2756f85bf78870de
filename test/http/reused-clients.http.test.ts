/**
 * The outbound clients botbuilder makes for a turn are reused across turns
 * (adapters/botframework/reused-clients.authentication.ts), while every inbound request is still
 * authenticated in full: through the real restify endpoint and botbuilder's CloudAdapter.
 */
import { jest } from '@jest/globals';
import { ConfigurationBotFrameworkAuthentication, ConfigurationServiceClientCredentialFactory, type TurnContext } from 'botbuilder';
import { ClaimsIdentity } from 'botframework-connector';
import { createServer as createHttpServer, type IncomingMessage, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Server } from 'restify';
import { BridgeCloudAdapter } from '../../adapters/directline/bridge.adapter.js';
import { ReusedClientsAuthentication } from '../../adapters/botframework/reused-clients.authentication.js';
import { createServer } from '../../bot/server.js';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const FORGED = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhdHRhY2tlciJ9.Zm9yZ2VkLXNpZ25hdHVyZQ';

interface Served {
  url: string;
  server: Server;
  auth: ReusedClientsAuthentication;
  /** The ConnectorClient each turn was given, in order. */
  clients: unknown[];
}

async function serve(credentials: Record<string, string>, localMode: boolean): Promise<Served> {
  const auth = new ReusedClientsAuthentication({}, new ConfigurationServiceClientCredentialFactory(credentials));
  const adapter = new BridgeCloudAdapter(auth);
  const clients: unknown[] = [];
  const server = createServer({
    adapter,
    logic: async (context: TurnContext) => {
      clients.push(context.turnState.get(adapter.ConnectorClientKey));
      await context.sendActivity(`heard: ${context.activity.text ?? ''}`);
    },
    localMode,
    maxBodyBytes: 100_000,
    logger: quiet,
    authenticate: localMode ? undefined : (activity, header) => auth.authenticateRequest(activity, header),
    health: async () => ({ ok: true }),
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { url: `http://127.0.0.1:${server.address().port}`, server, auth, clients };
}

const close = (server: { close(cb: () => void): unknown }) => new Promise<void>((resolve) => server.close(() => resolve()));

function activity(text: string, serviceUrl: string, extra: Record<string, unknown> = {}) {
  return {
    type: 'message',
    id: `a-${text}`,
    text,
    channelId: 'emulator',
    serviceUrl,
    conversation: { id: 'reused-1' },
    from: { id: 'user-1', role: 'user' },
    recipient: { id: 'bot', role: 'bot' },
    ...extra,
  };
}

async function post(url: string, body: object, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as { activities?: Array<{ text?: string }> }) : undefined };
}

/** A Bot Framework channel on loopback: records the replies posted to it. */
async function channel(): Promise<{ url: string; server: HttpServer; replies: Array<{ path: string; text: string }> }> {
  const replies: Array<{ path: string; text: string }> = [];
  const server = createHttpServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      replies.push({ path: req.url ?? '', text: (JSON.parse(body) as { text: string }).text });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `reply-${replies.length}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, replies };
}

describe('anonymous local mode', () => {
  let bot: Served;
  beforeAll(async () => {
    bot = await serve({}, true);
  });
  afterAll(async () => {
    await close(bot.server);
  });

  test('turns to one service URL share one ConnectorClient; another service URL gets its own', async () => {
    const a = 'http://127.0.0.1:9';
    const b = 'http://localhost:9';
    for (const text of ['one', 'two', 'three']) {
      const res = await post(bot.url, activity(text, a, { deliveryMode: 'expectReplies' }));
      expect(res.status).toBe(200);
      expect(res.body?.activities?.[0]?.text).toBe(`heard: ${text}`);
    }
    await post(bot.url, activity('four', b, { deliveryMode: 'expectReplies' }));
    expect(bot.clients).toHaveLength(4);
    expect(bot.clients[1]).toBe(bot.clients[0]);
    expect(bot.clients[2]).toBe(bot.clients[0]);
    expect(bot.clients[3]).not.toBe(bot.clients[0]);
    expect((bot.clients[0] as { baseUri: string }).baseUri).toBe(a);
    expect((bot.clients[3] as { baseUri: string }).baseUri).toBe(b);
    expect(bot.auth.kept).toEqual({ connectors: 2, tokenClients: 1 });
  });

  test('a reused client still posts each reply to its own conversation at the service URL', async () => {
    const service = await channel();
    try {
      for (const [conversation, text] of [
        ['conv-a', 'first'],
        ['conv-b', 'second'],
        ['conv-a', 'third'],
      ] as const) {
        const res = await post(bot.url, activity(text, service.url, { conversation: { id: conversation } }));
        expect(res.status).toBe(200);
      }
      expect(service.replies).toEqual([
        { path: '/v3/conversations/conv-a/activities/a-first', text: 'heard: first' },
        { path: '/v3/conversations/conv-b/activities/a-second', text: 'heard: second' },
        { path: '/v3/conversations/conv-a/activities/a-third', text: 'heard: third' },
      ]);
      const used = bot.clients.slice(-3);
      expect(used[1]).toBe(used[0]);
      expect(used[2]).toBe(used[0]);
    } finally {
      await close(service.server);
    }
  });

  test('local mode still refuses a serviceUrl that is not loopback, and makes no client for it', async () => {
    const kept = bot.auth.kept.connectors;
    const res = await post(bot.url, activity('elsewhere', 'https://example.org/', { deliveryMode: 'expectReplies' }));
    expect(res.status).toBe(403);
    expect(bot.auth.kept.connectors).toBe(kept);
  });
});

describe('Bot Framework mode', () => {
  const APP_ID = '00000000-0000-0000-0000-0000000000aa';
  let bot: Served;
  beforeAll(async () => {
    bot = await serve({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'app-password', MicrosoftAppType: 'MultiTenant' }, false);
  });
  afterAll(async () => {
    await close(bot.server);
  });

  test('every request is authenticated again, and each without a valid token is refused: nothing is remembered', async () => {
    const check = jest.spyOn(ConfigurationBotFrameworkAuthentication.prototype, 'authenticateRequest');
    try {
      const attempts: Array<Record<string, string>> = [{}, { authorization: `Bearer ${FORGED}` }, {}, { authorization: `Bearer ${FORGED}` }];
      for (const headers of attempts) {
        const res = await post(bot.url, activity('hello', 'https://smba.trafficmanager.net/uk/', { deliveryMode: 'expectReplies' }), headers);
        expect(res.status).toBe(401);
      }
      expect(check).toHaveBeenCalledTimes(attempts.length);
      expect(bot.clients).toHaveLength(0);
      expect(bot.auth.kept).toEqual({ connectors: 0, tokenClients: 0 });
    } finally {
      check.mockRestore();
    }
  });

  test('a reused ConnectorClient keeps the bot credentials that sign each reply, per app id and service URL', async () => {
    const claims = (appId: string) => new ClaimsIdentity([{ type: 'aud', value: appId }], true);
    const teams = 'https://smba.trafficmanager.net/uk/';
    const first = await bot.auth.createConnectorFactory(claims(APP_ID)).create(teams);
    const again = await bot.auth.createConnectorFactory(claims(APP_ID)).create(teams);
    const otherUrl = await bot.auth.createConnectorFactory(claims(APP_ID)).create('https://smba.trafficmanager.net/emea/');
    expect(again).toBe(first);
    expect(otherUrl).not.toBe(first);
    const credentials = (first as unknown as { credentials: { appId: string; appPassword?: string } }).credentials;
    expect(credentials.appId).toBe(APP_ID);
    expect(credentials.appPassword).toBe('app-password');
    // Claims for another app id get no client (botframework-connector refuses to make one), and nothing is kept for them.
    const kept = bot.auth.kept.connectors;
    await expect(bot.auth.createConnectorFactory(claims('00000000-0000-0000-0000-0000000000bb')).create(teams)).rejects.toThrow(/appId/);
    expect(bot.auth.kept.connectors).toBe(kept);
    expect(await bot.auth.createUserTokenClient(claims(APP_ID))).toBe(await bot.auth.createUserTokenClient(claims(APP_ID)));
  });
});
