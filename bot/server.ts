/**
 * The HTTP server: restify with the Bot Framework endpoint, a health check, and whatever channel routes
 * the composition root adds. Bad requests get a 4xx with a reason; nothing a client sends can crash it.
 */
import restify, { type Next, type Request, type Response, type Server } from 'restify';
import type { Activity, CloudAdapter, TurnContext } from 'botbuilder';
import { pino, type Logger } from 'pino';
import { isLoopbackHost } from './config.js';
import { MAX_JSON_DEPTH, nestedDeeperThan, restifyLogger, safeJsonFormatter } from './http-guards.js';

export interface ServerDeps {
  adapter: CloudAdapter;
  logic: (context: TurnContext) => Promise<void>;
  /** Anonymous local mode: only loopback serviceUrls are accepted, so replies cannot be sent elsewhere. */
  localMode: boolean;
  maxBodyBytes: number;
  health: () => Promise<{ ok: true } | { ok: false; reason: string }>;
  logger: { info(fields: object, msg?: string): void; warn(fields: object, msg?: string): void; error(fields: object, msg?: string): void };
  /** The pino logger restify itself writes through, stripped of requests and bodies; silent when not given. */
  httpLogger?: Logger;
  /**
   * Checks a Bot Framework request's Authorization header before the adapter sees it, so a refusal is one
   * log line rather than the adapter's stack trace on the console. Not given in anonymous local mode.
   */
  authenticate?: (activity: Activity, authHeader: string) => Promise<unknown>;
}

function refuse(res: Response, status: number, message: string): void {
  res.status(status);
  res.json({ error: message });
}

export function isLoopbackUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && isLoopbackHost(url.hostname);
  } catch {
    return false;
  }
}

export function createServer(deps: ServerDeps): Server {
  const server = restify.createServer({
    name: 'local-offer-assistant',
    handleUncaughtExceptions: false,
    // restify 12 logs through pino; its type definitions still name bunyan's Logger.
    log: restifyLogger(deps.httpLogger ?? pino({ level: 'silent' })) as unknown as restify.ServerOptions['log'],
    formatters: { 'application/json': safeJsonFormatter((error) => deps.logger.error({ event: 'reply-not-serialisable', error })) },
  });
  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use(restify.plugins.bodyParser({ maxBodySize: deps.maxBodyBytes, mapParams: false, mapFiles: false, keepExtensions: false }));
  // Nothing nested deeper than any real activity reaches a route: it could not be logged, stored or echoed safely.
  server.use((req: Request, res: Response, next: Next) => {
    if (req.body !== null && typeof req.body === 'object' && nestedDeeperThan(req.body, MAX_JSON_DEPTH)) {
      deps.logger.warn({ event: 'http-refused', reason: 'nested-too-deep', path: req.getPath?.() });
      refuse(res, 400, `The body is nested more than ${MAX_JSON_DEPTH} levels deep.`);
      return next(false);
    }
    return next();
  });

  server.post('/api/messages', async (req: Request, res: Response) => {
    const body: unknown = req.body;
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      return refuse(res, 400, 'The body must be a JSON object (a Bot Framework activity).');
    }
    const activity = body as { type?: unknown; serviceUrl?: unknown };
    if (typeof activity.type !== 'string' || !activity.type) {
      return refuse(res, 400, 'The activity has no "type".');
    }
    if (deps.localMode && !isLoopbackUrl(activity.serviceUrl)) {
      return refuse(
        res,
        403,
        'Local mode accepts only a loopback serviceUrl (http://localhost or 127.0.0.1). Configure MicrosoftAppId to accept other callers.',
      );
    }
    if (deps.authenticate) {
      const header = req.headers.authorization;
      try {
        await deps.authenticate(body as Activity, typeof header === 'string' ? header : '');
      } catch (err) {
        // One line, no stack and nothing from the header: anyone can send these.
        deps.logger.warn({
          event: 'auth-refused',
          error: (err as Error).name,
          channel: typeof (body as Activity).channelId === 'string' ? (body as Activity).channelId.slice(0, 32) : undefined,
        });
        return refuse(res, 401, 'Unauthorized.');
      }
    }
    try {
      await deps.adapter.process(req, res, deps.logic);
    } catch (err) {
      deps.logger.error({ event: 'process-failed', error: (err as Error).name });
      if (!res.headersSent) refuse(res, 500, 'The message could not be processed.');
    }
  });

  server.get('/healthz', async (_req: Request, res: Response) => {
    const health = await deps.health().catch((err: Error) => ({ ok: false as const, reason: `health check failed: ${err.name}` }));
    res.status(health.ok ? 200 : 503);
    res.json(health.ok ? { status: 'ok' } : { status: 'unavailable', reason: health.reason });
  });

  server.on('restifyError', (req: Request, res: Response, err: Error & { statusCode?: number }, next: () => void) => {
    // restify's own errors (bad JSON, body too large) keep their status; the body says why in plain words.
    const status = err.statusCode ?? 500;
    if (status === 413) err.message = `The body is larger than ${deps.maxBodyBytes} bytes.`;
    else if (status === 400 && /JSON|content/i.test(err.message)) err.message = 'The body is not valid JSON.';
    deps.logger.warn({ event: 'http-error', status, path: req.getPath?.() });
    next();
  });

  return server;
}
