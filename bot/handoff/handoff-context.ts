/**
 * What travels with a handoff: a flat context under the names contact-centre connectors read
 * (va_LastTopic, va_Topics, va_AgentMessage, as in Dynamics 365 Omnichannel's bot handoff) plus the
 * product's own fields, and the transcript as Bot Framework activities. Every value is a string of at
 * most 4,000 characters, as those connectors require.
 */
import { ActivityTypes, EventFactory, type Activity, type Transcript, type TurnContext } from 'botbuilder';
import type { ContentStore } from '../../content/store.js';
import type { FlowView } from '../../flows/executor.js';
import type { Composer } from '../compose.js';
import { formatDate } from '../compose.js';
import type { ConversationRecord } from '../conversation.js';
import type { TranscriptLine } from './transcript.js';

export const MAX_CONTEXT_CHARS = 4000;

export interface HandoffFlatContext {
  va_LastTopic: string;
  va_Topics: string;
  va_AgentMessage: string;
  pathway: string;
  step: string;
  channel: string;
  caseReference: string;
}

function cut(value: string): string {
  return value.length <= MAX_CONTEXT_CHARS ? value : `${value.slice(0, MAX_CONTEXT_CHARS - 1)}…`;
}

const DATE_LABELS: Record<string, string> = {
  requestDate: 'Date the assessment was asked for',
  decisionDate: 'Date on the decision letter',
  certificateDate: 'Date on the mediation certificate',
};

export interface ContextInput {
  caseRef: string;
  channel: string;
  record: Pick<ConversationRecord, 'profile' | 'dates'>;
  view: Pick<FlowView, 'machine' | 'state' | 'meta'>;
  /** Shared only when the person agreed; otherwise the summary says no more than the case needs. */
  share: boolean;
  lines: TranscriptLine[];
}

export class HandoffContextBuilder {
  constructor(
    private readonly content: ContentStore,
    private readonly compose: Composer,
  ) {}

  private label(promptId: string, choiceId: string | undefined): string | undefined {
    return choiceId ? this.content.prompts.get(promptId)?.choices[choiceId]?.label : undefined;
  }

  pathwayTitle(machine: string): string {
    return machine === 'intake' ? 'Getting started' : (this.label('intake.menu', machine) ?? machine);
  }

  stepText(view: ContextInput['view']): string {
    const prompt = this.content.prompts.get(view.meta.prompt);
    return prompt ? this.compose.fill(prompt.text) : view.state;
  }

  /** The answers given so far, in plain sentences, for the person who picks the chat up. */
  summary(input: ContextInput): string {
    const lines: string[] = [];
    const who = this.label('intake.who', input.record.profile.who);
    const stage = this.label('intake.stage', input.record.profile.stage);
    if (who) lines.push(`Who: ${who}.`);
    if (stage) lines.push(`Age group: ${stage}.`);
    lines.push(`Pathway: ${this.pathwayTitle(input.view.machine)}.`);
    lines.push(`Step: ${this.stepText(input.view)}`);
    for (const [field, iso] of Object.entries(input.record.dates) as Array<[string, string | undefined]>) {
      if (iso) lines.push(`${DATE_LABELS[field] ?? field}: ${formatDate(iso)}.`);
    }
    const topics = this.topics(input.lines);
    if (topics.length) lines.push(`Topics read: ${topics.join('; ')}.`);
    return lines.join('\n');
  }

  private topics(lines: TranscriptLine[]): string[] {
    const titles = lines.flatMap((l) => (l.topic ? [this.content.topics.get(l.topic)?.title ?? l.topic] : []));
    return [...new Set(titles)];
  }

  flat(input: ContextInput): HandoffFlatContext {
    const topics = input.share ? this.topics(input.lines) : [];
    const context: HandoffFlatContext = {
      va_LastTopic: topics.at(-1) ?? this.pathwayTitle(input.view.machine),
      va_Topics: topics.join(', '),
      va_AgentMessage: input.share
        ? this.summary(input)
        : `Pathway: ${this.pathwayTitle(input.view.machine)}. ${this.compose.message('handoff.staff.not-shared', 'parent')}`,
      pathway: input.view.machine,
      step: input.view.state,
      channel: input.channel,
      caseReference: input.caseRef,
    };
    return Object.fromEntries(Object.entries(context).map(([k, v]) => [k, cut(String(v))])) as unknown as HandoffFlatContext;
  }

  /** The bot's transcript as activities, the shape EventFactory.createHandoffInitiation attaches. */
  transcript(lines: TranscriptLine[]): Transcript {
    return {
      activities: lines.map(
        (l): Activity =>
          ({
            type: ActivityTypes.Message,
            text: l.text,
            timestamp: new Date(l.at),
            from: {
              id: l.from === 'person' ? 'person' : 'bot',
              name: l.from === 'person' ? 'Person' : 'Assistant',
              role: l.from === 'person' ? 'user' : 'bot',
            },
          }) as Activity,
      ),
    };
  }
}

/**
 * The `handoff.initiate` event: the flat context as its value and, only when the person agreed, the
 * transcript as an attachment named "Transcript" (EventFactory.createHandoffInitiation).
 */
export function handoffInitiation(context: TurnContext, flat: HandoffFlatContext, transcript?: Transcript): Partial<Activity> {
  return EventFactory.createHandoffInitiation(context, flat, transcript);
}
