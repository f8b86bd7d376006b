import fc from 'fast-check';
import type { AuditEntry } from '../model/audit';
import type { Child } from '../model/child';
import type { Meeting } from '../model/meeting';
import type { Person } from '../model/person';
import type { Team } from '../model/team';
import { goneSince, runImport, type IntakeDeps, type SnapshotStore } from './run-import';
import type { SourceRow } from './rows';

/** An in-memory store that can be told to fail after writing some records (a storage outage mid-run). */
class InMemorySnapshotStore<T extends object> implements SnapshotStore<T> {
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
  const meetings = Object.assign(new InMemorySnapshotStore<Meeting>((m) => m.id), {
    async listStartingBetween(from: Date, to: Date) {
      return [...meetings.data.values()].filter((m) => Date.parse(m.start) >= +from && Date.parse(m.start) < +to);
    },
    async listForChild(ref: string) {
      return [...meetings.data.values()].filter((m) => m.childRef === ref);
    },
  });
  const audit: AuditEntry[] = [];
  const d: IntakeDeps = {
    children: new InMemorySnapshotStore<Child>((c) => c.ref),
    people: new InMemorySnapshotStore<Person>((p) => p.id),
    teams: new InMemorySnapshotStore<Team>((t) => t.id),
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
  values: { id: `M${i}`, child_ref: 'GT-1', type: 'RCPC', start: `2026-12-${String(i + 1).padStart(2, '0')}T10:00:00Z` },
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
    const store = d.children as InMemorySnapshotStore<Child>;
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
    const store = d.children as InMemorySnapshotStore<Child>;
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
    const store = d.children as InMemorySnapshotStore<Child>;
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
    expect([...(d.children as InMemorySnapshotStore<Child>).data.values()].filter((c) => c.goneOn)).toEqual([]);
  });

  it('a child who moves team keeps the team they left and when the import learnt it, so reports on past weeks still place their meetings there', async () => {
    const { d } = deps();
    const store = d.children as InMemorySnapshotStore<Child>;
    const teamFile = (team: string, id: string) => ({ ...children('strict', ['GT-1'], id), rows: [{ at: { line: 2 }, values: { ...childRow(2, 'GT-1').values, team_id: team } }] });
    await runImport(teamFile('north', 'n-1'), d);
    expect(store.data.get('GT-1')?.formerTeams).toBeUndefined();
    d.now = () => new Date('2026-11-24T02:00:00Z');
    expect(await runImport(teamFile('south', 's-1'), d)).toMatchObject({ updated: 1 });
    expect(store.data.get('GT-1')).toMatchObject({ teamId: 'south', formerTeams: [{ teamId: 'north', until: '2026-11-24T02:00:00.000Z' }] });
    // The next night's file, the same as the last: nothing to write, and the history stays.
    d.now = () => new Date('2026-11-25T02:00:00Z');
    expect(await runImport(teamFile('south', 's-2'), d)).toMatchObject({ updated: 0, unchanged: 1 });
    d.now = () => new Date('2026-12-01T02:00:00Z');
    await runImport(teamFile('east', 'e-1'), d);
    expect(store.data.get('GT-1')?.formerTeams).toEqual([{ teamId: 'north', until: '2026-11-24T02:00:00.000Z' }, { teamId: 'south', until: '2026-12-01T02:00:00.000Z' }]);
    // A dry run writes no history.
    d.now = () => new Date('2026-12-02T02:00:00Z');
    await runImport({ ...teamFile('north', 'dry'), dryRun: true }, d);
    expect(store.data.get('GT-1')?.formerTeams).toHaveLength(2);
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
        const store = d.children as InMemorySnapshotStore<Child>;
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

describe('assessments and core groups in the meetings import', () => {
  const cols = ['id', 'child_ref', 'type', 'start', 'referral_date', 'due_date', 'status'];
  const file = (id: string, lines: Record<string, string>[], mode: 'strict' | 'snapshot' = 'strict', window?: { from: string; to: string }) => ({
    id, kind: 'meetings' as const, mode, window, format: 'csv' as const, actorId: 'system:import', columns: cols,
    rows: lines.map((values, i) => ({ at: { line: i + 2 }, values })),
  });

  it('an assessment is due 45 working days after its referral, or on the due date the case system gives', async () => {
    const { d, meetings } = deps();
    const res = await runImport(file('a1', [
      { id: 'A1', child_ref: 'GT-1', type: 'Single assessment', referral_date: '16/11/2026' },
      { id: 'A2', child_ref: 'GT-2', type: 'Early help assessment', referral_date: '2026-11-16', due_date: '2026-12-18' },
    ]), d);
    expect(res).toMatchObject({ status: 'done', created: 2 });
    expect(meetings.data.get('A1')).toMatchObject({ type: 'ASSESSMENT', referredOn: '2026-11-16', dueOn: '2027-01-21', start: '2027-01-21T17:00:00+00:00' });
    expect(meetings.data.get('A2')).toMatchObject({ type: 'EH_ASSESSMENT', dueOn: '2026-12-18', start: '2026-12-18T17:00:00+00:00' });
  });

  it('rows without the dates they need are named by line and column, and nothing is written', async () => {
    const { d, meetings } = deps();
    const res = await runImport(file('a2', [
      { id: 'A1', child_ref: 'GT-1', type: 'ASSESSMENT', referral_date: '2026-11-16' },
      { id: 'A2', child_ref: 'GT-1', type: 'ASSESSMENT' },
      { id: 'C1', child_ref: 'GT-1', type: 'Core group' },
      { id: 'A3', child_ref: 'GT-1', type: 'ASSESSMENT', referral_date: '2026-11-16', due_date: '2026-11-02' },
      { id: 'A4', child_ref: 'GT-1', type: 'ASSESSMENT', referral_date: '31/02/2026' },
    ]), d);
    expect(res.status).toBe('rejected');
    expect(res.rejected).toEqual([
      { line: 3, column: 'referral_date', reason: 'a child and family assessment needs a referral date or a due date' },
      { line: 4, column: 'start', reason: 'is required for a child protection core group' },
      { line: 5, column: 'due_date', reason: 'must be on or after the referral date' },
      { line: 6, column: 'referral_date', reason: 'must be a date, e.g. 2026-12-01 or 01/12/2026' },
    ]);
    expect(meetings.data.size).toBe(0);
  });

  it('an initial conference brings its first core group, due 10 working days later, until the case system gives one', async () => {
    const { d, meetings } = deps();
    const icpc = { id: 'I1', child_ref: 'GT-1', type: 'ICPC', start: '2026-12-18 10:00' };
    const res = await runImport(file('c1', [icpc]), d);
    expect(res).toMatchObject({ status: 'done', created: 1, notes: [expect.stringContaining('1 core group worked out')] });
    expect(meetings.data.get('I1.cg1')).toMatchObject({ type: 'CORE_GROUP', childRef: 'GT-1', derivedFrom: 'I1', status: 'scheduled', start: '2027-01-06T10:00:00+00:00' });

    // The same file again writes nothing; a dry run of a moved conference writes nothing either.
    const writes = meetings.writes;
    expect(await runImport(file('c2', [icpc]), d)).toMatchObject({ unchanged: 1, notes: [] });
    await runImport({ ...file('c3', [{ ...icpc, start: '2026-12-21 10:00' }]), dryRun: true }, d);
    expect(meetings.writes).toBe(writes);

    // The case system sets the core group's date: the worked-out one is cancelled, the real one nudged.
    const given = await runImport(file('c4', [icpc, { id: 'G1', child_ref: 'GT-1', type: 'CORE_GROUP', start: '2027-01-05 14:00' }]), d);
    expect(given.notes).toEqual([expect.stringContaining('1 worked-out core group cancelled')]);
    expect(meetings.data.get('I1.cg1')?.status).toBe('cancelled');
    expect(meetings.data.get('G1')).toMatchObject({ type: 'CORE_GROUP', status: 'scheduled' });
  });

  it('a cancelled conference takes its worked-out core group with it, by row or by snapshot', async () => {
    const { d, meetings } = deps();
    await runImport(file('s1', [{ id: 'I1', child_ref: 'GT-1', type: 'ICPC', start: '2026-12-02 10:00' }, { id: 'I2', child_ref: 'GT-2', type: 'ICPC', start: '2026-12-03 10:00' }]), d);
    await runImport(file('s2', [{ id: 'I1', child_ref: 'GT-1', type: 'ICPC', start: '2026-12-02 10:00', status: 'cancelled' }]), d);
    expect(meetings.data.get('I1.cg1')?.status).toBe('cancelled');

    // A snapshot of 1-4 December leaves I2 out: I2 is cancelled and counted; its core group (16 Dec) goes with it.
    // (It lists I1, as cancelled: a snapshot with no rows at all is refused, like a truncated export.)
    const snap = await runImport(file('s3', [{ id: 'I1', child_ref: 'GT-1', type: 'ICPC', start: '2026-12-02 10:00', status: 'cancelled' }], 'snapshot', { from: '2026-12-01', to: '2026-12-04' }), d);
    expect(snap.cancelled).toBe(1);
    expect(meetings.data.get('I2.cg1')?.status).toBe('cancelled');
  });

  it('a snapshot does not cancel a worked-out core group in its window while its conference stands', async () => {
    const { d, meetings } = deps();
    await runImport(file('w1', [{ id: 'I1', child_ref: 'GT-1', type: 'ICPC', start: '2026-11-20 10:00' }]), d);
    const snap = await runImport(file('w2', [], 'snapshot', { from: '2026-12-01', to: '2026-12-10' }), d);
    expect(snap.cancelled).toBe(0);
    expect(meetings.data.get('I1.cg1')).toMatchObject({ status: 'scheduled', start: '2026-12-04T10:00:00+00:00' });
  });

  it('for a child on a plan, the next core group is due at the council\'s interval after the last one given', async () => {
    const { d, meetings } = deps();
    await d.children.upsertMany([child('GT-1', 'CP'), child('GT-2', 'CIN')]);
    d.coreGroupIntervalWeeks = 4;
    await runImport(file('n1', [
      { id: 'G1', child_ref: 'GT-1', type: 'CORE_GROUP', start: '2026-11-16 10:00' },
      { id: 'G9', child_ref: 'GT-2', type: 'CORE_GROUP', start: '2026-11-16 10:00' },
    ]), d);
    expect(meetings.data.get('G1.next')).toMatchObject({ derivedFrom: 'G1', start: '2026-12-14T10:00:00+00:00' });
    expect(meetings.data.has('G9.next')).toBe(false); // no longer on a plan: no core groups to come
  });

  it('dates given with different offsets are compared as times, not as text', async () => {
    const { d, meetings } = deps();
    // 09:30 at +01:00 is 08:30 UTC: a core group before the 09:00 UTC conference, though "09:30" sorts after "09:00".
    await runImport(file('o1', [
      { id: 'I1', child_ref: 'GT-1', type: 'ICPC', start: '2026-12-02T09:00:00Z' },
      { id: 'G0', child_ref: 'GT-1', type: 'CORE_GROUP', start: '2026-12-02T09:30:00+01:00' },
    ]), d);
    expect(meetings.data.get('I1.cg1')).toMatchObject({ status: 'scheduled' });
  });
});

const child = (ref: string, legalStatus: Child['legalStatus']): Child => ({ ref, workerId: '11111111-1111-4111-8111-111111111111', teamId: 'north', birthMonth: '2015-04', legalStatus, groups: [], newToCare: false });
