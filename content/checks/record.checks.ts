/**
 * Checks on the links between records and their upkeep: related topics and glossary terms exist, review
 * dates are sensible, young people are spoken to as "you", tags are ones the audit uses, and no phrase
 * leads to two topics or two glossary terms.
 */
import type { Topic } from '../schema.js';
import type { Checker } from './checker.js';

/** Content should be looked at again within a year of being checked. */
const MAX_REVIEW_DAYS = 366;

const normalisePhrase = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function checkTopicLinks(c: Checker, topic: Topic, file: string): void {
  for (const id of topic.related) {
    if (!c.store.topics.has(id)) c.error('unknown-related-topic', file, topic.id, 'related', `"${id}" is not a topic in the content store`);
    else if (id === topic.id) c.warn('related-to-itself', file, topic.id, 'related', 'lists the topic itself');
  }
  for (const id of topic.glossary) {
    if (!c.store.glossary.has(id)) c.error('unknown-glossary-term', file, topic.id, 'glossary', `"${id}" is not a glossary term`);
  }
}

export function checkTopicDates(c: Checker, topic: Topic, file: string, today: string): void {
  if (topic.lastChecked > today)
    c.error('checked-in-future', file, topic.id, 'lastChecked', `is ${topic.lastChecked}, which is in the future (today is ${today})`);
  if (topic.reviewDue < today)
    c.warn('review-due', file, topic.id, 'reviewDue', `was ${topic.reviewDue}: check the topic is still right, then update lastChecked and reviewDue`);
  if (topic.reviewDue < topic.lastChecked) c.warn('review-before-checked', file, topic.id, 'reviewDue', `is before lastChecked (${topic.lastChecked})`);
  else if (daysBetween(topic.lastChecked, topic.reviewDue) > MAX_REVIEW_DAYS)
    c.warn('review-too-far', file, topic.id, 'reviewDue', `is more than a year after lastChecked (${topic.lastChecked}): set it within a year`);
}

/** A young person reading "your child" about themselves is told the service is not for them. */
export function checkYoungPersonWording(c: Checker, topic: Topic, file: string): void {
  if (!topic.audiences.includes('young-person') || topic.variants['young-person']) return;
  if (/\byour (child|son|daughter)\b/i.test(`${topic.summary}\n${topic.body}`)) {
    c.warn(
      'young-person-wording',
      file,
      topic.id,
      'variants.young-person',
      'the topic is for young people but talks about "your child": add young-person wording that says "you"',
    );
  }
}

export function checkTags(c: Checker, topic: Topic, file: string, known: Set<string>): void {
  for (const tag of topic.tags) {
    if (!known.has(tag))
      c.warn(
        'unused-tag',
        file,
        topic.id,
        'tags',
        `"${tag}" is not used by any audit rule, so it counts for nothing: check it against the tags in content/data/audit/`,
      );
  }
}

export function checkSynonyms(c: Checker): void {
  const owner = new Map<string, string>();
  for (const topic of c.store.topics.values()) {
    const file = c.fileOf('topic', topic.id);
    for (const synonym of new Set(topic.synonyms.map(normalisePhrase))) {
      const first = owner.get(synonym);
      if (first && first !== topic.id)
        c.error('synonym-clash', file, topic.id, 'synonyms', `"${synonym}" is also a synonym of topic ${first}: a phrase can lead to one topic only`);
      else owner.set(synonym, topic.id);
    }
  }
}

export function checkGlossary(c: Checker): void {
  const owner = new Map<string, string>();
  for (const term of c.store.glossary.values()) {
    const file = c.fileOf('glossary', term.id);
    if (term.topic && !c.store.topics.has(term.topic))
      c.error('unknown-glossary-topic', file, term.id, 'topic', `"${term.topic}" is not a topic in the content store`);
    const names = new Map<string, string>([[normalisePhrase(term.term), 'term']]);
    for (const aka of term.aka) if (!names.has(normalisePhrase(aka))) names.set(normalisePhrase(aka), 'aka');
    for (const [name, field] of names) {
      const first = owner.get(name);
      if (first && first !== term.id)
        c.error(
          'glossary-name-clash',
          file,
          term.id,
          field,
          `"${name}" is also used by glossary term ${first}: people typing it would not know which one they get`,
        );
      else owner.set(name, term.id);
    }
  }
}
