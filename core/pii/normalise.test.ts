import { findPii, normalise } from '.';

const kinds = (text: string) => findPii(text).map((f) => `${f.kind}:${f.text}`);

describe('the guard sees what a reader sees', () => {
  it('folds full-width and styled letters, so a name typed in them is still a name', () => {
    expect(normalise('Ｍｅｇａｎ').text).toBe('Megan');
    expect(kinds('Ｍｅｇａｎ said the visit was short.')).toEqual(['name:Ｍｅｇａｎ']);
  });

  it('ignores zero-width and other invisible characters inside a name or a number', () => {
    expect(kinds('Ty\u200Bler said he wants a bike.')).toEqual(['name:Ty\u200Bler']);
    expect(kinds('Case ref 55\u200D12\u00AD093 came back.')).toEqual(['case_ref:55\u200D12\u00AD093']);
  });

  it('folds Cyrillic and Greek lookalikes inside a Latin word, and points at what was typed', () => {
    const text = 'Then Ch\u043El\u0435 asked for a later review.'; // Cyrillic о and е
    expect(findPii(text)).toEqual([{ kind: 'name', start: 5, end: 10, text: 'Ch\u043El\u0435' }]);
    expect(normalise('\u0391\u03B9sha').text).toBe('Aisha'); // Greek Alpha and iota
  });

  it('leaves a word written wholly in another script as it is', () => {
    expect(normalise('Дмитрий').text).toBe('Дмитрий');
  });
});
