import { matchAll, type PiiFinding } from './kinds';

/** Case references as most case systems write them; a council adds its own formats (PII_CASE_REF_PATTERNS). */
export const defaultCaseRefPatterns: readonly RegExp[] = [
  // letters then digits: CR-482913, AB123456, C0048172, LCS-00912
  /\b[A-Z]{1,4}[-/]?\d{4,10}\b/g,
  // letters / year / number: LA/2023/0457, TH/48210
  /\b[A-Z]{1,4}\/\d{2,6}(?:\/\d{1,6})?\b/g,
  // a number straight after a cue: "case number 20417788", "ref 4471203", "ref#8821934"
  /\b(?:case|ref|reference|id|file)\b(?:\s+(?:no|number|ref|reference|id))?\.?[:#]?\s*(\d{5,10})\b/gi,
  // a bare 6-10 digit number a few words after a word that says it is someone's record: "child 1234567",
  // "Mosaic ID 9087712", "the child (3349120)"; amounts ("£120,000") and decimals are not numbers of this kind
  /\b(?:child|child's|case|ref|reference|id|file|person|record|client|mosaic|lcs|liquid\s?logic|eclipse|care\s?first|number)\b(?:[^\d.!?\n]|(?<=\b(?:no|nr|num|ref))\.){0,25}?(?<![\d£$€,.])(\d{6,10})(?![\d,]|\.\d)/gi,
];

/** Parses a council's own formats (regex sources); a bad one is named, so the setting can be fixed. */
export function parseCaseRefPatterns(sources: readonly string[]): RegExp[] {
  return sources.map((source) => {
    try {
      return new RegExp(source, 'gu');
    } catch (err) {
      throw new Error(`Case-reference pattern ${JSON.stringify(source)} is not a valid regular expression: ${(err as Error).message}`);
    }
  });
}

/** References matching any pattern; a capture group, when a pattern has one, marks the reference itself. */
export function findCaseRefs(t: string, patterns: readonly RegExp[]): PiiFinding[] {
  return patterns.flatMap((re) => {
    const global = re.global ? re : new RegExp(re.source, re.flags + 'g');
    return matchAll(t, global, 'case_ref', /\((?!\?)/.test(re.source) ? 1 : 0);
  });
}
