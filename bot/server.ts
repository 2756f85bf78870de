/**
 * The HTTP server: restify with the Bot Framework endpoint, a health check, and whatever channel routes
 * the composition root adds. Bad requests get a 4xx with a reason; nothing a client sends can crash it.
 */
import restify, { type Request, type Response, type Server } from 'restify';
import type { CloudAdapter, TurnContext } from 'botbuilder';
import { isLoopbackHost } from './config.js';

export interface ServerDeps {
  adapter: CloudAdapter;
  logic: (context: TurnContext) => Promise<void>;
  /** Anonymous local mode: only loopback serviceUrls are accepted, so replies cannot be sent elsewhere. */
  localMode: boolean;
  maxBodyBytes: number;
  health: () => Promise<{ ok: true } | { ok: false; reason: string }>;
  logger: { info(fields: object, msg?: string): void; warn(fields: object, msg?: string): void; error(fields: object, msg?: string): void };
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
  const server = restify.createServer({ name: 'local-offer-assistant', handleUncaughtExceptions: false });
  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use(restify.plugins.bodyParser({ maxBodySize: deps.maxBodyBytes, mapParams: false, mapFiles: false, keepExtensions: false }));

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
