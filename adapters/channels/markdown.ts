/**
 * A neutral reply as markdown, for web chat and for Teams text messages: the title in bold, "- " lines
 * as a list, facts as a list, links as markdown links and the source line last.
 */
import type { Reply } from '../../bot/reply.js';

/** Square brackets and backslashes would break out of a link's text. */
function linkText(text: string): string {
  return text.replace(/[\\[\]]/g, (c) => `\\${c}`);
}

/** Spaces and brackets inside a URL would end the link early. */
function linkUrl(url: string): string {
  return url.replace(/[ ()<>]/g, (c) => encodeURIComponent(c));
}

/** Paragraphs, with runs of "- " lines kept together so they render as one list. */
export function markdownBlocks(paragraphs: string[]): string[] {
  const blocks: string[] = [];
  let list: string[] = [];
  const flush = () => {
    if (list.length) blocks.push(list.join('\n'));
    list = [];
  };
  for (const paragraph of paragraphs) {
    for (const line of paragraph.split('\n')) {
      if (line.startsWith('- ')) list.push(line);
      else {
        flush();
        if (line.trim()) blocks.push(line);
      }
    }
    flush();
  }
  return blocks;
}

export function sourceLine(reply: Reply): string | undefined {
  return reply.source ? `Source: ${reply.source.citation}. Last checked ${reply.source.lastChecked}.` : undefined;
}

export interface MarkdownOptions {
  /** Leave out the prompt and facts, because a card shows them. */
  withoutFacts?: boolean;
}

/** Directory services as a numbered markdown list: name, what it offers, who it is for, cost and contact. */
export function servicesMarkdown(reply: Reply): string[] {
  const list = reply.services;
  if (!list?.entries.length) return [];
  const { labels } = list;
  return list.entries.map((s, i) =>
    [
      `${i + 1}. **${s.url ? `[${linkText(s.name)}](${linkUrl(s.url)})` : s.name}**`,
      `   ${s.offer}`,
      ...(s.forWhom ? [`   ${labels.for}: ${s.forWhom}`] : []),
      ...(s.cost ? [`   ${labels.cost}: ${s.cost}`] : []),
      ...(s.contact ? [`   ${labels.contact}: ${s.contact}`] : []),
    ].join('  \n'),
  );
}

export function replyMarkdown(reply: Reply, options: MarkdownOptions = {}): string {
  const blocks = [
    ...(reply.title ? [`**${reply.title}**`] : []),
    ...markdownBlocks([...reply.paragraphs, ...(reply.more ?? [])]),
    ...servicesMarkdown(reply),
    ...(reply.facts?.length && !options.withoutFacts ? [reply.facts.map((f) => `- **${f.label}:** ${f.value}`).join('\n')] : []),
    ...(reply.links?.length ? [reply.links.map((l) => `- [${linkText(l.title)}](${linkUrl(l.url)})`).join('\n')] : []),
    ...(sourceLine(reply) ? [sourceLine(reply)!] : []),
    ...(reply.prompt ? [reply.prompt] : []),
  ];
  return blocks.join('\n\n');
}

/** Crisis replies first, in full; the rest keep their order. */
export function crisisFirst(replies: Reply[]): Reply[] {
  return [...replies.filter((r) => r.kind === 'crisis'), ...replies.filter((r) => r.kind !== 'crisis')];
}
