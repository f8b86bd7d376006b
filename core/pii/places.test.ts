import { findPii } from '.';

const kinds = (text: string, gazetteer?: string[]) => findPii(text, gazetteer ? { gazetteer } : {}).map((f) => `${f.kind}:${f.text}`);

describe('places that identify a child', () => {
  it('find schools and settings by their pattern', () => {
    expect(kinds("He moved to St Anne's last term.")).toEqual(["school:St Anne's"]);
    expect(kinds('She starts at Riverside Academy.')).toEqual(['school:Riverside Academy']);
    expect(kinds('Thorpe Bay College rang.')).toEqual(['school:Thorpe Bay College']);
    expect(kinds('The St Patrick’s Day party was fun.')).toEqual([]);
  });

  it('find named estates and homes, but not the words in general', () => {
    expect(kinds('She lives on the Kingsway estate.')).toEqual(['place:Kingsway estate']);
    expect(kinds('Back at Elm Tree House tonight.')).toEqual(['place:Elm Tree House']);
    expect(kinds('Young people on estates said the lights are out.')).toEqual([]);
    expect(kinds("The children's home bought a trampoline.")).toEqual([]);
  });

  it("find a council's gazetteer entries as whole words, in any case", () => {
    const gazetteer = ['Lakeside Close', 'Fobbing'];
    expect(kinds('he stays round lakeside close at weekends', gazetteer)).toEqual(['place:lakeside close']);
    expect(kinds('Fobbingham is not on the list.', gazetteer)).toEqual([]);
  });

  it('flag a small group beside a place, and neither alone', () => {
    expect(kinds('The Eritrean girl from Orsett said the bus is late.')).toEqual(['place:Orsett']);
    expect(kinds('Eritrean young people said the bus is late.')).toEqual([]);
    expect(kinds('Young people from Orsett said the bus is late.')).toEqual([]);
    expect(kinds('A deaf boy placed in Essex asked for subtitles.')).toEqual([]);
  });
});
