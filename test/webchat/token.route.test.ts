/**
 * The Azure side of the token endpoint, with a fake fetch in place of Azure Direct Line: the trusted
 * origin check, the exact request Azure gets, and failures that must not leak the secret.
 */
import type { Server } from 'restify';
import { registerTokenRoute } from '../../adapters/directline/token.route.js';
import { bareServer } from './fixtures.js';

const SECRET = 'test-direct-line-secret-do-not-leak-7f3a';

interface FakeCall {
  url: string;
  init: RequestInit;
}

type Upstream = (call: FakeCall) => Promise<Response>;

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
});

/** The JSON a fake upstream call was sent; the route always sends a string body. */
function jsonBody(init: RequestInit): Record<string, unknown> {
  if (typeof init.body !== 'string') throw new Error('expected a JSON string body');
  return JSON.parse(init.body);
}

async function start(trustedOrigins: string[], upstream: Upstream) {
  const calls: FakeCall[] = [];
  const warnings: object[] = [];
  const fakeFetch = (async (url: string | URL | Request, init?: RequestInit) => {
    const call = { url: typeof url === 'string' ? url : url instanceof URL ? url.href : url.url, init: init ?? {} };
    calls.push(call);
    return upstream(call);
  }) as typeof fetch;
  const server = bareServer(65_536);
  registerTokenRoute(server, { mode: 'azure', secret: SECRET, trustedOrigins, fetch: fakeFetch, logger: { warn: (f: object) => warnings.push(f) } });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  servers.push(server);
  const url = `http://127.0.0.1:${server.address().port}`;
  const ask = async (origin?: string) => {
    const res = await fetch(`${url}/api/directline/token`, { method: 'POST', headers: origin ? { Origin: origin } : {} });
    const text = await res.text();
    return { status: res.status, text, body: JSON.parse(text), cacheControl: res.headers.get('cache-control') };
  };
  return { ask, calls, warnings };
}

const azureSays =
  (body: unknown, status = 200): Upstream =>
  async () =>
    new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('token endpoint (Azure Direct Line)', () => {
  test('exchanges the secret for a token bound to a fresh dl_ user and the trusted origins', async () => {
    const t = await start(
      ['https://www.fernvale.example.org/', 'https://localoffer.fernvale.example.org'],
      azureSays({ conversationId: 'conv-1', token: 'azure-token-1', expires_in: 3600 }),
    );
    const res = await t.ask('https://www.fernvale.example.org');
    expect(res.status).toBe(200);
    expect(res.cacheControl).toBe('no-store');
    expect(res.body).toEqual({ token: 'azure-token-1', conversationId: 'conv-1', userId: expect.stringMatching(/^dl_[0-9a-f]{32}$/), expires_in: 3600 });

    expect(t.calls).toHaveLength(1);
    const call = t.calls[0]!;
    expect(call.url).toBe('https://directline.botframework.com/v3/directline/tokens/generate');
    expect(call.init.method).toBe('POST');
    expect((call.init.headers as Record<string, string>).Authorization).toBe(`Bearer ${SECRET}`);
    expect(jsonBody(call.init)).toEqual({
      user: { id: res.body.userId },
      // Configured with a trailing slash, sent as a plain origin.
      trustedOrigins: ['https://www.fernvale.example.org', 'https://localoffer.fernvale.example.org'],
    });
    expect(res.text).not.toContain(SECRET);

    const second = await t.ask('https://localoffer.fernvale.example.org');
    expect(second.body.userId).not.toBe(res.body.userId);
  });

  test('refuses an origin that is not trusted, or no origin, without asking Azure', async () => {
    const t = await start(['https://www.fernvale.example.org'], azureSays({ conversationId: 'c', token: 't', expires_in: 3600 }));
    for (const origin of [
      'https://evil.example.com',
      'http://www.fernvale.example.org',
      'https://www.fernvale.example.org.evil.example.com',
      'null',
      undefined,
    ]) {
      const res = await t.ask(origin);
      expect([origin, res.status]).toEqual([origin, 403]);
      expect(res.body.error).toMatch(/not allowed/);
    }
    expect(t.calls).toHaveLength(0);
  });

  test('with no trusted origins configured, any origin may ask', async () => {
    const t = await start([], azureSays({ conversationId: 'c', token: 't', expires_in: 1800 }));
    expect((await t.ask('https://anywhere.example.com')).status).toBe(200);
    expect((await t.ask()).status).toBe(200);
    expect(jsonBody(t.calls[0]!.init).trustedOrigins).toEqual([]);
  });

  test.each([
    ['Azure refuses the secret', azureSays({ error: { code: 'Unauthorized', message: 'bad secret' } }, 403)],
    ['Azure is down', azureSays({}, 503)],
    ['the network fails', async () => Promise.reject(new TypeError('fetch failed'))],
    ['the reply is not JSON', async () => new Response('<html>gateway</html>', { status: 200 })],
    ['the reply has no token', azureSays({ conversationId: 'c' })],
  ] as Array<[string, Upstream]>)('%s: 502 with a plain message, and the secret stays out of the reply and the log', async (_name, upstream) => {
    const t = await start([], upstream);
    const res = await t.ask('https://www.fernvale.example.org');
    expect(res.status).toBe(502);
    expect(res.body).toEqual({ error: 'Web chat is not available just now. Please try again in a few minutes.' });
    expect(res.text).not.toContain(SECRET);
    expect(t.warnings).toHaveLength(1);
    expect(JSON.stringify(t.warnings)).not.toContain(SECRET);
    expect(t.warnings[0]).toMatchObject({ event: 'directline-token-failed' });
  });

  test('refuses to start without a secret', () => {
    const server = bareServer();
    expect(() => registerTokenRoute(server, { mode: 'azure', secret: '', trustedOrigins: [] })).toThrow(/secret is empty/);
  });
});
