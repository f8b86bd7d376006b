import { DomainError, userWordingFor } from '../core/errors';
import { wordsFor } from './card-action';

describe('what a person reads when core refuses a card press', () => {
  it("is core's own sentence, written for them", () => {
    expect(wordsFor(new DomainError('FORBIDDEN', 'Only the forum’s facilitators can record its outcome.'))).toBe('Only the forum’s facilitators can record its outcome.');
    expect(wordsFor(new DomainError('INVALID', 'Say which month.'))).toBe('Say which month.');
  });

  it('is the plain standard wording for a storage race, never the table layer’s words', () => {
    expect(wordsFor(new DomainError('CONFLICT', 'Meeting m-1 was changed by someone else'))).toBe(userWordingFor.CONFLICT);
  });

  it('is the standard wording for the code when core gave no sentence', () => {
    for (const code of ['NOT_FOUND', 'CONFLICT', 'FORBIDDEN', 'INVALID'] as const) expect(wordsFor(new DomainError(code, ''))).toBe(userWordingFor[code]);
  });
});
