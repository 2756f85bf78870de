import { CloudAdapter, type Activity, type ExpectedReplies, type TurnContext } from 'botbuilder';
import type { DirectLineActivity } from './local-directline.js';

/**
 * The Bot Framework adapter with one more way in, for the local Direct Line service: an activity posted
 * to it takes the same adapter path as every other channel (middleware, turn error handler), but with
 * deliveryMode expectReplies, so the replies come back as the result instead of being posted to a
 * service URL. CloudAdapter keeps that path (processActivity) protected, hence the subclass.
 */
export class BridgeCloudAdapter extends CloudAdapter {
  async processExpectingReplies(
    activity: DirectLineActivity,
    serviceUrl: string,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<DirectLineActivity[]> {
    // A Direct Line client sends only some of an activity's fields (and its time as text): the adapter
    // reads it as it reads a JSON body from HTTP, where the same holds.
    const inbound = { ...activity, deliveryMode: 'expectReplies', serviceUrl } as Partial<Activity> as Activity;
    const invoke = await this.processActivity('', inbound, logic);
    const body = invoke?.body as ExpectedReplies | undefined;
    return (body?.activities ?? []).map((reply): DirectLineActivity => ({
      ...reply,
      timestamp: reply.timestamp ? new Date(reply.timestamp).toISOString() : undefined,
    }));
  }
}
