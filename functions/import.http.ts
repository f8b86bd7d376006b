import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import { z } from 'zod';
import { randomId } from '../core/clock';
import { ImportModeSchema, pendingResult, type ImportKind } from '../core/intake';
import { requireAllowed } from '../core/roles';
import { callerRefused, identifyCaller } from './caller';
import { badRequest, errorResponse } from './http-errors';
import { formatOf } from './import-body';
import type { ImportMessage } from './import-run';
import { loadServices } from './lazy';
import type { Services } from './services';

/** Above either limit a file is processed in the background (an HTTP function must answer within 230 s). */
export const BACKGROUND_OVER = { rows: 2_000, bytes: 1_000_000 };
/** A queue message is at most 64 KB after base64: bodies above this go to a table in chunks. */
const INLINE_BYTES = 40_000;

// A meetings snapshot is the truth for a window of dates; a children, people or teams snapshot is the whole list.
const querySchema = (kind: ImportKind) =>
  z
    .object({
      mode: ImportModeSchema.default('strict'),
      from: z.iso.date().optional(),
      to: z.iso.date().optional(),
    })
    .refine((q) => kind !== 'meetings' || q.mode !== 'snapshot' || (q.from && q.to && q.from <= q.to), {
      message: 'snapshot mode needs from=YYYY-MM-DD and to=YYYY-MM-DD, with from on or before to',
      path: ['from'],
    });

/**
 * Who is importing: an administrator signed in with Entra ID, or (a function key and no person) the case
 * system's nightly import named by IMPORT_CALLER. The audit trail names either.
 */
async function importActor(req: HttpRequest, context: InvocationContext, services: Services): Promise<{ actorId: string } | { refused: HttpResponseInit }> {
  const r = await identifyCaller(req, services, { importService: true });
  if (!r.ok) return { refused: await callerRefused(r, context, services.audit) };
  if (r.caller.kind === 'import-service') return { actorId: r.caller.actorId };
  await requireAllowed(r.caller.person, 'import.run', {}, { audit: services.audit });
  return { actorId: r.caller.person.id };
}

/** POST /api/import/{kind}: a JSON array or a CSV with a header row; see docs/import.md. */
export const importHandler =
  (kind: ImportKind) =>
  async (req: HttpRequest, context: InvocationContext, given?: Services): Promise<HttpResponseInit> => {
    try {
      const services = given ?? (await loadServices());
      const actor = await importActor(req, context, services);
      if ('refused' in actor) return actor.refused;
      // The CSV parser and the import rules load with the first import, not when the app starts (lazy.ts).
      const [{ decodeBody }, { executeImport }] = await Promise.all([import('./import-body'), import('./import-run')]);
      const query = querySchema(kind).safeParse(Object.fromEntries(req.query));
      if (!query.success) return badRequest('The query string is not valid.', query.error);
      const text = await req.text();
      if (!text.trim()) return badRequest('The request body is empty: send a CSV with a header row or a JSON array.');
      const format = formatOf(req.headers.get('content-type'), text);
      if (!format) return { status: 415, jsonBody: { error: 'Send Content-Type text/csv or application/json.' } };

      const { from, to, mode } = query.data;
      const job: ImportMessage = {
        id: randomId(),
        kind,
        mode,
        window: from && to && mode === 'snapshot' && kind === 'meetings' ? { from, to } : undefined,
        format,
        actorId: actor.actorId,
        submittedAt: services.clock.now().toISOString(),
      };
      const bytes = Buffer.byteLength(text, 'utf8');
      if (bytes > BACKGROUND_OVER.bytes || decodeBody(format, text).rows.length > BACKGROUND_OVER.rows) {
        return await queueImport(job, text, bytes, services);
      }
      const result = await executeImport(job, text, services);
      context.log(`import ${kind} ${job.id}: ${result.status}, ${result.created} created, ${result.updated} updated`);
      return { status: result.status === 'rejected' ? 422 : 200, jsonBody: result };
    } catch (err) {
      return errorResponse(err, context);
    }
  };

async function queueImport(job: ImportMessage, text: string, bytes: number, services: Services): Promise<HttpResponseInit> {
  await services.importJobs.save(pendingResult(job));
  if (bytes <= INLINE_BYTES) await services.importJobs.enqueue({ ...job, body: text });
  else {
    await services.importJobs.putBody(job.id, text);
    await services.importJobs.enqueue(job);
  }
  const statusUrl = `/api/import/status/${job.id}`;
  return { status: 202, headers: { Location: statusUrl }, jsonBody: { id: job.id, status: 'queued', statusUrl } };
}

/** GET /api/import/status/{id}: the result of an import, or where a background one has got to. */
export async function importStatus(
  req: HttpRequest,
  context: InvocationContext,
  given?: Services,
): Promise<HttpResponseInit> {
  try {
    const services = given ?? (await loadServices());
    const actor = await importActor(req, context, services);
    if ('refused' in actor) return actor.refused;
    const result = await services.importJobs.get(req.params.id ?? '');
    return result ? { status: 200, jsonBody: result } : { status: 404, jsonBody: { error: 'No import with that id.' } };
  } catch (err) {
    return errorResponse(err, context);
  }
}

export const importChildren = importHandler('children');
export const importPeople = importHandler('people');
export const importMeetings = importHandler('meetings');
export const importTeams = importHandler('teams');

const post = { methods: ['POST' as const], authLevel: 'function' as const };
app.http('importChildren', { ...post, route: 'import/children', handler: (r, c) => importChildren(r, c) });
app.http('importPeople', { ...post, route: 'import/people', handler: (r, c) => importPeople(r, c) });
app.http('importMeetings', { ...post, route: 'import/meetings', handler: (r, c) => importMeetings(r, c) });
app.http('importTeams', { ...post, route: 'import/teams', handler: (r, c) => importTeams(r, c) });
app.http('importStatus', { methods: ['GET'], authLevel: 'function', route: 'import/status/{id}', handler: (r, c) => importStatus(r, c) });
