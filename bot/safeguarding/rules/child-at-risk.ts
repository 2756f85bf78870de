/** The safeguarding rules for one kind of risk: a child at risk of harm. The decisions behind them are in ../rules.ts. */
import { carerOr, harmedCategory, mentionsChild, picturesWithDemand, PARTNER_START, FIRST_PERSON_BEFORE, type RuleSpec } from './vocabulary.js';

export const CHILD_AT_RISK: RuleSpec[] = [
  {
    name: 'adult-hurts-child-or-me',
    kinds: ['child-at-risk'],
    category: 'child-abuse',
    phrase: '@parentFigure ~3 @violent (me|us) !(at (chess|cards|games|a game|football|fifa|tennis|pool|darts|monopoly|racing|running|a race))',
    notBefore: '@childAgent ~1',
  },
  {
    name: 'someone-hurts-child',
    kinds: ['child-at-risk'],
    category: carerOr('child-abuse'),
    phrase: '@violent @victimChild !(at (chess|cards|games|a game|football|fifa|tennis|pool|darts|monopoly|racing|running|a race))',
    notBefore: '(@childAgent|@inanimate) @aux? @aux? @aux?',
  },
  {
    name: 'adult-hurts-him-or-her',
    kinds: (ctx) => (mentionsChild(ctx) ? ['child-at-risk'] : ['risk-to-life']),
    // A partner hurting her is abuse at home, whoever else is named.
    category: (ctx, _before, match) => (PARTNER_START.test(match) || !mentionsChild(ctx) ? 'domestic-abuse' : 'child-abuse'),
    phrase:
      '(@parentFigure|@partner|he|she) ~3 @violent (him|her|them) !(at (chess|cards|games|a game|football|fifa|tennis|pool|darts|monopoly|racing|running|a race))',
    notBefore: '@inanimate @aux? @aux? @aux?',
    notAfter: '(@sportsOrAccident|feelings|chances)',
  },
  {
    name: 'being-harmed',
    kinds: (_ctx, before) => (FIRST_PERSON_BEFORE.test(before) ? ['child-at-risk', 'risk-to-life'] : ['child-at-risk']),
    category: harmedCategory,
    phrase:
      '(being|been) ~2 (abused|groomed|molested|raped|assaulted|sexually abused|sexually assaulted|hurt|hit|beaten|battered|' +
      'attacked|exploited|trafficked|touched|strangled|kicked|punched|slapped|whipped|starved|locked in|locked up|tied up)|' +
      '(got|gets|getting|get|was|is|are|were) ~1 (abused|groomed|molested|raped|sexually abused|sexually assaulted|assaulted|' +
      'beaten|beaten up|battered|strangled|exploited|trafficked)',
    notBefore: '@inanimate @aux? @aux? @aux?',
    notAfter: '(out|@sportsOrAccident|by (a|the) (ball|door|car|bus|swing))',
  },
  {
    name: 'neglected',
    kinds: ['child-at-risk'],
    category: 'child-abuse',
    phrase: '(being|been|is|are|was|were|gets|get|feel|feels) (neglected|starved)|neglecting (him|her|them|the kids|the children|the baby|@victimChild)',
    // Complaints that a school or council neglects a child's needs are not a child-protection emergency.
    notBefore: '@inanimate @aux? @aux? @aux?',
    notAfter: '(by|at) (the|my|his|her)? @inst',
  },
  {
    name: 'touched',
    kinds: ['child-at-risk'],
    category: 'child-abuse',
    phrase: '(touched|touches|touching|fiddled|fiddles|fiddling|groping|groped|gropes) (me|her|him|them|@victimChild)',
    notBefore: '@inanimate @aux? @aux? @aux?',
    notAfter: '((on|in) (the|my|his|her))? (arm|arms|hand|hands|shoulder|shoulders|hair|head|back|heart|knee)',
  },
  {
    name: 'private-parts',
    kinds: ['child-at-risk'],
    category: 'child-abuse',
    phrase:
      '(touches|touched|touching|hurts|hurt|hurting|grabs|grabbed|grabbing|fiddles|fiddled|shows|showed|showing) ~3 ' +
      '(private|privates|private parts|bum|willy|fanny|vagina|penis|boobs|breasts|down there)',
  },
  {
    name: 'sexual-images',
    kinds: ['child-at-risk'],
    category: (ctx) => (picturesWithDemand(ctx) ? 'sextortion' : 'grooming'),
    phrase:
      '(send|sends|sending|sent|asked|asks|asking|ask|wants|wanted|made|making|forced|forcing|share|sharing|shared) ~4 ' +
      '((nudes|nude|naked|sexual|explicit|sexy|intimate|dirty) (pictures|picture|photos|photo|pics|pic|images|image|messages|message|videos|video|texts|selfies)?|' +
      'rude (pictures|picture|photos|photo|pics|pic|images|videos|selfies))',
  },
  {
    name: 'pictures-of-themselves',
    kinds: ['child-at-risk'],
    category: 'sextortion',
    phrase:
      '(making|made|forcing|forced|asking|asked|pressuring|pressured|getting|blackmailing) (me|him|her|them|@victimChild) (to)? (send|take|share) (pictures|photos|pics|videos|images|selfies) of (@refl|me|him|her)',
  },
  {
    name: 'adult-asks-for-pictures',
    kinds: ['child-at-risk'],
    // A pretext beside it ("for a drama project") is how grooming is told: no calming context softens it.
    firm: true,
    category: (ctx) => (picturesWithDemand(ctx) ? 'sextortion' : 'grooming'),
    // An adult outside the home asking a child for pictures of themselves is grooming, whatever the
    // pretext ("my teacher keeps messaging me asking for pics of me", "a man on my game wants selfies of me").
    phrase:
      '(teacher|teachers|tutor|coach|instructor|ta|teaching assistant|youth worker|leader|driver|escort|man|men|guy|bloke|stranger|adult|' +
      'older (boy|guy|man|lad|lads)|someone online|somebody online|person online) ~5 ' +
      '(asking|asks|asked|ask|wants|wanted|begging|begs|begged|pressuring|pressures|pressured|pushing|messaging|messages|messaged) ~3 ' +
      '(pictures|picture|photos|photo|pics|pic|selfies|selfie|videos|video|snaps) of (me|@refl)',
    // Photos for a pass, a profile or coursework: "my art teacher asked me to take photos of myself for my portrait coursework".
    notAfter:
      'for (the|a|my|his|her|our|their)? ~2 (profile|coursework|portfolio|pass|card|id|passport|badge|lanyard|yearbook|newsletter|website|display|file|record|records|form|application|plan|ehcp|review)',
  },
  {
    name: 'shaking-baby',
    kinds: ['child-at-risk'],
    category: carerOr('child-abuse'),
    phrase: '(shakes|shook|shaking|shaken) (the|my|our|his|her)? (baby|babies|him|her|them|@victimChild)',
    notAfter: '(awake|hand|hands|up|off)',
    when: (ctx) => mentionsChild(ctx),
  },
  {
    name: 'locked-in-or-unfed',
    kinds: ['child-at-risk'],
    category: 'child-abuse',
    phrase:
      '(locks|locked|locking) (me|him|her|them|us|@victimChild) (in|up|out) |' +
      '(does not|do not|never|will not|wont|refuses to|refused to) (feed|feeds) (me|us|him|her|them)',
    notBefore: '@inanimate @aux? @aux? @aux?',
  },
  {
    name: 'injuries-from-adult',
    kinds: ['child-at-risk'],
    category: 'child-abuse',
    phrase: '(bruises|bruise|bruising|marks|burns|cuts|injuries|black eye|welts) ~3 from (his|her|my|their|our)? (@parentFigure|@partner)',
  },
  {
    name: 'child-missing',
    kinds: ['child-at-risk'],
    category: 'missing',
    phrase:
      '(is|been|gone|went|go) missing (since|for|overnight|all night)|' +
      '(has not|did not|never|not) (come|came) home (last night|since|all night|overnight)|(ran|run|running) away from home',
    notAfter: '~3 (school|lessons|lesson|classes|college|education|sessions|appointments|work)',
  },
  {
    name: 'grooming',
    kinds: ['child-at-risk'],
    category: 'grooming',
    phrase: '(grooming|groomed|grooms) (me|him|her|them|@victimChild)',
  },
  {
    name: 'not-safe-at-home',
    kinds: ['child-at-risk'],
    category: 'child-abuse',
    phrase:
      '(not|never|unsafe|not feel|not feeling|never feel|never feels|not feels) (safe)? ' +
      '(at home|in (my|his|her|our|their) (home|house)|at (his|her|my|their|our) (dads|mums|dad|mum|house|home|nans)|' +
      'around (him|her|them|his dad|her dad|my dad|my mum|his mum|her mum|my step dad|@partner)|' +
      'with (him|her|them|his|her|my|their) (dad|mum|step dad|step mum|father|mother|@partner|uncle))',
  },
  {
    name: 'scared-to-go-home',
    kinds: ['child-at-risk'],
    category: 'child-abuse',
    phrase: '(scared|afraid|frightened|terrified|too scared|petrified) (to go|of going|to return|of returning|to get) (back)? home',
  },
  {
    name: 'left-alone',
    kinds: ['child-at-risk'],
    category: 'child-abuse',
    phrase:
      '(left|leaves|leave|leaving) (alone|on (his|her|their|my|our) own|home alone|by (himself|herself|themselves|myself)) ~2 ' +
      '(all day|all night|overnight|for days|for hours|every night|all weekend|for the weekend|for a week|for weeks|every day|most nights)',
    notBefore: '(can !not|could|should|is it|legal|allowed|age|old enough) ~5',
  },
  {
    name: 'no-food',
    kinds: ['child-at-risk'],
    category: 'child-abuse',
    phrase:
      '(no|never any|never|not any|not enough|nothing|hardly any) (food|to eat) (in the house|at home|in the flat|in the fridge)|' +
      '(nobody|no one|never) (feeds|feed|fed|gives us food|makes us food) (me|us|him|her|them)',
  },
  {
    name: 'thrown-out',
    kinds: ['child-at-risk'],
    category: 'child-abuse',
    phrase:
      '@parentFigure ~3 (kicked|thrown|threw|chucked|kick|kicks|throws) (me|him|her|us) out|(nowhere|no place) to (sleep|stay|live|go) (tonight|today|now)',
  },
];
