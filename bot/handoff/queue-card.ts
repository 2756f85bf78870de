/**
 * The helpline queue's cards in Teams: a request with the summary and an Accept button; once accepted,
 * who took it and an End chat button; a call back request. Adaptive Cards 1.4, as the Teams renderer.
 */
import { ActivityTypes, CardFactory, type Activity } from 'botbuilder';
import { TEAMS_CARD_VERSION } from '../../adapters/channels/teams.renderer.js';

export const HANDOFF_ACTION = 'handoffAction';

type Element = Record<string, unknown>;

function text(value: string, extra: Element = {}): Element {
  return { type: 'TextBlock', text: value, wrap: true, ...extra };
}

function card(body: Element[], actions: Element[] = []): Partial<Activity> {
  const content = { type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: TEAMS_CARD_VERSION, body, actions };
  return { type: ActivityTypes.Message, attachments: [CardFactory.adaptiveCard(content)] };
}

function button(title: string, action: 'accept' | 'end', caseRef: string): Element {
  return { type: 'Action.Submit', title, data: { [HANDOFF_ACTION]: action, caseRef } };
}

export interface RequestCard {
  title: string;
  caseRef: string;
  facts: Array<{ title: string; value: string }>;
  summary: string;
  transcript: string[];
  acceptLabel: string;
}

export function requestCard(c: RequestCard): Partial<Activity> {
  const body: Element[] = [
    text(c.title, { weight: 'Bolder', size: 'Medium' }),
    { type: 'FactSet', facts: c.facts },
    // One block a line: Teams joins lines of one block unless they are a list.
    ...c.summary.split('\n').map((line, i) => text(line, { spacing: i === 0 ? 'Medium' : 'None' })),
  ];
  if (c.transcript.length) {
    body.push({ type: 'Container', id: 'transcript', isVisible: false, items: c.transcript.map((line) => text(line, { size: 'Small' })) });
  }
  const actions = [button(c.acceptLabel, 'accept', c.caseRef)];
  if (c.transcript.length) actions.push({ type: 'Action.ToggleVisibility', title: 'Show the conversation', targetElements: ['transcript'] });
  return { ...card(body, actions), summary: `${c.title} (${c.caseRef})` };
}

export function statusCard(title: string, caseRef: string, lines: string[], endLabel?: string): Partial<Activity> {
  return card(
    [text(title, { weight: 'Bolder' }), text(`Case reference: ${caseRef}`, { isSubtle: true }), ...lines.map((l) => text(l))],
    endLabel ? [button(endLabel, 'end', caseRef)] : [],
  );
}

/** What a Teams card button sends back, if it is one of ours. */
export function handoffActionOf(value: unknown): { action: 'accept' | 'end'; caseRef: string } | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  const action = v[HANDOFF_ACTION];
  if ((action === 'accept' || action === 'end') && typeof v.caseRef === 'string') return { action, caseRef: v.caseRef };
  return null;
}
