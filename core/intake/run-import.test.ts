import type { AuditEntry } from '../model/audit';
import type { Child } from '../model/child';
import type { Meeting } from '../model/meeting';
import type { Person } from '../model/person';
import type { Team } from '../model/team';
import { runImport, type IntakeDeps, type UpsertStore } from './run-import';
import type { SourceRow } from './rows';

/** An in-memory store that can be told to fail after writing some records (a storage outage mid-run). */
class MemoryStore<T extends object> implements UpsertStore<T> {
  readonly data = new Map<string, T>();
  writes = 0;
  failAfter = Infinity;
  constructor(private readonly idOf: (v: T) => string) {}
  async getMany(ids: readonly string[]) {
    return new Map(ids.filter((id) => this.data.has(id)).map((id) => [id, this.data.get(id)!]));
  }
  async upsertMany(values: readonly T[]) {
    for (const v of values) {
      if (this.writes >= this.failAfter) throw new Error('storage timed out');
      this.writes++;
      this.data.set(this.idOf(v), v);
    }
  }
}

function deps() {
  const meetings = Object.assign(new MemoryStore<Meeting>((m) => m.id), {
    async listStartingBetween(from: Date, to: Date) {
      return [...meetings.data.values()].filter((m) => Date.parse(m.start) >= +from && Date.parse(m.start) < +to);
    },
  });
  const audit: AuditEntry[] = [];
  const d: IntakeDeps = {
    children: new MemoryStore<Child>((c) => c.ref),
    people: new MemoryStore<Person>((p) => p.id),
    teams: new MemoryStore<Team>((t) => t.id),
    meetings,
    audit: {
      append: async (e) => void audit.push({ ...e, id: String(audit.length), at: e.at ?? '2026-11-23T00:00:00Z', detail: e.detail ?? {} }),
      listForRecord: async () => audit,
    },
    now: () => new Date('2026-11-23T02:00:00Z'),
  };
  return { d, meetings, audit };
}

const columns = ['id', 'child_ref', 'type', 'start'];
const rows: SourceRow[] = Array.from({ length: 10 }, (_, i) => ({
  at: { line: i + 2 },
  values: { id: `M${i}`, child_ref: 'GT-1', type: 'ICPC', start: `2026-12-${String(i + 1).padStart(2, '0')}T10:00:00Z` },
}));
const request = { id: 'imp-1', kind: 'meetings' as const, mode: 'strict' as const, rows, columns, format: 'csv' as const, actorId: 'system:import' };

describe('running an import', () => {
  it('a run that fails half-way is finished by running the same file again', async () => {
    const { d, meetings } = deps();
    meetings.failAfter = 4;
    await expect(runImport(request, d)).rejects.toThrow('storage timed out');
    expect(meetings.data.size).toBe(4);

    meetings.failAfter = Infinity;
    const again = await runImport(request, d);
    expect(again).toMatchObject({ status: 'done', created: 6, unchanged: 4 });
    expect(meetings.data.size).toBe(10);
    expect((await runImport(request, d)).unchanged).toBe(10);
  });

  it('is audited once per run, with its counts', async () => {
    const { d, audit } = deps();
    await runImport(request, d);
    expect(audit).toEqual([
      expect.objectContaining({ action: 'import.meetings', recordType: 'import', recordId: 'imp-1', detail: expect.objectContaining({ created: 10 }) }),
    ]);
  });

  it('only a snapshot cancels, and only what the file leaves out inside its window', async () => {
    const { d, meetings } = deps();
    await runImport(request, d);
    const snapshotRows = rows.slice(0, 2).concat({ at: { line: 4 }, values: { id: 'M2', child_ref: 'GT-1', type: 'ICPC', start: 'soon' } });
    const res = await runImport({ ...request, mode: 'partial', rows: snapshotRows }, d);
    expect(res.cancelled).toBe(0); // partial mode never cancels: only snapshot does
    const snap = await runImport({ ...request, id: 'imp-2', mode: 'snapshot', rows: rows.slice(0, 3), window: { from: '2026-12-01', to: '2026-12-05' } }, d);
    expect(snap.cancelled).toBe(2); // M3 and M4; M5.. are outside the window
    expect([...meetings.data.values()].filter((m) => m.status === 'cancelled').map((m) => m.id)).toEqual(['M3', 'M4']);
  });
});
