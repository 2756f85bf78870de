/**
 * The words of a handoff, for the person and for staff, all from the content store's messages, and the
 * question a handoff is waiting on with its choices.
 */
import type { Composer, Vars } from '../compose.js';
import type { Reply } from '../reply.js';
import type { CallbackTime } from './handoff.machine.js';
import type { HandoffRecord } from './handoff-store.js';

export const CALLBACK_TIMES: CallbackTime[] = ['morning', 'afternoon', 'any'];
export const CONSENT_CHOICES = ['handoff.consent.share', 'handoff.consent.no-share', 'handoff.consent.cancel'];
export const CALLBACK_CHOICES = ['handoff.callback.yes', 'handoff.callback.no'];
export const TIME_CHOICES = CALLBACK_TIMES.map((t) => `handoff.callback.${t}`);

export class HandoffWording {
  constructor(
    private readonly compose: Composer,
    private readonly callbackRetentionDays: number,
  ) {}

  word(id: string, vars?: Vars): string {
    return this.compose.message(id, 'parent', vars);
  }

  info(id: string, vars?: Vars): Reply {
    return { kind: 'info', paragraphs: [this.word(id, { days: String(this.callbackRetentionDays), ...vars })] };
  }

  /** The question the handoff is waiting on, with its choices. */
  prompt(record: HandoffRecord): Reply[] {
    const choices = (ids: string[]) => ids.map((id) => ({ value: this.word(id), label: this.word(id) }));
    const vars = { caseRef: record.handoff.context.caseRef, days: String(this.callbackRetentionDays) };
    switch (record.handoff.state) {
      case 'requested':
        return [{ kind: 'step', paragraphs: [], prompt: this.word('handoff.consent'), choices: choices(CONSENT_CHOICES) }];
      case 'callbackOffered': {
        const id = record.handoff.context.reason === 'out-of-hours' ? 'handoff.callback.closed' : 'handoff.callback.offer';
        return [{ kind: 'step', paragraphs: [], prompt: this.word(id), choices: choices(CALLBACK_CHOICES) }];
      }
      case 'callbackNumber':
        return [this.info('handoff.callback.number', vars)];
      case 'callbackTime':
        return [{ kind: 'step', paragraphs: [], prompt: this.word('handoff.callback.time'), choices: choices(TIME_CHOICES) }];
      case 'queued':
        return [this.info('handoff.queued', vars)];
      default:
        return [];
    }
  }
}
