/**
 * The content model. Everything the assistant says comes from records that match these schemas.
 * Editors write YAML files under content/data/; the loader parses them with these schemas and reports
 * problems as data: { file, id, field, message }.
 */
import { z } from 'zod';

export const AUDIENCES = ['parent', 'young-person', 'practitioner', 'helpline'] as const;
export const STAGES = ['early-years', 'school', 'post-16'] as const;
export const PATHWAYS = ['worried', 'ehc-request', 'disagreement', 'adulthood'] as const;

export const Audience = z.enum(AUDIENCES);
export const Stage = z.enum(STAGES);
export const PathwayId = z.enum(PATHWAYS);
export type Audience = z.infer<typeof Audience>;
export type Stage = z.infer<typeof Stage>;
export type PathwayId = z.infer<typeof PathwayId>;

/** Stable ids: lower-case words joined by hyphens, optionally dotted namespaces (e.g. "worried.start"). */
export const Id = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z0-9]+(?:-[a-z0-9]+)*)*$/, 'must be lower-case words joined by hyphens, e.g. "sen-support"');

export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), 'is not a real date');

const Text = z.string().trim().min(1, 'must not be empty');

/**
 * A word or phrase someone might type. YAML reads a bare 2 or 16 as a number; editors should not have
 * to know that, so numbers are taken as the text they were written as.
 */
const Word = z.preprocess((v) => (typeof v === 'number' ? String(v) : v), Text);

export const Source = z.strictObject({
  /** act: primary legislation; regulation: statutory instrument; code: SEND Code of Practice; guidance: other statutory or official guidance. */
  kind: z.enum(['act', 'regulation', 'code', 'guidance']),
  /** Human-readable reference, e.g. "SEND Code of Practice 9.14" or "SEND Regulations 2014, reg 10". */
  ref: Text,
  url: z.string().url().optional(),
});
export type Source = z.infer<typeof Source>;

/** Wording for one audience. Both fields are optional: anything left out falls back to the default wording. */
export const TopicWording = z.strictObject({
  summary: Text.optional(),
  body: Text.optional(),
  nextSteps: z.array(Text).optional(),
});

export const Topic = z.strictObject({
  id: Id,
  title: Text,
  audiences: z.array(Audience).min(1),
  stages: z.array(Stage).min(1),
  pathway: PathwayId.optional(),
  /** The short answer: fits in one SMS (at most 300 GSM-7 characters). */
  summary: Text,
  /** The fuller answer. Paragraphs are separated by a blank line. */
  body: Text,
  nextSteps: z.array(Text).default([]),
  /** Different wording for an audience, e.g. "you" for a young person. */
  variants: z.partialRecord(Audience, TopicWording).default({}),
  sources: z.array(Source).min(1, 'every topic needs at least one source'),
  lastChecked: IsoDate,
  reviewDue: IsoDate,
  /** The words people use for this topic: everyday phrases, old terms, common misspellings. */
  synonyms: z.array(Word).default([]),
  related: z.array(Id).default([]),
  /** Glossary term ids this topic uses, so the assistant can explain them. */
  glossary: z.array(Id).default([]),
  /** Coverage tags used by the audit, e.g. "code-4.30.transport". Free-form; the audit rules name them. */
  tags: z.array(Id).default([]),
});
export type Topic = z.infer<typeof Topic>;

export const GlossaryTerm = z.strictObject({
  id: Id,
  term: Text,
  /** Other ways people write the term: abbreviations, spellings, old names. */
  aka: z.array(Word).default([]),
  /** One or two plain-English sentences. */
  meaning: Text,
  topic: Id.optional(),
});
export type GlossaryTerm = z.infer<typeof GlossaryTerm>;

/** A choice offered at a step of a pathway. The machine decides where it leads; content only names it. */
export const ChoiceCopy = z.strictObject({
  label: Text,
  /** Extra words that pick this choice when typed, beyond the label itself. */
  words: z.array(Word).default([]),
});
export type ChoiceCopy = z.infer<typeof ChoiceCopy>;

/** The words for one step of a pathway: the question asked and the names of its choices. */
export const Prompt = z.strictObject({
  id: Id,
  text: Text,
  variants: z.partialRecord(Audience, z.object({ text: Text })).default({}),
  choices: z.record(Id, ChoiceCopy).default({}),
});
export type Prompt = z.infer<typeof Prompt>;

/**
 * How helpline staff hear one step of a pathway while a caller is on the phone. Keyed by
 * "<machine>.<state>" (e.g. "worried.senSupport"); flows stay audience-neutral and name no wording.
 */
export const StaffStep = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*\.[a-zA-Z0-9]+$/, 'must be "<pathway>.<state>", e.g. "worried.senSupport"'),
  /** A short script to read aloud, in the caller's terms. */
  script: Text,
  /** Why we ask, or why this step matters: for staff, not read out. */
  why: Text,
  /** A prompt for staff where this step can surface risk to a child or young person. */
  safeguarding: Text.optional(),
  /** Words to find matching services in the directory for the call record. */
  services: z.array(Word).default([]),
});
export type StaffStep = z.infer<typeof StaffStep>;

/** Interface wording that is not tied to a pathway step: greetings, help, errors, crisis replies. */
export const Message = z.strictObject({
  id: Id,
  text: Text,
  variants: z.partialRecord(Audience, z.object({ text: Text })).default({}),
});
export type Message = z.infer<typeof Message>;

const Contact = z.object({
  name: Text,
  phone: Text.optional(),
  email: z.string().email().optional(),
  url: z.string().url().optional(),
  hours: Text.optional(),
  text: Text.optional(),
});
export type Contact = z.infer<typeof Contact>;

export const OpeningHours = z.object({
  /** e.g. "Monday to Friday, 9am to 5pm". */
  summary: Text,
  days: z
    .array(
      z.object({
        day: z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']),
        opens: z.string().regex(/^\d{2}:\d{2}$/),
        closes: z.string().regex(/^\d{2}:\d{2}$/),
      }),
    )
    .min(1),
  closedOn: z.array(IsoDate).default([]),
});

export const CouncilProfile = z.object({
  id: Id,
  name: Text,
  fictional: z.boolean().default(false),
  localOfferUrl: z.string().url(),
  privacyNoticeUrl: z.string().url(),
  colours: z.object({ primary: z.string().regex(/^#[0-9a-fA-F]{6}$/), onPrimary: z.string().regex(/^#[0-9a-fA-F]{6}$/) }),
  helpline: Contact.extend({ phone: Text, hours: Text, openingHours: OpeningHours }),
  senTeam: Contact,
  sendiass: Contact,
  parentCarerForum: Contact,
  mediation: Contact,
  childrensSocialCare: Contact.extend({ phone: Text, outOfHoursPhone: Text }),
  links: z.object({
    transportPolicy: z.string().url(),
    post16TransportStatement: z.string().url(),
    accessibilityStrategy: z.string().url(),
    shortBreaksStatement: z.string().url(),
    personalBudgetsPolicy: z.string().url(),
    localOfferFeedback: z.string().url(),
    adultCareInformation: z.string().url(),
    complaints: z.string().url(),
    schoolAdmissions: z.string().url(),
    earlyEducationFunding: z.string().url(),
  }),
});
export type CouncilProfile = z.infer<typeof CouncilProfile>;

/** A service from the directory, normalised from an Open Referral UK feed. */
export const Service = z.object({
  id: Text,
  name: Text,
  organisation: Text,
  description: Text,
  eligibility: Text.optional(),
  minAge: z.number().int().min(0).max(120).optional(),
  maxAge: z.number().int().min(0).max(120).optional(),
  needs: z.array(Text).default([]),
  cost: Text.optional(),
  phone: Text.optional(),
  email: z.string().email().optional(),
  url: z.string().url().optional(),
  areas: z.array(Text).default([]),
  location: Text.optional(),
});
export type Service = z.infer<typeof Service>;

/** One problem found in the content: data, so tools can print it and tests can assert on it. */
export interface ContentProblem {
  severity: 'error' | 'warning';
  /** What kind of problem, for code to act on; the message is for people. Absent for schema errors. */
  code?: string;
  file: string;
  id: string;
  field: string;
  message: string;
}
