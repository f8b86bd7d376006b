import { matchAll, type PiiFinding } from './kinds';

const NUMBER_WORDS = 'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen';
// One person's age; plurals ("10-year-olds") and ranges ("aged 16 to 21") describe groups and are left alone.
const AGES: readonly RegExp[] = [
  new RegExp(`\\b(?:\\d{1,2}|${NUMBER_WORDS})[-\\s]year[-\\s]old\\b(?!s)`, 'gi'),
  /\baged\s+\d{1,2}\b(?!\s*(?:to|-|–|and|or|\+|plus)\b)(?!\s*[-–+])/gi,
  /\b\d{1,2}\s+years?\s+old\b/gi,
  /(?<=[A-Za-z],\s?)\d{1,2}(?=,)/g,
  /(?<=[A-Z][a-z]+\s?)\(\d{1,2}\)/g,
  /\b(?:is|was)\s+(?:[A-Z][a-z]+\s+and\s+)?\d{1,2}\b(?!\s*(?:%|:|\.\d|am\b|pm\b|years? of|hours|days|weeks|months|minutes|working|young|children|people|of\b))/g,
];
// Another detail about the same person makes an age identifying.
const DETAIL =
  /\b(?:boy|girl|son|daughter|brother|sister|twins?|baby|he|she|his|her|him|placed|placement|foster|unaccompanied|from|autism|autistic|disabled|disability|deaf|hearing|blind|wheelchair|excluded|Polish|Romanian|Afghan|Eritrean|Sudanese|Syrian|Albanian|Vietnamese|Kurdish)\b/i;

/** Ages of one person, kept only when the text also says something else about them. */
export function findAges(text: string, otherFindings: readonly PiiFinding[]): PiiFinding[] {
  const found = AGES.flatMap((re) => matchAll(text, re, 'age'));
  if (found.length === 0) return [];
  const others = otherFindings.some((f) => f.kind !== 'age');
  return others || DETAIL.test(text) ? found : [];
}
