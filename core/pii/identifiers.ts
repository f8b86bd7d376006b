import { matchAll, type PiiFinding } from './kinds';

// National Insurance number: two letters (not D, F, I, U, V; the second not O), six digits, A-D; spaces
// allowed in the usual pairs, any case. QQ, the example prefix on forms, is caught too.
const NI_NUMBER = /(?<![\p{L}\d])[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D](?![\p{L}\d])/giu;
const NOT_NI_PREFIX = /^(?:BG|GB|NK|KN|TN|NT|ZZ)/i;
export const findNiNumbers = (t: string): PiiFinding[] =>
  matchAll(t, NI_NUMBER, 'ni_number').filter((f) => !NOT_NI_PREFIX.test(f.text));

// Unique pupil number: a letter and 12 characters, the last a digit or (temporary UPNs) a letter.
const UPN = /(?<![\p{L}\d])[A-Z]\d{11}[0-9A-Z](?![\p{L}\d])/giu;
// Unique learner number: ten digits, only said as one when named (ten digits alone may be anything).
const ULN = /\b(?:ULN|(?:unique\s+)?learner\s+(?:no\.?|number|ref(?:erence)?))\b[^\d.]{0,12}(\d{10})(?!\d)/gi;
// A UPN named as one, in the spaced form some systems print ("UPN: K801 2000 0100 3").
const NAMED_UPN = /\b(?:UPN|(?:unique\s+)?pupil\s+(?:no\.?|number|ref(?:erence)?))\b[^\p{L}\d]{0,6}([A-Z](?:\s?\d){11}\s?[0-9A-Z])(?![\p{L}\d])/giu;

/** Unique pupil numbers (school) and unique learner numbers (college). */
export const findPupilNumbers = (t: string): PiiFinding[] => [
  ...matchAll(t, UPN, 'pupil_number'),
  ...matchAll(t, NAMED_UPN, 'pupil_number', 1),
  ...matchAll(t, ULN, 'pupil_number', 1),
];
