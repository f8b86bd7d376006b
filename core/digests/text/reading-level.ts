/**
 * Reading level of English text: Flesch-Kincaid grade, and reading age = grade + 5 (US grade 1 is age 6).
 * Syllables come from a small heuristic (vowel groups, less a silent final e, plus "-le"/"-ed" rules)
 * rather than a dictionary package: it is within one syllable on most words, which moves the grade by a
 * fraction, and it keeps core free of dependencies.
 */
export function countSyllables(word: string): number {
  let w = word.toLowerCase().replace(/[^a-z]/g, '');
  if (!w) return 0;
  if (w.length <= 3) return 1;
  w = w.replace(/(?:[^laeiouy]es|[^laeiouy]ed|[^laeiouy]e)$/, ''); // silent endings: "makes", "asked", "make"
  w = w.replace(/^y/, '');
  const groups = w.match(/[aeiouy]{1,2}/g);
  return Math.max(1, groups ? groups.length : 1);
}

export interface ReadingLevel {
  words: number;
  sentences: number;
  syllables: number;
  grade: number;
  readingAge: number;
}

/** Splits on sentence ends and on line breaks (a heading or list item is its own sentence). */
export function readingLevel(text: string): ReadingLevel {
  const sentences = text
    .split(/[.!?]+(?:\s|$)|\n+/)
    .map((s) => s.trim())
    .filter((s) => /[A-Za-z]/.test(s));
  const words = sentences.flatMap((s) => s.split(/\s+/).filter((w) => /[A-Za-z0-9]/.test(w)));
  const syllables = words.reduce((n, w) => n + (/^\d/.test(w) ? 1 : countSyllables(w)), 0);
  if (words.length === 0) return { words: 0, sentences: 0, syllables: 0, grade: 0, readingAge: 5 };
  const grade = 0.39 * (words.length / sentences.length) + 11.8 * (syllables / words.length) - 15.59;
  return { words: words.length, sentences: sentences.length, syllables, grade, readingAge: grade + 5 };
}
