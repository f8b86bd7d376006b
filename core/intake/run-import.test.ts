import fc from 'fast-check';
import type { AuditEntry } from '../model/audit';
import type { Child } from '../model/child';
import type { Meeting } from '../model/meeting';
import type { Person } from '../model/person';
import type { Team } from '../model/team';
import { goneSince, runImport, type IntakeDeps, type SnapshotStore } from './run-import';
import type { SourceRow } from './rows';

/** An in-memory store that can be told to fail after writing some records (a storage outage mid-run). */
class MemoryStore<T extends object> implements SnapshotStore<T> {
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
  async list() {
    return [...this.data.values()].filter((v) => !('goneOn' in v && v.goneOn)); // as the table stores: gone ones are not listed
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

  const childRow = (line: number, ref: string) => ({
    at: { line },
    values: { ref, worker_id: '11111111-1111-4111-8111-111111111111', team_id: 'north', birth_month: '2015-04', legal_status: 'CP' },
  });
  const childColumns = ['ref', 'worker_id', 'team_id', 'birth_month', 'legal_status'];
  const children = (mode: 'strict' | 'snapshot', refs: string[], id = 'imp-c') =>
    ({ id, kind: 'children' as const, mode, rows: refs.map((r, i) => childRow(i + 2, r)), columns: childColumns, format: 'csv' as const, actorId: 'system:import' });

  it('a children snapshot marks the children it leaves out as gone, with the date, once; listing one again brings them back', async () => {
    const { d, audit } = deps();
    const store = d.children as MemoryStore<Child>;
    await runImport(children('strict', ['GT-1', 'GT-2', 'GT-3']), d);

    const snap = await runImport(children('snapshot', ['GT-1'], 'snap-1'), d);
    expect(snap).toMatchObject({ status: 'done', gone: 2, unchanged: 1 });
    expect(store.data.get('GT-2')?.goneOn).toBe('2026-11-23');
    expect(store.data.get('GT-1')?.goneOn).toBeUndefined();
    expect(audit.filter((e) => e.action === 'child.gone_by_snapshot').map((e) => e.recordId)).toEqual(['GT-2', 'GT-3']);

    // The next night: still gone, still from the first date (retention counts from it).
    d.now = () => new Date('2026-11-24T02:00:00Z');
    expect((await runImport(children('snapshot', ['GT-1'], 'snap-2'), d)).gone).toBe(0);
    expect(store.data.get('GT-2')?.goneOn).toBe('2026-11-23');

    // Re-referred: any import listing the child writes them without the mark.
    const back = await runImport(children('strict', ['GT-2'], 'imp-back'), d);
    expect(back.updated).toBe(1);
    expect(store.data.get('GT-2')?.goneOn).toBeUndefined();
  });

  it('a snapshot with no rows, or with a rejected row, marks nobody gone', async () => {
    const { d } = deps();
    const store = d.children as MemoryStore<Child>;
    await runImport(children('strict', ['GT-1', 'GT-2']), d);
    const empty = await runImport(children('snapshot', []), d);
    expect(empty).toMatchObject({ status: 'rejected', gone: 0, rejected: [{ line: 1, column: 'ref', reason: expect.stringContaining('no rows') }] });
    const bad = children('snapshot', ['GT-1']);
    bad.rows[0]!.values.legal_status = 'NOPE';
    expect(await runImport(bad, d)).toMatchObject({ status: 'rejected', gone: 0 });
    expect([...store.data.values()].filter((c) => c.goneOn)).toEqual([]);
  });

  it('a snapshot that would mark more than the threshold gone writes nothing, and a confirmation marks only the records shown', async () => {
    const { d, audit } = deps();
    d.deleteThreshold = { percent: 5, records: 2 };
    const store = d.children as MemoryStore<Child>;
    await runImport(children('strict', ['GT-1', 'GT-2', 'GT-3', 'GT-4']), d);
    const writes = store.writes;
    const held = await runImport(children('snapshot', ['GT-1'], 'held-1'), d);
    expect(held).toMatchObject({ status: 'held', gone: 3, hold: { onFile: 4, limit: 2, wouldMarkGone: 3 }, plan: { gone: ['GT-2', 'GT-3', 'GT-4'] } });
    expect(store.writes).toBe(writes);
    expect(audit.at(-1)).toMatchObject({ action: 'import.children', detail: { status: 'held', gone: 3 } });

    const dry = await runImport({ ...children('snapshot', ['GT-1'], 'dry-1'), dryRun: true }, d);
    expect(dry).toMatchObject({ dryRun: true, status: 'held', plan: { gone: ['GT-2', 'GT-3', 'GT-4'] } });
    expect(store.writes).toBe(writes);

    const done = await runImport({ ...children('snapshot', ['GT-1'], 'held-1'), confirmed: { gone: ['GT-2', 'GT-3'], cancelled: [] } }, d);
    expect(done).toMatchObject({ status: 'done', gone: 2 });
    expect([...store.data.values()].filter((c) => c.goneOn).map((c) => c.ref)).toEqual(['GT-2', 'GT-3']);
  });

  it('a partial or strict import never marks anyone gone: only a snapshot says the file is the whole list', async () => {
    const { d } = deps();
    await runImport(children('strict', ['GT-1', 'GT-2']), d);
    expect((await runImport(children('strict', ['GT-1'], 'again'), d)).gone).toBe(0);
    expect([...(d.children as MemoryStore<Child>).data.values()].filter((c) => c.goneOn)).toEqual([]);
  });

  it('goneSince: never marks a listed record, never moves the date of one already gone', () => {
    const ids = fc.constantFrom('a', 'b', 'c', 'd', 'e');
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ id: ids, goneOn: fc.option(fc.constantFrom('2025-01-01', '2026-06-01'), { nil: undefined }) }), { selector: (r) => r.id }),
        fc.uniqueArray(ids),
        (onFile, listedIds) => {
          const listed = new Set(listedIds);
          const gone = goneSince(onFile, listed, (r) => r.id, '2026-11-23');
          for (const g of gone) {
            expect(listed.has(g.id)).toBe(false);
            expect(onFile.find((r) => r.id === g.id)?.goneOn).toBeUndefined(); // only newly gone ones are written
            expect(g.goneOn).toBe('2026-11-23');
          }
          // Every record on file and missing from the file is gone now, one way or the other.
          const missing = onFile.filter((r) => !listed.has(r.id));
          expect(missing.every((r) => r.goneOn || gone.some((g) => g.id === r.id))).toBe(true);
        },
      ),
    );
  });

  it('over any run of nightly imports, a child in the latest file is never gone, and a gone child counts from the first snapshot that left them out', async () => {
    const refs = ['GT-1', 'GT-2', 'GT-3', 'GT-4'];
    const night = fc.record({ mode: fc.constantFrom('strict' as const, 'snapshot' as const), listed: fc.subarray(refs, { minLength: 1 }) });
    await fc.assert(
      fc.asyncProperty(fc.array(night, { minLength: 1, maxLength: 8 }), async (nights) => {
        const { d } = deps();
        const store = d.children as MemoryStore<Child>;
        const expected = new Map<string, string | undefined>(); // ref -> the date it went, as the rule says
        for (const [i, n] of nights.entries()) {
          const on = `2026-01-${String(i + 1).padStart(2, '0')}`;
          d.now = () => new Date(`${on}T02:00:00Z`);
          await runImport(children(n.mode, n.listed, `imp-${i}`), d);
          for (const ref of n.listed) expected.set(ref, undefined);
          if (n.mode === 'snapshot') for (const [ref, gone] of expected) if (!n.listed.includes(ref) && !gone) expected.set(ref, on);
          for (const ref of n.listed) expect(store.data.get(ref)?.goneOn).toBeUndefined();
        }
        expect(new Map([...store.data].map(([ref, c]) => [ref, c.goneOn]))).toEqual(expected);
      }),
      { numRuns: 50 },
    );
  });
});
