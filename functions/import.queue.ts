import { app, type InvocationContext } from '@azure/functions';
import { IMPORT_QUEUE } from '../adapters/tables/queue-names';
import { pendingResult } from '../core/intake';
import { loadServices } from './lazy';
import type { Services } from './wiring/services';

/** After this many deliveries the runtime moves a message to the poison queue: record the failure first. */
const MAX_DEQUEUE = 5;

/** The import worker: runs a large import accepted by POST /api/import/{kind} with 202. */
export async function importWorker(message: unknown, context: InvocationContext, given?: Services): Promise<void> {
  const services = given ?? (await loadServices());
  // The import rules load with the first message, not when the app starts (lazy.ts).
  const { executeImport, ImportMessageSchema, logImport, recordFailed } = await import('./import-run');
  const raw = typeof message === 'string' ? safeJson(message) : message;
  const parsed = ImportMessageSchema.safeParse(raw);
  if (!parsed.success) {
    // A bad message is logged and completed, never retried.
    context.error(`importWorker: unreadable message (invocation ${context.invocationId})`, parsed.error.issues);
    return;
  }
  const job = parsed.data;
  const current = await services.importJobs.get(job.id);
  // A redelivery of finished work; a held import waits for an administrator, a superseded or discarded one for nothing.
  const finished = ['done', 'rejected', 'superseded', 'discarded', ...(job.confirmed ? [] : ['held'])];
  if (current && finished.includes(current.status)) return;
  const text = job.body ?? (await services.importJobs.getBody(job.id));
  if (text === undefined) {
    await recordFailed(services, pendingResult(job, 'failed', 'The uploaded file was not found; send it again.'), true);
    return;
  }
  await services.importJobs.save(pendingResult(job, 'running'));
  try {
    const result = await executeImport(job, text, services);
    logImport(context, 'importWorker', result);
    if (!job.body && result.status !== 'held') await services.importJobs.deleteBody(job.id); // a held file is kept until it is resolved
  } catch (err) {
    const attempt = Number(context.triggerMetadata?.dequeueCount ?? 1);
    context.error(`importWorker ${job.id}: attempt ${attempt} failed (invocation ${context.invocationId})`, err);
    // Imports are idempotent, so the runtime's retry repeats the run safely; the last attempt records why it failed.
    if (attempt >= MAX_DEQUEUE) await recordFailed(services, pendingResult(job, 'failed', (err as Error).message));
    throw err;
  }
}

const safeJson = (s: string): unknown => {
  try {
    return JSON.parse(s);
  } catch {
    return s; // not JSON: the schema check names it
  }
};

app.storageQueue('importWorker', { queueName: IMPORT_QUEUE, connection: 'STORAGE_CONNECTION', handler: (m, c) => importWorker(m, c) });
