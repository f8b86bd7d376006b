import type { HttpResponseInit, InvocationContext } from '@azure/functions';
import { z } from 'zod';
import { DomainError, httpStatusFor } from '../core/errors';

/** A CSV download, never cached. */
export const csvResponse = (csv: string, filename: string): HttpResponseInit => ({
  status: 200,
  headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${filename}"`, 'cache-control': 'no-store' },
  body: csv,
});

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
