import type { AuditEntry } from '../model/audit';
import { toCsv } from './csv';
import { exportAudit, periodInstants } from './export';

const entry = (at: string, over: Partial<AuditEntry> = {}): AuditEntry => ({ id: at, at, actorId: 'w', action: 'voice.recorded', recordType: 'meeting', recordId: 'm1', detail: {}, ...over });

function world(entries: AuditEntry[]) {
  const appended: Omit<AuditEntry, 'id' | 'at'>[] = [];
  const audit = { append: async (e: Omit<AuditEntry, 'id' | 'at'>) => void appended.push(e), listForRecord: async () => [] };
  const reader = { listBetween: async (from: Date, to: Date) => entries.filter((e) => new Date(e.at) >= from && new Date(e.at) < to) };
  return { deps: { audit, reader }, appended };
}

describe('audit export', () => {
  it('a period of London dates includes the whole last day, in summer time too', () => {
    const { from, to } = periodInstants({ from: '2026-06-01', to: '2026-06-30' });
    expect([from.toISOString(), to.toISOString()]).toEqual(['2026-05-31T23:00:00.000Z', '2026-06-30T23:00:00.000Z']);
  });

  it('an administrator gets the period as CSV, and taking the copy is itself audited', async () => {
    const w = world([entry('2026-06-01T08:00:00.000Z', { detail: { childRef: 'AB1' } }), entry('2026-07-01T08:00:00.000Z')]);
    const out = await exportAudit(w.deps, { actor: { id: 'a', roles: ['admin'] }, period: { from: '2026-06-01', to: '2026-06-30' }, via: 'http' });
    expect(out.csv).toBe('at,actorId,action,recordType,recordId,detail\r\n2026-06-01T08:00:00.000Z,w,voice.recorded,meeting,m1,"{""childRef"":""AB1""}"\r\n');
    expect(w.appended).toEqual([{ actorId: 'a', action: 'audit.exported', recordType: 'audit', recordId: '2026-06-01..2026-06-30', detail: { rows: 1, via: 'http' } }]);
  });

  it('anyone else is refused, and the refusal is audited', async () => {
    const w = world([]);
    await expect(exportAudit(w.deps, { actor: { id: 's', roles: ['senior_manager'] }, period: { from: '2026-06-01', to: '2026-06-30' }, via: 'bot' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(w.appended.map((e) => e.action)).toEqual(['access.refused']);
  });

  it('a period the wrong way round is refused with the field named', async () => {
    const w = world([]);
    await expect(exportAudit(w.deps, { actor: { id: 'a', roles: ['admin'] }, period: { from: '2026-07-01', to: '2026-06-30' }, via: 'bot' })).rejects.toMatchObject({ code: 'INVALID', details: { to: ['The first day must not be after the last.'] } });
  });

  it('a cell that a spreadsheet would run as a formula is defused', () => {
    expect(toCsv(['a'], [{ a: '=HYPERLINK("x")' }])).toBe('a\r\n"\'=HYPERLINK(""x"")"\r\n');
  });
});
