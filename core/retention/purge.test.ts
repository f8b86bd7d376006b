import type { AuditEntry } from '../model/audit';
import { purgeExpired } from './purge';
import { cutoffs, RetentionSettingsSchema } from './settings';

const now = new Date('2026-11-23T02:00:00Z');
const settings = RetentionSettingsSchema.parse({});
const fakeAudit = () => {
  const entries: Omit<AuditEntry, 'id' | 'at'>[] = [];
  return { entries, append: async (e: Omit<AuditEntry, 'id' | 'at'>) => void entries.push(e), listForRecord: async () => [] };
};

describe('retention', () => {
  it('defaults keep meetings 2 years, outbox rows 30 days and the audit trail 7 years, counted from London midnight', () => {
    const c = cutoffs(settings, now);
    expect(c.meetings.toISOString()).toBe('2024-11-23T00:00:00.000Z');
    expect(c.outbox.toISOString()).toBe('2026-10-23T23:00:00.000Z'); // London midnight in summer time
    expect(c.audit.toISOString()).toBe('2019-11-23T00:00:00.000Z');
  });

  it('a withdrawn example goes 30 days after withdrawal, long before the 6 years of the others; promise audits keep 6 years', () => {
    const c = cutoffs(settings, now);
    expect(c.withdrawnExamples.toISOString()).toBe('2026-10-23T23:00:00.000Z');
    expect(c.examples.toISOString()).toBe('2020-11-23T00:00:00.000Z');
    expect(c.promiseAudits.toISOString()).toBe('2020-11-23T00:00:00.000Z');
    expect(RetentionSettingsSchema.safeParse({ withdrawnExamplesDays: 3 }).success).toBe(false); // floor: a week
  });

  it('closed cases go 2 years after they were last imported; leavers and old teams after 90 days; cover and withdrawn items 30 days', () => {
    const c = cutoffs(settings, now);
    expect(c.children.toISOString()).toBe('2024-11-23T00:00:00.000Z');
    expect(c.people.toISOString()).toBe('2026-08-24T23:00:00.000Z'); // 90 days, London midnight in summer time
    expect(c.teams.toISOString()).toBe(c.people.toISOString());
    expect(c.cover.toISOString()).toBe('2026-10-23T23:00:00.000Z');
    expect(c.withdrawnTracker.toISOString()).toBe('2026-10-23T23:00:00.000Z');
    // Floors: a leaver's record is kept at least a month, a closed case at least 3 months.
    expect(RetentionSettingsSchema.safeParse({ peopleDays: 7 }).success).toBe(false);
    expect(RetentionSettingsSchema.safeParse({ childrenMonths: 1 }).success).toBe(false);
    expect(RetentionSettingsSchema.safeParse({ teamsDays: 29 }).success).toBe(false);
    expect(RetentionSettingsSchema.safeParse({ coverDays: 6, withdrawnTrackerDays: 7 }).success).toBe(false);
    expect(RetentionSettingsSchema.safeParse({ coverDays: 7, withdrawnTrackerDays: 7, peopleDays: 30, childrenMonths: 3 }).success).toBe(true);
  });

  it('children go after meetings, and teams after children and people, so each can see what still refers to it', async () => {
    const calls: string[] = [];
    const track = (name: string) => async () => (calls.push(name), {});
    await purgeExpired({
      settings,
      clock: { now: () => now },
      audit: fakeAudit(),
      purgers: { teams: track('teams'), people: track('people'), children: track('children'), meetings: track('meetings') },
    });
    expect(calls).toEqual(['meetings', 'children', 'people', 'teams']);
  });

  it('each table purged is audited with its counts, the audit trail last', async () => {
    const audit = fakeAudit();
    const calls: string[] = [];
    const result = await purgeExpired({
      settings,
      clock: { now: () => now },
      audit,
      purgers: {
        audit: async () => (calls.push('audit'), { Audit: 3 }),
        meetings: async (before) => (calls.push(`meetings<${before.toISOString().slice(0, 10)}`), { Meetings: 4, Voice: 9 }),
        outbox: async () => (calls.push('outbox'), { Outbox: 2 }),
      },
    });
    expect(calls).toEqual(['meetings<2024-11-23', 'outbox', 'audit']);
    expect(result).toEqual({ deleted: { Meetings: 4, Voice: 9, Outbox: 2, Audit: 3 }, failed: [] });
    expect(audit.entries.map((e) => [e.action, e.recordId, e.detail.deleted])).toEqual([
      ['retention.purged', 'meetings', { Meetings: 4, Voice: 9 }],
      ['retention.purged', 'outbox', { Outbox: 2 }],
      ['retention.purged', 'audit', { Audit: 3 }],
    ]);
  });

  it('a table that fails is audited and the others still go', async () => {
    const audit = fakeAudit();
    const result = await purgeExpired({
      settings,
      clock: { now: () => now },
      audit,
      purgers: { meetings: async () => Promise.reject(new Error('storage timeout')), outbox: async () => ({ Outbox: 1 }) },
    });
    expect(result).toEqual({ deleted: { Outbox: 1 }, failed: ['meetings'] });
    expect(audit.entries.map((e) => e.action)).toEqual(['retention.failed', 'retention.purged']);
  });

  it('a council cannot set a period shorter than the floor (an outbox row is kept at least a week)', () => {
    expect(RetentionSettingsSchema.safeParse({ outboxDays: 1 }).success).toBe(false);
  });
});
