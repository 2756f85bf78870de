/**
 * What stands between a hostile request and the logs or the bot: a nesting limit on JSON bodies, a
 * JSON formatter that cannot throw, and the logger restify itself writes through. restify's own
 * default logger writes whole requests (headers with Bearer tokens, bodies with what people typed)
 * when something goes wrong, so it never gets one: it gets the app's logger with every request,
 * response, error and value reduced to a few harmless fields.
 */
import type { Request, Response } from 'restify';
import type { Logger } from 'pino';

/** Deeper than any Bot Framework, Teams or Direct Line activity nests; deep enough to break JSON.stringify's stack it is not. */
export const MAX_JSON_DEPTH = 32;

/**
 * True when value nests objects or arrays more than max levels deep. Iterative on purpose: a
 * recursive walk is what a hostile body would overflow.
 */
export function nestedDeeperThan(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth > max) return true;
    for (const child of Object.values(node as Record<string, unknown>)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return false;
}

/** restify's JSON formatter, except that a body that cannot be written becomes a short 500 and one log line. */
export function safeJsonFormatter(onFailure: (error: string) => void) {
  return (_req: Request, res: Response, body: unknown): string => {
    let data: string;
    try {
      data = body === undefined ? 'null' : JSON.stringify(body);
    } catch (err) {
      onFailure((err as Error).name);
      res.statusCode = 500;
      data = JSON.stringify({ error: 'The reply could not be written.' });
    }
    res.setHeader('Content-Length', Buffer.byteLength(data));
    return data;
  };
}

/**
 * The logger restify writes through: the app's own (so its lines are JSON, at the app's level), with
 * serializers that keep the method and route and drop headers, bodies, query strings and values.
 */
export function restifyLogger(logger: Logger): Logger {
  const route = (req: { method?: string; url?: string } | undefined) => ({ method: req?.method, path: req?.url?.split('?')[0] });
  return logger.child(
    { component: 'http' },
    {
      // restify traces every request; only its warnings and errors are worth a line.
      level: logger.levelVal > 40 ? logger.level : 'warn',
      serializers: {
        req: route,
        res: (res: { statusCode?: number } | undefined) => ({ status: res?.statusCode }),
        err: (err: Error | undefined) => ({ type: err?.name }),
        value: (value: unknown) => typeof value,
      },
    },
  );
}
