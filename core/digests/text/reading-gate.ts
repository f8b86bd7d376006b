import { plainWords, plainerFor } from './plain-words';
import { countSyllables } from './reading-level';

/** The CICC's limit: no sentence young people read is above reading age 11 (Flesch-Kincaid grade + 5). */
export const READING_AGE_LIMIT = 11;

/** Flesch-Kincaid is unstable on a few words ("Celebrations." alone scores 37): shorter sentences are padded to this many one-syllable words. */
const MIN_WORDS = 8;

const wordsOf = (sentence: string) => sentence.split(/\s+/).filter((w) => /[A-Za-z0-9]/.test(w));

/** The sentences of a text as the digest shows it: split on sentence ends and line breaks. */
export const sentencesOf = (text: string): string[] =>
  (text.match(/[^.!?\n]+[.!?]*/g) ?? []).map((s) => s.trim()).filter((s) => /[A-Za-z]/.test(s));

/** Reading age of one sentence on its own (Flesch-Kincaid grade + 5, to one decimal: 11.04 is 11, within the limit), short sentences padded. */
export function sentenceReadingAge(sentence: string): number {
  const words = wordsOf(sentence);
  if (words.length === 0) return 5;
  const syllables = words.reduce((n, w) => n + (/^\d/.test(w) ? 1 : countSyllables(w)), 0);
  const w = Math.max(words.length, MIN_WORDS);
  const s = syllables + (w - words.length);
  return Math.round((0.39 * w + 11.8 * (s / w) - 15.59 + 5) * 10) / 10;
}

export interface ReadingCheck {
  /** The text as young people would read it (care-system jargon already swapped for everyday words). */
  plain: string;
  /** The hardest sentence's reading age, one decimal. */
  readingAge: number;
  limit: number;
  over: boolean;
  /** The longest words of the sentences above the limit, hardest first (at most five). */
  hardWords: string[];
  /** Plainer words for what the author wrote: the digest's own swaps, and suggestions it cannot make alone. */
  suggestions: { from: string; to: string }[];
}

/** Measures a shareable text the way the CICC digest will show it: every sentence at or below the limit. */
export function checkReading(text: string, limit = READING_AGE_LIMIT): ReadingCheck {
  const plain = plainWords(text);
  const ages = sentencesOf(plain).map((s) => ({ s, age: sentenceReadingAge(s) }));
  const worst = ages.reduce((m, a) => Math.max(m, a.age), 0);
  const hard = ages.filter((a) => a.age > limit).flatMap((a) => wordsOf(a.s).map((w) => w.replace(/[^A-Za-z'-]/g, '')));
  const ranked = [...new Set(hard.filter((w) => countSyllables(w) >= 3))].sort((a, b) => countSyllables(b) - countSyllables(a) || b.length - a.length);
  return {
    plain,
    readingAge: worst,
    limit,
    over: worst > limit,
    hardWords: ranked.slice(0, 5),
    suggestions: plainerFor(text),
  };
}

/** True when every sentence of the text, as the digest would show it, is at or below the limit. */
export const readsWithin = (text: string, limit = READING_AGE_LIMIT): boolean => !checkReading(text, limit).over;

/** The check in a sentence or two for the author, kindly: the score, the hardest words, plainer ones. */
export function readingAdvice(check: ReadingCheck): string {
  if (!check.over) return '';
  const words = check.hardWords.length ? ` The hardest words: ${check.hardWords.map((w) => `"${w}"`).join(', ')}.` : '';
  const swaps = check.suggestions.length ? ` Plainer words: ${check.suggestions.map((x) => `"${x.from}" → "${x.to}"`).join(', ')}.` : '';
  return `Young people may find this hard to read: it reads at age ${check.readingAge.toFixed(1).replace(/\.0$/, '')}, and the Children in Care Council's limit is ${check.limit}.${words}${swaps} Shorter sentences help too.`;
}
