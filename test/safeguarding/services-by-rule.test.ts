/**
 * A rule names the category of crisis it found (rules/vocabulary.ts, RuleSpec.category), and when the
 * statistical layer is unsure of a category, the reply names that category's services too. Each message
 * here is caught by a rule; the reply's text, from the rules alone and from both layers, must name the
 * services the category calls for.
 */
import { Composer } from '../../bot/compose.js';
import { assessRisk, type Layers } from '../../bot/safeguarding/assess.js';
import { buildCrisisReply } from '../../bot/safeguarding/crisis-reply.js';
import { checkSafeguarding } from '../../bot/safeguarding/detector.js';
import { CATEGORIES } from '../../bot/safeguarding/categories.js';
import { SPECS } from '../../bot/safeguarding/rules.js';
import { loadContent } from '../../content/store.js';

const composer = new Composer(loadContent());

const CHILDRENS_SERVICES = /children'?s (services|social care)/i;
const NSPCC = /nspcc/i;
const SAMARITANS = /samaritans/i;
const CHILDLINE = /childline/i;
const POLICE = /police/i;
const REPORT_REMOVE = /report remove/i;
const MISSING_PEOPLE = /116 000/;
const DOMESTIC_ABUSE = /domestic abuse helpline/i;
const NHS_111 = /nhs 111/i;

const CASES: Array<[string, RegExp[]]> = [
  // A carer at breaking point: help for the child, and someone to talk to for the carer.
  ['i cant go on. the kids are at school and i am sat in the car', [CHILDRENS_SERVICES, NSPCC, SAMARITANS]],
  ['I shook the baby tonight because she would not stop crying and I am so scared of myself', [CHILDRENS_SERVICES, NSPCC, SAMARITANS]],
  ["Mum of a 9 year old with PDA. I'm frightened I am going to hurt my son, I cannot cope with the violence any more", [CHILDRENS_SERVICES, NSPCC, SAMARITANS]],
  // A child missing.
  ['our lad is 14 with adhd and he has been missing since yesterday morning', [MISSING_PEOPLE]],
  ['Pupil (Y8, EHCP) has not come home since Friday, mum rang the office this morning', [MISSING_PEOPLE]],
  // Threats with money or pictures: extortion and sextortion.
  ['some lads said if i dont give them £50 by friday theyre going to stab me', [POLICE, CHILDLINE, REPORT_REMOVE]],
  ['a man online has my pics and is threatening to kill me unless i send more', [POLICE, CHILDLINE, REPORT_REMOVE]],
  ['someone is blackmailing my son with naked photos and now he says he wants to die', [POLICE, REPORT_REMOVE, SAMARITANS]],
  ['he owe money to the men for drugs and they say they will hurt him, he is 16 and not come home', [POLICE, CHILDLINE]],
  // Abuse at home, and a child hurt.
  ['her husband has been hitting her all night and the kids are upstairs', [DOMESTIC_ABUSE]],
  ['My stepdad hits me when mum is at work and I have bruises from him', [CHILDRENS_SERVICES, NSPCC]],
  ['my dad is going to kill me when he gets home, he said so', [CHILDRENS_SERVICES, NSPCC]],
  ['my son is running county lines and they said they will stab him', [POLICE, CHILDLINE]],
  // Someone who may hurt others.
  ['my son (15, ASD) is going to kill his brother, he keeps saying it and he means it', [NHS_111]],
  // A writer's own danger.
  ["i've got the knife ready. not telling anyone else", [SAMARITANS]],
  ['Student (Y11) disclosed she is being groomed by an older man she met on Snapchat', [POLICE, CHILDLINE, REPORT_REMOVE]],
];

const replyText = (text: string, layers: Layers): string => {
  const risk = assessRisk(text, layers);
  expect(risk.level).toBe('crisis');
  return buildCrisisReply((id) => composer.message(id, 'parent'), risk.kinds, risk.categories).paragraphs.join('\n');
};

describe('a rule names its category', () => {
  test('every rule names a known category, or reads one from the message', () => {
    for (const spec of SPECS) {
      if (typeof spec.category === 'string') expect(CATEGORIES).toContain(spec.category);
      else expect(typeof spec.category).toBe('function');
    }
  });
});

/** Everyday words beside a crisis add no services of another category. */
const NOT_NAMED: Array<[string, RegExp]> = [
  ["I want to die, the county council refused my son's EHCP", REPORT_REMOVE],
  ['my husband threatened to kill me and took photos of the bruises', REPORT_REMOVE],
];

describe('everyday words add no services of another category', () => {
  test.each(NOT_NAMED)('%s', (text, service) => {
    expect(checkSafeguarding(text)).not.toBeNull();
    expect(service.test(replyText(text, 'rules'))).toBe(false);
  });
});

describe('the services of the rules that fired are named in the reply', () => {
  test.each(CASES)('%s', (text, services) => {
    expect(checkSafeguarding(text)).not.toBeNull();
    for (const layers of ['rules', 'both'] as const) {
      const reply = replyText(text, layers);
      for (const service of services)
        expect({ layers, service: service.source, named: service.test(reply) }).toEqual({ layers, service: service.source, named: true });
    }
  });
});
