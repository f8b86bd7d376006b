import { findPii } from '.';

const now = () => new Date('2026-12-04T12:00:00Z');
const dates = (text: string) => findPii(text, { now }).filter((f) => f.kind === 'date_of_birth').map((f) => f.text);

describe('dates of birth', () => {
  it('are found in every common UK form', () => {
    expect(dates('dob 07/01/2013')).toEqual(['07/01/2013']);
    expect(dates('D.O.B. 7.1.13')).toEqual(['7.1.13']);
    expect(dates('DOB 2013-01-07')).toEqual(['2013-01-07']);
    expect(dates('DOB 2013/01/07')).toEqual(['2013/01/07']);
    expect(dates('d.o.b: 7th January 2013')).toEqual(['7th January 2013']);
    expect(dates('Date of birth January 7, 2013')).toEqual(['January 7, 2013']);
    expect(dates('She was born in January 2013.')).toEqual(['January 2013']);
    expect(dates('born Jan 2013, the middle of three')).toEqual(['Jan 2013']);
    expect(dates('The twins were born in 2014.')).toEqual(['2014']);
    expect(dates("His birthday's on 3rd October")).toEqual([]);
    expect(dates('birthday is 3rd October')).toEqual(['3rd October']);
    expect(dates('He turns 18 on 9 March, so the pathway plan is due.')).toEqual(['9 March']);
  });

  it('are not a meeting date from this year or last, nor a month or year on its own', () => {
    expect(dates('The conference is on 15/12/2026.')).toEqual([]);
    expect(dates('Minutes of 30.11.2025 attached.')).toEqual([]);
    expect(dates('The pledge was refreshed in March 2024.')).toEqual([]);
    expect(dates('Reviews since 2019 have had advocates.')).toEqual([]);
  });

  it('are an older full date even with no cue, since a child may be named by it', () => {
    expect(dates('Placed with carers, 11/06/2012.')).toEqual(['11/06/2012']);
  });
});
