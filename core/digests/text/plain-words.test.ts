import { plainWords } from './plain-words';
import { readingLevel } from './reading-level';

describe('staff words made plain for young people', () => {
  it('swaps care-system jargon for everyday words, keeping the tense', () => {
    expect(plainWords('Looked after children said that their placement moves were not communicated to them prior to the move.')).toBe(
      'Children in care said that their home moves were not told to them before the move.',
    );
    expect(plainWords('Budgetary requirements mean that additional financial provision cannot be implemented in the current financial year.')).toBe(
      'The budget means that money cannot be started in this year.',
    );
  });

  it('splits a long sentence at its own breaks, and drops nothing else', () => {
    const out = plainWords('We have implemented a new protocol to ensure that placement moves are communicated to young people prior to the move, and social workers now visit the day before.');
    expect(out).toBe('We have started a new plan to make sure that home moves are told to young people before the move. Social workers now visit the day before.');
  });

  it('leaves plain words alone', () => {
    expect(plainWords('We now order bus passes on the day you move.')).toBe('We now order bus passes on the day you move.');
  });

  it('brings a jargon-heavy sentence down to a younger reading age', () => {
    const hard = 'CLA children participated in a commissioning initiative regarding additional health assessment provision.';
    expect(readingLevel(plainWords(hard)).readingAge).toBeLessThan(readingLevel(hard).readingAge - 8);
  });
});
