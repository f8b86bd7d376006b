import { findPii } from '.';

const kinds = (text: string) => findPii(text).map((f) => `${f.kind}:${f.text}`);

describe('national and school identifiers', () => {
  it('find National Insurance numbers with or without spaces, in any case', () => {
    expect(kinds('NI: AB 12 34 56 C')).toEqual(['ni_number:AB 12 34 56 C']);
    expect(kinds('her nino is jk654321b')).toEqual(['ni_number:jk654321b']);
    expect(kinds('Prefix GB 12 34 56 A is never issued.')).toEqual([]);
  });

  it('find unique pupil numbers (a letter and 12 more) and unique learner numbers when named', () => {
    expect(kinds('UPN E823456789012 moved with her.')).toEqual(['pupil_number:E823456789012']);
    expect(kinds('temporary upn E82345678901A')).toEqual(['pupil_number:E82345678901A']);
    expect(kinds('His ULN is 5012345678.')).toEqual(['pupil_number:5012345678']);
  });

  it('leave ten digits alone that nothing names', () => {
    expect(kinds('The grant of 1000 was paid on 1 May.')).toEqual([]);
  });
});
