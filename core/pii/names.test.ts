import { findPii } from '.';

const names = (text: string) => findPii(text).filter((f) => f.kind === 'name').map((f) => f.text);

describe('names as they are really typed', () => {
  it('are found with letters outside A-Z, hyphens and apostrophes', () => {
    expect(names('Małgosia asked for more time.')).toEqual(['Małgosia']);
    expect(names('Bogdănel said the room is cold.')).toEqual(['Bogdănel']);
    expect(names('Oisín wants to play hurling.')).toEqual(['Oisín']);
    expect(names("Lily-Rose came with D'Arcy.")).toEqual(['Lily-Rose', "D'Arcy"]);
    expect(names('The forum met with Grace at the library.')).toEqual(['Grace']);
  });

  it('are found across communities from the ONS list, with no cue needed', () => {
    for (const name of ['Ayesha', 'Kacper', 'Andrei', 'Abdiaziz', 'Oluwatobi', 'Ciarán', 'Zainab', 'Harjot']) {
      expect(names(`Today ${name} came to the forum.`)).toEqual([name]);
    }
  });

  it('are found in lower case when they speak or are spoken to', () => {
    expect(names('tyler said no')).toEqual(['tyler']);
    expect(names('spoke to ruby about it')).toEqual(['ruby']);
    expect(names('mum said no')).toEqual([]);
  });

  it('count a word that is also a name only when it acts like a person', () => {
    expect(names('Faith said she liked the trip.')).toEqual(['Faith']);
    expect(names('We thanked Hope.')).toEqual(['Hope']);
    expect(names('Faith groups and Hope Street Church came.')).toEqual([]);
    expect(names('Summer holidays are long.')).toEqual([]);
    expect(names('There is hope.')).toEqual([]);
  });
});

describe('month abbreviations that are also names', () => {
  it('are months beside a year, and names when they speak', () => {
    expect(names('Jan 2026: 14 reviews; Jun 2026: 9.')).toEqual([]);
    expect(names('Jan said his review was too long.')).toEqual(['Jan']);
  });
});
