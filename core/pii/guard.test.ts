import { findPii, highlightFindings, highlightRuns, isValidNhsNumber } from '.';

const kinds = (text: string, options = {}) => findPii(text, options).map((f) => `${f.kind}:${f.text}`);

describe('the PII guard', () => {
  it('finds a child named in a shareable example and says where, so a card can highlight it', () => {
    const text = 'Megan said the review was at the wrong time.';
    expect(findPii(text)).toEqual([{ kind: 'name', start: 0, end: 5, text: 'Megan' }]);
  });

  it('keeps a surname with the first name, and finds people named by title alone', () => {
    expect(kinds('The carer, Louise Carter, met Mr Holloway.')).toEqual(['name:Louise Carter', 'name:Mr Holloway']);
  });

  it('does not treat promise titles, months, days or words like "Will" and "Hope" as names', () => {
    for (const text of [
      'Dreams: young people chose the trip in May.',
      'Will the board answer before Christmas?',
      'Hope was the theme of the summer event.',
      'Relationships improved after the Saturday sibling day.',
      'Young people said the review was boring.',
    ]) {
      expect(kinds(text)).toEqual([]);
    }
  });

  it('counts a word that is also a name only when it acts like a person', () => {
    expect(kinds('Summer asked for a later review.')).toEqual(['name:Summer']);
    expect(kinds('The summer event was held in August.')).toEqual([]);
    expect(kinds('A boy placed in Kent said he missed home.')).toEqual([]);
  });

  it("takes a council's own words as never names", () => {
    expect(kinds('Aspire said the grant was too low.', { notNames: ['Aspire'] })).toEqual([]);
    expect(kinds('Aspire said the grant was too low.')).toEqual(['name:Aspire']);
  });

  it('finds phone numbers, emails, postcodes and NHS numbers', () => {
    expect(kinds('Ring 07911 223344 or +44 20 7946 0958.')).toEqual(['phone:07911 223344', 'phone:+44 20 7946 0958']);
    expect(kinds('Write to a.b@council.gov.uk')).toEqual(['email:a.b@council.gov.uk']);
    expect(kinds('She lives near RM20 3LP.')).toEqual(['postcode:RM20 3LP']);
    expect(kinds('The number 612 345 6784 was on the letter.')).toEqual(['nhs_number:612 345 6784']);
  });

  it("checks the NHS number's check digit, so other ten-digit numbers are not flagged as NHS numbers", () => {
    expect(isValidNhsNumber('9434765919')).toBe(true);
    expect(isValidNhsNumber('9434765918')).toBe(false);
    expect(kinds('Order 943 476 5918 arrived.')).toEqual([]);
  });

  it('finds full dates and birthdays, but not meeting dates without a year', () => {
    expect(kinds('DOB: 05/11/2010.')).toEqual(['date_of_birth:05/11/2010']);
    expect(kinds('She was born on 4 July.')).toEqual(['date_of_birth:4 July']);
    expect(kinds('The review moved to 4 July.')).toEqual([]);
  });

  it("finds case references in common formats and in the council's own format", () => {
    expect(kinds('Case CS-102938 was discussed.')).toEqual(['case_ref:CS-102938']);
    expect(kinds('Ref 4471203 asked for the minutes.')).toEqual(['case_ref:4471203']);
    expect(kinds('Record 77-ABC-9 was late.', { caseRefPatterns: [/\b\d{2}-[A-Z]{3}-\d\b/g] })).toEqual([
      'case_ref:77-ABC-9',
    ]);
    expect(kinds('PN1 was recorded for Year 11.')).toEqual([]);
  });

  it('finds street addresses with or without a number, and named schools', () => {
    expect(kinds('They moved to 2 Manor Way.')).toEqual(['address:2 Manor Way']);
    expect(kinds('The home on Bridge Road asked for a trampoline.')).toEqual(['address:Bridge Road']);
    expect(kinds('He goes to Horndon Primary School.')).toEqual(['school:Horndon Primary School']);
    expect(kinds('The Virtual School sent a newsletter to primary schools.')).toEqual([]);
  });

  it('flags an age only when another detail about the same child is given', () => {
    expect(kinds('A 12-year-old boy asked for a bike.')).toEqual(['age:12-year-old']);
    expect(kinds('Children aged 5 to 11 drew pictures.')).toEqual([]);
    expect(kinds('Most of the group were 15 or over.')).toEqual([]);
  });

  it('shows each finding in bold and names its kind in words, not by colour', () => {
    const text = 'Megan at Horndon Primary School said *hi*';
    expect(highlightFindings(text, findPii(text))).toBe(
      '**Megan** [a name] at **Horndon Primary School** [a school or college] said \\*hi\\*',
    );
  });
});

describe('names that are also words', () => {
  it('counts one as a name when it is the person someone told, asked or thanked', () => {
    expect(kinds('The CICC told Jordan and the group that it worked.')).toEqual(['name:Jordan']);
    expect(kinds('Her family moved to Jordan last year.')).toEqual([]);
  });
});

describe('highlight runs', () => {
  it('split the text so a card can show each finding bold and underlined, then its kind in words', () => {
    const text = 'Megan at Horndon Primary School';
    expect(highlightRuns(text, findPii(text))).toEqual([
      { text: 'Megan', found: true },
      { text: ' [a name]', found: false },
      { text: ' at ', found: false },
      { text: 'Horndon Primary School', found: true },
      { text: ' [a school or college]', found: false },
    ]);
  });
});

describe('initials', () => {
  it('are found when they act as a person, and acronyms are not', () => {
    expect(kinds('J said the contact centre was too far away.')).toEqual(['name:J']);
    expect(kinds('J.S. told us the review was too long.')).toEqual(['name:J.S.']);
    expect(kinds('The GP said the health check was done. A young person said so too.')).toEqual([]);
  });
});
