/**
 * The thin bot: turns a Bot Framework activity into a neutral Inbound, asks the assistant, and renders
 * the replies for the channel the activity came from. No conversation logic lives here.
 */
import { createHmac } from 'node:crypto';
import { ActivityTypes, TurnContext, type Activity } from 'botbuilder';
import type { Assistant, ChannelKind, EventLogger, Inbound, Reply } from './reply.js';
import type { HandoffService } from './handoff/handoff-service.js';
import { beforeDeadline, CRISIS_DEADLINE_MS, MISSED } from './safeguarding/deadline.js';

/** Renders neutral replies as activities for one channel. */
export type ActivityRenderer = (replies: Reply[], conversationKey: string) => Promise<Partial<Activity>[]> | Partial<Activity>[];

/**
 * A message a channel answers itself, without the assistant (SMS "MORE" pages through a long reply).
 * Returns null to let the message through.
 */
export type ChannelIntercept = (inbound: Inbound) => Promise<Partial<Activity>[] | null>;

export interface BotDeps {
  assistant: Assistant;
  renderers: Record<Exclude<ChannelKind, 'test'>, ActivityRenderer>;
  intercept?: Partial<Record<Exclude<ChannelKind, 'test'>, ChannelIntercept>>;
  logger: EventLogger;
  keySecret: string;
  /** Teams: activities from other tenants are refused when this list is not empty. */
  allowedTenants: string[];
  /** Recognises helpline staff (staff mode); nobody is staff when not given. */
  isStaff?: (activity: Activity) => boolean;
  /** Words for the apology sent when a turn fails. */
  apology: () => Reply;
  /** Handoff to the helpline team: status events, the helpline channel, and the person's reference. */
  handoff?: Pick<HandoffService, 'handles' | 'within'>;
  /** The crisis reply or 999 line for a message, or null: a failed turn's apology still carries the numbers. */
  crisisFor?: (text: string) => Reply | null;
}

/** Plain text, one activity per reply: what is sent when a channel's renderer has failed. */
function plainActivities(replies: Reply[]): Partial<Activity>[] {
  return replies.map((r) => ({ type: 'message', text: r.paragraphs.join('\n\n'), textFormat: 'plain' }));
}

export function channelKindOf(channelId: string | undefined): Exclude<ChannelKind, 'test'> {
  if (channelId === 'msteams') return 'teams';
  if (channelId === 'sms') return 'sms';
  return 'webchat';
}

/** Storage keys are a keyed hash: a channel's conversation id can be a phone number. */
export function conversationKeyOf(secret: string, channelId: string, conversationId: string): string {
  return createHmac('sha256', secret).update(`${channelId}\u0000${conversationId}`).digest('hex');
}

function tenantOf(activity: Activity): string | undefined {
  const channelData = activity.channelData as { tenant?: { id?: string } } | undefined;
  return channelData?.tenant?.id ?? (activity.conversation as { tenantId?: string } | undefined)?.tenantId;
}

export class LocalOfferBot {
  constructor(private readonly deps: BotDeps) {}

  /** The turn handler given to the adapter. */
  readonly run = async (context: TurnContext): Promise<void> => {
    const activity = context.activity;
    const kind = channelKindOf(activity.channelId);
    if (kind === 'teams' && this.deps.allowedTenants.length > 0) {
      const tenant = tenantOf(activity);
      if (!tenant || !this.deps.allowedTenants.includes(tenant)) {
        this.deps.logger.warn({ event: 'tenant-refused', channel: kind });
        return;
      }
    }
    if (this.deps.handoff && (await this.deps.handoff.handles(context))) return;
    const conversationKey = conversationKeyOf(this.deps.keySecret, activity.channelId ?? 'unknown', activity.conversation?.id ?? 'unknown');
    const inbound = this.inboundOf(activity, kind, conversationKey);
    if (!inbound) return;
    const intercepted = await this.deps.intercept?.[kind]?.(inbound);
    if (intercepted) {
      if (intercepted.length) await context.sendActivities(intercepted);
      return;
    }
    const handoff = this.deps.handoff;
    const replies = await (handoff ? handoff.within(context, () => this.deps.assistant.turn(inbound)) : this.deps.assistant.turn(inbound));
    await this.send(context, kind, replies, conversationKey);
  };

  /**
   * Sends an apology without touching stored state, for the adapter's turn-error handler. If the message
   * carried a risk, the crisis reply goes first: a failure after detection must not lose the numbers.
   */
  readonly apologise = async (context: TurnContext): Promise<void> => {
    const kind = channelKindOf(context.activity.channelId);
    const key = conversationKeyOf(this.deps.keySecret, context.activity.channelId ?? 'unknown', context.activity.conversation?.id ?? 'unknown');
    const text = typeof context.activity.text === 'string' ? context.activity.text : '';
    let crisis: Reply | null = null;
    try {
      crisis = text ? (this.deps.crisisFor?.(text) ?? null) : null;
    } catch (err) {
      // The apology goes out even when the check that failed the turn fails again here.
      this.deps.logger.error({ event: 'apology-crisis-check-failed', error: (err as Error).name });
    }
    await this.send(context, kind, crisis ? [crisis, this.deps.apology()] : [this.deps.apology()], key);
  };

  private inboundOf(activity: Activity, channel: Exclude<ChannelKind, 'test'>, conversationKey: string): Inbound | null {
    if (activity.type === (ActivityTypes.Message as string)) {
      const value = activity.value as { value?: unknown } | string | undefined;
      const picked = typeof value === 'string' ? value : typeof value?.value === 'string' ? value.value : undefined;
      const attachments = (activity.attachments ?? []).filter((a) => !String(a.contentType ?? '').startsWith('application/vnd.microsoft.card'));
      // In a Teams channel the message starts with an @mention of the bot, which is not part of what was said.
      const text =
        channel === 'teams' && activity.recipient?.id && typeof activity.text === 'string'
          ? TurnContext.removeMentionText(activity, activity.recipient.id)
          : activity.text;
      const typed = typeof text === 'string' ? text.trim() : undefined;
      return {
        conversationKey,
        channel,
        activityId: typeof activity.id === 'string' && activity.id ? activity.id : undefined,
        // A Teams card's messageBack sends the value as text too: read it once, not twice.
        text: picked !== undefined && typed === picked.trim() ? undefined : typed,
        value: picked,
        hasAttachments: attachments.length > 0,
        ...(this.deps.isStaff?.(activity) ? { staff: true } : {}),
      };
    }
    if (activity.type === (ActivityTypes.ConversationUpdate as string)) {
      // Greet once, when someone other than the bot joins (web chat and Teams send this on open).
      const joined = (activity.membersAdded ?? []).some((m) => m.id !== activity.recipient?.id);
      return joined ? { conversationKey, channel, joined: true, ...(this.deps.isStaff?.(activity) ? { staff: true } : {}) } : null;
    }
    // Typing, reactions, installation updates and anything unknown: nothing to say.
    return null;
  }

  private async send(context: TurnContext, kind: Exclude<ChannelKind, 'test'>, replies: Reply[], conversationKey: string): Promise<void> {
    let activities: Partial<Activity>[];
    const crisisNow = replies.some((r) => r.kind === 'crisis');
    try {
      const rendering = Promise.resolve(this.deps.renderers[kind](replies, conversationKey));
      // The SMS renderer stores pages for MORE: a hanging store must not hold up the crisis numbers.
      const rendered = crisisNow ? await beforeDeadline(rendering, CRISIS_DEADLINE_MS) : await rendering;
      if (rendered === MISSED) throw new Error('rendering took too long');
      activities = rendered;
    } catch (err) {
      // A renderer that fails (or the SMS pager's storage) must not cost the crisis numbers: send them plain.
      const crisis = replies.filter((r) => r.kind === 'crisis');
      if (!crisis.length) throw err;
      this.deps.logger.warn({ event: 'render-failed-during-crisis', channel: kind, error: (err as Error).name });
      activities = plainActivities(crisis);
    }
    if (activities.length) await context.sendActivities(activities);
  }
}
