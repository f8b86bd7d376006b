import { findPii, parseCaseRefPatterns } from '.';

const refs = (text: string, caseRefPatterns?: RegExp[]) =>
  findPii(text, caseRefPatterns ? { caseRefPatterns } : {}).filter((f) => f.kind === 'case_ref').map((f) => f.text);

describe('case and person numbers', () => {
  it('catch a bare 6-10 digit number near child, case, ref, ID or person, with no prefix', () => {
    expect(refs('child 7712345 moved placement')).toEqual(['7712345']);
    expect(refs('case no. 88123456 closed')).toEqual(['88123456']);
    expect(refs('Person ID: 5566778')).toEqual(['5566778']);
    expect(refs('the record for that child (12345678) is wrong')).toEqual(['12345678']);
  });

  it('leave amounts, counts and room numbers alone', () => {
    expect(refs('The case work budget is £250,000.')).toEqual([]);
    expect(refs('Case numbers rose to 1250.')).toEqual([]);
    expect(refs('We have 120000 leaflets.')).toEqual([]);
  });

  it("add the council's own formats to the defaults, from the PII_CASE_REF_PATTERNS setting", () => {
    const council = parseCaseRefPatterns(['\\bTHR-\\d{3}-[A-Z]{2}\\b']);
    expect(refs('THR-123-AB is the file.', council)).toEqual(['THR-123-AB']);
    expect(refs('child 7712345 too', council)).toEqual(['7712345']);
    expect(() => parseCaseRefPatterns(['(unclosed'])).toThrow(/"\(unclosed" is not a valid regular expression/);
  });
});
