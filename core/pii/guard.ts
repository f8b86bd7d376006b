import { findAges } from './age';
import { defaultCaseRefPatterns, findCaseRefs } from './case-refs';
import { findDates } from './dates';
import { findNiNumbers, findPupilNumbers } from './identifiers';
import { findInitials } from './initials';
import type { PiiFinding, PiiKind } from './kinds';
import { findNames } from './names';
import { normalise, toOriginal } from './normalise';
import { findAddresses, findEmails, findNhsNumbers, findPhones, findPostcodes, findSchools } from './patterns';
import { findPlaces, gazetteerMatcher } from './places';

/** What a council can tune: its case-reference formats, its gazetteer, extra names, and words that are never names. */
export interface PiiGuardOptions {
  /** The council's own case and person number formats, added to the defaults (a capture group marks the reference). */
  caseRefPatterns?: readonly RegExp[];
  /** Places that identify a child in this borough: estates, children's homes, streets, schools (whole words). */
  gazetteer?: readonly string[];
  extraFirstNames?: readonly string[];
  /** E.g. the council's promise titles, team names. */
  notNames?: readonly string[];
  /** Today: full dates from this year or last are taken for meetings unless the text says they are a birth date. */
  now?: () => Date;
}

// When two findings overlap, the more specific kind wins ("Victoria Street" is an address, not a name;
// "Tudor Court Primary School" a school, not an address).
const PRIORITY: readonly PiiKind[] = [
  'email',
  'ni_number',
  'pupil_number',
  'nhs_number',
  'phone',
  'postcode',
  'date_of_birth',
  'case_ref',
  'school',
  'address',
  'place',
  'name',
  'age',
];

function settleOverlaps(all: readonly PiiFinding[]): PiiFinding[] {
  const ranked = [...all].sort(
    (a, b) => PRIORITY.indexOf(a.kind) - PRIORITY.indexOf(b.kind) || b.end - b.start - (a.end - a.start),
  );
  const kept: PiiFinding[] = [];
  for (const f of ranked) {
    if (f.end <= f.start) continue;
    if (kept.some((k) => f.start < k.end && k.start < f.end)) continue;
    kept.push(f);
  }
  return kept.sort((a, b) => a.start - b.start);
}

// A council's gazetteer is compiled once per list, not once per sentence.
const gazetteers = new WeakMap<readonly string[], RegExp | undefined>();
const gazetteerOf = (places?: readonly string[]): RegExp | undefined => {
  if (!places) return undefined;
  if (!gazetteers.has(places)) gazetteers.set(places, gazetteerMatcher(places));
  return gazetteers.get(places);
};

/**
 * Finds identifying details in free text (names and initials, case references, dates of birth, ages with
 * other details, phone numbers, emails, postcodes, addresses, schools, places, NHS, National Insurance,
 * pupil and learner numbers). The text is normalised first (NFKC, invisible characters, lookalike letters);
 * findings point into the original text, never overlap, and come in text order, ready to highlight.
 */
export function findPii(original: string, options: PiiGuardOptions = {}): PiiFinding[] {
  const n = normalise(original);
  const text = n.text;
  const specific = settleOverlaps([
    ...findEmails(text),
    ...findNiNumbers(text),
    ...findPupilNumbers(text),
    ...findNhsNumbers(text),
    ...findPhones(text),
    ...findPostcodes(text),
    ...findDates(text, options.now ? { now: options.now } : {}),
    ...findCaseRefs(text, [...defaultCaseRefPatterns, ...(options.caseRefPatterns ?? [])]),
    ...findAddresses(text),
    ...findSchools(text),
    ...findPlaces(text, gazetteerOf(options.gazetteer)),
    ...findInitials(text),
    ...findNames(text, options),
  ]);
  return settleOverlaps([...specific, ...findAges(text, specific)]).map((f) => {
    const at = toOriginal(n, original, f.start, f.end);
    return { kind: f.kind, start: at.start, end: at.end, text: original.slice(at.start, at.end) };
  });
}

/** The kinds present in a text, for summaries ("a name and a school"). */
export const piiKindsIn = (findings: readonly PiiFinding[]): PiiKind[] => [...new Set(findings.map((f) => f.kind))];
