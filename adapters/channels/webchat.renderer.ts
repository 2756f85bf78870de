/**
 * Web chat: each reply is one markdown message. Choices become suggested actions (imBack with the
 * choice's value) on the message that asks the question; Web Chat shows them as buttons above the box.
 */
import { ActionTypes, ActivityTypes, CardFactory, InputHints, type Activity, type CardAction } from 'botbuilder';
import { feedbackValue, type Reply } from '../../bot/reply.js';
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
    if (reply.feedback) {
      // "Did this help?" stays with the answer it is about, as card buttons; suggested actions vanish
      // once the next message arrives. messageBack shows "Yes" or "No" in the chat and sends the value.
      const f = reply.feedback;
      const button = (answer: 'yes' | 'no', title: string): CardAction => ({
        type: ActionTypes.MessageBack,
        title,
        displayText: title,
        text: title,
        value: { value: feedbackValue(answer, f.topicId) },
      });
      activity.attachments = [CardFactory.heroCard('', f.question, undefined, [button('yes', f.yes), button('no', f.no)])];
    }
    return activity;
  });
}
