import { matchAll, type PiiFinding } from './kinds';

// Pattern rules: each returns every candidate; guard.ts settles overlaps between kinds.

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;
export const findEmails = (t: string): PiiFinding[] => matchAll(t, EMAIL, 'email');

// UK numbers: 0 then 9-10 more digits, or +44 then 9-10, with spaces, dashes or (0).
const PHONE = /(?<![\w+])(?:\+44\s?(?:\(0\)\s?)?|\(?0)\d{2,4}\)?(?:[\s-]?\d){6,8}(?![\w-])/g;
export function findPhones(t: string): PiiFinding[] {
  return matchAll(t, PHONE, 'phone').filter((f) => {
    const digits = f.text.replace(/\D/g, '');
    return f.text.startsWith('+') ? digits.length >= 11 && digits.length <= 12 : digits.length >= 10 && digits.length <= 11;
  });
}

// Full postcodes only (an outward code like "RM17" alone names a district, not a home).
const POSTCODE = /\b(?:GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2})\b/gi;
export const findPostcodes = (t: string): PiiFinding[] => matchAll(t, POSTCODE, 'postcode');

/** The NHS number's mod-11 check digit. */
export function isValidNhsNumber(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
  const check = (11 - (sum % 11)) % 11;
  return check !== 10 && check === Number(digits[9]);
}
const TEN_DIGITS = /(?<![\d\w])\d{3}[\s-]?\d{3}[\s-]?\d{4}(?![\d\w])/g;
const NHS_CUE = /\bNHS\b[^.\d]{0,20}$/i;
export function findNhsNumbers(t: string): PiiFinding[] {
  return matchAll(t, TEN_DIGITS, 'nhs_number').filter(
    (f) => isValidNhsNumber(f.text.replace(/\D/g, '')) || NHS_CUE.test(t.slice(0, f.start)),
  );
}

/** A capitalised word in any script ("Clere's", "Ó Súilleabháin"); rules using it need the `u` flag. */
export const CAP = "\\p{Lu}[\\p{L}\\p{M}'’-]*";
const STREET =
  '(?:Road|Rd|Street|St|Avenue|Ave|Lane|Close|Court|Drive|Way|Gardens|Crescent|Place|Grove|Terrace|Approach|Walk|Hill|Rise|Mews|Square|Park|View|Row|Parade|Green|Chase|Mead|Vale|Highway|Broadway)';
const NUMBERED_STREET = new RegExp(`\\b\\d{1,4}[a-zA-Z]?,?\\s+(?:The\\s+)?(?:${CAP}\\s+){0,2}${STREET}\\b`, 'gu');
const FLAT = /\b(?:Flat|Apartment|Apt)\s+\d{1,4}[A-Za-z]?\b/g;
// A named road without a number, after a word that places someone on it.
const NAMED_ROAD = new RegExp(
  `\\b(?:on|at|in|near|from|off|to)\\s+(?:the\\s+)?((?:${CAP}\\s+){1,2}(?:Road|Street|Lane|Avenue|Close|Crescent|Drive|Way|Court|Gardens|Grove|Terrace|Highway|Mews|Parade|Walk))\\b`,
  'gu',
);
export const findAddresses = (t: string): PiiFinding[] => [
  ...matchAll(t, NUMBERED_STREET, 'address'),
  ...matchAll(t, FLAT, 'address'),
  ...matchAll(t, NAMED_ROAD, 'address', 1),
];

// One to four capitalised words, then the kind of school; "The Academy" or "Virtual School" alone are not a school's name.
const SCHOOL = new RegExp(
  `(?<![\\p{L}'’])((?:${CAP}\\s+){1,4}(?:(?:Primary|Secondary|Junior|Infant|Infants|High|Grammar|Free|Community|Church|Catholic|C of E|CE|RC)\\s+)?(?:School|Academy|College|Primary|Nursery))(?![\\p{L}])`,
  'gu',
);
// A school known by its saint: "St Clere's", "St. Cleres", "st thomas's"; not "St George's Day" or a street.
const SAINT = /(?<![\p{L}\d])[Ss]t\.?\s+(\p{L}[\p{L}\p{M}-]+(?:['’]s)?)(?![\p{L}\d'’])(?!\s+(?:Day|Eve|Hospital|Church|Cathedral|Road|Street|Lane|Avenue|Close|Way|Park|Square|Gardens|Place|Crescent|Drive|Court|Walk|Centre)\b)/gu;
const NOT_SCHOOL_WORDS = new Set(['the', 'a', 'virtual', 'our', 'their', 'his', 'her', 'this', 'that', 'sixth', 'form', 'local', 'at', 'to', 'from', 'college:', 'school:']);
export function findSchools(t: string): PiiFinding[] {
  const named = matchAll(t, SCHOOL, 'school', 1).flatMap((f) => {
    // Drop leading words that cannot start a school's name (sentence starts like "The", "Our").
    const words = f.text.split(/\s+/);
    let skip = 0;
    while (skip < words.length - 1 && NOT_SCHOOL_WORDS.has((words[skip] ?? '').toLowerCase())) skip++;
    const kept = words.slice(skip);
    if (kept.length < 2) return [];
    const text = kept.join(' ');
    const start = f.start + f.text.indexOf(text);
    return [{ kind: 'school' as const, start, end: start + text.length, text }];
  });
  // A saint's name that is capitalised, ends in 's, or follows "at / to / goes to" is a school (a church is rarely named here).
  const saints = matchAll(t, SAINT, 'school').filter((f) => {
    const name = f.text.replace(/^[Ss]t\.?\s+/, '');
    return /^\p{Lu}/u.test(name) || /s$/.test(name);
  });
  return [...named, ...saints];
}
