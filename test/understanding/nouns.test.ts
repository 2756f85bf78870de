/**
 * A follow-up skips the noun tagger when no word of the message could be a noun that names another
 * topic (follow-up.ts). That is only right if every noun the tagger finds is among possibleNouns(): checked
 * here on every message of the tuning sets and on words the tagger splits or expands.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { nounsOf, possibleNouns } from '../../bot/understanding/nouns.js';

type Item = string | { text?: string; turns?: { say: string }[] };
const texts = ['understanding', 'safeguarding'].flatMap((dir) => {
  const folder = new URL(`../fixtures/${dir}/`, import.meta.url);
  return readdirSync(folder)
    .filter((name) => name.endsWith('.yaml'))
    .flatMap((name) => parse(readFileSync(new URL(name, folder), 'utf8')) as Item[])
    .flatMap((item) => (typeof item === 'string' ? [item] : [...(item.text ? [item.text] : []), ...(item.turns ?? []).map((t) => t.say)]));
});
// Contractions, informal spellings, numbers with units, hyphens, slashes, curly apostrophes, abbreviations.
const awkward = [
  "I wanna know, dont you? gonna get the co-ordinator/plan. The SENCO's view",
  "he's 5. hes in year-6 and ain't got an EHCP, cannot get the 2nd assessment",
  'whats a PEP? cant they do it by 5pm or 10am, 20mins, 3yrs, yr6, y6, 15hrs',
  'my son’s school-place, £200 or £4,000, 24/7 help for a 7-year-old, SEN/D and/or e-mail Dr. Smith',
  "lemme see, dunno, gotta, y'all, kinda, the LA's EHC needs-assessment",
  `${'a very long message about transport '.repeat(10)}and the tribunal`,
];

test('the tuning sets are there to check against', () => {
  expect(texts.length).toBeGreaterThan(2000);
});

test('every noun the tagger finds is one of the possible nouns', () => {
  let nouns = 0;
  for (const text of [...texts, ...awkward]) {
    const possible = possibleNouns(text);
    for (const noun of nounsOf(text)) {
      nouns++;
      if (!possible.has(noun)) throw new Error(`"${noun}" is not among the possible nouns of a message`);
    }
  }
  expect(nouns).toBeGreaterThan(5000);
});

test('the possible nouns are the runs of letters and digits of each word, alone and joined', () => {
  expect([...possibleNouns("Co-ordinator/plan it's 5pm")].sort()).toEqual(
    ['5pm', 'co', 'coordinator', 'coordinatorplan', 'its', 'it', 'ordinator', 'ordinatorplan', 'plan', 's'].sort(),
  );
});
