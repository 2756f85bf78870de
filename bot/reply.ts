/**
 * The neutral reply model. The assistant core speaks only in these terms; each channel renderer in
 * adapters/ turns a Reply into web chat, Teams or SMS output according to what that channel can show.
 * Nothing here knows about Bot Framework, Twilio or HTML.
 */

export type ReplyKind =
  /** A step of a pathway: content plus a question and choices. */
  | 'step'
  /** An answer to a typed question. */
  | 'answer'
  /** Safeguarding: urgent help. Renderers must show it first and in full, never cut it short. */
  | 'crisis'
  /** Services found in the directory: a list or carousel, a card, or short numbered texts. */
  | 'services'
  /** Anything else: greetings, help, apologies, "I did not understand". */
  | 'info';

/** Services to show, with the words for their labels (from content, like fact labels). */
export interface ServiceList {
  labels: { for: string; cost: string; contact: string };
  entries: ServiceEntry[];
}

/** One service from the directory, as a reply shows it. */
export interface ServiceEntry {
  name: string;
  /** What it offers, in a sentence. */
  offer: string;
  /** Who it is for, e.g. "Ages 5 to 17. For children with any SEND need." */
  forWhom?: string;
  cost?: string;
  /** A phone number, else an email address. */
  contact?: string;
  url?: string;
}

export interface Choice {
  /** What is sent back when the choice is picked (a button press or a typed number maps to this). */
  value: string;
  /** What the person sees. */
  label: string;
}

export interface Fact {
  /** e.g. "Decision on whether to assess". */
  label: string;
  /** e.g. "Tuesday 14 April 2026". */
  value: string;
}

export interface Link {
  title: string;
  url: string;
}

export interface SourceNote {
  /** e.g. "SEND Code of Practice 9.14; SEND Regulations 2014, reg 4". */
  citation: string;
  /** e.g. "1 November 2026". */
  lastChecked: string;
}

export interface Reply {
  kind: ReplyKind;
  /** Optional heading, e.g. the topic title. */
  title?: string;
  /** The content topic this reply shows, for feedback and analytics. Never shown as such. */
  topicId?: string;
  /**
   * Paragraphs of plain text. Inline links are not allowed here: renderers show `links` in the channel's
   * own way. Lines starting with "- " are list items.
   */
  paragraphs: string[];
  /** Key dates, numbers and deadlines, shown as a list or a fact set. */
  facts?: Fact[];
  links?: Link[];
  source?: SourceNote;
  /** The question asked with the choices, e.g. "What would help most?". */
  prompt?: string;
  choices?: Choice[];
  /** Services from the directory (kind 'services'), best first. */
  services?: ServiceList;
  /**
   * Text that a channel with little room (SMS) may leave for a "MORE" reply instead of sending at once.
   * Wide channels show it in full after `paragraphs`.
   */
  more?: string[];
  /**
   * The rest of an answer, given only on request: wide channels offer it as a "More detail" choice and do
   * not show it; SMS keeps it for a "MORE" reply after everything else.
   */
  detail?: string[];
  /** "Did this help?" asked about this reply's topic. Channels render it as buttons or, on SMS, words. */
  feedback?: FeedbackPrompt;
}

export interface FeedbackPrompt {
  topicId: string;
  /** "Did this help?" */
  question: string;
  yes: string;
  no: string;
  /** "Did this help? Reply YES or NO": SMS adds it only when it fits in the last text. */
  sms: string;
}

/** What a feedback button sends back. */
export const feedbackValue = (answer: 'yes' | 'no', topicId: string) => `feedback:${answer}:${topicId}`;

export type ChannelKind = 'webchat' | 'teams' | 'sms' | 'test';

/** One message from a person, already stripped of anything channel-specific. */
export interface Inbound {
  /** Stable key for the conversation's stored state. Never a raw phone number. */
  conversationKey: string;
  channel: ChannelKind;
  /** What the person typed, if anything. */
  text?: string;
  /** A choice value from a button press, if any. */
  value?: string;
  /** True when the message carried attachments (photos, files) the assistant cannot read. */
  hasAttachments?: boolean;
  /** The channel's id for this message, so a message delivered twice is taken once. */
  activityId?: string;
  /** A member of the helpline team, recognised from configuration (Teams only): staff mode. */
  staff?: boolean;
  /** The time the message arrived, for deadlines and gaps; the server clock when not given. */
  receivedAt?: Date;
  /** Someone joined the conversation (it was opened, or a member was added): no message was sent. */
  joined?: boolean;
}

/** The assistant core, as every channel sees it. */
export interface Assistant {
  turn(inbound: Inbound): Promise<Reply[]>;
}

/**
 * What the core and the channels log through (pino fits it). Fields only: events, ids and error names,
 * never what anyone typed.
 */
export interface EventLogger {
  info(fields: object, msg?: string): void;
  warn(fields: object, msg?: string): void;
  error(fields: object, msg?: string): void;
}
