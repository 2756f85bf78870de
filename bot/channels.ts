/**
 * The channel edge, built once in the composition root: a renderer for each channel the bot serves,
 * the SMS pager that web hook and Azure's SMS channel share, and the words the SMS channel says itself.
 */
import type { Storage } from 'botbuilder';
import { renderTeams } from '../adapters/channels/teams.renderer.js';
import { renderWebChat } from '../adapters/channels/webchat.renderer.js';
import { smsMessage, smsWords } from '../adapters/channels/sms.words.js';
import { smsKeyword } from '../adapters/sms/keywords.js';
import { isMoreRequest, SmsPager } from '../adapters/sms/sms-pager.js';
import { toGsm7 } from '../content/gsm7.js';
import type { ActivityRenderer, ChannelIntercept } from './activity-bot.js';
import type { Composer } from './compose.js';
import type { ChannelKind } from './reply.js';

export type BotChannel = Exclude<ChannelKind, 'test'>;

export interface ChannelDeps {
  /** Conversation storage: the SMS pager keeps the pages waiting for MORE here. */
  storage: Storage;
  /** Reads the SMS channel's own words from content when they are there. */
  composer?: Composer;
}

/** What the SMS web hook says itself, outside a conversation turn. */
export interface SmsRouteWords {
  help(): string;
  optedIn(): string;
  apology(): string;
}

export interface Channels {
  renderers: Record<BotChannel, ActivityRenderer>;
  /** Messages a channel answers itself, before the assistant: MORE on SMS. */
  intercept: Partial<Record<BotChannel, ChannelIntercept>>;
  smsPager: SmsPager;
  smsWords: SmsRouteWords;
}

/** HELP on SMS: the helpline and the crisis numbers, in GSM-7. */
export function smsHelpText(composer?: Composer): string {
  return toGsm7(smsMessage(composer, 'sms.help'));
}

export function createChannels(deps: ChannelDeps): Channels {
  const smsPager = new SmsPager({ storage: deps.storage, words: smsWords(deps.composer), nothingMore: () => smsMessage(deps.composer, 'sms.no-more') });
  const asTexts = (texts: string[]) => texts.map((text) => ({ type: 'message', text, textFormat: 'plain' }));
  return {
    renderers: {
      webchat: renderWebChat,
      teams: renderTeams,
      sms: async (replies, conversationKey) => asTexts(await smsPager.page(conversationKey, replies)),
    },
    intercept: {
      // Azure Bot Service's SMS channel pages the same way as our own Twilio web hook, and answers the
      // same keywords. Twilio blocks texts to a number that sent STOP, so STOP needs no reply of ours.
      sms: async (inbound) => {
        if (inbound.value) return null;
        if (isMoreRequest(inbound.text)) return asTexts(await smsPager.more(inbound.conversationKey));
        switch (smsKeyword(inbound.text)) {
          case 'help':
            return asTexts([smsHelpText(deps.composer)]);
          case 'stop':
            return [];
          case 'start':
            return asTexts([toGsm7(smsMessage(deps.composer, 'sms.opted-in'))]);
          default:
            return null;
        }
      },
    },
    smsPager,
    smsWords: {
      help: () => smsHelpText(deps.composer),
      optedIn: () => toGsm7(smsMessage(deps.composer, 'sms.opted-in')),
      apology: () =>
        toGsm7(
          deps.composer?.hasMessage('turn-error')
            ? deps.composer.message('turn-error', 'parent')
            : 'Sorry, something went wrong on our side. Please try again.',
        ),
    },
  };
}
