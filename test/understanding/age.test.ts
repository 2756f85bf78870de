import { stageFromText, stageOfAge } from '../../bot/understanding/age.js';

describe('ages and school years to stages', () => {
  test.each([
    ["he's 7", 'school'],
    ['hes 7', 'school'],
    ['Im 17', 'post-16'],
    ['she is 3 and a half', 'early-years'],
    ['18 months', 'early-years'],
    ['year 9', 'school'],
    ['in yr 12', 'post-16'],
    ['in reception', 'school'],
    ['my twins are 2, one is walking and chatting away', 'early-years'],
    ['just turned 16', 'post-16'],
    ['17yo', 'post-16'],
    ['my son is 15', 'school'],
    ['5 year old', 'school'],
  ])('"%s" is %s', (text, stage) => {
    expect(stageFromText(text)).toBe(stage);
  });

  test.each(['3 march', 'at 9am', 'I sent it on 12/10', 'no idea', 'twins, one is 4 and one is 11', 'its only 1 mile away tho'])('"%s" is no stage', (text) => {
    expect(stageFromText(text)).toBeNull();
  });

  test('a bare number is an age only from where the choice list ends', () => {
    expect(stageFromText('2', { bareNumberFrom: 4 })).toBeNull();
    expect(stageFromText('7', { bareNumberFrom: 4 })).toBe('school');
    expect(stageFromText('7')).toBeNull();
  });

  test('the Code of Practice phases', () => {
    expect([0, 4, 5, 15, 16, 25, 26, -1].map(stageOfAge)).toEqual(['early-years', 'early-years', 'school', 'school', 'post-16', 'post-16', null, null]);
  });
});
