import { DomainError } from '../errors';
import type { ImportResult } from '../intake';
import type { ImportProblem } from './import-problems';
import type { LastApplied } from './last-imports';
import type { Person } from '../model/person';
import type { AuditLog } from '../ports';
import { requireAllowed } from '../roles/authorise';

/** Imports held by the accidental-delete threshold, as the admin view sees and resolves them. */
export interface HeldImports {
  /** Every import waiting for an administrator, oldest first. */
  list(): Promise<ImportResult[]>;
  /** The import, if it is still the one held for its kind (a newer one of the same kind supersedes it). */
  getHeld(id: string): Promise<ImportResult | undefined>;
  /** The import's status, whatever it is (to say why it can no longer be confirmed). */
  get(id: string): Promise<ImportResult | undefined>;
  /** Applies exactly the held import: its file, and only the records it showed would go. */
  confirm(held: ImportResult, actorId: string): Promise<void>;
  discard(held: ImportResult, actorId: string): Promise<void>;
  /** Files refused or rejected whole in the last PROBLEMS_SHOWN.days, newest first (nothing from them was written). */
  problems(): Promise<ImportProblem[]>;
  /** The last import of each kind that was applied (done, not a dry run). */
  lastApplied(): Promise<LastApplied[]>;
}

export interface HeldImportDeps {
  imports: HeldImports;
  audit: AuditLog;
}

const gone = (r: ImportResult): string =>
  r.cancelled > 0 && r.kind === 'meetings' ? `${r.cancelled} meetings cancelled` : `${r.gone} ${r.kind} marked gone`;

const noLonger = (r: ImportResult | undefined): string => {
  if (r?.status === 'superseded') return `A newer ${r.kind} import replaced that one, so it can no longer be confirmed: nothing was applied.`;
  if (r?.status === 'discarded') return 'That import was already discarded: nothing was applied.';
  if (r) return 'That import was already confirmed.';
  return 'That import is not on file any more (import results are kept 90 days).';
};

/** Confirm or discard a held import; only administrators, and audited either way. */
export async function resolveHeldImport(deps: HeldImportDeps, actor: Pick<Person, 'id' | 'roles'> | undefined, input: { id: string; how: 'confirm' | 'discard' }): Promise<string> {
  await requireAllowed(actor, 'admin.import', { label: input.id, recordType: 'import' }, { audit: deps.audit });
  const held = await deps.imports.getHeld(input.id);
  if (!held) throw new DomainError('CONFLICT', noLonger(await deps.imports.get(input.id)));
  const detail = { kind: held.kind, mode: held.mode, received: held.received, gone: held.gone, cancelled: held.cancelled, submittedAt: held.submittedAt };
  if (input.how === 'confirm') {
    await deps.imports.confirm(held, actor!.id);
    await deps.audit.append({ actorId: actor!.id, action: 'import.confirmed', recordType: 'import', recordId: held.id, detail });
    return `Confirmed: the ${held.kind} import is being applied now (${gone(held)}). Its result: GET /api/import/status/${held.id}.`;
  }
  await deps.imports.discard(held, actor!.id);
  await deps.audit.append({ actorId: actor!.id, action: 'import.discarded', recordType: 'import', recordId: held.id, detail });
  return `Discarded: nothing from that ${held.kind} import was written. The next good file will be imported as usual.`;
}
