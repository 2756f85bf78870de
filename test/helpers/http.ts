/**
 * Starts the whole assistant on 127.0.0.1 with an ephemeral port and talks to /api/messages with
 * deliveryMode "expectReplies", so replies come back in the HTTP response.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, type App } from '../../bot/app.js';

export async function startApp(env: Record<string, string> = {}): Promise<App> {
  const dir = mkdtempSync(join(tmpdir(), 'loa-http-'));
  const app = await buildApp({ env: { NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', DATA_DIR: dir, LOG_LEVEL: 'silent', ...env } });
  await app.listen();
  return app;
}

export interface BotActivity {
  type: string;
  text?: string;
  suggestedActions?: { actions: Array<{ title: string; value: string }> };
  attachments?: Array<{ contentType: string; content: unknown }>;
}

export class HttpChat {
  constructor(
    private readonly app: App,
    readonly conversationId = `http-${Math.random().toString(36).slice(2)}`,
    private readonly channelId = 'emulator',
  ) {}

  async post(activity: Record<string, unknown>): Promise<{ status: number; activities: BotActivity[]; body: unknown }> {
    const res = await fetch(`${this.app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        channelId: this.channelId,
        serviceUrl: 'http://127.0.0.1:9',
        deliveryMode: 'expectReplies',
        conversation: { id: this.conversationId },
        from: { id: 'user-1', role: 'user' },
        recipient: { id: 'bot' },
        ...activity,
      }),
    });
    const text = await res.text();
    const body = text ? JSON.parse(text) : undefined;
    return { status: res.status, activities: (body as { activities?: BotActivity[] } | undefined)?.activities ?? [], body };
  }

  /** Sends a message and returns everything the bot said, as one string. */
  async say(text: string): Promise<string> {
    const { status, activities } = await this.post({ type: 'message', text });
    if (status !== 200) throw new Error(`HTTP ${status}`);
    this.last = activities;
    return activities.map((a) => [a.text ?? '', ...(a.suggestedActions?.actions ?? []).map((x) => `[${x.title}]`)].join('\n')).join('\n');
  }

  last: BotActivity[] = [];

  get buttons(): string[] {
    return this.last.flatMap((a) => a.suggestedActions?.actions ?? []).map((a) => a.title);
  }
}
