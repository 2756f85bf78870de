/**
 * Web chat: each reply is one markdown message. Choices become suggested actions (imBack with the
 * choice's value) on the message that asks the question; Web Chat shows them as buttons above the box.
 */
import { ActionTypes, ActivityTypes, InputHints, type Activity, type CardAction } from 'botbuilder';
import type { Reply } from '../../bot/reply.js';
import { crisisFirst, replyMarkdown } from './markdown.js';

export function renderWebChat(replies: Reply[]): Partial<Activity>[] {
  return crisisFirst(replies).map((reply) => {
    const activity: Partial<Activity> = {
      type: ActivityTypes.Message,
      text: replyMarkdown(reply),
      textFormat: 'markdown',
      inputHint: reply.choices?.length ? InputHints.ExpectingInput : InputHints.AcceptingInput,
    };
    if (reply.choices?.length) {
      const actions: CardAction[] = reply.choices.map((c) => ({ type: ActionTypes.ImBack, title: c.label, value: c.value }));
      // "to" left empty: everyone in the conversation may answer.
      activity.suggestedActions = { actions, to: [] };
    }
    return activity;
  });
}
