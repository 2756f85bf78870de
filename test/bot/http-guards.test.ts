import { nestedDeeperThan, safeJsonFormatter } from '../../bot/http-guards.js';
import type { Request, Response } from 'restify';

describe('nesting limit', () => {
  const nest = (levels: number): unknown => {
    let value: unknown = 1;
    for (let i = 0; i < levels; i += 1) value = i % 2 ? [value] : { a: value };
    return value;
  };

  test('counts objects and arrays, and stops at the limit', () => {
    expect(nestedDeeperThan(nest(32), 32)).toBe(false);
    expect(nestedDeeperThan(nest(33), 32)).toBe(true);
    expect(nestedDeeperThan({ a: 1, b: 'x', c: null, d: [1, 2, { e: [] }] }, 4)).toBe(false);
    expect(nestedDeeperThan({ a: 1, b: 'x', c: null, d: [1, 2, { e: [] }] }, 3)).toBe(true);
  });

  test('a nesting deep enough to overflow a recursive walk is measured without one', () => {
    const hostile = JSON.parse(`${'['.repeat(200_000)}${']'.repeat(200_000)}`) as unknown;
    expect(nestedDeeperThan(hostile, 32)).toBe(true);
  });
});

describe('JSON replies that cannot be written', () => {
  function response() {
    const headers: Record<string, unknown> = {};
    return { res: { statusCode: 200, setHeader: (k: string, v: unknown) => void (headers[k] = v) } as unknown as Response, headers };
  }

  test('are a short 500 and one report, not an exception', () => {
    const failures: string[] = [];
    const format = safeJsonFormatter((error) => failures.push(error));
    const circular: Record<string, unknown> = { text: 'what someone typed' };
    circular.self = circular;
    const { res, headers } = response();
    const body = format({} as Request, res, circular);
    expect(res.statusCode).toBe(500);
    expect(JSON.parse(body)).toEqual({ error: 'The reply could not be written.' });
    expect(body).not.toContain('typed');
    expect(headers['Content-Length']).toBe(Buffer.byteLength(body));
    expect(failures).toEqual(['TypeError']);
  });

  test('ordinary bodies are written as restify would', () => {
    const { res } = response();
    expect(safeJsonFormatter(() => undefined)({} as Request, res, { ok: true })).toBe('{"ok":true}');
    expect(res.statusCode).toBe(200);
  });
});
