import { heldImportCard } from '../cards/import-held';
import type { HeldImports } from '../core/admin';
import type { ImportResult } from '../core/intake';
import type { Outbox, PersonStore } from '../core/ports';
import type { ImportMessage } from './import-message';
import type { Services } from './wiring/services-types';

type Deps = Pick<Services, 'importJobs' | 'audit' | 'clock'> & { config: Pick<Services['config'], 'COUNCIL_NAME'>; people: Pick<PersonStore, 'list'>; outbox: Outbox };

/**
 * After an import has run: it supersedes any older held import of its kind (whose file and plan are dropped);
 * a held import keeps its file and plan, becomes the one held for its kind, and each administrator gets a card;
 * a confirmed one, once applied, is no longer held.
 */
export async function settleHeld(job: ImportMessage, result: ImportResult, text: string, s: Deps): Promise<void> {
  const jobs = s.importJobs;
  const heldId = await jobs.heldId(job.kind);
  if (heldId && heldId !== job.id) {
    const older = await jobs.get(heldId);
    if (!older || older.submittedAt <= job.submittedAt) {
      if (older && (older.status === 'held' || older.status === 'queued')) {
        await jobs.save({ ...older, status: 'superseded', finishedAt: s.clock.now().toISOString() });
        await s.audit.append({ actorId: job.actorId, action: 'import.superseded', recordType: 'import', recordId: heldId, detail: { kind: job.kind, by: job.id } });
      }
      await jobs.dropHeld(heldId);
      await jobs.setHeld(job.kind, undefined);
    }
  }
  if (result.status === 'held') {
    await jobs.putBody(job.id, text);
    await jobs.putPlan(job.id, result.plan ?? { created: [], updated: [], gone: [], cancelled: [] });
    await jobs.setHeld(job.kind, job.id);
    await tellAdmins(result, s);
  }
  if (job.confirmed) {
    await jobs.dropHeld(job.id);
    if ((await jobs.heldId(job.kind)) === job.id) await jobs.setHeld(job.kind, undefined);
  }
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
      const { id, kind, mode, window, file, notes, submittedAt } = held;
      const message: ImportMessage = { id, kind, mode, window, format: file?.format ?? 'csv', file, notes, actorId, submittedAt, confirmed: true };
      await jobs.enqueue(message);
    },
    discard: async (held) => {
      await jobs.save({ ...held, status: 'discarded', finishedAt: s.clock.now().toISOString() });
      await jobs.dropHeld(held.id);
      if ((await jobs.heldId(held.kind)) === held.id) await jobs.setHeld(held.kind, undefined);
    },
  };
}
