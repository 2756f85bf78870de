/**
 * Corrections from a legal review of the content. Each row pins a corrected fact: the wrong claim
 * must not come back, the right one must be said, and the record must cite the law it rests on and
 * carry a lastChecked date no older than the review.
 */
import { loadContent } from '../../content/store.js';
import type { Topic } from '../../content/schema.js';

const store = loadContent();
const REVIEWED = '2026-12-03';

function topic(id: string): Topic {
  const t = store.topics.get(id);
  if (!t) throw new Error(`no topic ${id}`);
  return t;
}

/** Every word a topic can say, in every audience's wording. */
function allText(t: Topic): string {
  const parts = [t.summary, t.body, ...t.nextSteps];
  for (const v of Object.values(t.variants)) parts.push(v?.summary ?? '', v?.body ?? '', ...(v?.nextSteps ?? []));
  return parts.join('\n').replace(/\s+/g, ' ');
}

const message = (id: string) => (store.messages.get(id)?.text ?? '').replace(/\s+/g, ' ');
const prompt = (id: string) => (store.prompts.get(id)?.text ?? '').replace(/\s+/g, ' ');
const cites = (t: Topic, pattern: RegExp) => t.sources.some((s) => pattern.test(s.ref));

interface Row {
  name: string;
  topic: string;
  wrong: RegExp[];
  right: RegExp[];
  source: RegExp;
}

const rows: Row[] = [
  {
    name: 'one month to ask for a mandatory reconsideration of a DLA or PIP decision',
    topic: 'benefits-mandatory-reconsideration',
    wrong: [],
    right: [/mandatory reconsideration/, /1 month from the date on the decision letter/, /up to 13 months/],
    source: /reg 3A/,
  },
  {
    name: 'the council acts on a Tribunal order within time limits; permission to appeal within 28 days',
    topic: 'after-tribunal-decision',
    wrong: [],
    right: [/2 weeks to name a school and 5 weeks to change a plan/, /within 28 days of getting its written reasons/, /Upper Tribunal/],
    source: /reg 44/,
  },
  {
    name: 'disability discrimination in admissions goes to the admission appeal panel',
    topic: 'school-admissions-and-accessibility',
    wrong: [/discriminated, you can claim to the SEND Tribunal/],
    right: [/disability discrimination, you also raise that with the admission appeal panel/, /at least 20 school days/],
    source: /Equality Act 2010, Schedule 17/,
  },
  {
    name: 'a young person is past Year 11 and under 25',
    topic: 'when-to-ask-for-assessment',
    wrong: [/aged 16 to 25/, /If you are 16 to 25/, /From 16 you can ask/],
    right: [/finished Year 11, until they turn 25/, /finished Year 11, and until you turn 25/],
    source: /s83\(2\)/,
  },
  {
    name: 'careers advice from Year 7',
    topic: 'moving-between-phases',
    wrong: [/Year 8/],
    right: [/careers advice from Year 7/],
    source: /Education Act 1997, s42A/,
  },
  {
    name: 'the 12-week timetable for amending a plan after a review',
    topic: 'annual-review',
    wrong: [/It must send you the changes it plans to make, and you can comment on them$/m],
    right: [/proposed changes within 4 weeks of the meeting/, /at least 15 days to comment/, /within 8 weeks of the proposed changes/, /12 weeks at most/],
    source: /reg 22/,
  },
  {
    name: 'governors meet on 6 to 15 day suspensions and reinstatement within 15 school days; the panel powers',
    topic: 'school-exclusion',
    wrong: [/But it can tell the governors to think again/],
    right: [/6 to 15 school days in a term, they must meet if you ask/, /missing a public exam/, /within 15 school days/, /quash their decision/, /£4,000/],
    source: /Suspension and permanent exclusion guidance/,
  },
  {
    name: 'a refused re-assessment can be appealed',
    topic: 'tribunal-what-can-be-appealed',
    wrong: [],
    right: [/says no to a re-assessment/],
    source: /s51\(2\)/,
  },
  {
    name: 'the council secures section F; the named college admits and uses best endeavours',
    topic: 'sen-support-in-college',
    wrong: [/the college must give the help in the plan/],
    right: [/the council must make sure the help in section F is given/, /must admit the student and use its best endeavours/],
    source: /s42.*s43.*s66/,
  },
  {
    name: 'advice must come within 6 weeks, and only three exceptions to the time limits',
    topic: 'ehc-timeline',
    wrong: [/should reply within 6 weeks/, /closed for a long holiday/, /closed for the summer/],
    right: [
      /must reply within 6 weeks/,
      /closed for 4 weeks or more/,
      /exceptional personal circumstances/,
      /away from the area for 4 weeks or more/,
      /never a reason/,
      /date the council got your request/,
    ],
    source: /regs 5\(1\), 8\(1\), 5\(4\), 10\(4\) and 13\(3\)/,
  },
  {
    name: 'advisers must reply within 6 weeks',
    topic: 'ehc-assessment-process',
    wrong: [/should send their advice within 6 weeks/],
    right: [/must send their advice within 6 weeks/],
    source: /reg 8\(1\)/,
  },
  {
    name: 'a private nursery brings a child to the council attention rather than making a request',
    topic: 'ehc-who-can-ask',
    wrong: [/- a nursery, school or college/, /A nursery, school or college can ask too/],
    right: [/someone acting for a school or post-16 college/, /private nursery or childminder cannot make a formal request/],
    source: /s36\(1\).*s24/,
  },
  {
    name: "children's services carry on after 18 only after a transition assessment",
    topic: 'adult-social-care-transition',
    wrong: [/must carry on until it is\./],
    right: [/If one was done and adult help is not ready at 18/, /until adult help starts or the council says there is no need/],
    source: /Care Act 2014, s66/,
  },
  {
    name: 'no uncited DSA timescale or duty to send the plan to the university',
    topic: 'higher-education-dsa',
    wrong: [/aims to say within 6 weeks/, /must send a copy of (the|your) plan/],
    right: [/Apply for DSA as early as possible, before the course starts/],
    source: /Disabled Students' Allowance: how to claim/,
  },
  {
    name: 'the outcomes test applies at 19 and over',
    topic: 'ehc-plan-to-25',
    wrong: [/For those over 18, it must look at whether the goals/],
    right: [/For those aged 19 and over, it must look at whether the goals/],
    source: /s45 and s46/,
  },
  {
    name: 'mainstream schools and maintained nursery schools must have a SENCO',
    topic: 'first-steps-school',
    wrong: [/Every state school must have one/],
    right: [/Every mainstream school and maintained nursery school must have one/],
    source: /s67/,
  },
  {
    name: 'a disability has lasted or is likely to last at least 12 months',
    topic: 'disability-discrimination',
    wrong: [/for a year or more/],
    right: [/has lasted, or is likely to last, at least 12 months/],
    source: /Schedule 1, para 2/,
  },
  {
    name: 'the council decides on a re-assessment within 15 days, and a refusal can be appealed',
    topic: 'ehc-reassessment',
    wrong: [/within 6 weeks of getting the request whether it will re-assess/],
    right: [/within 15 days of getting the request whether it will re-assess/, /less than 6 months ago/, /appeal to the SEND Tribunal/],
    source: /reg 25 \(decision within 15 days/,
  },
  {
    name: 'amending a plan after review: 4 weeks, at least 15 days to comment and ask for a school, final plan within 8 weeks',
    topic: 'ehc-plan-amendment-after-review',
    wrong: [/it must send you the changes\./],
    right: [
      /within 4 weeks of the review meeting/,
      /at least 15 days to reply/,
      /ask for a particular school or college/,
      /within 8 weeks of the proposed changes/,
      /12 weeks at most/,
    ],
    source: /SEND Regulations 2014, reg 22/,
  },
  {
    name: 'a move from school to post-16 needs the plan amended by 31 March; a move between post-16 places at least 5 months before',
    topic: 'moving-between-colleges',
    wrong: [/post-16 place: the plan must be reviewed, and changed if needed, by 15 February/],
    right: [/before 31 March in the year of the move/, /before 15 February in the year of the move/, /at least 5 months before the move/],
    source: /reg 18\(1\)/,
  },
  {
    name: 'the new council keeps the plan, tells the family within 6 weeks, and reviews within the later of 12 months and 3 months',
    topic: 'moving-council-with-plan',
    wrong: [/plan ends when you move/i],
    right: [
      /Within 6 weeks of getting the plan/,
      /whether it will carry out a new assessment/,
      /within 12 months of when the plan was made or last reviewed, or within 3 months of getting the plan, whichever is later/,
    ],
    source: /reg 15/,
  },
  {
    name: 'EOTAS only where a school or college would be inappropriate, and different from section 19 education',
    topic: 'education-otherwise-than-at-school',
    wrong: [],
    right: [
      /only if it would not be right for the help to be given in a school or college/,
      /Tribunal can decide/,
      /not the same as section 19 education/,
      /illness, exclusion or another reason/,
    ],
    source: /s61/,
  },
  {
    name: 'the council must secure the provision in the plan; complaint, Ombudsman, judicial review within 3 months, Secretary of State',
    topic: 'plan-not-delivered',
    wrong: [/within 6 months from when the problem arose/],
    right: [/This duty is absolute/, /Local Government and Social Care Ombudsman/, /no later than 3 months/, /Secretary of State for Education/],
    source: /s42\(2\)/,
  },
  {
    name: 'section H1 is for children under 18; the 20 weeks is a duty with exceptions; the duty to admit is not for every school',
    topic: 'ehc-plan',
    wrong: [/takes at most 20 weeks/, /A school named in section I must admit/],
    right: [
      /must give a child under 18 under section 2 of the Chronically Sick and Disabled Persons Act 1970/,
      /final plan must be sent within 20 weeks of the request, with a few exceptions/,
      /A state school or college, or a section 41 school, named in section I must admit/,
    ],
    source: /reg 13\(2\)-\(3\)/,
  },
  {
    name: 'an NHS body must tell the parent, then the council, about a young child who may have SEN',
    topic: 'ehc-who-can-ask',
    wrong: [/It helps to talk to the family first/],
    right: [/For a child under school age, an NHS body must do this, after telling the parent first/],
    source: /s23/,
  },
  {
    name: 'contacting a mediation adviser is needed for most appeals, not all',
    topic: 'mediation-certificate',
    wrong: [/But you must get mediation advice first/],
    right: [/for most appeals you must contact a mediation adviser first/],
    source: /s55/,
  },
  {
    name: 'recommendations on health and care come with an appeal about the plan or a refusal to make one',
    topic: 'tribunal-what-can-be-appealed',
    wrong: [/only when you also appeal about the education parts/],
    right: [/only as part of an appeal about the plan, or a refusal to make one/, /must say why in writing/],
    source: /Recommendations Power/,
  },
  {
    name: 'reasonable adjustments are a separate duty, not part of justifying an exclusion; the sixth day comes from the 2007 regulations',
    topic: 'school-exclusion',
    wrong: [/fair and balanced response, and that it made reasonable adjustments/],
    right: [/Not making reasonable adjustments is also discrimination/],
    source: /s19 .*Excluded Pupils\) \(England\) Regulations 2007/,
  },
  {
    name: 'governors must make arrangements; a policy is what the guidance says they should have',
    topic: 'medical-conditions',
    wrong: [/The governors must make sure the policy is in place/],
    right: [/The governors must make arrangements to support these pupils/, /statutory guidance says they should make sure a policy is in place/],
    source: /s100/,
  },
  {
    name: 'preparing for adulthood starts by Year 9 at the latest',
    topic: 'annual-review',
    wrong: [/It starts at the review in Year 9, when/],
    right: [/starts at the review in Year 9 at the latest/],
    source: /chapter 8/,
  },
  {
    name: 'after Year 11 the choice of college passes from the parents to the young person',
    topic: 'phase-transfer',
    wrong: [/not the school's, unless/],
    right: [/It is their own decision, not their parents', unless they lack the mental capacity/],
    source: /s38-39/,
  },
  {
    name: 'special schools take a child without a plan only with agreement, or in a hospital special school',
    topic: 'specialist-provision',
    wrong: [/after a sudden change/, /or while they are in hospital/],
    right: [/if everyone agrees, or at a special school in a hospital/],
    source: /s34/,
  },
  {
    name: 'no transport duty below compulsory school age, which is not the same as under 5',
    topic: 'home-to-school-transport',
    wrong: [/For a child under 5 at a nursery/],
    right: [/For a child under school age, such as at a nursery or special nursery, the council has no duty/],
    source: /s508B/,
  },
  {
    name: 'free hours for 2 year olds on DLA are in term time',
    topic: 'free-early-education',
    wrong: [],
    right: [/15 hours of free childcare a week in term time/],
    source: /reg 5 \(eligible 2 year olds, including DLA/,
  },
  {
    name: 'Tax-Free Childcare usually needs work, with exceptions',
    topic: 'childcare',
    wrong: [/You must be working\./],
    right: [/You must usually be working/],
    source: /Childcare Payments/,
  },
];

describe('corrections from the legal review', () => {
  test.each(rows)('$topic: $name', (row) => {
    const t = topic(row.topic);
    const text = allText(t);
    for (const wrong of row.wrong) expect(text).not.toMatch(wrong);
    for (const right of row.right) expect(text).toMatch(right);
    expect(cites(t, row.source)).toBe(true);
    expect(t.lastChecked >= REVIEWED).toBe(true);
  });

  test('the rights topics are checked on the review date and due again within a year', () => {
    const ids = [
      'ehc-reassessment',
      'ehc-plan-amendment-after-review',
      'moving-between-colleges',
      'moving-council-with-plan',
      'education-otherwise-than-at-school',
      'plan-not-delivered',
    ];
    for (const id of ids) {
      const t = topic(id);
      expect(t.lastChecked).toBe(REVIEWED);
      expect(t.reviewDue > t.lastChecked && t.reviewDue <= '2027-12-03').toBe(true);
    }
  });

  test('the Secretary of State complaint and the judicial review time limit cite their sources', () => {
    const t = topic('plan-not-delivered');
    expect(cites(t, /Education Act 1996, ss496 and 497/)).toBe(true);
    expect(cites(t, /r54\.5/)).toBe(true);
    expect(cites(topic('ehc-reassessment'), /s51\(2\)\(b\)/)).toBe(true);
    expect(cites(topic('education-otherwise-than-at-school'), /Education Act 1996, s19/)).toBe(true);
  });

  test('the note shown with every worked-out EHC date gives the three exceptions and never a council closure', () => {
    const note = message('deadlines.ehc-note');
    expect(note).not.toMatch(/offices are closed for the summer/);
    expect(note).toMatch(/closed for 4 weeks or more/);
    expect(note).toMatch(/Exceptional personal circumstances/);
    expect(note).toMatch(/away from the area for 4 weeks or more/);
    expect(note).toMatch(/council being closed or busy is never an exception/);
  });

  test('the EHC summary says "must" and counts from the day the council got the request', () => {
    const summary = message('deadlines.ehc-summary');
    expect(summary).not.toMatch(/should tell you/);
    expect(summary).toMatch(/council got your request on \{requestDate\}, so it must tell you/);
  });

  test('the EHC request step asks for the date the council received the request', () => {
    const ask = prompt('ehc-request.ask-request-date');
    expect(ask).not.toMatch(/What date did you send your request/);
    expect(ask).toMatch(/What date did the council get your request/);
    expect(ask).toMatch(/posted it first class, it usually arrives 2 working days later/);
  });

  test('the appeal summary gives the legal last day and says to send well before it', () => {
    const summary = message('deadlines.appeal-summary');
    expect(summary).toMatch(/last day the law allows for your appeal is \{deadline\}/);
    expect(summary).toMatch(/well before then/);
  });

  test('the young person choice at the start does not say 16 to 25', () => {
    const label = store.prompts.get('intake.who')?.choices['young-person']?.label ?? '';
    expect(label).not.toMatch(/16 to 25/);
    expect(label).toMatch(/finished Year 11/);
  });

  test('the glossary says a disability has lasted or is likely to last at least 12 months', () => {
    const meaning = store.glossary.get('disability')?.meaning ?? '';
    expect(meaning).not.toMatch(/a year or more/);
    expect(meaning).toMatch(/likely to last at least 12 months/);
  });
});
