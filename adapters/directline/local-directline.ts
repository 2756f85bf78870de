/**
 * The small part of the Direct Line 3.0 REST API that Web Chat needs, served locally so web chat works
 * after `npm start` with no Azure account: start a conversation, post an activity, get activities with a
 * watermark, refresh a token. Any Direct Line client can use it with
 * `domain: http://localhost:3978/v3/directline` and polling (no web socket).
 *
 * Written here because Microsoft ships no embeddable Direct Line server; the Bot Framework Emulator's is
 * part of a desktop app. Production uses Azure Direct Line instead (see token.route.ts).
 *
 * Conversations live in memory and expire when idle: the bot's own state is in its storage, so a
 * restart loses only the on-screen transcript, not the person's place.
 */
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Request, Response, Server } from 'restify';

/** Hands an activity to the bot and returns its replies (the composition root wires this to the adapter). */
export type BotBridge = (activity: DirectLineActivity) => Promise<DirectLineActivity[]>;

export interface DirectLineActivity {
  type: string;
  id?: string;
  timestamp?: string;
  channelId?: string;
  conversation?: { id: string };
  from?: { id: string; name?: string; role?: string };
  recipient?: { id: string; name?: string; role?: string };
  text?: string;
  value?: unknown;
  replyToId?: string;
  membersAdded?: Array<{ id: string; name?: string }>;
  [key: string]: unknown;
}

interface Conversation {
  id: string;
  userId: string;
  activities: DirectLineActivity[];
  /** Watermark of activities[0]: older ones were dropped to bound memory. */
  offset: number;
  lastActive: number;
  started: boolean;
}

export interface LocalDirectLineOptions {
  bridge: BotBridge;
  /** The bot's account in this channel. */
  botId?: string;
  tokenTtlSeconds?: number;
  idleExpiryMs?: number;
  maxConversations?: number;
  maxActivitiesKept?: number;
  now?: () => number;
  logger?: { warn(fields: object, msg?: string): void };
}

const PATH = '/v3/directline';
const JWT_HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

export class LocalDirectLine {
  private readonly secret = randomBytes(32);
  private readonly conversations = new Map<string, Conversation>();
  private readonly botId: string;
  private readonly ttl: number;
  private readonly idleExpiryMs: number;
  private readonly maxConversations: number;
  private readonly maxActivitiesKept: number;
  private readonly now: () => number;

  constructor(private readonly options: LocalDirectLineOptions) {
    this.botId = options.botId ?? 'local-offer-assistant';
    this.ttl = options.tokenTtlSeconds ?? 1800;
    this.idleExpiryMs = options.idleExpiryMs ?? 2 * 3_600_000;
    this.maxConversations = options.maxConversations ?? 5000;
    this.maxActivitiesKept = options.maxActivitiesKept ?? 500;
    this.now = options.now ?? Date.now;
  }

  /**
   * A token bound to one conversation and one user, shaped as an HS256 JWT like Azure's: Web Chat and
   * DirectLineJS read the user id from the token's "user" claim, and ignore a dl_ user id that is not there.
   */
  issueToken(conversationId: string, userId: string): { token: string; expires_in: number } {
    const payload = Buffer.from(JSON.stringify({ conv: conversationId, user: userId, exp: Math.floor(this.now() / 1000) + this.ttl })).toString('base64url');
    const signature = createHmac('sha256', this.secret).update(`${JWT_HEADER}.${payload}`).digest('base64url');
    return { token: `${JWT_HEADER}.${payload}.${signature}`, expires_in: this.ttl };
  }

  /** A fresh conversation id, user id and token, for the page's token endpoint. */
  newSession(): { conversationId: string; userId: string; token: string; expires_in: number } {
    const conversationId = randomUUID();
    const userId = `dl_${randomBytes(12).toString('hex')}`;
    return { conversationId, userId, ...this.issueToken(conversationId, userId) };
  }

  verify(header: string | undefined): { conversationId: string; userId: string } | null {
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    if (!token) return null;
    const [head, payload, signature, extra] = token.split('.');
    // Only our own header is accepted, so no "alg" in a token can change how it is checked.
    if (head !== JWT_HEADER || !payload || !signature || extra !== undefined) return null;
    const expected = createHmac('sha256', this.secret).update(`${head}.${payload}`).digest();
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    try {
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { conv: string; user: string; exp: number };
      if (claims.exp * 1000 < this.now()) return null;
      return { conversationId: claims.conv, userId: claims.user };
    } catch {
      return null;
    }
  }

  private sweep(): void {
    const cutoff = this.now() - this.idleExpiryMs;
    for (const [id, c] of this.conversations) if (c.lastActive < cutoff) this.conversations.delete(id);
  }

  private append(conversation: Conversation, activity: DirectLineActivity): DirectLineActivity {
    const watermark = conversation.offset + conversation.activities.length;
    const stored = {
      ...activity,
      id: `${conversation.id}|${String(watermark).padStart(7, '0')}`,
      timestamp: new Date(this.now()).toISOString(),
      channelId: 'directline',
      conversation: { id: conversation.id },
    };
    conversation.activities.push(stored);
    const excess = conversation.activities.length - this.maxActivitiesKept;
    if (excess > 0) {
      conversation.activities.splice(0, excess);
      conversation.offset += excess;
    }
    return stored;
  }

  private async deliver(conversation: Conversation, activity: DirectLineActivity): Promise<void> {
    let replies: DirectLineActivity[];
    try {
      replies = await this.options.bridge({
        ...activity,
        channelId: 'directline',
        conversation: { id: conversation.id },
        recipient: { id: this.botId, role: 'bot' },
      });
    } catch (err) {
      // The bot's own error handler has already apologised if it could; the transcript must not break.
      this.options.logger?.warn({ event: 'directline-delivery-failed', error: (err as Error).name });
      return;
    }
    for (const reply of replies) {
      this.append(conversation, {
        ...reply,
        from: { id: this.botId, name: 'Local Offer Assistant', role: 'bot' },
        recipient: { id: conversation.userId, role: 'user' },
        replyToId: activity.id,
      });
    }
  }

  private authorised(req: Request, res: Response, conversationId?: string): { conversationId: string; userId: string } | null {
    const claims = this.verify(req.headers.authorization);
    if (!claims || (conversationId && claims.conversationId !== conversationId)) {
      res.status(403);
      res.json({ error: { code: 'TokenInvalid', message: 'The token is missing, expired or not for this conversation.' } });
      return null;
    }
    return claims;
  }

  private async start(claims: { conversationId: string; userId: string }): Promise<Conversation> {
    let conversation = this.conversations.get(claims.conversationId);
    if (!conversation) {
      this.sweep();
      if (this.conversations.size >= this.maxConversations) {
        const oldest = [...this.conversations.values()].sort((a, b) => a.lastActive - b.lastActive)[0];
        if (oldest) this.conversations.delete(oldest.id);
      }
      conversation = { id: claims.conversationId, userId: claims.userId, activities: [], offset: 0, lastActive: this.now(), started: false };
      this.conversations.set(conversation.id, conversation);
    }
    if (!conversation.started) {
      conversation.started = true;
      // As Azure Direct Line does: tell the bot that the user joined, so it can greet them.
      await this.deliver(conversation, { type: 'conversationUpdate', membersAdded: [{ id: claims.userId }], from: { id: claims.userId, role: 'user' } });
    }
    conversation.lastActive = this.now();
    return conversation;
  }

  /** Handlers are async: restify 10+ refuses a two-argument handler that is not. */
  register(server: Server): void {
    const reply = (res: Response, status: number, body: unknown) => {
      res.status(status);
      res.json(body);
    };

    server.post(`${PATH}/tokens/refresh`, async (req: Request, res: Response) => {
      const claims = this.authorised(req, res);
      if (!claims) return;
      reply(res, 200, { conversationId: claims.conversationId, ...this.issueToken(claims.conversationId, claims.userId) });
    });

    server.post(`${PATH}/conversations`, async (req: Request, res: Response) => {
      const claims = this.authorised(req, res);
      if (!claims) return;
      const conversation = await this.start(claims);
      reply(res, 201, { conversationId: conversation.id, ...this.issueToken(conversation.id, claims.userId), referenceGrammarId: 'local' });
    });

    server.get(`${PATH}/conversations/:id`, async (req: Request, res: Response) => {
      const claims = this.authorised(req, res, routeParam(req, 'id'));
      if (!claims) return;
      const conversation = await this.start(claims);
      reply(res, 200, { conversationId: conversation.id, ...this.issueToken(conversation.id, claims.userId) });
    });

    server.post(`${PATH}/conversations/:id/activities`, async (req: Request, res: Response) => {
      const claims = this.authorised(req, res, routeParam(req, 'id'));
      if (!claims) return;
      const body: unknown = req.body;
      if (!body || typeof body !== 'object' || Array.isArray(body) || typeof (body as DirectLineActivity).type !== 'string') {
        return reply(res, 400, { error: { code: 'BadArgument', message: 'The body must be an activity with a type.' } });
      }
      const conversation = await this.start(claims);
      // The sender is whoever the token was issued to, whatever the body claims.
      const stored = this.append(conversation, {
        ...(body as DirectLineActivity),
        from: { id: claims.userId, role: 'user' },
        recipient: { id: this.botId, role: 'bot' },
      });
      await this.deliver(conversation, stored);
      reply(res, 200, { id: stored.id });
    });

    server.get(`${PATH}/conversations/:id/activities`, async (req: Request, res: Response) => {
      const claims = this.authorised(req, res, routeParam(req, 'id'));
      if (!claims) return;
      const conversation = this.conversations.get(claims.conversationId);
      if (!conversation) return reply(res, 404, { error: { code: 'BadArgument', message: 'Conversation not found or expired.' } });
      conversation.lastActive = this.now();
      const asked = Number.parseInt(String((req.query as { watermark?: string } | undefined)?.watermark ?? '0'), 10);
      const from = Number.isFinite(asked) && asked > conversation.offset ? asked - conversation.offset : 0;
      reply(res, 200, { activities: conversation.activities.slice(from), watermark: String(conversation.offset + conversation.activities.length) });
    });
  }
}

/** A route parameter as text (restify types req.params as any). */
function routeParam(req: Request, name: string): string | undefined {
  const params: unknown = req.params;
  if (typeof params !== 'object' || params === null || !(name in params)) return undefined;
  const value: unknown = (params as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}
