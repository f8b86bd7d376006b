import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import { z } from 'zod';
import { refusedImport } from '../core/admin';
import { randomId } from '../core/clock';
import { ImportModeSchema, pendingResult, type ImportKind, type ImportResult, type RowAt } from '../core/intake';
import { requireAllowed } from '../core/roles';
import { callerRefused, identifyCaller } from './caller';
import { badRequest, errorResponse } from './http-errors';
import { formatOf } from './import-body';
import { decodeBytes, encodingNote } from './import-encoding';
import { checkLineLengths, megabytes, readLimited } from './import-limits';
import type { ImportMessage } from './import-run';
import { loadServices } from './lazy';
import type { Services } from './wiring/services';

/** Above either limit a file is processed in the background (an HTTP function must answer within 230 s). */
export const BACKGROUND_OVER = { rows: 2_000, bytes: 1_000_000 };
/** A queue message is at most 64 KB after base64: bodies above this go to a table in chunks. */
const INLINE_BYTES = 40_000;

// `mode` may add `dry-run` to any mode: `?mode=dry-run`, `?mode=snapshot,dry-run` or `?mode=snapshot&mode=dry-run`.
// The mode besides dry-run; two (snapshot,partial) are left as a list, which the schema then refuses.
const oneMode = (v: unknown): unknown => {
  if (!Array.isArray(v)) return v;
  const modes = v.filter((m) => m !== 'dry-run');
  return modes.length > 1 ? modes : modes[0];
};

// A meetings snapshot is the truth for a window of dates; a children, people or teams snapshot is the whole list.
const querySchema = (kind: ImportKind) =>
  z
    .object({
      mode: z.preprocess(oneMode, ImportModeSchema.default('strict')),
      dryRun: z.boolean(),
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

const queryOf = (req: HttpRequest) => {
  const modes = req.query.getAll('mode').flatMap((m) => m.split(',')).map((m) => m.trim()).filter(Boolean);
  return { ...Object.fromEntries(req.query), mode: modes, dryRun: modes.includes('dry-run') };
};

/** POST /api/import/{kind}: a JSON array or a CSV with a header row; see docs/import.md. */
export const importHandler =
  (kind: ImportKind) =>
  async (req: HttpRequest, context: InvocationContext, given?: Services): Promise<HttpResponseInit> => {
    try {
      const services = given ?? (await loadServices());
      const actor = await importActor(req, context, services);
      if ('refused' in actor) return actor.refused;
      const id = randomId();
      const res = await receive(kind, { id, actorId: actor.actorId }, req, context, services).catch((err: unknown) => errorResponse(err, context));
      if (REFUSED.includes(res.status ?? 200)) await recordRefusal(kind, { id, actorId: actor.actorId }, res, context, services);
      return res;
    } catch (err) {
      return errorResponse(err, context);
    }
  };

/** Answers that refuse the file before its rows are read (unreadable, too large, a bad query string). */
const REFUSED = [400, 413, 415];

/**
 * A nightly file refused whole stops every update it carried (new meetings are not nudged about), so the refusal
 * is logged as a warning (what an alert rule watches) and audited like any import, and the answer names its id.
 */
async function recordRefusal(kind: ImportKind, job: { id: string; actorId: string }, res: HttpResponseInit, context: InvocationContext, services: Services): Promise<void> {
  const body = res.jsonBody as RefusalBody;
  const reason = body.error ?? `HTTP ${res.status}`;
  const http = res.status ?? 400;
  context.warn(`import ${kind} ${job.id} refused (${http}) from ${job.actorId}: ${reason}`);
  await services.audit.append({ actorId: job.actorId, action: `import.${kind}`, recordType: 'import', recordId: job.id, detail: { status: 'refused', http, reason } });
  // The admin card lists it too (core/admin/import-problems.ts takes any value of the file out of the words).
  const at = { line: body.line ?? body.details?.line, row: body.row };
  await services.importJobs.noteProblem(refusedImport({ id: job.id, kind, at: services.clock.now().toISOString(), http, reason: withQueryIssues(reason, body), ...at }));
  res.jsonBody = { id: job.id, ...body };
}

type RefusalBody = { error?: string; line?: number; row?: number; details?: { line?: number }; issues?: { fieldErrors?: Record<string, string[] | undefined> } } & Record<string, unknown>;

/** A bad query string named by its parameter on the card ("mode: Invalid option ..."), as the answer's issues do. */
const withQueryIssues = (reason: string, body: RefusalBody): string => {
  const named = Object.entries(body.issues?.fieldErrors ?? {}).map(([field, messages]) => `${field}: ${(messages ?? []).join('; ')}`);
  return named.length ? `${reason} ${named.join('. ')}` : reason;
};

/** Reads, checks and runs (or queues) one import file. */
async function receive(kind: ImportKind, who: { id: string; actorId: string }, req: HttpRequest, context: InvocationContext, services: Services): Promise<HttpResponseInit> {
  // The CSV parser and the import rules load with the first import, not when the app starts (lazy.ts).
  const [{ decodeBody }, { executeImport, logImport }] = await Promise.all([import('./import-body'), import('./import-run')]);
  const query = querySchema(kind).safeParse(queryOf(req));
  if (!query.success) return badRequest('The query string is not valid.', query.error);
  const { IMPORT_MAX_BYTES: maxBytes, IMPORT_MAX_ROWS: maxRows } = services.config;
  const bytes = await readLimited(req, maxBytes);
  if (!bytes) return tooLarge(maxBytes);
  const decoded = decodeBytes(bytes, req.headers.get('content-type'));
  const text = decoded.text;
  if (!text.trim()) return badRequest('The request body is empty: send a CSV with a header row or a JSON array.');
  const format = formatOf(req.headers.get('content-type'), text);
  if (!format) return { status: 415, jsonBody: { error: 'Send Content-Type text/csv or application/json.' } };
  if (format === 'csv') checkLineLengths(text);
  const { rows } = decodeBody(format, text);
  if (rows.length > maxRows) return tooManyRows(rows[maxRows]!.at, maxRows);

  const { from, to, mode, dryRun } = query.data;
  const note = encodingNote(decoded);
  const job: ImportMessage = {
    id: who.id,
    kind,
    mode,
    ...(dryRun ? { dryRun } : {}),
    window: from && to && mode === 'snapshot' && kind === 'meetings' ? { from, to } : undefined,
    format,
    file: { format, bytes: bytes.byteLength, encoding: decoded.encoding },
    ...(note ? { notes: [note] } : {}),
    actorId: who.actorId,
    submittedAt: services.clock.now().toISOString(),
  };
  if (bytes.byteLength > BACKGROUND_OVER.bytes || rows.length > BACKGROUND_OVER.rows) {
    return await queueImport(job, text, Buffer.byteLength(text, 'utf8'), services);
  }
  const result = await executeImport(job, text, services);
  logImport(context, 'import', result);
  return { status: statusFor(result), jsonBody: result };
}

// A dry run always answers 200: its `status` says what the import would do.
const statusFor = (r: ImportResult): number => (r.dryRun ? 200 : r.status === 'rejected' ? 422 : r.status === 'held' ? 409 : 200);

const tooLarge = (limit: number): HttpResponseInit => ({
  status: 413,
  jsonBody: { error: `The file is larger than the import's limit of ${megabytes(limit)} (IMPORT_MAX_BYTES), so it was not read in and nothing was imported. Split it, or ask for the limit to be raised.`, limitBytes: limit },
});

const tooManyRows = (at: RowAt, limit: number): HttpResponseInit => ({
  status: 400,
  jsonBody: { error: `The file has more than ${limit.toLocaleString('en-GB')} rows (IMPORT_MAX_ROWS): ${'line' in at ? `line ${at.line}` : `row ${at.row}`} is over the limit, so nothing was imported.`, ...at, limitRows: limit },
});

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
    const asked = await services.importJobs.get(req.params.id ?? '');
    // An import that joined an identical held one answers with that hold, as its POST did.
    const result = asked?.heldAs ? ((await services.importJobs.get(asked.heldAs)) ?? asked) : asked;
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
