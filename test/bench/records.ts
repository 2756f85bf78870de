/**
 * The whole text of a content record as the judge reads it: a topic with every wording it has (title,
 * synonyms, short and fuller answer, next steps, and each audience variant), or a glossary line. The
 * content ceiling and the ranking benches ask whether a record holds a question's facts.
 */
import type { Composer } from '../../bot/compose.js';
import type { ContentStore } from '../../content/store.js';
import { judgeStems } from './judge.js';

type Topic = ContentStore['topics'] extends Map<string, infer T> ? T : never;
type Term = ContentStore['glossary'] extends Map<string, infer T> ? T : never;

export function topicRecordStems(composer: Composer, t: Topic): string[] {
  const variants = Object.values(t.variants).flatMap((v) => [v?.summary ?? '', v?.body ?? '', ...(v?.nextSteps ?? [])]);
  return judgeStems(composer.fill([t.title, ...t.synonyms, t.summary, t.body, ...t.nextSteps, ...variants].join('\n')));
}

export function glossaryRecordStems(composer: Composer, g: Term): string[] {
  return judgeStems(composer.fill([g.term, ...g.aka, g.meaning].join('\n')));
}
