import { findAges } from './age';
import type { PiiFinding, PiiKind } from './kinds';
import { findNames } from './names';
import {
  defaultCaseRefPatterns,
  findAddresses,
  findCaseRefs,
  findDates,
  findEmails,
  findNhsNumbers,
  findPhones,
  findPostcodes,
  findSchools,
} from './patterns';

/** What a council can tune: its case-reference formats, extra names, and words that are never names. */
export interface PiiGuardOptions {
  /** Replaces the default case-reference patterns (regexes; a capture group marks the reference itself). */
  caseRefPatterns?: readonly RegExp[];
  extraFirstNames?: readonly string[];
  /** E.g. the council's promise titles, team names. */
  notNames?: readonly string[];
}

// When two findings overlap, the more specific kind wins ("Victoria Street" is an address, not a name).
const PRIORITY: readonly PiiKind[] = [
  'email',
  'nhs_number',
  'phone',
  'postcode',
  'date_of_birth',
  'case_ref',
  'address',
  'school',
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

/**
 * Finds identifying details in free text (names, case references, dates of birth, ages with other
 * details, phone numbers, emails, postcodes, street addresses, schools, NHS numbers).
 * Findings never overlap and come in text order, ready to highlight.
 */
export function findPii(text: string, options: PiiGuardOptions = {}): PiiFinding[] {
  const specific = settleOverlaps([
    ...findEmails(text),
    ...findNhsNumbers(text),
    ...findPhones(text),
    ...findPostcodes(text),
    ...findDates(text),
    ...findCaseRefs(text, options.caseRefPatterns ?? defaultCaseRefPatterns),
    ...findAddresses(text),
    ...findSchools(text),
    ...findNames(text, options),
  ]);
  return settleOverlaps([...specific, ...findAges(text, specific)]);
}

/** The kinds present in a text, for summaries ("a name and a school"). */
export const piiKindsIn = (findings: readonly PiiFinding[]): PiiKind[] => [...new Set(findings.map((f) => f.kind))];
