/**
 * A request for local services typed anywhere ("holiday clubs for autistic children", "find a
 * service"): answered from the services directory (service-finder.ts), then back to where the person was.
 */
import type { FlowView } from '../flows/executor.js';
import { startFlow } from '../flows/executor.js';
import type { Composer } from './compose.js';
import type { EventLogger } from './reply.js';
import type { ServiceFinder } from './service-finder.js';
import type { FlowSteps } from './steps.js';
import type { Turn } from './turn.js';

export class ServiceRequests {
  constructor(
    private readonly finder: ServiceFinder,
    private readonly compose: Composer,
    private readonly steps: FlowSteps,
    private readonly logger: Pick<EventLogger, 'info'>,
  ) {}

  /** Answers a request for local services. Returns true when this turn has been answered. */
  handle(turn: Turn, view: FlowView): boolean {
    const expecting = view.meta.serviceSearch === true;
    const request = this.finder.read(turn.text, expecting);
    if (!request && !expecting) return false;
    if (request?.general) {
      const profile = turn.record.profile;
      if (profile.who && profile.stage) {
        const menu = startFlow('intake', { profile, dates: turn.record.dates });
        turn.record.flow = menu.flow;
        this.steps.arrive(turn, this.steps.send(turn, { type: 'choose.find-service' }).view);
        return true;
      }
      turn.replies.push({ kind: 'info', paragraphs: [this.compose.promptText('intake.find-service', turn.audience)] });
      this.steps.showStep(turn, view, { withTopic: false });
      return true;
    }
    turn.replies.push(request ? this.finder.reply(request, turn.record.profile, turn.audience) : this.steps.info('services.none', turn));
    this.logger.info({ event: 'service-search', found: turn.replies[turn.replies.length - 1]?.services?.entries.length ?? 0 });
    this.steps.showStep(turn, view, { withTopic: false, ...(expecting ? {} : { promptId: 'answer.carry-on' }) });
    return true;
  }
}
