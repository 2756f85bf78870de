/** Web chat and Teams: the same neutral replies, as markdown with suggested actions, and as Adaptive Cards. */
import type { Attachment } from 'botbuilder';
import { renderWebChat } from '../../adapters/channels/webchat.renderer.js';
import { renderTeams, TEAMS_CARD_VERSION } from '../../adapters/channels/teams.renderer.js';
import type { Reply } from '../../bot/reply.js';

const answer: Reply = {
  kind: 'answer',
  title: 'Your appeal deadline',
  paragraphs: ['You should appeal within 2 months.', '- Keep the decision letter\n- Note the date on it'],
  more: ['A mediation certificate can move the deadline.'],
  facts: [{ label: 'Your appeal deadline', value: 'Monday 1 June 2026' }],
  links: [{ title: 'Appeal to the tribunal [GOV.UK]', url: 'https://www.gov.uk/send-tribunal' }],
  source: { citation: 'SEND Regulations 2014, reg 43', lastChecked: '1 November 2026' },
};
const question: Reply = {
  kind: 'step',
  paragraphs: [],
  prompt: 'What would help?',
  choices: [
    { value: 'Talk to the school', label: 'Talk to the school' },
    { value: 'Main menu', label: 'Main menu' },
  ],
};
const crisis: Reply = { kind: 'crisis', paragraphs: ['If anyone is in danger now, call 999.', 'Call Samaritans free on 116 123.'] };

type Card = { version: string; body: Array<Record<string, unknown>> };
const cardOf = (a: { attachments?: Attachment[] }) => a.attachments?.[0]?.content as Card;

describe('web chat', () => {
  test('markdown: bold title, lists, facts, links and the source line', () => {
    const [activity] = renderWebChat([answer]);
    expect(activity?.type).toBe('message');
    expect(activity?.textFormat).toBe('markdown');
    expect(activity?.text).toBe(
      [
        '**Your appeal deadline**',
        'You should appeal within 2 months.',
        '- Keep the decision letter\n- Note the date on it',
        'A mediation certificate can move the deadline.',
        '- **Your appeal deadline:** Monday 1 June 2026',
        '- [Appeal to the tribunal \\[GOV.UK\\]](https://www.gov.uk/send-tribunal)',
        'Source: SEND Regulations 2014, reg 43. Last checked 1 November 2026.',
      ].join('\n\n'),
    );
    expect(activity?.suggestedActions).toBeUndefined();
  });

  test('choices are suggested actions that send the value back', () => {
    const activities = renderWebChat([answer, question]);
    expect(activities).toHaveLength(2);
    expect(activities[1]?.text).toBe('What would help?');
    expect(activities[1]?.suggestedActions?.actions).toEqual([
      { type: 'imBack', title: 'Talk to the school', value: 'Talk to the school' },
      { type: 'imBack', title: 'Main menu', value: 'Main menu' },
    ]);
  });

  test('crisis replies come first and in full', () => {
    const activities = renderWebChat([question, crisis]);
    expect(activities[0]?.text).toBe('If anyone is in danger now, call 999.\n\nCall Samaritans free on 116 123.');
    // Web Chat shows the suggested actions of the last message only: the question stays last.
    expect(activities[1]?.suggestedActions?.actions).toHaveLength(2);
  });
});

describe('Teams', () => {
  test('choices are an Adaptive Card: Action.Submit with the value, shown as the label', () => {
    const [activity] = renderTeams([question]);
    expect(activity?.attachments?.[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    const card = cardOf(activity!);
    expect(card.version).toBe(TEAMS_CARD_VERSION);
    expect(Number(card.version)).toBeLessThanOrEqual(1.5);
    const actions = card.body.filter((e) => e.type === 'ActionSet').flatMap((e) => e.actions as Array<Record<string, unknown>>);
    expect(actions).toEqual([
      {
        type: 'Action.Submit',
        title: 'Talk to the school',
        data: { value: 'Talk to the school', msteams: { type: 'messageBack', displayText: 'Talk to the school', text: 'Talk to the school' } },
      },
      {
        type: 'Action.Submit',
        title: 'Main menu',
        data: { value: 'Main menu', msteams: { type: 'messageBack', displayText: 'Main menu', text: 'Main menu' } },
      },
    ]);
    expect(activity?.suggestedActions).toBeUndefined();
  });

  test('facts are a FactSet; every text wraps and nothing has a fixed width', () => {
    const [activity] = renderTeams([answer]);
    const card = cardOf(activity!);
    expect(card.body.find((e) => e.type === 'FactSet')).toEqual({
      type: 'FactSet',
      spacing: 'Medium',
      facts: [{ title: 'Your appeal deadline', value: 'Monday 1 June 2026' }],
    });
    const texts = card.body.filter((e) => e.type === 'TextBlock');
    expect(texts.length).toBeGreaterThan(3);
    for (const t of texts) expect(t.wrap).toBe(true);
    expect(JSON.stringify(card)).not.toMatch(/"width"|"minHeight"|"px"/);
    expect(texts.map((t) => t.text)).toContain('- Keep the decision letter\r- Note the date on it');
    expect(texts.map((t) => t.text)).toContain('Source: SEND Regulations 2014, reg 43. Last checked 1 November 2026.');
  });

  test('replies without choices or facts are markdown text; crisis is text, first', () => {
    const activities = renderTeams([{ kind: 'info', paragraphs: ['Hello.'] }, question, crisis]);
    expect(activities.map((a) => (a.attachments ? 'card' : a.text))).toEqual([
      'If anyone is in danger now, call 999.\n\nCall Samaritans free on 116 123.',
      'Hello.',
      'card',
    ]);
  });
});
