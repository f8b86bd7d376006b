import type { z } from 'zod';
import type { FieldErrors } from '../errors';

/** zod issues as one plain-English message per top-level field (the first problem wins). */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form');
    out[field] ??= issue.message;
  }
  return out;
}
