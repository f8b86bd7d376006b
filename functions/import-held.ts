import { createHash } from 'node:crypto';
import { heldImportCard } from '../cards/import-held';
import { PROBLEMS_SHOWN, type HeldImports } from '../core/admin';
import type { ImportResult } from '../core/intake';
import type { Outbox, PersonStore } from '../core/ports';
import type { ImportMessage } from './import-message';
import type { Services } from './wiring/services-types';

type Deps = Pick<Services, 'importJobs' | 'audit' | 'clock'> & { config: Pick<Services['config'], 'COUNCIL_NAME'>; people: Pick<PersonStore, 'list'>; outbox: Outbox };

/**
 * What a hold is keyed on: the same file (its text) for the same kind, mode and window. A retried upload, or the
 * same file posted twice at once, is the same hold, and administrators get one card.
 */
export const contentKeyOf = (job: Pick<ImportMessage, 'kind' | 'mode' | 'window'>, text: string): string =>
  createHash('sha256').update(JSON.stringify([job.kind, job.mode, job.window ?? null])).update('\n').update(text).digest('base64url');

// A hold another import of the same file may join: still held, or not recorded yet (the first of two posted at once).
const joinable = (r: ImportResult | undefined): boolean => !r || r.status === 'held' || r.status === 'queued' || r.status === 'running';

/** How many times the held pointer is read again when another import changed it meanwhile. */
const SETTLE_TRIES = 5;

/**
 * After an import has run: it supersedes any older held import of its kind (whose file and plan are dropped);
 * a held import keeps its file and plan, becomes the one held for its kind, and each administrator gets a card;
 * a confirmed one, once applied, is no longer held. A held import of the same file as the one already held
 * joins it instead: nothing more is kept, nobody is told again, and the held import's id is returned. The
 * pointer is changed only if it is as it was read (its ETag), so two imports settling at once cannot both win.
 */
export async function settleHeld(job: ImportMessage, result: ImportResult, text: string, s: Deps): Promise<string | undefined> {
  const jobs = s.importJobs;
  const key = result.status === 'held' && !job.confirmed ? contentKeyOf(job, text) : undefined;
  if (key) {
    await jobs.putBody(job.id, text);
    await jobs.putPlan(job.id, result.plan ?? { created: [], updated: [], gone: [], cancelled: [] });
  }
  for (let attempt = 0; ; attempt++) {
    if (attempt === SETTLE_TRIES) throw new Error(`import ${job.id}: the ${job.kind} import held for an administrator kept changing; send the file again`);
    const current = await jobs.heldPointer(job.kind);
    if (current && current.importId !== job.id) {
      const older = await jobs.get(current.importId);
      if (key && current.contentKey === key && joinable(older)) {
        await jobs.dropHeld(job.id);
        await s.audit.append({ actorId: job.actorId, action: 'import.joined-hold', recordType: 'import', recordId: job.id, detail: { kind: job.kind, heldAs: current.importId } });
        return current.importId;
      }
      if (!older || older.submittedAt <= job.submittedAt) {
        if (older && (older.status === 'held' || older.status === 'queued')) {
          await jobs.save({ ...older, status: 'superseded', finishedAt: s.clock.now().toISOString() });
          await s.audit.append({ actorId: job.actorId, action: 'import.superseded', recordType: 'import', recordId: current.importId, detail: { kind: job.kind, by: job.id } });
        }
        await jobs.dropHeld(current.importId);
        if (!key) await jobs.releaseHeld(job.kind, current.etag);
      }
    }
    if (!key) break;
    if (await jobs.claimHeld(job.kind, job.id, key, current?.etag)) {
      await tellAdmins(result, s);
      break;
    }
  }
  if (job.confirmed) {
    await jobs.dropHeld(job.id);
    if ((await jobs.heldId(job.kind)) === job.id) await jobs.setHeld(job.kind, undefined);
  }
  return undefined;
}

/** Each administrator (from the people import) gets the held import's card, once. */
async function tellAdmins(result: ImportResult, s: Deps): Promise<void> {
  const admins = (await s.people.list()).filter((p) => p.roles.includes('admin'));
  const card = heldImportCard(result, s.config.COUNCIL_NAME);
  for (const admin of admins) {
    await s.outbox.enqueue({ dedupeKey: `import.held:${result.id}:${admin.id}`, to: { kind: 'person', personId: admin.id }, kind: 'import.held', card });
  }
  if (admins.length === 0) {
    await s.audit.append({ actorId: 'system:import', action: 'import.held-no-admin', recordType: 'import', recordId: result.id, detail: { kind: result.kind } });
  }
}

/** The admin view's handle on held imports: confirming queues exactly the held file, with the plan the admin saw. */
export function heldImports(s: Deps): HeldImports {
  const jobs = s.importJobs;
  const getHeld = async (id: string) => {
    const r = await jobs.get(id);
    return r?.status === 'held' && (await jobs.heldId(r.kind)) === id ? r : undefined;
  };
  return {
    list: async () => {
      const held = await Promise.all((await jobs.listHeld()).map((h) => getHeld(h.importId)));
      return held.filter((r): r is ImportResult => !!r).sort((a, b) => a.submittedAt.localeCompare(b.submittedAt));
    },
    getHeld,
    get: (id) => jobs.get(id),
    confirm: async (held, actorId) => {
      await jobs.save({ ...held, status: 'queued' });
      await jobs.setHeld(held.kind, held.id); // without its content key: the same file sent now is a new import, not this one being applied
      const { id, kind, mode, window, file, notes, submittedAt } = held;
      const message: ImportMessage = { id, kind, mode, window, format: file?.format ?? 'csv', file, notes, actorId, submittedAt, confirmed: true };
      await jobs.enqueue(message);
    },
    discard: async (held) => {
      await jobs.save({ ...held, status: 'discarded', finishedAt: s.clock.now().toISOString() });
      await jobs.dropHeld(held.id);
      if ((await jobs.heldId(held.kind)) === held.id) await jobs.setHeld(held.kind, undefined);
    },
    problems: () => jobs.listProblems(new Date(s.clock.now().getTime() - PROBLEMS_SHOWN.days * 86_400_000)),
    lastApplied: () => jobs.lastApplied(),
  };
}
