import { countSyllables, readingLevel } from './reading-level';

describe('reading level', () => {
  it('counts syllables close to a dictionary on everyday words', () => {
    const words: [string, number][] = [['you', 1], ['told', 1], ['make', 1], ['asked', 1], ['council', 2], ['promise', 2], ['because', 2], ['money', 2], ['holiday', 3], ['reviews', 2], ['independent', 4], ['university', 5]];
    const close = words.filter(([w, n]) => Math.abs(countSyllables(w) - n) <= 1);
    expect(close).toHaveLength(words.length);
    expect(words.filter(([w, n]) => countSyllables(w) === n).length).toBeGreaterThanOrEqual(10);
  });

  it('matches a hand-computed Flesch-Kincaid grade', () => {
    // 2 sentences, 10 words, 10 syllables ("The cat sat on the mat. We like to read."): 0.39*5 + 11.8*1 - 15.59
    const r = readingLevel('The cat sat on the mat. We like to read.');
    expect(r).toMatchObject({ words: 10, sentences: 2, syllables: 10 });
    expect(r.grade).toBeCloseTo(0.39 * 5 + 11.8 * 1 - 15.59, 5);
  });

  it('rates council jargon well above age 11 and plain words below it', () => {
    expect(readingLevel('The authority will operationalise a multi-agency safeguarding partnership framework to facilitate improved outcomes.').readingAge).toBeGreaterThan(16);
    expect(readingLevel('You told us the bus pass was late. So we now get it on the day you move.').readingAge).toBeLessThanOrEqual(11);
  });
});
