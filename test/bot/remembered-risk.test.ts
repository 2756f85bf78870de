/**
 * The safeguarding outcome remembered for a message sent again (bot/remembered-risk.ts) must be the one
 * the check gives afresh, for crisis messages, ordinary ones and the commands sent most, and no turn
 * may change it for another.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { assessRisk } from '../../bot/safeguarding/assess.js';
import { assessRiskRemembered } from '../../bot/remembered-risk.js';

const disclosures = (parse(readFileSync(new URL('../fixtures/safeguarding/disclosures.yaml', import.meta.url), 'utf8')) as { text: string }[]).map(
  (d) => d.text,
);
const ordinary = ['1', '2', 'menu', 'back', 'help', 'yes', 'what is an ehcp', 'what does SENCO mean?', 'my son was excluded, what can I do'];

test('every message gets the outcome the check gives afresh, the first time and when sent again', () => {
  expect(disclosures.length).toBeGreaterThan(100);
  for (const text of [...disclosures, ...ordinary]) {
    const fresh = assessRisk(text);
    expect(assessRiskRemembered(text)).toEqual(fresh);
    expect(assessRiskRemembered(text)).toEqual(fresh);
    expect(assessRiskRemembered(text, 'rules')).toEqual(assessRisk(text, 'rules'));
  }
  // The crisis messages are still crises when remembered.
  expect(disclosures.filter((t) => assessRiskRemembered(t).level === 'crisis').length).toBe(disclosures.filter((t) => assessRisk(t).level === 'crisis').length);
});

test('a remembered outcome cannot be changed by the turn that is given it', () => {
  const risk = assessRiskRemembered('i want to die');
  expect(risk.level).toBe('crisis');
  expect(() => (risk.kinds as string[]).push('x')).toThrow(TypeError);
  expect(() => {
    (risk as { level: string }).level = 'none';
  }).toThrow(TypeError);
  expect(assessRiskRemembered('i want to die')).toEqual(assessRisk('i want to die'));
});

test('a long message is checked afresh every time', () => {
  const long = `${'my daughter has had a difficult year at school and '.repeat(6)}i want to die`;
  expect(long.length).toBeGreaterThan(200);
  expect(assessRiskRemembered(long)).toEqual(assessRisk(long));
  expect(assessRiskRemembered(long)).not.toBe(assessRiskRemembered(long));
});
