/**
 * Teams-shaped activities through /api/messages: channelId "msteams", the tenant on the conversation and
 * in channelData, choices picked from Adaptive Cards (Action.Submit with messageBack), and @mentions.
 */
import type { App } from '../../bot/app.js';
import type { Inbound } from '../../bot/reply.js';
import { HttpChat, startApp, type BotActivity } from '../helpers/http.js';

const TENANT = '72f988bf-0000-4000-8000-000000000001';
const FOREIGN = '11111111-0000-4000-8000-000000000002';

interface CardAction {
  type: string;
  title: string;
  data: { value: string; msteams: { type: string; displayText: string; text: string } };
}

function cards(activities: BotActivity[]): Array<{ body: Array<Record<string, unknown>> }> {
  return activities
    .flatMap((a) => a.attachments ?? [])
    .filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')
    .map((a) => a.content as { body: Array<Record<string, unknown>> });
}

function choicesOf(activities: BotActivity[]): CardAction[] {
  return cards(activities).flatMap((c) => c.body.filter((e) => e.type === 'ActionSet').flatMap((e) => e.actions as CardAction[]));
}

function textOf(activities: BotActivity[]): string {
  const cardText = cards(activities).flatMap((c) =>
    c.body.map((e) => (e.type === 'TextBlock' ? String(e.text) : e.type === 'FactSet' ? JSON.stringify(e.facts) : '')),
  );
  return [...activities.map((a) => a.text ?? ''), ...cardText].join('\n');
}

class TeamsChat {
  readonly chat: HttpChat;
  last: BotActivity[] = [];

  constructor(
    app: App,
    readonly tenant = TENANT,
  ) {
    this.chat = new HttpChat(app, `a:teams-${Math.random().toString(36).slice(2)}`, 'msteams');
  }

  async post(activity: Record<string, unknown>): Promise<BotActivity[]> {
    const res = await this.chat.post({
      conversation: { id: this.chat.conversationId, tenantId: this.tenant, conversationType: 'personal' },
      channelData: { tenant: { id: this.tenant } },
      from: { id: '29:user', aadObjectId: '00000000-0000-4000-8000-00000000000a' },
      recipient: { id: '28:bot', name: 'Local Offer assistant' },
      ...activity,
    });
    expect(res.status).toBe(200);
    this.last = res.activities;
    return res.activities;
  }

  say(text: string) {
    return this.post({ type: 'message', text });
  }

  /** Presses a card button the way Teams sends it: messageBack puts the text and the data in the activity. */
  press(label: string) {
    const action = choicesOf(this.last).find((a) => a.title === label);
    if (!action)
      throw new Error(
        `No button "${label}" in: ${choicesOf(this.last)
          .map((a) => a.title)
          .join(', ')}`,
      );
    return this.post({ type: 'message', text: action.data.msteams.text, value: { value: action.data.value } });
  }
}

describe('Teams', () => {
  let app: App;
  beforeAll(async () => {
    app = await startApp({ TEAMS_ALLOWED_TENANTS: `${TENANT}, 33333333-0000-4000-8000-000000000003` });
  });
  afterAll(async () => {
    await app.close();
  });

  test('installing greets with a card of choices, not suggested actions', async () => {
    const teams = new TeamsChat(app);
    const activities = await teams.post({ type: 'conversationUpdate', membersAdded: [{ id: '29:user' }] });
    expect(textOf(activities)).toMatch(/who is asking/i);
    expect(choicesOf(activities).map((a) => a.title)).toContain('I am a parent or carer');
    expect(activities.some((a) => a.suggestedActions)).toBe(false);
  });

  test('someone joining a chat already under way gets no reply, and the place is kept', async () => {
    const teams = new TeamsChat(app);
    await teams.say('hi');
    await teams.press('I am a parent or carer');
    expect(await teams.post({ type: 'conversationUpdate', membersAdded: [{ id: '29:someone-else' }] })).toEqual([]);
    const next = await teams.post({ type: 'message', text: 'School age (5 to 16)', value: { value: 'School age (5 to 16)' } });
    expect(choicesOf(next).map((a) => a.title)).toContain('Disagreeing with a decision or appealing');
  });

  test('a pathway by pressing card buttons: the appeal deadline as a date in a FactSet', async () => {
    const teams = new TeamsChat(app);
    await teams.say('hi');
    await teams.press('I am a parent or carer');
    await teams.press('School age (5 to 16)');
    expect(textOf(await teams.press('Disagreeing with a decision or appealing'))).toMatch(/challenge decisions/);
    await teams.press('My appeal deadline');
    expect(textOf(await teams.press('Work out my deadline'))).toMatch(/decision letter/);
    await teams.say('1/4/2026');
    const result = await teams.press('My appeal is only about the school named');
    expect(textOf(result)).toMatch(/1 June 2026/);
    expect(cards(result).some((c) => c.body.some((e) => e.type === 'FactSet'))).toBe(true);
  });

  test('typing works too, with the @mention of the bot removed', async () => {
    const teams = new TeamsChat(app);
    await teams.say('hi');
    const mention = { type: 'mention', mentioned: { id: '28:bot', name: 'Local Offer assistant' }, text: '<at>Local Offer assistant</at>' };
    await teams.post({ type: 'message', text: '<at>Local Offer assistant</at> young person', entities: [mention] });
    await teams.post({ type: 'message', text: '<at>Local Offer assistant</at> preparing for adulthood', entities: [mention] });
    expect(textOf(await teams.say('uni'))).toMatch(/Disabled Students/);
  });

  test('a button press is read once, as the value, not as the label twice', async () => {
    const teams = new TeamsChat(app);
    await teams.say('hi');
    const seen: Inbound[] = [];
    const turn = app.assistant.turn.bind(app.assistant);
    app.assistant.turn = (inbound: Inbound) => {
      seen.push(inbound);
      return turn(inbound);
    };
    try {
      const next = await teams.press('I am a young person who has finished Year 11 (up to 25)');
      expect(choicesOf(next).length).toBeGreaterThan(1);
    } finally {
      app.assistant.turn = turn;
    }
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ channel: 'teams', value: 'I am a young person who has finished Year 11 (up to 25)', text: undefined });
  });

  test('another tenant is refused: no reply at all', async () => {
    const stranger = new TeamsChat(app, FOREIGN);
    expect(await stranger.say('hi')).toEqual([]);
    expect(await stranger.post({ type: 'conversationUpdate', membersAdded: [{ id: '29:user' }] })).toEqual([]);
  });

  test('a message with no tenant is refused', async () => {
    const chat = new HttpChat(app, 'a:no-tenant', 'msteams');
    const res = await chat.post({ type: 'message', text: 'hi' });
    expect(res.status).toBe(200);
    expect(res.activities).toEqual([]);
  });

  test('the tenant from channelData alone is enough', async () => {
    const chat = new HttpChat(app, 'a:channeldata-only', 'msteams');
    const res = await chat.post({ type: 'message', text: 'hi', channelData: { tenant: { id: TENANT } } });
    expect(textOf(res.activities)).toMatch(/who is asking/i);
  });
});

describe('Teams with no tenant list', () => {
  test('any tenant is served', async () => {
    const open = await startApp();
    try {
      expect(textOf(await new TeamsChat(open, FOREIGN).say('hi'))).toMatch(/who is asking/i);
    } finally {
      await open.close();
    }
  });
});
