/**
 * The words staff see, built from content: the step card (script, why we ask, safeguarding, answers
 * with "not sure", the steps taken with a way to change each), the call record, and the summary sent
 * to the caller. Neutral replies only; the Teams renderer shows them as Adaptive Cards.
 */
import type { Audience, Stage } from '../../content/schema.js';
import { gsm7Parts, toGsm7 } from '../../content/gsm7.js';
import { searchServices } from '../../content/services/search.js';
import { appealDeadline, ehcDeadlines, type Deadline } from '../../flows/deadlines.js';
import type { FlowView } from '../../flows/executor.js';
import { flowContentRefs, type FlowContentRef } from '../../flows/registry.js';
import type { KnownDates } from '../../flows/types.js';
import { formatDate, formatShortDate, type Composer } from '../compose.js';
import type { Choice, Fact, Reply } from '../reply.js';
import type { StaffCall, StepTaken } from './call.js';

const STAFF: Audience = 'helpline';
export const SMS_SEGMENTS_MAX = 3;

/** Button values: the desk reads these back. */
export const StaffValue = {
  choose: (id: string) => `staff.choose.${id}`,
  change: (index: number) => `staff.change.${index}`,
  notSure: 'staff.not-sure',
  record: 'staff.record',
  carryOn: 'staff.carry-on',
  newCall: 'staff.new-call',
  consent: (channel: 'sms' | 'email') => `staff.consent.${channel}`,
} as const;

/** Rough ages for a stage, to narrow directory services to the caller's child. */
const STAGE_AGE: Record<Stage, number> = { 'early-years': 3, school: 10, 'post-16': 17 };

export class StaffCards {
  private readonly refs: Map<string, FlowContentRef>;

  constructor(private readonly compose: Composer) {
    this.refs = new Map(flowContentRefs().map((r) => [`${r.machine}.${r.state}`, r]));
  }

  private msg(id: string, vars?: Record<string, string>): string {
    return this.compose.message(id, STAFF, vars);
  }

  /** What a step is about, in a few words: its topic title, or the question it asks. */
  stepTitle(machine: string, state: string): string {
    const ref = this.refs.get(`${machine}.${state}`);
    if (ref?.topic) return this.compose.topic(ref.topic).title;
    if (!ref?.prompt) return state;
    // The question the step asks, without the greeting or hints around it.
    const text = this.compose.promptText(ref.prompt, STAFF);
    return /[^.?!]*\?/.exec(text)?.[0].trim() ?? text;
  }

  answerLabel(step: StepTaken): string {
    if (step.notSure) return this.msg('staff.not-sure');
    if (step.date) return formatShortDate(step.date.iso);
    const prompt = this.refs.get(`${step.machine}.${step.state}`)?.prompt;
    return prompt && step.choice ? this.compose.choiceLabel(prompt, step.choice) : (step.choice ?? '');
  }

  pathwayName(machine: string): string {
    return machine === 'intake' ? this.msg('staff.pathway.intake') : this.compose.choiceLabel('intake.menu', machine);
  }

  step(call: StaffCall, view: FlowView): Reply {
    const wording = this.compose.content.staffSteps.get(`${view.machine}.${view.state}`);
    const ref = this.refs.get(`${view.machine}.${view.state}`);
    const paragraphs = [
      ...(wording
        ? [`${this.msg('staff.label.script')} ${this.compose.fill(wording.script)}`, `${this.msg('staff.label.why')} ${this.compose.fill(wording.why)}`]
        : []),
      ...(wording?.safeguarding ? [`${this.msg('staff.label.safeguarding')} ${this.compose.fill(wording.safeguarding)}`] : []),
    ];
    if (call.taken.length) {
      paragraphs.push(
        [this.msg('staff.label.steps'), ...call.taken.map((s, i) => `- ${i + 1}. ${this.stepTitle(s.machine, s.state)}: ${this.answerLabel(s)}`)].join('\n'),
      );
    }
    if (view.meta.input) paragraphs.push(this.msg('staff.label.date'));
    const answers: Choice[] = ref?.prompt ? view.choices.map((id) => ({ value: StaffValue.choose(id), label: this.compose.choiceLabel(ref.prompt!, id) })) : [];
    const changes: Choice[] = call.taken.map((s, i) => ({
      value: StaffValue.change(i),
      label: this.msg('staff.change', { number: String(i + 1), answer: this.answerLabel(s) }),
    }));
    return {
      kind: 'step',
      title: `${call.caseRef} · ${this.pathwayName(view.machine)}`,
      paragraphs,
      facts: this.deadlineFacts(view.context.dates),
      prompt: ref?.prompt ? this.compose.promptText(ref.prompt, STAFF) : undefined,
      choices: [
        ...answers,
        { value: StaffValue.notSure, label: this.msg('staff.not-sure') },
        ...changes,
        { value: StaffValue.record, label: this.msg('staff.show-record') },
      ],
    };
  }

  /** Deadlines from the caller's dates; an appeal's first when the call is about disagreeing. */
  deadlines(dates: KnownDates, machine?: string): Deadline[] {
    const ehc = dates.requestDate ? ehcDeadlines(dates.requestDate) : [];
    const appeal = dates.decisionDate ? appealDeadline(dates.decisionDate, dates.certificateDate).reverse() : [];
    return machine === 'disagreement' ? [...appeal, ...ehc] : [...ehc, ...appeal];
  }

  private deadlineFacts(dates: KnownDates): Fact[] {
    return this.deadlines(dates).map((d) => ({ label: this.msg(`facts.${d.key}`), value: formatDate(d.date) }));
  }

  /** The topic the call reached last: the current step's, or the nearest one before it. */
  private lastTopic(call: StaffCall, view: FlowView): string | undefined {
    const here = this.refs.get(`${view.machine}.${view.state}`)?.topic;
    if (here) return here;
    for (const s of [...call.taken].reverse()) {
      const topic = this.refs.get(`${s.machine}.${s.state}`)?.topic;
      if (topic) return topic;
    }
    return undefined;
  }

  outcome(call: StaffCall, view: FlowView): string {
    const topic = this.lastTopic(call, view);
    return topic ? this.compose.topic(topic).title : this.pathwayName(view.machine);
  }

  nextSteps(call: StaffCall, view: FlowView): string[] {
    const id = this.lastTopic(call, view);
    if (!id) return [];
    const topic = this.compose.topic(id);
    return (topic.variants[STAFF]?.nextSteps ?? topic.nextSteps).map((s) => this.compose.fill(s));
  }

  services(call: StaffCall, view: FlowView): string[] {
    const steps = this.compose.content.staffSteps;
    const words = [...call.taken.map((s) => `${s.machine}.${s.state}`), `${view.machine}.${view.state}`].flatMap((key) => steps.get(key)?.services ?? []);
    const stage = view.context.profile.stage;
    const age = stage ? STAGE_AGE[stage] : undefined;
    const seen = new Set<string>();
    const lines: string[] = [];
    for (const text of [...new Set(words)]) {
      for (const service of searchServices(this.compose.content.services, { text, age }).slice(0, 2)) {
        if (seen.has(service.id) || lines.length >= 5) continue;
        seen.add(service.id);
        lines.push(`- ${service.name}${service.phone ? `, ${service.phone}` : ''}`);
      }
    }
    return lines;
  }

  consentChoices(): Choice[] {
    return [
      { value: StaffValue.consent('sms'), label: this.msg('staff.consent.sms') },
      { value: StaffValue.consent('email'), label: this.msg('staff.consent.email') },
    ];
  }

  record(call: StaffCall, view: FlowView): Reply {
    const none = this.msg('staff.record.none');
    const channelWord = (c: 'sms' | 'email') => this.msg(`staff.channel.${c}`);
    const facts: Fact[] = [
      { label: this.msg('staff.record.case'), value: call.caseRef },
      { label: this.msg('staff.record.pathway'), value: this.pathwayName(view.machine) },
      { label: this.msg('staff.record.outcome'), value: this.outcome(call, view) },
      ...this.deadlineFacts(view.context.dates),
      { label: this.msg('staff.record.consent'), value: call.consent ? channelWord(call.consent.channel) : none },
      { label: this.msg('staff.record.sent'), value: call.sent ? `${channelWord(call.sent.channel)}, ${call.sent.to}` : none },
    ];
    const steps = this.nextSteps(call, view).slice(0, 3);
    const services = this.services(call, view);
    const paragraphs = [
      ...(steps.length ? [[this.msg('staff.record.next-steps'), ...steps.map((s) => `- ${s}`)].join('\n')] : []),
      ...(services.length ? [[this.msg('staff.record.services'), ...services].join('\n')] : []),
      call.notes.length ? [this.msg('staff.record.notes'), ...call.notes.map((n) => `- ${n.text}`)].join('\n') : this.msg('staff.record.no-notes'),
    ];
    return {
      kind: 'info',
      title: `${this.msg('staff.record.title')} ${call.caseRef}`,
      paragraphs,
      facts,
      prompt: this.msg('staff.record.consent-prompt'),
      choices: [
        ...this.consentChoices(),
        { value: StaffValue.carryOn, label: this.msg('staff.carry-on') },
        { value: StaffValue.newCall, label: this.msg('staff.new-call') },
      ],
    };
  }

  /**
   * The summary for the caller: outcome, dates, one next step, the helpline and the case reference, in
   * GSM-7 and at most 3 text segments. Dates are dropped from the end, then the next step is shortened,
   * until it fits; the case reference and helpline number are never cut.
   */
  summary(call: StaffCall, view: FlowView): { text: string; subject: string } {
    const dates = this.deadlines(view.context.dates, view.machine).map((d) => `${this.msg(`facts.${d.key}`)}: ${formatShortDate(d.date)}. `);
    let nextStep = this.nextSteps(call, view)[0] ?? this.compose.message('person', STAFF);
    const build = () =>
      toGsm7(this.msg('staff.summary', { caseRef: call.caseRef, outcome: this.outcome(call, view).replace(/[.?!]$/, ''), dates: dates.join(''), nextStep }));
    let text = build();
    while (gsm7Parts(text) > SMS_SEGMENTS_MAX && dates.length > 1) {
      dates.pop();
      text = build();
    }
    while (gsm7Parts(text) > SMS_SEGMENTS_MAX && nextStep.length > 20) {
      nextStep = `${nextStep.split(' ').slice(0, -3).join(' ')}...`;
      text = build();
    }
    return { text, subject: this.msg('staff.summary.subject', { caseRef: call.caseRef }) };
  }
}
