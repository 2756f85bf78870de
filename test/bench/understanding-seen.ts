/**
 * What a person sees first of a turn, per channel, for judging answers: on web chat and Teams the text
 * and card text of the turn's messages (not button labels, not detail kept for "More detail"); on SMS
 * the first text only. Shared by the understanding benchmark and the answer-quality tests.
 */
export interface SeenActivity {
  type?: string;
  text?: string;
  attachments?: { contentType?: string; content?: unknown }[];
}

export type BenchChannel = 'webchat' | 'teams' | 'sms';

/** The text of an Adaptive Card: its text blocks and fact sets, not its buttons. */
export function cardText(node: unknown): string[] {
  if (!node || typeof node !== 'object') return [];
  if (Array.isArray(node)) return node.flatMap(cardText);
  const element = node as Record<string, unknown>;
  if (element.type === 'TextBlock' && typeof element.text === 'string') return [element.text];
  if (element.type === 'FactSet' && Array.isArray(element.facts))
    return (element.facts as { title?: string; value?: string }[]).map((f) => `${f.title ?? ''} ${f.value ?? ''}`);
  return [...cardText(element.body), ...cardText(element.items), ...cardText(element.columns)];
}

/** Everything said in a turn's messages. */
export function seenAll(activities: SeenActivity[]): string {
  return activities
    .filter((a) => (a.type ?? 'message') === 'message')
    .map((a) => [a.text ?? '', ...(a.attachments ?? []).flatMap((x) => cardText(x.content))].join('\n'))
    .join('\n');
}

/** What a person sees first for a turn on this channel. */
export function seenFirst(channel: BenchChannel, activities: SeenActivity[]): string {
  const messages = activities.filter((a) => (a.type ?? 'message') === 'message');
  if (channel === 'sms') return messages[0]?.text ?? '';
  return seenAll(messages);
}
