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
const POSTCODE = /\b(?:GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2})\b/g;
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

const MONTHS =
  '(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)';
const FULL_DATES = [
  /\b(?:0?[1-9]|[12]\d|3[01])[/.-](?:0?[1-9]|1[0-2])[/.-](?:19|20)?\d{2}\b/g,
  /\b(?:19|20)\d{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])\b/g,
  new RegExp(`\\b(?:0?[1-9]|[12]\\d|3[01])(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTHS}\\.?,?\\s+(?:19|20)\\d{2}\\b`, 'g'),
  new RegExp(`\\b${MONTHS}\\.?\\s+(?:0?[1-9]|[12]\\d|3[01])(?:st|nd|rd|th)?,?\\s+(?:19|20)\\d{2}\\b`, 'g'),
];
// Without a year a date is only identifying when it is said to be a birthday.
const BIRTH_DAY = new RegExp(
  `\\b(?:born(?:\\s+on)?|DOB:?|date of birth:?|birthday(?:\\s+is)?(?:\\s+on)?)\\s+((?:0?[1-9]|[12]\\d|3[01])(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTHS})\\b`,
  'gi',
);
export const findDates = (t: string): PiiFinding[] => [
  ...FULL_DATES.flatMap((re) => matchAll(t, re, 'date_of_birth')),
  ...matchAll(t, BIRTH_DAY, 'date_of_birth', 1),
];

/** Case references as most case systems write them; councils add their own patterns in options. */
export const defaultCaseRefPatterns: readonly RegExp[] = [
  // letters then digits: CR-482913, AB123456, C0048172, LCS-00912
  /\b[A-Z]{1,4}[-/]?\d{4,10}\b/g,
  // letters / year / number: LA/2023/0457, TH/48210
  /\b[A-Z]{1,4}\/\d{2,6}(?:\/\d{1,6})?\b/g,
  // a bare number after a cue: "case number 20417788", "ref 4471203"
  /\b(?:case|ref|reference|id|file)\b(?:\s+(?:no|number|ref|reference|id))?\.?:?\s*(\d{5,10})\b/gi,
];
export function findCaseRefs(t: string, patterns: readonly RegExp[]): PiiFinding[] {
  return patterns.flatMap((re) => {
    const global = re.global ? re : new RegExp(re.source, re.flags + 'g');
    return matchAll(t, global, 'case_ref', /\((?!\?)/.test(re.source) ? 1 : 0);
  });
}

const CAP = "[A-Z][A-Za-z'’-]*";
const STREET =
  '(?:Road|Rd|Street|St|Avenue|Ave|Lane|Close|Court|Drive|Way|Gardens|Crescent|Place|Grove|Terrace|Approach|Walk|Hill|Rise|Mews|Square|Park|View|Row|Parade|Green|Chase|Mead|Vale)';
const NUMBERED_STREET = new RegExp(`\\b\\d{1,4}[a-zA-Z]?,?\\s+(?:The\\s+)?(?:${CAP}\\s+){0,2}${STREET}\\b`, 'g');
const FLAT = /\b(?:Flat|Apartment|Apt)\s+\d{1,4}[A-Za-z]?\b/g;
// A named road without a number, after a word that places someone on it.
const NAMED_ROAD = new RegExp(
  `\\b(?:on|at|in|near|from|off)\\s+(?:the\\s+)?((?:${CAP}\\s+){1,2}(?:Road|Street|Lane|Avenue|Close|Crescent|Drive))\\b`,
  'g',
);
export const findAddresses = (t: string): PiiFinding[] => [
  ...matchAll(t, NUMBERED_STREET, 'address'),
  ...matchAll(t, FLAT, 'address'),
  ...matchAll(t, NAMED_ROAD, 'address', 1),
];

// One to four capitalised words, then the kind of school; "The Academy" or "Virtual School" alone are not a school's name.
const SCHOOL = new RegExp(
  `\\b((?:${CAP}\\s+){1,4}(?:(?:Primary|Secondary|Junior|Infant|Infants|High|Grammar|Free|Community|Church|C of E|CE|RC)\\s+)?(?:School|Academy|College|Primary))\\b`,
  'g',
);
const NOT_SCHOOL_WORDS = new Set(['the', 'a', 'virtual', 'our', 'their', 'his', 'her', 'this', 'that', 'sixth', 'form', 'local']);
export function findSchools(t: string): PiiFinding[] {
  return matchAll(t, SCHOOL, 'school', 1).flatMap((f) => {
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
}
