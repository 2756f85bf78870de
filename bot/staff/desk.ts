/**
 * Staff mode: one turn for a member of the helpline team in Teams. The safeguarding check runs first,
 * on whatever staff typed (often the caller's own words). Then the turn is a button from the step card,
 * a date, NOTE, RECORD, SEND or NEW CALL. Notes and the caller's number or address are never logged.
 */
import type { Storage } from 'botbuilder';
import { z } from 'zod';
import type { SummarySender } from '../../adapters/notify/notify.sender.js';
import type { ContentStore } from '../../content/store.js';
import { FlowRestoreError, type FlowView } from '../../flows/executor.js';
import { Composer } from '../compose.js';
import type { Inbound, Reply, EventLogger } from '../reply.js';
import { buildCrisisReply } from '../safeguarding/crisis-reply.js';
import { checkSafeguarding } from '../safeguarding/detector.js';
import { matchChoice } from '../understanding/choices.js';
import { readDate } from '../understanding/dates.js';
import { cleanInput } from '../understanding/text.js';
import { MAX_NOTE_CHARS, MAX_NOTES, newCaseReference, StaffCallStore, type StaffCall, type StepTaken, type SummaryChannel } from './call.js';
import { StaffCards, StaffValue } from './cards.js';
import { answer, positionOf, replay, startCall, type Position } from './walk.js';

export interface StaffDeskDeps {
  content: ContentStore;
  storage: Storage;
  logger: Pick<EventLogger, 'info' | 'warn'>;
  /** GOV.UK Notify, when configured. */
  sender?: SummarySender;
  now?: () => Date;
}

/** UK mobile numbers, written with or without +44 and spaces. */
const UK_MOBILE = /^(?:\+?44|0)7\d{9}$/;
const Email = z.string().email();

/** The number or address, masked for the call record: enough for staff to confirm, useless to anyone else. */
export function maskAddress(channel: SummaryChannel, to: string): string {
  if (channel === 'sms') return `mobile ending ${to.slice(-3)}`;
  const [local = '', domain = ''] = to.split('@');
  return `${local.slice(0, 1)}***@${domain}`;
}

export class StaffDesk {
  private readonly compose: Composer;
  private readonly cards: StaffCards;
  private readonly calls: StaffCallStore;
  private readonly now: () => Date;

  constructor(private readonly deps: StaffDeskDeps) {
    this.compose = new Composer(deps.content);
    this.cards = new StaffCards(this.compose);
    this.calls = new StaffCallStore(deps.storage);
    this.now = deps.now ?? (() => new Date());
  }

  private info(id: string, vars?: Record<string, string>): Reply {
    return { kind: 'info', paragraphs: [this.compose.message(id, 'helpline', vars)] };
  }

  private newCall(now: Date): { call: StaffCall; position: Position } {
    const position = startCall();
    return { call: { schema: 1, caseRef: newCaseReference(), openedAt: now.toISOString(), flow: position.flow, taken: [], notes: [] }, position };
  }

  async turn(inbound: Inbound): Promise<Reply[]> {
    const now = inbound.receivedAt ?? this.now();
    const raw = [inbound.text, inbound.value].filter((s): s is string => typeof s === 'string').join(' ');
    const replies: Reply[] = [];
    const risk = raw ? checkSafeguarding(raw) : null;
    // buildCrisisReply falls back to fixed wording with 999 if the content fails or has lost it.
    if (risk) replies.push(buildCrisisReply((id) => this.compose.message(id, 'parent'), risk.kinds, risk.categories));

    let call: StaffCall;
    let position: Position;
    try {
      const stored = await this.calls.load(inbound.conversationKey);
      if (!stored) throw new FlowRestoreError('broken-snapshot', 'intake');
      call = stored;
      position = this.restore(call);
      // Someone added to the desk's chat while a call is open: no message, nothing to answer.
      if (inbound.joined && !raw) return replies;
    } catch (err) {
      if (risk && !(err instanceof FlowRestoreError)) return replies;
      if (!(err instanceof FlowRestoreError)) throw err;
      ({ call, position } = this.newCall(now));
      replies.push(this.info('staff.welcome'), this.info('staff.new-call.done', { caseRef: call.caseRef }));
      if (!raw) {
        replies.push(this.cards.step(call, position.view));
        await this.save(inbound, call, Boolean(risk));
        return replies;
      }
    }

    const out = await this.handle(call, position, inbound, now);
    replies.push(...out.replies);
    await this.save(inbound, out.call, Boolean(risk));
    this.deps.logger.info({ event: 'staff-turn', machine: out.call.flow.machine, steps: out.call.taken.length, crisis: Boolean(risk) });
    return replies;
  }

  private async save(inbound: Inbound, call: StaffCall, crisis: boolean): Promise<void> {
    try {
      await this.calls.save(inbound.conversationKey, call);
    } catch (err) {
      if (!crisis) throw err;
      this.deps.logger.warn({ event: 'storage-failed-during-crisis', error: (err as Error).name });
    }
  }

  /** The stored position, or a replay of the answers if the pathway's version moved on. */
  private restore(call: StaffCall): Position {
    try {
      return positionOf(call.flow);
    } catch (err) {
      if (!(err instanceof FlowRestoreError)) throw err;
      const { position, kept } = replay(call.taken);
      call.taken = kept;
      call.flow = position.flow;
      return position;
    }
  }

  private async handle(call: StaffCall, position: Position, inbound: Inbound, now: Date): Promise<{ call: StaffCall; replies: Reply[] }> {
    const value = inbound.value ?? '';
    const { text } = cleanInput(inbound.text ?? '');
    const lower = text.toLowerCase();
    const view = position.view;
    const replies: Reply[] = [];
    const stepCard = (c: StaffCall, v: FlowView) => replies.push(this.cards.step(c, v));

    if (value === StaffValue.newCall || /^new call$/.test(lower)) {
      const fresh = this.newCall(now);
      replies.push(this.info('staff.new-call.done', { caseRef: fresh.call.caseRef }));
      stepCard(fresh.call, fresh.position.view);
      return { call: fresh.call, replies };
    }
    if (value === StaffValue.record || /^(?:call )?record$/.test(lower)) {
      replies.push(this.cards.record(call, view));
      return { call, replies };
    }
    if (value === StaffValue.carryOn) {
      stepCard(call, view);
      return { call, replies };
    }
    const consent = value.startsWith('staff.consent.') ? value.slice('staff.consent.'.length) : /^consent (sms|text|email)$/.exec(lower)?.[1];
    if (consent) {
      const channel: SummaryChannel = consent === 'email' ? 'email' : 'sms';
      call.consent = { channel, at: now.toISOString() };
      replies.push(this.info('staff.consent.recorded', { channel: this.compose.message(`staff.channel.${channel}`, 'helpline') }));
      return { call, replies };
    }
    const note = /^note\b[:\s]*([\s\S]*)$/i.exec(text);
    if (note) {
      const words = note[1]!.trim();
      if (!words) replies.push(this.info('staff.note.empty'));
      else {
        call.notes = [...call.notes, { at: now.toISOString(), text: words.slice(0, MAX_NOTE_CHARS) }].slice(-MAX_NOTES);
        replies.push(this.info('staff.note.added'));
      }
      return { call, replies };
    }
    const send = /^send\b[:\s]*(.*)$/i.exec(text);
    if (send) {
      replies.push(await this.sendSummary(call, view, send[1]!.trim(), now));
      return { call, replies };
    }
    const change = /^staff\.change\.(\d+)$/.exec(value);
    if (change) {
      const index = Number(change[1]);
      if (index < call.taken.length) {
        const { position: back, kept } = replay(call.taken.slice(0, index));
        call.taken = kept;
        call.flow = back.flow;
        replies.push(this.info('staff.changed', { number: String(index + 1) }));
        stepCard(call, back.view);
        return { call, replies };
      }
    }
    if (value === StaffValue.notSure || /^not sure$/.test(lower)) {
      call.taken = [...call.taken, { machine: view.machine, state: view.state, notSure: true }];
      replies.push(this.info('staff.not-sure.noted'));
      stepCard(call, view);
      return { call, replies };
    }

    const chosen = this.choiceOf(view, value, text);
    if (chosen) return this.take(call, position, { machine: view.machine, state: view.state, choice: chosen }, replies);
    if (view.meta.input && text) {
      const reading = readDate(text, now);
      if (reading.ok)
        return this.take(call, position, { machine: view.machine, state: view.state, date: { field: view.meta.input.field, iso: reading.iso } }, replies);
      replies.push(this.info(reading.reason === 'too-far' ? 'date.too-far' : 'date.not-understood'));
      stepCard(call, view);
      return { call, replies };
    }
    replies.push(this.info('staff.not-understood'));
    stepCard(call, view);
    return { call, replies };
  }

  private choiceOf(view: FlowView, value: string, text: string): string | null {
    if (value.startsWith('staff.choose.')) {
      const id = value.slice('staff.choose.'.length);
      return view.choices.includes(id) ? id : null;
    }
    if (!text) return null;
    const promptId = view.meta.prompt;
    const prompt = this.deps.content.prompts.get(promptId);
    const options = view.choices.map((id) => ({ id, label: prompt?.choices[id]?.label ?? id, words: prompt?.choices[id]?.words ?? [] }));
    const match = matchChoice(text, options);
    return match.kind === 'matched' ? match.id : null;
  }

  private take(call: StaffCall, position: Position, step: StepTaken, replies: Reply[]): { call: StaffCall; replies: Reply[] } {
    const event = step.choice ? ({ type: `choose.${step.choice}` } as const) : { type: 'DATE' as const, field: step.date!.field, date: step.date!.iso };
    const next = answer(position, event);
    if (!next) {
      replies.push(this.info('staff.not-understood'), this.cards.step(call, position.view));
      return { call, replies };
    }
    call.taken = [...call.taken, step];
    call.flow = next.flow;
    replies.push(this.cards.step(call, next.view));
    return { call, replies };
  }

  private async sendSummary(call: StaffCall, view: FlowView, address: string, now: Date): Promise<Reply> {
    if (!call.consent) return { ...this.info('staff.send.need-consent'), choices: this.cards.consentChoices() };
    if (!this.deps.sender) return this.info('staff.send.off');
    const compact = address.replace(/[\s()-]/g, '');
    const channel: SummaryChannel | null = UK_MOBILE.test(compact) ? 'sms' : Email.safeParse(address).success ? 'email' : null;
    if (!channel) return this.info('staff.send.bad-address');
    const channelWord = this.compose.message(`staff.channel.${call.consent.channel}`, 'helpline');
    if (channel !== call.consent.channel) return this.info('staff.send.wrong-kind', { channel: channelWord });
    const to = channel === 'sms' ? compact : address;
    const { text, subject } = this.cards.summary(call, view);
    try {
      const result = await this.deps.sender.send({ channel, to, summary: text, subject, reference: call.caseRef });
      call.sent = { channel, to: maskAddress(channel, to), at: now.toISOString(), ...(result.id ? { notifyId: result.id } : {}) };
      this.deps.logger.info({ event: 'staff-summary-sent', channel });
      return this.info('staff.send.done', { channel: channelWord, to: call.sent.to });
    } catch (err) {
      // The HTTP client's error can carry the request body (the number and the summary): log its name only.
      this.deps.logger.warn({
        event: 'staff-summary-failed',
        channel,
        error: (err as Error).name,
        status: (err as { response?: { status?: number } }).response?.status,
      });
      return this.info('staff.send.failed');
    }
  }
}
