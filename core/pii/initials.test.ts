import { findPii } from '.';

const kinds = (text: string) => findPii(text).map((f) => `${f.kind}:${f.text}`);

describe('initials', () => {
  it('are found in any bracket form, with the age beside them as an age', () => {
    expect(kinds('YP (RB, 15) asked for a bike.')).toEqual(['name:RB', 'age:15']);
    expect(kinds('Sibling [K.L.] moved too.')).toEqual(['name:K.L.']);
    expect(kinds('child {PW 8} drew his house')).toEqual(['name:PW', 'age:8']);
    expect(kinds('LM (13yrs) wants her own room.')).toEqual(['name:LM', 'age:13']);
    expect(kinds('JT, 16, wants to stay put.')).toEqual(['name:JT', 'age:16']);
  });

  it('are found when they speak or are named as initials', () => {
    expect(kinds('DW told us the move was rushed.')).toEqual(['name:DW']);
    expect(kinds('Young person, initials HK, attended.')).toEqual(['name:HK']);
  });

  it("are not the service's shorthand in brackets or speaking", () => {
    expect(kinds('The review (CLA) went well and the IRO said so.')).toEqual([]);
    expect(kinds('The plan (PEP) is late; the GP said the check was done.')).toEqual([]);
  });
});
