/**
 * The safeguarding check: every disclosure in the corpus is caught with the right kind, no near-miss
 * triggers, the normaliser reads text-speak, long and hostile input stays safe, and the crisis reply's
 * messages exist and follow the content rules.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { Message } from '../../content/schema.js';
import { checkSafeguarding, describeRules, matchingRules, SCAN_CHUNK_CHARS, RISK_KINDS, type RiskKind } from '../../bot/safeguarding/detector.js';
import { normalise, normaliseTokens, skeleton } from '../../bot/safeguarding/normalise.js';
import { compilePhrase, firstWords, phraseRegExp } from '../../bot/safeguarding/phrase.js';
import { CLASSES, SPECS } from '../../bot/safeguarding/rules.js';
import { CATEGORIES } from '../../bot/safeguarding/categories.js';
import { CRISIS_CARRY_ON, CRISIS_INTRO, CRISIS_MESSAGE_FOR, crisisMessageIds } from '../../bot/safeguarding/crisis-reply.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const readYaml = (rel: string): unknown => parse(readFileSync(join(ROOT, rel), 'utf8'));

interface Disclosure {
  text: string;
  kinds: RiskKind[];
}
const disclosures = readYaml('test/fixtures/safeguarding/disclosures.yaml') as Disclosure[];
const nearMisses = readYaml('test/fixtures/safeguarding/near-misses.yaml') as string[];

describe('the corpus', () => {
  test('is big enough and covers every kind of risk', () => {
    expect(disclosures.length).toBeGreaterThanOrEqual(80);
    expect(nearMisses.length).toBeGreaterThanOrEqual(30);
    for (const kind of RISK_KINDS) {
      expect(disclosures.filter((d) => d.kinds.includes(kind)).length).toBeGreaterThanOrEqual(15);
    }
  });

  test('is well formed, with no duplicates and no text in both lists', () => {
    for (const d of disclosures) {
      expect(typeof d.text).toBe('string');
      expect(d.kinds.length).toBeGreaterThan(0);
      for (const k of d.kinds) expect(RISK_KINDS).toContain(k);
    }
    const texts = disclosures.map((d) => d.text.toLowerCase());
    expect(new Set(texts).size).toBe(texts.length);
    expect(new Set(nearMisses.map((t) => t.toLowerCase())).size).toBe(nearMisses.length);
    for (const t of nearMisses) expect(texts).not.toContain(t.toLowerCase());
  });
});

describe('disclosures are caught', () => {
  test.each(disclosures.map((d) => [d.text, d.kinds] as const))('%s', (text, kinds) => {
    const match = checkSafeguarding(text);
    expect(match).not.toBeNull();
    for (const kind of kinds) expect(match?.kinds).toContain(kind);
  });
});

describe('near-misses are left alone', () => {
  test.each(nearMisses)('%s', (text) => {
    // The rule names make a failure easy to trace; they hold no message text.
    expect({ text, rules: matchingRules(text) }).toEqual({ text, rules: [] });
    expect(checkSafeguarding(text)).toBeNull();
  });
});

describe('what a match holds', () => {
  test('only the kinds, in a fixed order, and the categories, never the message text', () => {
    const match = checkSafeguarding('my dad is hitting my mum and im hiding upstairs, his name is Zebedee Quill');
    expect(match).not.toBeNull();
    expect(Object.keys(match ?? {})).toEqual(['kinds', 'categories']);
    for (const c of match?.categories ?? []) expect(CATEGORIES).toContain(c);
    expect(JSON.stringify(match)).not.toMatch(/Zebedee|Quill|hiding|hitting/i);
    expect(match?.kinds).toEqual(RISK_KINDS.filter((k) => match?.kinds.includes(k)));
  });

  test('one message can carry more than one kind', () => {
    expect(checkSafeguarding('I want to end it all')?.kinds).toEqual(['risk-to-life', 'self-harm']);
    expect(checkSafeguarding('i took an overdose an hour ago')?.kinds).toEqual(['medical-emergency', 'self-harm']);
    expect(checkSafeguarding('he is not breathing and my dad hits me')?.kinds).toEqual(['medical-emergency', 'child-at-risk']);
  });

  test('empty, blank and emoji-only messages find nothing', () => {
    for (const text of ['', '   ', '\n\t', '\u{1F62D}\u{1F62D}', '...', '999']) expect(checkSafeguarding(text)).toBeNull();
  });

  test('a disclosure is found wherever it sits in a message', () => {
    expect(checkSafeguarding('Hi, I wanted to ask about transport. i want to die. Thanks')?.kinds).toContain('self-harm');
    expect(checkSafeguarding('He is not breathing!!! HELP')?.kinds).toContain('medical-emergency');
  });
});

describe('decisions about phrasing', () => {
  test('information-seeking about self-harm with nobody named does not trigger; a person named does', () => {
    expect(checkSafeguarding('self harm support services for teenagers')).toBeNull();
    expect(checkSafeguarding('what is the policy on self-harm training for staff')).toBeNull();
    expect(checkSafeguarding('my daughter self harms what help is there')?.kinds).toContain('self-harm');
    expect(checkSafeguarding('where can my son get help with self harm')?.kinds).toContain('self-harm');
    // On its own, the words are about the person typing them.
    expect(checkSafeguarding('self harm')?.kinds).toContain('self-harm');
    expect(checkSafeguarding('suicidal')?.kinds).toContain('self-harm');
  });

  test('a condition named is not an emergency; acute phrasing is', () => {
    expect(checkSafeguarding('he has epilepsy')).toBeNull();
    expect(checkSafeguarding('my son has seizures, can he have a care plan at school')).toBeNull();
    expect(checkSafeguarding('he is having a seizure')?.kinds).toContain('medical-emergency');
    expect(checkSafeguarding('his fit wont stop')?.kinds).toContain('medical-emergency');
    expect(checkSafeguarding('she has a severe allergy and carries an epipen')).toBeNull();
    expect(checkSafeguarding('she is having an allergic reaction')?.kinds).toContain('medical-emergency');
  });

  test('plans and hypotheticals are not emergencies', () => {
    expect(checkSafeguarding('what should the school do if he stops breathing')).toBeNull();
    expect(checkSafeguarding('when to call an ambulance for a seizure')).toBeNull();
    expect(checkSafeguarding('should i call an ambulance')?.kinds).toContain('medical-emergency');
  });

  test('"can\'t go on" is despair from "I", not a complaint from "we" or a trip', () => {
    expect(checkSafeguarding('i cant go on')?.kinds).toContain('self-harm');
    expect(checkSafeguarding('we cant go on like this')).toBeNull();
    expect(checkSafeguarding('she cant go on the residential trip')).toBeNull();
  });

  test('"sh" and "od" count only in a clear context', () => {
    expect(checkSafeguarding('i did sh again last night')?.kinds).toContain('self-harm');
    expect(checkSafeguarding('sh the baby is asleep')).toBeNull();
    expect(checkSafeguarding('gonna od')?.kinds).toContain('self-harm');
    expect(checkSafeguarding('that is odd, the school said the same')).toBeNull();
  });

  test('an institution or idiom is only ruled out when it is the subject of the verb', () => {
    expect(checkSafeguarding('the paperwork is really killing me')).toBeNull();
    expect(checkSafeguarding('the school is hurting my son by not following his plan')).toBeNull();
    expect(checkSafeguarding('i rang the school someone is hurting my daughter')?.kinds).toContain('child-at-risk');
    expect(checkSafeguarding('my daughter says someone is hurting my son')?.kinds).toContain('child-at-risk');
    expect(checkSafeguarding('we were at the school and he collapsed')?.kinds).toContain('medical-emergency');
    expect(checkSafeguarding('the council has been completely unresponsive')).toBeNull();
    expect(checkSafeguarding('he could not breathe and now he is floppy')?.kinds).toContain('medical-emergency');
  });

  test('a child hitting a parent during a meltdown is a support question; an adult hitting a child is not', () => {
    expect(checkSafeguarding('my son hits me during meltdowns')).toBeNull();
    expect(checkSafeguarding('he has a meltdown and he hits me')).toBeNull();
    expect(checkSafeguarding('my dad hits me')?.kinds).toContain('child-at-risk');
    expect(checkSafeguarding('my partner hits my son')?.kinds).toContain('child-at-risk');
  });
});

describe('the normaliser', () => {
  test('lower-cases, strips accents and straightens apostrophes', () => {
    expect(normalise('I\u2019M SCARED')).toBe('i am scared');
    expect(normalise('caf\u00e9 na\u00efve')).toBe('cafe naive');
  });

  test('expands text-speak and contractions', () => {
    expect(normalise('im gonna kms')).toBe('i am going to kill myself');
    expect(normalise('u dont care')).toBe('you do not care');
    expect(normalise('no1 cares if i die')).toBe('nobody cares if i die');
    expect(normalise('hes nt breathin')).toBe('he is not breathing');
    expect(normalise('my ds and dd')).toBe('my son and daughter');
    expect(normalise('suicidle')).toBe('suicidal');
  });

  test('reads "2" as "to" between words, but not before a count', () => {
    expect(normalise('want2die')).toBe('want to die');
    expect(normalise('i want 2 die')).toBe('i want to die');
    expect(normalise('i have 2 kids')).toBe('i have 2 kids');
    expect(normalise('my 15yo')).toBe('my 15 year old');
  });

  test('reads look-alike digits inside words', () => {
    expect(normalise('i wanna d1e')).toBe('i want to die');
    expect(normalise('k1ll myself')).toBe('kill myself');
  });

  test('expands words that look like other words only where they must be contractions', () => {
    expect(normalise("he'll kill mum")).toBe('he will kill mum');
    expect(normalise('school is hell')).toBe('school is hell');
    expect(normalise("i'd be better off dead")).toBe('i would be better off dead');
    expect(normalise('he lost his id card')).toBe('he lost his id card');
  });

  test('joins words typed apart, without breaking compounds', () => {
    expect(normalise('kill my self')).toBe('kill myself');
    expect(normalise('my self harm is worse')).toBe('my self harm is worse');
    expect(normalise('selfharming')).toBe('self harming');
    expect(normalise('took an over dose')).toBe('took an overdose');
    expect(normalise('no one cares')).toBe('nobody cares');
  });

  test('stretched words are matched by their skeleton', () => {
    expect(skeleton('diieee')).toBe('die');
    expect(skeleton('kill')).toBe(skeleton('kil'));
    expect(normalise('wannnnaaa')).toBe('want to');
    expect(normalise('pleaseeee')).toBe('pleaseeee');
    // "deed" is a word in its own right and must not be read as "ded" (dead).
    expect(normalise('a good deed')).toBe('a good deed');
  });

  test('marks sentence ends, once each', () => {
    expect(normaliseTokens('help. now!!! please')).toEqual(['help', '.', 'now', '.', 'please']);
  });
});

describe('the phrase language', () => {
  const classes = { who: 'he|she', loop: '@loop' };
  /** Text in the shape the detector matches: skeleton words, each followed by a space. */
  const shaped = (text: string): string => ` ${text.split(' ').map(skeleton).join(' ')} `;

  test('compiles words, alternatives, options, gaps and classes', () => {
    const re = new RegExp(`(?<= )${compilePhrase('@who (is|s)? ~2 (killing|kil) $', classes)}`);
    expect(re.test(shaped('he is really quietly killing'))).toBe(true);
    expect(re.test(shaped('she kil .'))).toBe(true);
    expect(re.test(shaped('he is a b c killing'))).toBe(false);
    expect(re.test(shaped('he killing more'))).toBe(false);
  });

  test('a negative lookahead stops a match', () => {
    const re = new RegExp(`(?<= )${compilePhrase('fitting !(in|well)', classes)}`);
    expect(re.test(shaped('fitting now'))).toBe(true);
    expect(re.test(shaped('fitting in'))).toBe(false);
  });

  test('rejects malformed phrases and classes that refer to themselves', () => {
    expect(() => compilePhrase('(a b', classes)).toThrow(/missing/);
    expect(() => compilePhrase('a ) b', classes)).toThrow(/unexpected/);
    expect(() => compilePhrase('@nope', classes)).toThrow(/unknown class/);
    expect(() => compilePhrase('@loop', classes)).toThrow(/refers to itself/);
  });

  test('names the words a match can begin with, or none when it may begin with any word', () => {
    expect([...firstWords('@who (is|s)? ~2 killing', classes)!].sort()).toEqual(['he', 'she']);
    expect([...firstWords('(really|very)? (killing|kil) me', classes)!].sort()).toEqual(['kil', 'killing', 'really', 'very'].map(skeleton).sort());
    expect([...firstWords('!(in|well) fitting', classes)!]).toEqual(['fiting']);
    expect(firstWords('~2 killing', classes)).toBeNull();
    expect(firstWords('@num years', classes)).toBeNull();
    expect(firstWords('(he)? (she)?', classes)).toBeNull();
  });

  test("every rule's match in the corpus begins with one of the rule's first words", () => {
    // The detector skips a rule when none of its first words is in the message; that must never lose a match.
    let matches = 0;
    for (const spec of SPECS) {
      const first = firstWords(spec.phrase, CLASSES);
      const re = phraseRegExp(spec.phrase, CLASSES);
      for (const text of [...disclosures.map((d) => d.text), ...nearMisses]) {
        for (const m of ` ${normaliseTokens(text).map(skeleton).join(' ')} `.matchAll(re)) {
          matches++;
          if (first) expect({ rule: spec.name, begins: first.has(m[0].split(' ')[0]!) }).toEqual({ rule: spec.name, begins: true });
        }
      }
    }
    expect(matches).toBeGreaterThan(80);
  });

  test('no compiled rule can backtrack without bound', () => {
    const rules = describeRules();
    expect(rules.length).toBeGreaterThan(40);
    for (const { name, sources } of rules) {
      for (const source of sources) {
        // The only loops allowed are inside one word ([^ ]*, [0-9]+), always followed by a space they
        // cannot match, so each word splits one way; every repeated group has an upper bound ({0,N}).
        const rest = source.replace(/\[\^ \]\* |\[0-9\]\+ |\[1-9\]\[0-9\]\+ /g, '');
        expect({ name, unbounded: /[*+]|\{\d+,\}/.test(rest) }).toEqual({ name, unbounded: false });
      }
    }
  });
});

describe('long and hostile input', () => {
  /** Whole sentences of an ordinary complaint, at least n characters long. */
  const filler = (n: number): string => {
    const sentence = 'We have been waiting a long time for the plan and the school is not helping much at all. ';
    return sentence.repeat(Math.ceil(n / sentence.length));
  };

  test('a 20,000-character message with a disclosure at the very end is caught', () => {
    const text = `${filler(20_000)} i want to kill myself`;
    expect(text.length).toBeGreaterThan(20_000);
    expect(checkSafeguarding(text)?.kinds).toContain('self-harm');
  });

  test('a disclosure at the start or in the middle of a long message is caught', () => {
    expect(checkSafeguarding(`he is not breathing ${filler(20_000)}`)?.kinds).toContain('medical-emergency');
    expect(checkSafeguarding(`${filler(10_000)} my dad beats me ${filler(10_000)}`)?.kinds).toContain('child-at-risk');
  });

  test('a very long message is read whole: start, end, middle and across the joins of its pieces', () => {
    const huge = filler(SCAN_CHUNK_CHARS * 5);
    expect(checkSafeguarding(`${huge} someone is hurting my daughter`)?.kinds).toContain('child-at-risk');
    expect(checkSafeguarding(`i want to die ${huge}`)?.kinds).toContain('self-harm');
    expect(checkSafeguarding(`${huge} he is not breathing ${huge}`)?.kinds).toContain('medical-emergency');
    // Every position around the first join, so a phrase cut by a piece boundary is still found.
    for (let at = SCAN_CHUNK_CHARS - 40; at <= SCAN_CHUNK_CHARS + 10; at += 5) {
      const text = `${'x '.repeat(at / 2)}i want to kill myself ${filler(SCAN_CHUNK_CHARS)}`;
      expect(checkSafeguarding(text)?.kinds).toContain('self-harm');
    }
    expect(checkSafeguarding(huge)).toBeNull();
  });

  test('repetitive and adversarial text completes with the right answer', () => {
    expect(checkSafeguarding('a'.repeat(50_000))).toBeNull();
    expect(checkSafeguarding('i '.repeat(25_000))).toBeNull();
    expect(checkSafeguarding('to die for '.repeat(5_000))).toBeNull();
    expect(checkSafeguarding('dying to know '.repeat(5_000))).toBeNull();
    expect(checkSafeguarding('my son my son my son '.repeat(3_000))).toBeNull();
    expect(checkSafeguarding(`${'he is '.repeat(5_000)}hitting me`)?.kinds).toContain('risk-to-life');
    expect(checkSafeguarding('!!!!!.....????'.repeat(5_000))).toBeNull();
    expect(checkSafeguarding(`${'ab'.repeat(30_000)}ill myself`)).toBeNull();
    // A stretched word is still the word: "kkkkkill myself" is "kill myself".
    expect(checkSafeguarding(`${'k'.repeat(30_000)}ill myself`)?.kinds).toContain('self-harm');
  });
});

describe('the crisis reply', () => {
  const file = 'content/data/messages/crisis.yaml';
  const records = (readYaml(file) as unknown[]).map((raw) => Message.parse(raw));
  const byId = new Map(records.map((m) => [m.id, m]));
  const text = (id: string): string => byId.get(id)?.text ?? '';

  test('every message the reply can use exists and passes the schema', () => {
    const subsets = RISK_KINDS.reduce<RiskKind[][]>((all, k) => [...all, ...all.map((s) => [...s, k])], [[]]);
    for (const kinds of subsets) for (const id of crisisMessageIds(kinds)) expect(byId.has(id)).toBe(true);
    expect(new Set(records.map((m) => m.id)).size).toBe(records.length);
  });

  test('999 first, then help in order of urgency, then that the person can carry on', () => {
    expect(crisisMessageIds(['child-at-risk', 'self-harm', 'medical-emergency', 'risk-to-life'])).toEqual([
      CRISIS_INTRO,
      CRISIS_MESSAGE_FOR['risk-to-life'],
      CRISIS_MESSAGE_FOR['medical-emergency'],
      CRISIS_MESSAGE_FOR['self-harm'],
      CRISIS_MESSAGE_FOR['child-at-risk'],
      CRISIS_CARRY_ON,
    ]);
    expect(crisisMessageIds(['self-harm', 'self-harm'])).toEqual([CRISIS_INTRO, 'crisis.self-harm', CRISIS_CARRY_ON]);
    expect(text(CRISIS_INTRO)).toMatch(/^If anyone is in danger now, call 999\./);
  });

  test('gives the right national numbers and the council placeholders', () => {
    expect(text('crisis.self-harm')).toMatch(/Samaritans[^.]*116 123/);
    expect(text('crisis.self-harm')).toMatch(/SHOUT to 85258/);
    expect(text('crisis.self-harm')).toMatch(/Childline[^.]*0800 1111/);
    expect(text('crisis.self-harm')).toMatch(/NHS 111/);
    expect(text('crisis.self-harm')).toMatch(/option 2/);
    expect(text('crisis.child-at-risk')).toContain('{council.childrensSocialCare.phone}');
    expect(text('crisis.child-at-risk')).toContain('{council.childrensSocialCare.outOfHoursPhone}');
    expect(text('crisis.child-at-risk')).toMatch(/NSPCC[^.]*0808 800 5000/);
    expect(text('crisis.child-at-risk')).toMatch(/Childline[^.]*0800 1111/);
    expect(text('crisis.medical')).toMatch(/999/);
    expect(text('crisis.medical')).toMatch(/NHS 111/);
    expect(text('crisis.risk-to-life')).toMatch(/999/);
    expect(text(CRISIS_CARRY_ON)).toMatch(/keep using this service/);
  });

  test('never promises secrecy', () => {
    for (const m of records) expect(m.text).not.toMatch(/confidential|secret|private|anonymous|no one will know|nobody will know/i);
  });

  test('uses GSM-7 characters only, with braces only around council placeholders', () => {
    const GSM7 = /^[A-Za-z0-9 @£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ!"#¤%&'()*+,\-./:;<=>?¡ÄÖÑÜ§¿äöñüà]*$/;
    for (const m of records) {
      const withoutPlaceholders = m.text.replace(/\{council\.[A-Za-z.]+\}/g, '');
      expect({ id: m.id, gsm7: GSM7.test(withoutPlaceholders) }).toEqual({ id: m.id, gsm7: true });
    }
  });

  test('is plain English: Flesch reading ease at least 60, grade at most 8', async () => {
    // text-readability ships no types; a non-literal specifier keeps the import untyped on purpose.
    const specifier: string = 'text-readability';
    const rs = (await import(specifier)).default as { fleschReadingEase(t: string): number; fleschKincaidGrade(t: string): number };
    for (const m of records) {
      const plain = m.text.replace(/\{council\.[A-Za-z.]+\}/g, 'the number');
      expect({ id: m.id, ease: rs.fleschReadingEase(plain) >= 60, grade: rs.fleschKincaidGrade(plain) <= 8 }).toEqual({ id: m.id, ease: true, grade: true });
    }
  });
});
