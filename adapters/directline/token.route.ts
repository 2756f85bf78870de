/**
 * POST /api/directline/token: the page asks here for a Direct Line token, so no secret ever reaches the
 * browser. Locally the token comes from the in-process Direct Line service; in production it is exchanged
 * with Azure Direct Line for a token bound to one conversation, one user id and the trusted origins.
 */
import { randomBytes } from 'node:crypto';
import type { Request, Response, Server } from 'restify';
import type { LocalDirectLine } from './local-directline.js';

export const AZURE_DIRECT_LINE = 'https://directline.botframework.com/v3/directline';
export const TOKEN_PATH = '/api/directline/token';

export type TokenRouteDeps =
  | { mode: 'local'; directLine: LocalDirectLine }
  | {
      mode: 'azure';
      /** The Direct Line channel secret from the Azure Bot resource. Server side only. */
      secret: string;
      /** Sites allowed to host the chat. Empty: any origin may ask (only sensible behind other controls). */
      trustedOrigins: string[];
      fetch?: typeof fetch;
      timeoutMs?: number;
      logger?: { warn(fields: object, msg?: string): void };
    };

export interface TokenResponse {
  token: string;
  conversationId: string;
  userId: string;
  expires_in: number;
  /** Local mode only: where the page's Direct Line client should send its requests. */
  domain?: string;
}

const UNAVAILABLE = 'Web chat is not available just now. Please try again in a few minutes.';

function send(res: Response, status: number, body: unknown): void {
  // A token is a credential: no shared cache or browser cache may keep it.
  res.header('Cache-Control', 'no-store');
  res.status(status);
  res.json(body);
}

/** The origin the page was served from, as the browser sees it (host header and, behind a proxy, its protocol). */
function requestOrigin(req: Request): string {
  const forwarded = String(req.headers['x-forwarded-proto'] ?? '')
    .split(',')[0]
    ?.trim();
  const encrypted = (req.socket as { encrypted?: boolean } | undefined)?.encrypted === true;
  const protocol = forwarded === 'https' || forwarded === 'http' ? forwarded : encrypted ? 'https' : 'http';
  return `${protocol}://${req.headers.host ?? '127.0.0.1'}`;
}

/** Origins compare by scheme, host and port; a trailing slash in configuration must not lock everyone out. */
export function normaliseOrigin(value: string): string | undefined {
  try {
    const url = new URL(value);
    return url.origin === 'null' ? undefined : url.origin;
  } catch {
    return undefined;
  }
}

interface AzureGenerateResponse {
  conversationId?: unknown;
  token?: unknown;
  expires_in?: unknown;
}

export function registerTokenRoute(server: Server, deps: TokenRouteDeps): void {
  if (deps.mode === 'local') {
    const { directLine } = deps;
    server.post(TOKEN_PATH, async (req: Request, res: Response) => {
      const session = directLine.newSession();
      const body: TokenResponse = { ...session, domain: `${requestOrigin(req)}/v3/directline` };
      send(res, 200, body);
    });
    return;
  }

  if (!deps.secret) throw new Error('registerTokenRoute: the Azure Direct Line secret is empty.');
  const trusted = deps.trustedOrigins.map((o) => normaliseOrigin(o)).filter((o): o is string => Boolean(o));
  const doFetch = deps.fetch ?? fetch;
  const timeoutMs = deps.timeoutMs ?? 10_000;

  server.post(TOKEN_PATH, async (req: Request, res: Response) => {
    const origin = typeof req.headers.origin === 'string' ? normaliseOrigin(req.headers.origin) : undefined;
    if (trusted.length > 0 && (!origin || !trusted.includes(origin))) {
      return send(res, 403, { error: 'This site is not allowed to start the chat.' });
    }
    // Direct Line reserves the dl_ prefix for ids embedded in a token, so the page cannot pick someone else's.
    const userId = `dl_${randomBytes(16).toString('hex')}`;
    let upstream: globalThis.Response;
    try {
      upstream = await doFetch(`${AZURE_DIRECT_LINE}/tokens/generate`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${deps.secret}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ user: { id: userId }, trustedOrigins: trusted }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      deps.logger?.warn({ event: 'directline-token-failed', reason: (err as Error).name });
      return send(res, 502, { error: UNAVAILABLE });
    }
    if (!upstream.ok) {
      deps.logger?.warn({ event: 'directline-token-failed', status: upstream.status });
      return send(res, 502, { error: UNAVAILABLE });
    }
    let generated: AzureGenerateResponse;
    try {
      generated = (await upstream.json()) as AzureGenerateResponse;
    } catch {
      deps.logger?.warn({ event: 'directline-token-failed', reason: 'not-json' });
      return send(res, 502, { error: UNAVAILABLE });
    }
    if (typeof generated?.token !== 'string' || typeof generated.conversationId !== 'string') {
      deps.logger?.warn({ event: 'directline-token-failed', reason: 'unexpected-shape' });
      return send(res, 502, { error: UNAVAILABLE });
    }
    const body: TokenResponse = {
      token: generated.token,
      conversationId: generated.conversationId,
      userId,
      expires_in: typeof generated.expires_in === 'number' ? generated.expires_in : 3600,
    };
    send(res, 200, body);
  });
}
