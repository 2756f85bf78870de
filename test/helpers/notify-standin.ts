/**
 * A local stand-in for GOV.UK Notify's HTTP API (POST /v2/notifications/sms and /email), on loopback.
 * It checks what the real service checks first: a Bearer JWT signed HS256 with the API key's secret,
 * whose "iss" is the service id and whose "iat" is within 30 seconds. It records each accepted request.
 * JWT checking is written here with node:crypto so the test does not lean on the client's own library.
 */
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface NotifyRequest {
  path: string;
  body: Record<string, unknown>;
  jwt: { header: Record<string, unknown>; claims: Record<string, unknown> };
  userAgent?: string;
}

export class NotifyStandIn {
  readonly serviceId = randomUUID();
  readonly secret = randomUUID();
  readonly apiKey = `local_offer_test-${this.serviceId}-${this.secret}`;
  readonly requests: NotifyRequest[] = [];
  readonly refused: { path: string; reason: string }[] = [];
  private server?: Server;
  url = '';

  private verify(auth: string | undefined): NotifyRequest['jwt'] | string {
    const token = /^Bearer (.+)$/.exec(auth ?? '')?.[1];
    if (!token) return 'no bearer token';
    const [h, c, s] = token.split('.');
    if (!h || !c || !s) return 'not a JWT';
    const header = JSON.parse(Buffer.from(h, 'base64url').toString()) as Record<string, unknown>;
    const claims = JSON.parse(Buffer.from(c, 'base64url').toString()) as Record<string, unknown>;
    if (header.alg !== 'HS256') return 'alg is not HS256';
    const expected = createHmac('sha256', this.secret).update(`${h}.${c}`).digest();
    const given = Buffer.from(s, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'bad signature';
    if (claims.iss !== this.serviceId) return 'iss is not the service id';
    if (typeof claims.iat !== 'number' || Math.abs(Date.now() / 1000 - claims.iat) > 30) return 'iat out of range';
    return { header, claims };
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      let raw = '';
      req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
      req.on('end', () => {
        const path = req.url ?? '';
        const reply = (status: number, body: unknown) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(body));
        };
        const jwt = this.verify(req.headers.authorization);
        if (typeof jwt === 'string') {
          this.refused.push({ path, reason: jwt });
          return reply(403, { status_code: 403, errors: [{ error: 'AuthError', message: jwt }] });
        }
        if (req.method !== 'POST' || !/^\/v2\/notifications\/(sms|email)$/.test(path)) return reply(404, { status_code: 404, errors: [] });
        const body = JSON.parse(raw) as Record<string, unknown>;
        this.requests.push({ path, body, jwt, userAgent: req.headers['user-agent'] });
        const id = randomUUID();
        reply(201, {
          id,
          reference: body.reference ?? null,
          content: { body: (body.personalisation as { summary?: string } | undefined)?.summary ?? '', from_number: 'LOCALOFFER' },
          uri: `${this.url}/v2/notifications/${id}`,
          template: { id: body.template_id, version: 1, uri: `${this.url}/templates/${String(body.template_id)}` },
        });
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}
