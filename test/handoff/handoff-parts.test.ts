/**
 * The parts of handoff that need no HTTP: opening hours with bank holidays, the machine, the context and
 * the handoff.initiate event, configuration, and the proactive sender's fail-closed rule.
 */
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, HandoffEventNames, MemoryStorage, TestAdapter, TurnContext, type Activity } from 'botbuilder';
import { ConfigError, loadConfig } from '../../bot/config.js';
import { Composer } from '../../bot/compose.js';
import { handoffInitiation, HandoffContextBuilder, MAX_CONTEXT_CHARS } from '../../bot/handoff/handoff-context.js';
import { readUkPhone } from '../../bot/handoff/handoff-service.js';
import { HANDOFF_STATES, handoffMachine, isFinal, sendHandoff, startHandoff, type HandoffEvent } from '../../bot/handoff/handoff.machine.js';
import { HandoffStore, type HandoffRecord } from '../../bot/handoff/handoff-store.js';
import { HelplineHours } from '../../bot/handoff/hours.js';
import { ProactiveRefusedError, ProactiveSender } from '../../bot/handoff/proactive.js';
import { sharedContent } from '../helpers/harness.js';

describe('helpline hours (Europe/London, bank holidays from date-holidays and the profile)', () => {
  const weekdays = (['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((day) => ({ day, opens: '09:00', closes: '17:00' }));
  // No closed days listed: bank holidays must come from date-holidays alone.
  const hours = new HelplineHours({ summary: 'Monday to Friday, 9am to 5pm', days: weekdays, closedOn: [] });

  test.each([
    ['2026-12-01T10:30:00Z', true, 'a Tuesday morning in winter (GMT)'],
    ['2026-12-01T17:00:00Z', false, 'closing time'],
    ['2026-12-01T08:59:00Z', false, 'a minute before opening'],
    ['2026-07-01T08:30:00Z', true, '9:30 in summer time (BST)'],
    ['2026-07-01T16:30:00Z', false, '17:30 in summer time (BST)'],
    ['2026-12-05T10:30:00Z', false, 'a Saturday'],
    ['2026-08-31T10:30:00Z', false, 'the summer bank holiday'],
    ['2026-12-28T10:30:00Z', false, 'Boxing Day, substitute day'],
    ['2027-05-03T10:30:00Z', false, 'the early May bank holiday, 2027'],
  ])('%s is %s (%s)', (at, open) => {
    expect(hours.isOpen(new Date(at))).toBe(open);
  });

  test("the council's own closed days count too", () => {
    const own = new HelplineHours({ summary: 'x', days: weekdays, closedOn: ['2026-12-24'] });
    expect(own.isOpen(new Date('2026-12-24T10:30:00Z'))).toBe(false);
    expect(hours.isOpen(new Date('2026-12-24T10:30:00Z'))).toBe(true);
  });
});

describe('the handoff machine', () => {
  const run = (events: HandoffEvent[], outOfHours = false) => events.reduce((h, e) => sendHandoff(h, e).handoff, startHandoff('LO-TEST01', outOfHours));

  test('requested, queued, with agent, completed', () => {
    expect(run([]).state).toBe('requested');
    expect(run([{ type: 'AGREE', share: true }, { type: 'QUEUED' }]).state).toBe('queued');
    const done = run([{ type: 'AGREE', share: true }, { type: 'QUEUED' }, { type: 'ACCEPT', agentName: 'Sam' }, { type: 'END' }]);
    expect(done.state).toBe('completed');
    expect(done.context).toMatchObject({ share: true, agentName: 'Sam' });
  });

  test('timeout, failure and out of hours all lead to a call back request', () => {
    const timedOut = run([{ type: 'AGREE', share: false }, { type: 'QUEUED' }, { type: 'TIMEOUT' }]);
    expect(timedOut).toMatchObject({ state: 'callbackOffered', context: { reason: 'timeout' } });
    expect(run([{ type: 'AGREE', share: false }, { type: 'QUEUE_FAILED' }]).context.reason).toBe('failed');
    const closed = run([{ type: 'CALLBACK_YES' }, { type: 'NUMBER', phone: '03069990100' }, { type: 'TIME', when: 'morning' }], true);
    expect(closed).toMatchObject({ state: 'callbackRequested', context: { reason: 'out-of-hours', when: 'morning' } });
  });

  test('"never mind" ends it from every state that waits on the person', () => {
    const waits: HandoffEvent[][] = [
      [],
      [{ type: 'AGREE', share: true }, { type: 'QUEUED' }],
      [{ type: 'AGREE', share: true }, { type: 'QUEUED' }, { type: 'ACCEPT', agentName: 'Sam' }],
      [{ type: 'AGREE', share: true }, { type: 'QUEUE_FAILED' }],
      [{ type: 'AGREE', share: true }, { type: 'QUEUE_FAILED' }, { type: 'CALLBACK_YES' }],
      [{ type: 'AGREE', share: true }, { type: 'QUEUE_FAILED' }, { type: 'CALLBACK_YES' }, { type: 'NUMBER', phone: '03069990100' }],
    ];
    for (const events of waits) expect(isFinal(sendHandoff(run(events), { type: 'CANCEL' }).handoff.state)).toBe(true);
  });

  test("the stored states are exactly the machine's states", () => {
    expect([...HANDOFF_STATES].sort()).toEqual(
      Object.keys(handoffMachine.states)
        .filter((s) => s !== 'start')
        .sort(),
    );
  });

  test('a stored handoff from another machine version is left behind, not restored', async () => {
    const store = new HandoffStore(new MemoryStorage());
    const record: HandoffRecord = {
      handoff: run([{ type: 'AGREE', share: true }, { type: 'QUEUED' }]),
      channel: 'webchat',
      where: { machine: 'intake', state: 'who', prompt: 'intake.who', profile: {}, dates: {} },
      requestedAt: '2026-12-01T10:00:00Z',
      pending: [],
    };
    await store.save('k1', record);
    expect((await store.load('k1'))?.handoff.state).toBe('queued');
    await store.save('k2', { ...record, handoff: { ...record.handoff, version: 0 } });
    expect(await store.load('k2')).toBeUndefined();
    await store.save('k3', { ...record, handoff: { ...record.handoff, state: 'ringing' as never } });
    expect(await store.load('k3')).toBeUndefined();
  });

  test('an event that means nothing in a state changes nothing', () => {
    const queued = run([{ type: 'AGREE', share: true }, { type: 'QUEUED' }]);
    expect(sendHandoff(queued, { type: 'END' }).changed).toBe(false);
  });
});

describe('the handoff context and the handoff.initiate event', () => {
  const content = sharedContent();
  const builder = new HandoffContextBuilder(content, new Composer(content));
  const input = {
    caseRef: 'LO-TEST02',
    channel: 'webchat',
    record: { profile: { who: 'parent' as const, stage: 'school' as const }, dates: { requestDate: '2026-10-12' } },
    view: { machine: 'ehc-request' as const, state: 'start', meta: { prompt: 'ehc-request.start' } },
    share: true,
    lines: [
      { at: '2026-12-01T10:00:00Z', from: 'person' as const, text: 'x'.repeat(900) },
      ...Array.from({ length: 40 }, (_, i) => ({
        at: '2026-12-01T10:00:00Z',
        from: 'bot' as const,
        text: 'y'.repeat(1000),
        topic: i === 1 ? 'ehc-plan' : `unknown-topic-${i}-${'z'.repeat(300)}`,
      })),
    ],
  };

  test('flat, with the va_* names, every value a string of at most 4,000 characters', () => {
    const flat = builder.flat(input);
    expect(Object.keys(flat).sort()).toEqual(['caseReference', 'channel', 'pathway', 'step', 'va_AgentMessage', 'va_LastTopic', 'va_Topics'].sort());
    for (const value of Object.values(flat)) {
      expect(typeof value).toBe('string');
      expect(value.length).toBeLessThanOrEqual(MAX_CONTEXT_CHARS);
    }
    // 40 long topic names: well over the limit, so cut to exactly 4,000.
    expect(flat.va_Topics).toHaveLength(MAX_CONTEXT_CHARS);
    expect(flat.va_Topics).toContain(', What an EHC plan is, ');
    expect(flat.va_Topics.endsWith('…')).toBe(true);
    expect(flat.va_AgentMessage).toMatch(/Who: I am a parent or carer\./);
    expect(flat.va_AgentMessage).toMatch(/Date the assessment was asked for: Monday 12 October 2026/);
    expect(flat).toMatchObject({ pathway: 'ehc-request', step: 'start', channel: 'webchat', caseReference: 'LO-TEST02' });
  });

  test('not shared: the summary of answers and the topics stay out', () => {
    const flat = builder.flat({ ...input, share: false });
    expect(flat.va_AgentMessage).not.toMatch(/Who:|October/);
    expect(flat.va_Topics).toBe('');
  });

  test('handoff.initiate carries the context, and the transcript only when shared', async () => {
    const adapter = new TestAdapter();
    const context = new TurnContext(adapter, {
      type: 'message',
      channelId: 'webchat',
      serviceUrl: 'http://127.0.0.1:1',
      conversation: { id: 'conv-1' },
      from: { id: 'person' },
      recipient: { id: 'bot' },
    } as Activity);
    const flat = builder.flat(input);
    const shared = handoffInitiation(context, flat, builder.transcript(input.lines));
    expect(shared).toMatchObject({ type: 'event', name: HandoffEventNames.InitiateHandoff, value: flat, conversation: { id: 'conv-1' } });
    expect(shared.attachments?.[0]).toMatchObject({ name: 'Transcript', contentType: 'application/json' });
    expect((shared.attachments?.[0]?.content as { activities: unknown[] }).activities).toHaveLength(41);
    expect(handoffInitiation(context, builder.flat({ ...input, share: false })).attachments).toEqual([]);
  });
});

describe('configuration and the fail-closed sender', () => {
  const reference = (serviceUrl: string) => JSON.stringify({ serviceUrl, conversation: { id: '19:q@thread.tacv2' } });

  test('handoff needs the helpline channel, on loopback locally and https with credentials', () => {
    expect(() => loadConfig({ HANDOFF_ENABLED: 'true' })).toThrow(/HANDOFF_QUEUE_REFERENCE: required/);
    expect(() => loadConfig({ HANDOFF_ENABLED: 'true', HANDOFF_QUEUE_REFERENCE: '{not json' })).toThrow(/HANDOFF_QUEUE_REFERENCE: not valid JSON/);
    expect(() => loadConfig({ HANDOFF_ENABLED: 'true', HANDOFF_QUEUE_REFERENCE: reference('https://smba.trafficmanager.net/uk/') })).toThrow(ConfigError);
    expect(() => loadConfig({ HANDOFF_ENABLED: 'true', MicrosoftAppId: 'id', HANDOFF_QUEUE_REFERENCE: reference('http://smba.example') })).toThrow(
      /must be https/,
    );
    const ok = loadConfig({ HANDOFF_ENABLED: 'true', HANDOFF_QUEUE_REFERENCE: reference('http://127.0.0.1:3979') });
    expect(ok.handoffQueue?.channelId).toBe('msteams');
    expect(ok.HANDOFF_WAIT_SECONDS).toBe(180);
    expect(loadConfig({}).handoffQueue).toBeUndefined();
  });

  test('local mode reaches only loopback; with credentials only https', async () => {
    const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
    const local = new ProactiveSender(() => adapter, { appId: '', localMode: true });
    await expect(
      local.send({ serviceUrl: 'https://smba.trafficmanager.net/uk/', conversation: { id: 'c' } as never }, [{ type: 'message', text: 'x' }]),
    ).rejects.toThrow(ProactiveRefusedError);
    const live = new ProactiveSender(() => adapter, { appId: 'id', localMode: false });
    expect(() => live.check({ serviceUrl: 'http://127.0.0.1:1' })).toThrow(ProactiveRefusedError);
    expect(() => live.check({ serviceUrl: 'https://smba.trafficmanager.net/uk/' })).not.toThrow();
  });

  test('UK phone numbers for a call back', () => {
    expect(readUkPhone('0306 999 0100')).toBe('03069990100');
    expect(readUkPhone('+44 7700 900123')).toBe('07700900123');
    expect(readUkPhone('(07700) 900-123')).toBe('07700900123');
    expect(readUkPhone('999')).toBeNull();
    expect(readUkPhone('my number is secret')).toBeNull();
  });
});
