/**
 * An answer's text comes from the topic it is titled with. A follow-up read in context can choose a
 * different topic from the plain search of the message; the sentences picked for the short answer must
 * then be that topic's too, not the plain search's.
 */
import { DEPENDS_ON_BEFORE } from '../../bot/understanding/query-text.js';
import { Chat, buildAssistant, sharedContent } from '../helpers/harness.js';

const content = sharedContent();

/** The sentences of a reply that the topic it names does not hold (checked on their first five words). */
function foreignSentences(topicId: string, paragraphs: string[]): string[] {
  const topic = content.topics.get(topicId);
  if (!topic) return [`unknown topic ${topicId}`];
  // A "what is" answer may lead with the glossary's meaning of a term that belongs to the topic.
  const terms = [...content.glossary.values()].filter((t) => t.topic === topicId);
  // The reply's own headings ("What you can do next:") are interface messages, not another topic's words.
  const headings = ['answer.next-steps-intro', 'answer.sources-intro'].map((id) => content.messages.get(id));
  const haystack = JSON.stringify([topic, terms, headings]).toLowerCase().replace(/\s+/g, ' ');
  return (
    paragraphs
      .flatMap((p) => p.split(/(?<=[.!?])\s+/))
      // A list line ("- Keep a note of...") is held by the topic without its dash.
      .map((s) => s.replace(/^- /, '').toLowerCase().split(/\s+/).slice(0, 5).join(' '))
      .filter((start) => start.length > 12 && !/[{}0-9]/.test(start) && !haystack.includes(start))
  );
}

const CONVERSATIONS: string[][] = [
  [
    'Hi, my son is 12 and has autism and was permanently excluded yesterday after an incident at school',
    'What happens now? Where does he go to school tomorrow?',
  ],
  ['what is an ehcp', 'options after school for my son with sen'],
  ['is an iep still a thing', 'is an iep still a thing'],
];

test.each(CONVERSATIONS)('every answer says only its own topic: %s', async (...turns) => {
  const { assistant } = buildAssistant();
  const chat = new Chat(assistant);
  for (const say of turns) {
    await chat.say(say);
    for (const reply of chat.replies.filter((r) => r.topicId && r.paragraphs.length))
      expect({ say, topic: reply.topicId, foreign: foreignSentences(reply.topicId!, reply.paragraphs) }).toEqual({ say, topic: reply.topicId, foreign: [] });
  }
});

test.each(['is an iep still a thing', 'what does an ehcp actually do'])(
  'asked twice, the second answer never opens a paragraph with a sentence that leans on one left out: %s',
  async (question) => {
    const { assistant } = buildAssistant();
    const chat = new Chat(assistant);
    await chat.say(question);
    await chat.say(question);
    const paragraphs = chat.replies.filter((r) => r.topicId).flatMap((r) => r.paragraphs);
    expect(paragraphs.length).toBeGreaterThan(0);
    expect(paragraphs.filter((p) => DEPENDS_ON_BEFORE.test(p))).toEqual([]);
  },
);
