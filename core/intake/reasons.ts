import type { z } from 'zod';

const FORMAT_HINTS: Record<string, string> = {
  uuid: 'must be an Entra object id (a GUID such as 11111111-2222-4333-8444-555555555555)',
  datetime: 'must be a date and time, e.g. 2026-12-01T10:00:00Z, 2026-12-01 10:00 or 01/12/2026 10:00 (London time)',
  date: 'must be a date, e.g. 2026-12-01 or 01/12/2026',
  regex: 'is not in the expected format',
};

/** A zod issue in words an admin fixing a spreadsheet would use. */
export function plainReason(issue: z.core.$ZodIssue, value: unknown): string {
  if (issue.code === 'custom') return issue.message;
  if (value === undefined && issue.path.length <= 1) return 'is required';
  switch (issue.code) {
    case 'invalid_type':
      if (issue.expected === 'boolean') return 'must be true or false (yes/no and 1/0 also work)';
      if (issue.expected === 'array') return 'must be a list separated by semicolons';
      return `must be ${issue.expected}`;
    case 'invalid_value':
      return `must be one of: ${issue.values.map(String).join(', ')}`;
    case 'invalid_format':
      if (issue.format === 'regex') return issue.message.startsWith('Invalid') ? FORMAT_HINTS.regex! : issue.message;
      return FORMAT_HINTS[issue.format] ?? `is not a valid ${issue.format}`;
    case 'too_small':
      return issue.origin === 'array' ? 'must have at least one value' : `must be at least ${String(issue.minimum)} characters`;
    case 'too_big':
      return issue.origin === 'array' ? `must have at most ${String(issue.maximum)} values` : `must be at most ${String(issue.maximum)} characters`;
    default:
      return issue.message;
  }
}
