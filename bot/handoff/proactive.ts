/**
 * Messages the bot starts itself: to the helpline channel in Teams, to the member of staff in a chat,
 * and to the person while they are handed off. Through CloudAdapter.continueConversationAsync with a
 * stored conversation reference.
 *
 * The anonymous adapter of local mode would post to any serviceUrl, so in local mode only loopback
 * addresses are reached; with credentials only https is (a token must never go over plain http). Anything
 * else is refused before a request is made: fail closed.
 */
import { ActivityTypes, TurnContext, type Activity, type CloudAdapter, type ConversationReference } from 'botbuilder';
import type { DirectLineActivity } from '../../adapters/directline/local-directline.js';
import { isLoopbackUrl } from '../server.js';

export class ProactiveRefusedError extends Error {}

export type Reference = Partial<ConversationReference>;

/** The built-in Direct Line of local mode, which takes the bot's messages in process rather than over HTTP. */
export interface LocalInbox {
  deliverFromBot(conversationId: string, activities: DirectLineActivity[]): string[] | null;
}

export class ProactiveSender {
  /** The adapter is looked up when first used: the composition root builds it after the assistant. */
  constructor(
    private readonly adapterOf: () => CloudAdapter,
    private readonly opts: { appId: string; localMode: boolean; localInbox?: () => LocalInbox | undefined },
  ) {}

  private get adapter(): CloudAdapter {
    return this.adapterOf();
  }

  check(reference: Reference): void {
    const url = reference.serviceUrl;
    if (this.opts.localMode ? !isLoopbackUrl(url) : !/^https:\/\//i.test(url ?? '')) {
      throw new ProactiveRefusedError(this.opts.localMode ? 'local mode reaches only loopback service URLs' : 'only https service URLs are reached');
    }
  }

  /** A turn context on a stored reference, for building events such as handoff.initiate. */
  contextFor(reference: Reference): TurnContext {
    const activity = TurnContext.applyConversationReference({ type: ActivityTypes.Event, name: 'ContinueConversation' }, reference, true);
    return new TurnContext(this.adapter, activity);
  }

  /** Sends activities into a conversation; returns the ids the channel gave them. */
  async send(reference: Reference, activities: Partial<Activity>[]): Promise<string[]> {
    const inbox = this.opts.localMode && reference.channelId === 'directline' ? this.opts.localInbox?.() : undefined;
    const delivered =
      inbox && reference.conversation?.id
        ? inbox.deliverFromBot(
            reference.conversation.id,
            activities.map((a) => JSON.parse(JSON.stringify({ ...a, type: a.type ?? 'message' })) as DirectLineActivity),
          )
        : null;
    if (delivered) return delivered;
    this.check(reference);
    let ids: string[] = [];
    await this.adapter.continueConversationAsync(this.opts.appId, reference, async (context) => {
      const sent = await context.sendActivities(activities);
      ids = sent.map((r) => r?.id ?? '');
    });
    return ids;
  }

  async update(reference: Reference, activityId: string, activity: Partial<Activity>): Promise<void> {
    this.check(reference);
    await this.adapter.continueConversationAsync(this.opts.appId, reference, async (context) => {
      await context.updateActivity({ ...activity, id: activityId, conversation: context.activity.conversation });
    });
  }

  async remove(reference: Reference, activityId: string): Promise<void> {
    this.check(reference);
    await this.adapter.continueConversationAsync(this.opts.appId, reference, async (context) => {
      await context.deleteActivity(activityId);
    });
  }
}
