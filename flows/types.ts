/**
 * Shared types for the pathway machines. Machines are pure: they hold who is asking, the stage and any
 * dates the person gave, and their states point at content by id. No wording lives here.
 */
import type { Audience, PathwayId, Stage } from '../content/schema.js';

export type Who = Extract<Audience, 'parent' | 'young-person' | 'practitioner'>;

export interface Profile {
  who?: Who;
  stage?: Stage;
}

/** Dates the person told us, as ISO dates (YYYY-MM-DD). Carried from one pathway to the next. */
export interface KnownDates {
  /** When the council received the request for an EHC needs assessment: the time limits count from it. */
  requestDate?: string;
  /** The date on the council's decision letter. */
  decisionDate?: string;
  /** The date on the mediation certificate. */
  certificateDate?: string;
}

export type DateField = keyof KnownDates;

export interface FlowContext {
  profile: Profile;
  dates: KnownDates;
  /** Whether the person has a mediation certificate: yes, not yet, or the appeal needs none. */
  certificate?: 'has' | 'none-yet' | 'not-needed';
}

export interface FlowInput {
  profile: Profile;
  dates?: KnownDates;
}

export type FlowEvent =
  { type: `choose.${string}` } | { type: 'BACK' } | { type: 'DATE'; field: DateField; date: string } | { type: 'PROFILE'; profile: Profile };

/** What a state says about itself. Content ids only; the bot looks the words up. */
export interface StepMeta {
  /** A topic shown when the person arrives at this state. */
  topic?: string;
  /** The question asked here and the names of its choices (a Prompt record). */
  prompt: string;
  /** This state waits for a typed date and stores it in this field. */
  input?: { kind: 'date'; field: DateField };
  /** Deadlines worked out from known dates are shown here. */
  facts?: 'ehc-deadlines' | 'appeal-deadline';
  /** This state waits for the person to say what kind of service they are looking for. */
  serviceSearch?: boolean;
  /** A final state that moves the person into another pathway (or back to the menu). */
  handover?: PathwayId | 'menu';
}

export const CHOICE_PREFIX = 'choose.';
export const choiceEvent = (id: string) => `${CHOICE_PREFIX}${id}` as const;

/** Output of the intake machine when it finishes. */
export interface IntakeOutput {
  profile: Profile;
  pathway: PathwayId;
}
