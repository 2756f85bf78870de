/**
 * Microsoft Teams: Teams does not show suggested actions in most places, so a reply with choices or facts
 * is an Adaptive Card (version 1.4, which Teams shows on desktop, web and mobile). Everything else is a
 * markdown message. Crisis replies stay plain text, first and in full: text cannot fail to render.
 *
 * Cards wrap every text block and set no widths, so they read on a phone. Each choice is its own row
 * (one ActionSet per choice): Teams cuts long labels short when buttons sit side by side.
 */
import { ActivityTypes, CardFactory, InputHints, type Activity } from 'botbuilder';
import { feedbackValue, type Reply } from '../../bot/reply.js';
import { crisisFirst, markdownBlocks, replyMarkdown, sourceLine } from './markdown.js';

export const TEAMS_CARD_VERSION = '1.4';

type CardElement = Record<string, unknown>;

function text(value: string, extra: CardElement = {}): CardElement {
  return { type: 'TextBlock', text: value, wrap: true, ...extra };
}

/** Adaptive Card markdown needs "\r" between list items to keep them one list. */
function cardBlocks(paragraphs: string[]): CardElement[] {
  return markdownBlocks(paragraphs).map((block) => text(block.split('\n').join('\r'), { spacing: 'Medium' }));
}

/** What an Action.Submit sends back: the value for the bot, and the label shown in the chat as if typed. */
export function choiceSubmitData(value: string, label: string): Record<string, unknown> {
  return { value, msteams: { type: 'messageBack', displayText: label, text: value } };
}

/** Each directory service as its own container: name, what it offers, a fact set, and its website. */
function serviceContainers(reply: Reply): CardElement[] {
  const list = reply.services;
  if (!list) return [];
  return list.entries.map((s) => ({
    type: 'Container',
    spacing: 'Large',
    separator: true,
    items: [
      text(s.name, { weight: 'Bolder' }),
      text(s.offer),
      {
        type: 'FactSet',
        facts: [
          ...(s.forWhom ? [{ title: list.labels.for, value: s.forWhom }] : []),
          ...(s.cost ? [{ title: list.labels.cost, value: s.cost }] : []),
          ...(s.contact ? [{ title: list.labels.contact, value: s.contact }] : []),
        ],
      },
      ...(s.url ? [{ type: 'ActionSet', actions: [{ type: 'Action.OpenUrl', title: s.name, url: s.url }] }] : []),
    ],
  }));
}

/** "Did this help?" and two short buttons, side by side: "Yes" and "No" are never cut short. */
function feedbackElements(f: NonNullable<Reply['feedback']>): CardElement[] {
  return [
    text(f.question, { spacing: 'Large', isSubtle: true }),
    {
      type: 'ActionSet',
      spacing: 'Small',
      actions: [
        { type: 'Action.Submit', title: f.yes, data: choiceSubmitData(feedbackValue('yes', f.topicId), f.yes) },
        { type: 'Action.Submit', title: f.no, data: choiceSubmitData(feedbackValue('no', f.topicId), f.no) },
      ],
    },
  ];
}

export function teamsCard(reply: Reply): Record<string, unknown> {
  const body: CardElement[] = [
    ...(reply.title ? [text(reply.title, { weight: 'Bolder', size: 'Medium' })] : []),
    ...cardBlocks([...reply.paragraphs, ...(reply.more ?? [])]),
    ...serviceContainers(reply),
    ...(reply.facts?.length ? [{ type: 'FactSet', spacing: 'Medium', facts: reply.facts.map((f) => ({ title: f.label, value: f.value })) }] : []),
    ...(reply.links?.length ? [text(reply.links.map((l) => `- [${l.title.replace(/[[\]]/g, '')}](${l.url})`).join('\r'), { spacing: 'Medium' })] : []),
    ...(sourceLine(reply) ? [text(sourceLine(reply)!, { isSubtle: true, size: 'Small', spacing: 'Medium' })] : []),
    ...(reply.prompt ? [text(reply.prompt, { weight: 'Bolder', spacing: 'Large' })] : []),
    ...(reply.choices ?? []).map((c) => ({
      type: 'ActionSet',
      spacing: 'Small',
      actions: [{ type: 'Action.Submit', title: c.label, data: choiceSubmitData(c.value, c.label) }],
    })),
    ...(reply.feedback ? feedbackElements(reply.feedback) : []),
  ];
  return { type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: TEAMS_CARD_VERSION, body };
}

export function renderTeams(replies: Reply[]): Partial<Activity>[] {
  return crisisFirst(replies).map((reply): Partial<Activity> => {
    const needsCard = reply.kind !== 'crisis' && Boolean(reply.choices?.length || reply.facts?.length || reply.services?.entries.length || reply.feedback);
    if (!needsCard) return { type: ActivityTypes.Message, text: replyMarkdown(reply), textFormat: 'markdown' };
    return {
      type: ActivityTypes.Message,
      // The notification preview and what a screen reader announces before the card.
      summary: reply.title ?? reply.prompt ?? reply.paragraphs[0],
      inputHint: reply.choices?.length ? InputHints.ExpectingInput : InputHints.AcceptingInput,
      attachments: [CardFactory.adaptiveCard(teamsCard(reply))],
    };
  });
}
