import { answerUnits, pickSentences } from '../../bot/understanding/answer-sentences.js';
import { sentences } from '../../bot/understanding/passages.js';
import { readServiceRequest } from '../../bot/understanding/services.js';
import { TopicIndex } from '../../bot/understanding/qa.js';
import { words } from '../../bot/understanding/text.js';
import { Composer } from '../../bot/compose.js';
import { judge } from '../bench/judge.js';
import { sharedContent } from '../helpers/harness.js';

describe('sentences and answer units', () => {
  test('a stop inside a web address or before a small letter does not end a sentence', () => {
    expect(sentences('See https://localoffer.example.org/travel for more. Then call us, e.g. on a weekday.')).toEqual([
      'See https://localoffer.example.org/travel for more.',
      'Then call us, e.g. on a weekday.',
    ]);
  });

  test('a list keeps its lead-in line with its first item, and each line is a unit', () => {
    expect(answerUnits('You can:\n- ask the school\n- call SENDIASS')).toEqual(['You can:\n- ask the school', '- call SENDIASS']);
  });
});

describe('picking the sentences of a short answer', () => {
  test('a sentence that repeats what was already said is left out, and the budget is kept', () => {
    const picked = pickSentences(
      [
        'You have at least 15 days to comment on the draft plan.',
        'The draft plan comes first. You have at least 15 days to comment on the draft. The final plan is due within 20 weeks.',
      ],
      600,
    );
    const text = picked.paragraphs.join('\n');
    expect(text.match(/15 days/g)).toHaveLength(1);
    expect(text).toMatch(/20 weeks/);
    expect(picked.used).toBeLessThanOrEqual(600);
  });

  test('later sentences that do not fit are skipped, but the first always goes in', () => {
    const long = 'A'.repeat(80) + ' is a very long first sentence.';
    const picked = pickSentences([long, 'Short one.'], 50);
    expect(picked.paragraphs[0]).toBe(long);
    expect(picked.paragraphs.join(' ')).not.toMatch(/Short one/);
  });
});

describe('reading what people type', () => {
  test('a digit standing for a word is read as the word, and a number stays a number', () => {
    expect(words('do u have 2 pay')).toEqual(['do', 'you', 'have', 'to', 'pay']);
    expect(words('any clubs 4 disabled people')).toContain('for');
    expect(words('you have 2 months')).toContain('2');
    expect(words('she is in year 4 and behind')).toContain('4');
  });

  test('a question that names a service in passing is not a request for the directory', () => {
    expect(readServiceRequest("nursery won't take my son because he is not toilet trained and has autism, is that allowed")).toBeNull();
    expect(readServiceRequest('are there any holiday clubs for autistic children')).not.toBeNull();
    expect(readServiceRequest('speech therapy near Fernvale')).not.toBeNull();
  });

  test('a question about money, funding or what the council has to do is not a request for the directory', () => {
    expect(readServiceRequest('is there any funding so the nursery can give my daughter extra help')).toBeNull();
    expect(readServiceRequest('is there any help paying for a childminder')).toBeNull();
    expect(readServiceRequest('is there a grant for a wheelchair accessible bathroom')).toBeNull();
    expect(readServiceRequest('does the council have to find a nursery for him')).toBeNull();
    expect(readServiceRequest('is there a holiday club for autistic children near us')).not.toBeNull();
    expect(readServiceRequest('childminders in Fernvale')).not.toBeNull();
  });
});

describe('answers say the fact asked for', () => {
  const content = sharedContent();
  const index = new TopicIndex(content.topics.values(), content.glossary.values());
  const composer = new Composer(content);
  const answer = (q: string) => {
    const r = index.search(q);
    expect(r.confident).toBe(true);
    return composer.answerReply(r.matches[0]!.topic, r.passages, 'parent').paragraphs.join('\n');
  };

  test('a common English word the content never uses is not corrected into one it does', () => {
    expect(index.queryStems('do i have 2 tell my boss im disabled')).toContain('boss');
  });

  test('"do u have 2 pay for sendiass" says it is free', () => {
    expect(judge(answer('do u have 2 pay for sendiass'), [['free']]).pass).toBe(true);
  });

  test('a nursery turning a child away names the law and reasonable adjustments', () => {
    const said = answer('can a nursery refuse my son because of his disability');
    expect(judge(said, [['Equality Act'], ['reasonable adjustments']]).pass).toBe(true);
  });

  test('how long to comment on a draft plan leads with the days', () => {
    const said = answer('how long do we have to comment on the draft EHC plan');
    expect(said.split('\n')[0]).toMatch(/15 days/);
  });
});

describe('questions in people’s own words are answered', () => {
  const content = sharedContent();
  const index = new TopicIndex(content.topics.values(), content.glossary.values());

  test('"how do i get a ehcp for my son" is about asking for an assessment, and answered', () => {
    const r = index.search('how do i get a ehcp for my son');
    expect(r.confident).toBe(true);
    expect(r.matches[0]?.topic).toBe('ehc-how-to-ask');
  });

  test('an age in the question does not pull towards topics with that number in their name', () => {
    expect(index.queryStems("I'm 16 and struggling at sixth form with anxiety")).not.toContain('16');
    expect(index.queryStems('my 4 year old has meltdowns')).toEqual(['meltdown']);
    expect(index.queryStems('what happens at 16')).toContain('16');
  });
});
