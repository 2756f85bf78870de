import { amountShape, amountUnit, answerShape, asksAmount, asksRemedy, asksSeveral, questionType, remedyShape } from '../../bot/understanding/question-type.js';
import { words } from '../../bot/understanding/text.js';

describe('the kind of question', () => {
  test.each([
    ['how long have i got to appeal', 'when'],
    ['who can ask for an assessment', 'who'],
    ['do i need a diagnosis', 'yes-no'],
    ['what is a senco', 'what-is'],
    ['how do i ask for an ehc needs assessment', 'how'],
    ['my son hates school', 'other'],
  ])('"%s" is %s', (q, type) => {
    expect(questionType(q.split(' '))).toBe(type);
  });

  test('"wats" and "wots" are read as "what is", so a text-speak definition question is one', () => {
    expect(questionType(words('wats a senco'))).toBe('what-is');
    expect(questionType(words("wot's an ehcp"))).toBe('what-is');
  });
});

describe('the shape of answer each kind wants', () => {
  test.each([
    ['when', 'You have 2 months from the date on the letter.', 1],
    ['when', 'The plan must be reviewed at least once a year.', 1],
    ['when', 'Mediation is free and private.', 0],
    ['who', 'The SENCO leads on SEN in a school.', 1],
    ['who', 'It must be in writing.', 0],
    ['yes-no', 'Your child does not need a diagnosis.', 1],
    ['yes-no', 'Schools get money for all pupils.', 0],
    ['what-is', 'SEN support is extra help from the school.', 1],
    ['how', '- Write to the council and keep a copy.', 1],
    ['how', 'Waiting lists can be long.', 0],
  ] as const)('for "%s": "%s" is %d', (type, text, shape) => {
    expect(answerShape(type, text, false)).toBe(shape);
  });

  test('an age, not a duration, answers "how old" and "what age"', () => {
    const q = words('what age does the plan stop');
    expect(questionType(q)).toBe('when');
    expect(answerShape('when', 'A plan can go on up to age 25.', false, true)).toBe(1);
  });

  test('a question of one kind gives no weight to the shapes of the others', () => {
    expect(answerShape('other', 'You have 2 months from the date on the letter.', true)).toBe(0);
  });
});

describe('the kind of a question asked in passing', () => {
  test.each([
    ['caller asks whether she has to go to mediation first', 'yes-no'],
    ['caller wants to know if the school has to tell her', 'yes-no'],
    ['as a senco how often should we meet parents', 'when'],
    ['my son hates school and i dont know if it helps', 'other'],
  ])('"%s" is %s', (q, type) => {
    expect(questionType(q.split(' '))).toBe(type);
  });
});

describe('questions that ask several things', () => {
  test.each([
    ['We got the draft plan today. How long do we have? Can we ask for a school?', true],
    ['what is disagreement resolution and is it run by the council', true],
    ['how long have i got to appeal', false],
    ['my son is 7 and autistic, can he get help at school?', false],
    ['my son is 14 and is autistic, what help can he get at school?', false],
    ['we moved here in May and are waiting for a school place', false],
    ['what is an ehcp??', false],
    ['what is an ehcp? ?', false],
    ['What is an EHCP? And who writes it?', true],
    ['how long does an assessment take and can we ask for one ourselves', true],
    ['is there a short break scheme and are they free', true],
  ])('"%s": %s', (q, several) => {
    expect(asksSeveral(q)).toBe(several);
  });
});

describe('questions that ask for an amount', () => {
  test('"how far", "how much" and "how many" want an amount with its unit', () => {
    expect(asksAmount(words('how far does he have to live from school'))).toBe(true);
    expect(asksAmount(words('how many free hours do we get'))).toBe(true);
    expect(asksAmount(words('can he get free transport'))).toBe(false);
    expect(amountShape('They are under 8 and live more than 2 miles away.')).toBe(1);
    expect(amountShape('You can get up to £4,000 a year.')).toBe(1);
    expect(amountShape('Distance does not matter.')).toBe(0);
  });

  test('a time in minutes is a time and an amount: "how long should he be travelling"', () => {
    const journey = 'Guidance says a journey should be no more than 45 minutes for a primary school child.';
    expect(answerShape(questionType(words('is there a limit on how long he should be travelling')), journey, false)).toBe(1);
    expect(amountShape(journey)).toBe(1);
    expect(answerShape('when', 'The journey should be reasonable.', false)).toBe(0);
  });

  test.each([
    ['how many free hours do we get', 'hours'],
    ['how many free hrs can my 3 year old get', 'hours'],
    ['how many days does the school have', 'days'],
    ['how far does he have to live from school', 'distance'],
    ['what are the walking distances for transport', 'distance'],
    ['how much does it cost to appeal', 'money'],
    ['how much help can she get', undefined],
    ['can he get free transport', undefined],
  ])('"%s" asks an amount in %s', (q, unit) => {
    expect(amountUnit(words(q))).toBe(unit);
  });

  test('an amount in another unit is not the amount asked for', () => {
    expect(amountShape('Working families may get more hours from 9 months.', 'hours')).toBe(0);
    expect(amountShape('They can get 15 hours a week in term time.', 'hours')).toBe(1);
    expect(amountShape('Free transport if the school is more than 2 miles away.', 'distance')).toBe(1);
    expect(amountShape('Write within 20 working days.', 'distance')).toBe(0);
    expect(amountShape('A direct payment can be up to £4,000.', 'money')).toBe(1);
    expect(amountShape('Working families may get more hours from 9 months.')).toBe(1);
  });
});

describe('questions that ask what can be done', () => {
  test('"what can I do", "is that even legal", "who else can I talk to" and a challenge ask for a way to act on it', () => {
    for (const q of [
      'the review is months late, what can we do',
      'wat can i do',
      'they sent him home for a week. Is that even legal?',
      'the senco ignores me, who else can i talk to',
      'is there anyone who can help me with the forms',
      'can I challenge the decision',
      'what are my options now',
    ])
      expect(asksRemedy(words(q))).toBe(true);
    for (const q of ['what is sen support', 'how many free hours do we get', 'who can ask for an ehc needs assessment', 'does my child need a diagnosis'])
      expect(asksRemedy(words(q))).toBe(false);
  });

  test('a way to act on it is advice, an appeal, a complaint or a review', () => {
    expect(remedyShape('If 12 months pass with no review, you can complain to the council.')).toBe(1);
    expect(remedyShape('Get free advice from Sample Borough SENDIASS.')).toBe(1);
    expect(remedyShape('You can ask the governors to look again.')).toBe(1);
    expect(remedyShape('An EHC plan must be reviewed at least every 12 months.')).toBe(0);
  });
});
