/**
 * On Teams, where practitioners and helpline staff ask at a desk, every answer gets the longer room
 * (deskRoom in bot/answers.ts); web chat and SMS keep the short answer. Judged on the reply's text.
 */
import { renderTeams } from '../../adapters/channels/teams.renderer.js';
import { renderWebChat } from '../../adapters/channels/webchat.renderer.js';
import { ANSWER_BUDGET, LONG_ANSWER_BUDGET } from '../../bot/compose.js';
import type { Reply } from '../../bot/reply.js';
import { seenFirst } from '../bench/understanding-seen.js';
import { buildAssistant } from '../helpers/harness.js';

const answerOf = (replies: Reply[]) => replies.find((r) => r.kind === 'answer')!;
const answerLength = (reply: Reply) => reply.paragraphs.join('\n').length;

describe('the answer room on Teams', () => {
  test('a question answered clearly gets the short answer on web chat and the longer one on Teams', async () => {
    const { assistant } = buildAssistant();
    const text = 'how long do i have to appeal to the tribunal';
    const web = await assistant.turn({ conversationKey: 'room-web', channel: 'webchat', text });
    const teams = await assistant.turn({ conversationKey: 'room-teams', channel: 'teams', text });
    const webAnswer = answerOf(web);
    const teamsAnswer = answerOf(teams);
    expect(webAnswer.topicId).toBe(teamsAnswer.topicId);
    expect(answerLength(webAnswer)).toBeLessThanOrEqual(ANSWER_BUDGET);
    expect(answerLength(teamsAnswer)).toBeGreaterThan(ANSWER_BUDGET);
    expect(answerLength(teamsAnswer)).toBeLessThanOrEqual(LONG_ANSWER_BUDGET);
    // The longer answer starts with what the short one says, and goes on to say more.
    const webSeen = seenFirst('webchat', renderWebChat(web));
    const teamsSeen = seenFirst('teams', renderTeams(teams));
    expect(teamsSeen).toContain('2 months');
    expect(webSeen).toContain('2 months');
    const extra = teamsAnswer.paragraphs
      .join('\n')
      .split(/(?<=\.)\s+/)
      .filter((s) => !webAnswer.paragraphs.join('\n').includes(s));
    expect(extra.length).toBeGreaterThan(0);
    for (const sentence of extra) expect(teamsSeen).toContain(sentence);
  });
});
