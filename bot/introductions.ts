/**
 * What people say about themselves: "Hi, I'm a SENCO", "hi im 17", "my son is 7 and has ADHD, can I ask
 * for an EHCP myself?". Who is asking and the age group are kept with the conversation wherever they
 * are said. At the intake's own questions they answer those questions, and a question in the same
 * message is then answered straight away rather than swallowed by the next intake step.
 */
import type { ContentStore } from '../content/store.js';
import type { FlowView } from '../flows/executor.js';
import type { OfferBook } from './offers.js';
import type { FlowSteps } from './steps.js';
import { audienceOf, type Turn } from './turn.js';
import { isExactChoice } from './understanding/choices.js';
import { readProfile } from './understanding/profile.js';
import { readServiceRequest } from './understanding/services.js';
import { asksSomething, contentWordCount } from './understanding/text.js';

export class Introductions {
  private readonly roles: readonly string[];

  constructor(
    content: ContentStore,
    private readonly offers: OfferBook,
    private readonly steps: FlowSteps,
    /** Whether the turn's text, read as a question, has a reasonable answer. */
    private readonly confident: (turn: Turn) => boolean,
  ) {
    this.roles = content.prompts.get('intake.who')?.choices['practitioner']?.words ?? [];
  }

  /**
   * Reads an introduction. Returns 'answered' when the message was only an introduction and has had its
   * reply, the step to carry on from when it also asks something, or null when it says nothing about who.
   */
  read(turn: Turn, view: FlowView): FlowView | 'answered' | null {
    // "1", "parent", "I am a parent or carer": the choices on offer take those as they always have.
    if (isExactChoice(turn.text, this.offers.options(turn.record.offers, view))) return null;
    const reading = readProfile(turn.text, this.roles);
    if (!reading.who && !reading.stage) return null;

    turn.record.profile = { ...turn.record.profile, ...reading };
    turn.introduced = true;
    turn.audience = audienceOf(turn.record);
    // Elsewhere the profile is kept quietly, and the message is read as usual.
    if (!(view.machine === 'intake' && (view.state === 'who' || view.state === 'stage'))) return null;
    let moved = view;
    if (moved.machine === 'intake' && moved.state === 'who' && reading.who) moved = this.steps.send(turn, { type: `choose.${reading.who}` }).view;
    const stage = turn.record.profile.stage;
    if (moved.machine === 'intake' && moved.state === 'stage' && stage) moved = this.steps.send(turn, { type: `choose.${stage}` }).view;
    turn.record.profile = { ...turn.record.profile, ...moved.context.profile };
    turn.audience = audienceOf(turn.record);

    // A statement with a clear answer ("my son was excluded today") or a question is answered as one.
    // A practitioner saying where they work ("assistant SENCO at a secondary school") is not asking about it;
    // a longer message ("caller asking about the time limit after mediation") is.
    // An age ("18 months", "year 9") is itself words, so a message that gives one needs more of them to ask something.
    const words = contentWordCount(turn.text);
    const enough = reading.who === 'practitioner' ? 7 : reading.stage ? 3 : 2;
    // A request for a service with an age in it ("dyslexia support for a 14 year old") asks for that service.
    const asks = asksSomething(turn.text) || readServiceRequest(turn.text) !== null || (words >= enough && this.confident(turn));
    if (asks) {
      turn.introducedAsking = true;
      if (moved !== view) turn.record.offers = this.offers.defaultOffers(moved);
      return moved;
    }
    if (moved !== view) {
      this.steps.arrive(turn, moved);
      return 'answered';
    }
    turn.replies.push(this.steps.info('profile.noted', turn));
    this.steps.showStep(turn, view, { withTopic: false });
    return 'answered';
  }
}
