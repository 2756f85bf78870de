/**
 * The deep content checks, run by `npm run content:check` and at start-up. The loader has already
 * checked each record's shape; these check what one record cannot show on its own: links between
 * records and to the pathways, council placeholders, plain English, text-message safety and dates.
 * Every problem names the file, the record, the field and what to do. The checks themselves are in
 * checks/: texts, links between records, and agreement with the pathway machines.
 */
import type { FlowContentRef } from '../flows/registry.js';
import type { ContentProblem } from './schema.js';
import type { ContentStore } from './store.js';
import { Checker } from './checks/checker.js';
import { checkFlowRefs, checkStaffWording } from './checks/flow.checks.js';
import { checkGlossary, checkSynonyms, checkTags, checkTopicDates, checkTopicLinks, checkYoungPersonWording } from './checks/record.checks.js';
import { checkCouncilProfile, checkGsm7, checkPlaceholders, checkReadability, checkSummaryLength, collectTexts } from './checks/text.checks.js';

export type { FlowContentRef };
export { fillCouncil, resolveCouncilPath, SUMMARY_MAX } from './checks/text.checks.js';

export interface ValidateOptions {
  /** The date the check runs on; review dates are compared with it. */
  today?: Date;
  /** Every content id the pathway machines name (flowContentRefs() from flows/registry.ts). */
  flowRefs?: FlowContentRef[];
  /** The coverage tags the audit rules use; a topic tag outside them is probably misspelt. */
  auditTags?: Iterable<string>;
  /** Every message id the code sends (requiredMessageIds() from bot/message-ids.ts). */
  messageRefs?: Iterable<string>;
  /**
   * Score text for plain English (default true). The start-up check turns it off: readability never
   * blocks start-up and is the slowest check; `npm run content:check` always runs it.
   */
  readability?: boolean;
}

/**
 * Problems that would make the assistant fail mid-conversation, or fail to send the crisis or error
 * replies: the assistant refuses to start with any of them.
 */
export const BLOCKING_PROBLEM_CODES: ReadonlySet<string> = new Set([
  'missing-flow-topic',
  'missing-flow-prompt',
  'missing-choice-label',
  'missing-message',
  'missing-staff-wording',
]);

function isoDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function validateContent(store: ContentStore, opts: ValidateOptions = {}): ContentProblem[] {
  const c = new Checker(store);
  const today = isoDay(opts.today ?? new Date());
  const scoreText = opts.readability ?? true;

  for (const item of collectTexts(c)) {
    if (!item.scoreOnly) {
      checkPlaceholders(c, item);
      checkGsm7(c, item.file, item.id, item.field, item.text);
    }
    if (item.readability && scoreText) checkReadability(c, item);
    if (item.summary) checkSummaryLength(c, item);
  }
  const auditTags = opts.auditTags ? new Set(opts.auditTags) : undefined;
  for (const topic of store.topics.values()) {
    const file = c.fileOf('topic', topic.id);
    if (auditTags) checkTags(c, topic, file, auditTags);
    checkTopicLinks(c, topic, file);
    checkTopicDates(c, topic, file, today);
    checkYoungPersonWording(c, topic, file);
  }
  checkSynonyms(c);
  checkGlossary(c);
  if (opts.flowRefs) checkFlowRefs(c, opts.flowRefs);
  for (const id of opts.messageRefs ?? []) {
    if (!store.messages.has(id))
      c.error('missing-message', 'content/data/messages', id, 'text', `the assistant sends message "${id}", but it does not exist: add it`);
  }
  if (opts.flowRefs) checkStaffWording(c, opts.flowRefs);
  checkCouncilProfile(c);
  return c.problems;
}
