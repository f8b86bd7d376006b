import { englandAndWales } from '../calendar/working-days';
import { fixedClock } from '../clock';
import { DomainError } from '../errors';
import type { Child } from '../model/child';
import type { OutgoingMessage } from '../model/messaging';
import type { Person } from '../model/person';
import type { Team } from '../model/team';
import type { Versioned } from '../ports';
import type { CaseAudit } from './case-audit';
import type { CaseAuditStore } from './ports';
import { runCaseAudits } from './run-audits';

/** An in-memory store with ETags, as the table store behaves. */
function memoryStore(): CaseAuditStore & { rows: Map<string, Versioned<CaseAudit>> } {
  const rows = new Map<string, Versioned<CaseAudit>>();
  const key = (a: Pick<CaseAudit, 'month' | 'teamId' | 'childRef'>) => `${a.month}|${a.teamId}|${a.childRef}`;
  let tag = 0;
  return {
    rows,
    async create(a) {
      if (rows.has(key(a))) return false;
      rows.set(key(a), { value: a, etag: String(++tag) });
      return true;
    },
    get: async (k) => rows.get(key(k)),
    async update(a, etag) {
      if (rows.get(key(a))?.etag !== etag) throw new DomainError('CONFLICT', 'changed');
      rows.set(key(a), { value: a, etag: String(++tag) });
    },
    listMonths: async (months) => [...rows.values()].map((r) => r.value).filter((a) => months.includes(a.month)),
    listForChild: async (ref) => [...rows.values()].map((r) => r.value).filter((a) => a.childRef === ref),
  };
}

const uuid = (n: number) => `6b000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const teams: Team[] = [{ id: 'north', name: 'North', district: 'N', managerId: uuid(1) }, { id: 'south', name: 'South', district: 'S', managerId: uuid(2) }];
const people: Person[] = [
  { id: uuid(1), upn: 'n@x.example', displayName: 'N', roles: ['manager'], teamId: 'north' },
  { id: uuid(2), upn: 's@x.example', displayName: 'S', roles: ['manager'], teamId: 'south' },
];
const children: Child[] = ['north', 'south'].flatMap((teamId) => [1, 2, 3].map((i) => ({ ref: `R-${teamId}-${i}`, workerId: uuid(9), teamId, birthMonth: '2012-02', legalStatus: 'CIN' as const, groups: [], newToCare: false })));

function world(o: { people?: Person[]; failSends?: number } = {}) {
  const audits = memoryStore();
  const sent: OutgoingMessage[] = [];
  let failures = o.failSends ?? 0;
  const deps = (day: string) => ({
    audits,
    children: { listByTeam: async (teamId: string) => children.filter((c) => c.teamId === teamId) },
    teams: { list: async () => teams },
    people: { list: async () => o.people ?? people },
    outbox: {
      async enqueue(m: OutgoingMessage) {
        if (failures-- > 0) throw new Error('storage timed out');
        if (sent.some((s) => s.dedupeKey === m.dedupeKey)) return false;
        sent.push(m);
        return true;
      },
    },
    audit: { append: async () => undefined },
    clock: fixedClock(`${day}T10:00:00.000Z`),
    calendar: englandAndWales,
    card: (a: CaseAudit) => ({ ref: a.childRef }),
  });
  return { audits, sent, run: (day: string) => runCaseAudits(deps(day)) };
}

describe('the monthly audit run', () => {
  it('a run that stopped before handing a card to the outbox sends it on the next run, and only once', async () => {
    const w = world({ failSends: 1 });
    await expect(w.run('2026-12-01')).rejects.toThrow('storage timed out');
    expect(await w.run('2026-12-01')).toMatchObject({ sampled: 0, sent: 4 });
    expect(await w.run('2026-12-01')).toMatchObject({ sampled: 0, sent: 0 });
    expect(new Set(w.sent.map((m) => m.dedupeKey)).size).toBe(4);
  });

  it('a team nobody outside it can audit is not sampled, said so, and tried again on the next run', async () => {
    const w = world({ people: [people[0]!] });
    // Only North's manager is on file: South's children go to North's manager, North's to nobody.
    expect(await w.run('2026-12-01')).toMatchObject({ sampled: 2, noAuditor: 2 });
    expect([...w.audits.rows.values()].map((r) => r.value.teamId)).toEqual(['south', 'south']);
    expect(await w.run('2026-12-02')).toMatchObject({ sampled: 0, noAuditor: 2 });
  });

  it('next month samples again, and last month\'s unanswered audits still go to "not done"', async () => {
    const w = world();
    await w.run('2026-11-02');
    const december = await w.run('2026-12-01');
    expect(december).toMatchObject({ sampled: 4, notDone: 4 });
  });
});
