import type { HttpResponseInit, InvocationContext } from '@azure/functions';
import { z } from 'zod';
import { DomainError, httpStatusFor } from '../core/errors';

/** A failed parse of a request: 400 with zod's flattened issues. */
export const badRequest = (message: string, error?: z.ZodError): HttpResponseInit => ({
  status: 400,
  jsonBody: { error: message, ...(error ? { issues: z.flattenError(error) } : {}) },
});

/** The one place a thrown error becomes an HTTP answer: DomainError by its code, anything else 500 (logged). */
export function errorResponse(err: unknown, context: InvocationContext): HttpResponseInit {
  if (err instanceof DomainError) {
    return { status: httpStatusFor[err.code], jsonBody: { error: err.message, code: err.code, details: err.details } };
  }
  context.error(`${context.functionName}: failed (invocation ${context.invocationId})`, err);
  return { status: 500, jsonBody: { error: 'Something went wrong; it has been logged.', invocationId: context.invocationId } };
}
