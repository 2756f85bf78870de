/**
 * A loopback stand-in for the Bot Connector service: the REST calls a bot makes to send, reply to, update
 * and delete activities (v3/conversations/...), recorded instead of delivered. Point an activity's
 * serviceUrl, or the helpline channel's stored reference, at it and it records what Teams (or web chat,
 * or SMS) would have received. Written here because Microsoft ships no connector emulator for CI.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Delivery {
  method: 'POST' | 'PUT' | 'DELETE';
  conversationId: string;
  /** The activity replied to, updated or deleted. */
  activityId?: string;
  /** The id the stand-in gave a new activity. */
  id?: string;
  activity: Record<string, unknown>;
}

const ROUTE = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?\/?$/;

export class ConnectorStandIn {
  readonly deliveries: Delivery[] = [];
  private server?: Server;
  private next = 1;
  url = '';

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const match = ROUTE.exec(new URL(req.url ?? '/', 'http://x').pathname);
        const method = req.method as Delivery['method'];
        if (!match || !['POST', 'PUT', 'DELETE'].includes(method)) {
          res.writeHead(404, { 'content-type': 'application/json' });
          res.end('{"error":"not a connector route"}');
          return;
        }
        const body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>) : {};
        const conversationId = decodeURIComponent(match[1] ?? '');
        const activityId = match[2] ? decodeURIComponent(match[2]) : undefined;
        const id = method === 'DELETE' ? undefined : method === 'PUT' ? activityId : `act-${this.next++}`;
        this.deliveries.push({ method, conversationId, activityId, id, activity: body });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(id ? { id } : {}));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Everything sent to one conversation (a thread's id starts with its channel's id). */
  to(conversationId: string): Delivery[] {
    return this.deliveries.filter((d) => d.conversationId === conversationId || d.conversationId.startsWith(`${conversationId};`));
  }

  /** Waits until a delivery matches, or fails after `ms`. */
  async waitFor(predicate: (d: Delivery) => boolean, ms = 5000): Promise<Delivery> {
    const end = Date.now() + ms;
    for (;;) {
      const found = this.deliveries.find(predicate);
      if (found) return found;
      if (Date.now() > end)
        throw new Error(`No delivery matched within ${ms} ms. Seen: ${this.deliveries.map((d) => `${d.method} ${d.conversationId}`).join(', ')}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}

/** The words of an activity, whether text or an Adaptive Card. */
export function wordsOf(activity: Record<string, unknown>): string {
  const parts: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (typeof o.text === 'string') parts.push(o.text);
    if (typeof o.title === 'string' && typeof o.value === 'string' && o.type === undefined) parts.push(`${o.title}: ${o.value}`);
    else if (typeof o.title === 'string') parts.push(`[${o.title}]`);
    for (const key of ['attachments', 'content', 'body', 'items', 'facts', 'actions', 'suggestedActions']) walk(o[key]);
  };
  walk(activity);
  return parts.join('\n');
}
