import { containsPhrase, TopicIndex } from '../../bot/understanding/qa.js';
import { sharedContent } from '../helpers/harness.js';

describe('phrases are found in order and close together', () => {
  test.each([
    [['mediat', 'certif'], ['need', 'mediat', 'certif'], true],
    [['mediat', 'certif'], ['mediat', 'get', 'certif'], true],
    [['name', 'call'], ['name', 'sarah', 'jone', 'call'], false],
    [['name', 'call'], ['call', 'name'], false],
    [['ehcp'], ['ehcp'], true],
    [[], ['ehcp'], false],
  ])('%j in %j: %s', (phrase, query, expected) => {
    expect(containsPhrase(query, phrase)).toBe(expected);
  });
});

describe('confidence', () => {
  const content = sharedContent();
  const index = new TopicIndex(content.topics.values(), content.glossary.values());

  test('a long message that shares a word or two with a topic is not an answer to it', () => {
    expect(index.search('my name is Sarah Jones, call me on 07700 900123 about the thing with the forms for grandad').confident).toBe(false);
  });

  test('a plain question about a topic is answered confidently', () => {
    const result = index.search('what is a mediation certificate');
    expect(result.confident).toBe(true);
    expect(result.matches[0]?.topic).toBe('mediation-certificate');
  });

  test('a message a little below the line is answered when the content knows most of its words', () => {
    const question = 'im 17 do my parents still get a say in my plan';
    const result = index.search(question, { audience: 'young-person' });
    expect(result.confident).toBe(true);
    expect(result.matches[0]?.topic).toBe('young-person-rights');
    // Its score is below the line: with the coverage asked for out of reach, it is "not sure".
    const strict = new TopicIndex(content.topics.values(), content.glossary.values(), { minScore: 2.9, minCoverage: 1.01, strongMargin: 0.5 });
    expect(strict.search(question, { audience: 'young-person' }).confident).toBe(false);
  });

  test('stricter tuning makes it less confident, never more', () => {
    const strict = new TopicIndex(content.topics.values(), content.glossary.values(), { minScore: 2.9, minCoverage: 1.01, strongMargin: 100 });
    expect(strict.search('what is a mediation certificate').confident).toBe(false);
  });
});
