/** Personal details come out of questions before editors see them; the question itself stays useful. */
import fc from 'fast-check';
import { redactPersonalData as redact } from '../../content/gaps/redact.js';

test.each([
  ['my son is called Jack and he has autism', 'my son is called [name] and he has autism'],
  ['My daughter is called amelia-rose smith, what do i do', 'My daughter is called [name], what do i do'],
  ["Hi I'm Sarah, my son Oliver Brown needs an ehcp", "Hi I'm [name], my son [name] needs an ehcp"],
  ['Hi I’m Sarah', 'Hi I’m [name]'],
  ['my name is john', 'my name is [name]'],
  ['MY SON IS CALLED JACK', 'MY SON IS CALLED [name]'],
  ['this is Priya, mum of two', 'this is [name], mum of two'],
  ['we call her Bea at home', 'we call her [name] at home'],
])('names: %s', (input, expected) => {
  expect(redact(input)).toBe(expected);
});

test.each([
  ["I'm worried my son has ADHD"],
  ['I am Looking for help'],
  ['what is a named person'],
  ['my son is in year 9'],
  ['wot is a senco'],
  ['how long does an ehc needs assessment take? 20 weeks?'],
  ['My child is 14 and the school says £6,000'],
  ['is it called an EHCP or a statement'],
])('leaves ordinary questions alone: %s', (input) => {
  expect(redact(input)).toBe(input);
});

test.each([
  ['email me at jo.bloggs+send@mail.example.co.uk', 'email me at [email]'],
  ['call 07700 900123 or 07700900123', 'call [phone] or [phone]'],
  ['ring (01632) 960 000 or 0113 496 0000', 'ring [phone] or [phone]'],
  ['ring +44 7700 900 123 or 0044 20 7946 0000', 'ring [phone] or [phone]'],
  ['NHS number 943 476 5919, or 9434765919', 'NHS number [number], or [number]'],
  ['we live at SB1 1AA, postcode sk41ab', 'we live at [postcode], postcode [postcode]'],
  ['born 12/03/2015 and seen 2026-11-22', 'born [date] and seen [date]'],
  ['deadline 3rd of March 2026, meeting on March 12th, 2026', 'deadline [date], meeting on [date]'],
  ['his birthday is 5 jan', 'his birthday is [date]'],
  ['case reference 12345678', 'case reference [number]'],
])('details: %s', (input, expected) => {
  expect(redact(input)).toBe(expected);
});

test('redacting twice changes nothing more', () => {
  const once = redact("I'm Sarah, call 07700 900123, we're at SB1 1AA, my son is called Jack, born 12/03/2015");
  expect(redact(once)).toBe(once);
  expect(once).toBe("I'm [name], call [phone], we're at [postcode], my son is called [name], born [date]");
});

test('no UK mobile number survives, however it is spaced', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 9 }), fc.constantFrom('', ' ', '-'), (digits, sep) => {
      const number = `07${digits.slice(0, 3).join('')}${sep}${digits.slice(3).join('')}`;
      const out = redact(`my number is ${number} thanks`);
      expect(out).toBe('my number is [phone] thanks');
    }),
  );
});
