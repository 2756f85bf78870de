/**
 * Builds the handoff service for the composition root, or nothing when HANDOFF_ENABLED is off. The
 * adapter and the channel renderers are built after the assistant, so they are looked up when used.
 */
import type { CloudAdapter } from 'botbuilder';
import type { ContentStore } from '../../content/store.js';
import type { ActivityRenderer } from '../activity-bot.js';
import type { BotChannel } from '../channels.js';
import { Composer } from '../compose.js';
import type { Config } from '../config.js';
import type { EventLogger } from '../reply.js';
import { HandoffService, type HandoffDeps } from './handoff-service.js';
import { HelplineHours } from './hours.js';
import { ProactiveSender, type LocalInbox, type Reference } from './proactive.js';

export interface HandoffWiring {
  config: Config;
  content: ContentStore;
  storage: HandoffDeps['storage'];
  logger: EventLogger;
  now?: () => Date;
  adapter: () => CloudAdapter;
  renderers: () => Record<BotChannel, ActivityRenderer>;
  /** Local mode's built-in Direct Line, so the web chat page gets the helpline's replies too. */
  localInbox?: () => LocalInbox | undefined;
}

export function createHandoff(w: HandoffWiring): HandoffService | undefined {
  const q = w.config.handoffQueue;
  if (!w.config.HANDOFF_ENABLED || !q) return undefined;
  const queue: Reference = {
    serviceUrl: q.serviceUrl,
    channelId: q.channelId,
    conversation: { isGroup: true, conversationType: 'channel', name: '', ...q.conversation },
    ...(q.bot ? { bot: { name: '', ...q.bot } } : {}),
  };
  const renderers = {
    webchat: (replies, key) => w.renderers().webchat(replies, key),
    teams: (replies, key) => w.renderers().teams(replies, key),
    sms: (replies, key) => w.renderers().sms(replies, key),
  } satisfies Record<BotChannel, ActivityRenderer>;
  return new HandoffService({
    storage: w.storage,
    content: w.content,
    compose: new Composer(w.content),
    sender: new ProactiveSender(w.adapter, { appId: w.config.MicrosoftAppId ?? '', localMode: w.config.localMode, localInbox: w.localInbox }),
    renderers,
    hours: new HelplineHours(w.content.council.helpline.openingHours),
    logger: w.logger,
    now: w.now,
    settings: {
      queue,
      waitMs: w.config.HANDOFF_WAIT_SECONDS * 1000,
      callbackRetentionDays: w.config.HANDOFF_CALLBACK_RETENTION_DAYS,
      keySecret: w.config.conversationKeySecret,
    },
  });
}

export type { HandoffService } from './handoff-service.js';
