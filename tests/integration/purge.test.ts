import { tableClient } from '../../adapters/tables/client';
import { lazyClient } from '../../adapters/tables/entity';
import { createTableStores } from '../../adapters/tables';
import { TableConversationStore } from '../../adapters/tables/conversation-store';
import { TableExampleStore } from '../../adapters/tables/example-store';
import { TableForumOutcomeStore } from '../../adapters/tables/forum-stores';
import { TableNudgeStateStore } from '../../adapters/tables/nudge-state';
import { TableOutboxStore } from '../../adapters/tables/outbox-store';
import { TableTrackerStore } from '../../adapters/tables/tracker-store';
import { TableCoverStore } from '../../adapters/tables/voice-cover';
import { TableVoiceRecordStore } from '../../adapters/tables/voice-records';
import type { Example } from '../../core/examples';
import { subjectAccess } from '../../core/evidence';
import { pendingResult, runImport, type ImportKind } from '../../core/intake';
import type { TrackerItem } from '../../core/tracker';
import { ADMIN, child, MANAGER, meeting, people, STRANGER, WORKER, WORKER2 } from '../../core/testing';
import { ConfigSchema } from '../../functions/config';
import { TablePromiseAuditStore } from '../../functions/wiring/digests';
import { runPurge } from '../../functions/purge.timer';
import { startAzurite, uniquePrefix, type RunningAzurite } from '../support/azurite';
import { TABLES } from '../../adapters/tables/names';
import { TableCaseAuditStore } from '../../adapters/tables/case-audit-store';
import { TableExitStore } from '../../adapters/tables/exit-store';
import { TableActivityStore, TableSurveyStore } from '../../adapters/tables/participation-store';

jest.setTimeout(30_000);

let azurite: RunningAzurite;
beforeAll(async () => {
  azurite = await startAzurite();
});
afterAll(() => azurite.stop());

const NOW = new Date('2026-11-23T02:00:00Z');
const example = (id: string, recordedOn: string): Example => ({
  id, title: 'Care leavers planned the drop-in', happenedOn: recordedOn, whatHappened: 'Young people chose the day and the food.',
  promiseIds: ['adult-life'], mode: 'yp_initiated_shared', lundy: ['voice'], scope: 'collective', groups: [], youSaid: 'More drop-ins',
  shareable: true, keptInternal: false, authorId: WORKER, source: 'command', status: 'active',
  recordedAt: `${recordedOn}T10:00:00.000Z`, recordedOn, updatedAt: `${recordedOn}T10:00:00.000Z`,
});
const item = (id: string, raisedOn: string, closedOn?: string): TrackerItem => ({
  id, youSaid: 'The bus pass runs out too soon', saidBy: 'forum', source: { kind: 'command' }, raisedById: WORKER,
  raisedAt: `${raisedOn}T10:00:00.000Z`, raisedOn, ownerId: WORKER, dueDate: raisedOn, shareable: true, updatedAt: `${raisedOn}T10:00:00.000Z`,
  ...(closedOn
    ? { status: 'closed', outcome: { kind: 'done', weDid: 'Passes last the month' }, feedback: { givenOn: closedOn, how: 'At the forum' }, closedAt: `${closedOn}T10:00:00.000Z`, closedOn }
    : { status: 'open' }),
});

function world() {
  const config = ConfigSchema.parse({ STORAGE_CONNECTION: azurite.connectionString, TABLE_PREFIX: uniquePrefix() });
  const tables = { connectionString: config.STORAGE_CONNECTION, prefix: config.TABLE_PREFIX };
  const client = (name: string) => lazyClient(() => tableClient(tables, name));
  const stores = createTableStores(tables);
  let now = NOW;
  const clock = { now: () => now };
  return {
    config, tables, stores, clock, client,
    setNow: (d: Date) => (now = d),
    voice: new TableVoiceRecordStore(client(TABLES.voice)),
    nudges: new TableNudgeStateStore(client(TABLES.voice)),
    outbox: new TableOutboxStore(tables, clock),
    examples: new TableExampleStore(client('Examples')),
    items: new TableTrackerStore(client('TrackerItems')),
    outcomes: new TableForumOutcomeStore(client('ForumOutcomes')),
    promiseAudits: new TablePromiseAuditStore(client(TABLES.promiseAudits)),
    conversations: new TableConversationStore(tables),
    covers: new TableCoverStore(client(TABLES.voice)),
    exits: new TableExitStore(client(TABLES.voice)),
    surveys: new TableSurveyStore(client(TABLES.participation)),
    activities: new TableActivityStore(client(TABLES.participation)),
    purge: () => runPurge({ config, clock, audit: stores.audit }),
    /** The nightly import, as the case system would send it on `on` (a London date). */
    importOn: (on: string, kind: ImportKind, mode: 'strict' | 'snapshot', rows: object[]) =>
      runImport(
        {
          id: `${kind}-${mode}-${on}`, kind, mode, format: 'json', actorId: 'system:import',
          rows: rows.map((values, i) => ({ at: { row: i + 1 }, values: values as Record<string, unknown> })),
          columns: [...new Set(rows.flatMap((r) => Object.keys(r)))],
        },
        { ...stores, now: () => new Date(`${on}T02:00:00Z`) },
      ),
    /** Every row of a table, as `partition/row`: to show nothing of a record is left anywhere in it. */
    async keysIn(table: string): Promise<string[]> {
      const keys: string[] = [];
      for await (const e of (await client(table)()).listEntities()) keys.push(`${e.partitionKey}/${e.rowKey}`);
      return keys;
    },
  };
}

const nothingMore = async (w: ReturnType<typeof world>) => {
  const again = await w.purge();
  expect(again.failed).toEqual([]);
  expect(Object.entries(again.deleted).filter(([, n]) => n > 0)).toEqual([]);
};

const voiceRecord = (meetingId: string, on: string) => ({
  meetingId, childRef: 'AB1', voiceBy: on, pnCode: 'PN1' as const, methods: ['direct_work' as const], declined: false, gatheredOn: on,
  prepared: true, attendance: 'will_attend' as const, sharedWith: [], recordedBy: WORKER, recordedAt: `${on}T09:00:00.000Z`,
});

describe('the nightly purge deletes what is past its retention, and audits it', () => {
  it('a meeting over two years old goes with its voice record and nudge state; one inside the period stays whole', async () => {
    const w = world();
    await w.stores.children.upsertMany([child('AB1')]);
    await w.stores.meetings.upsertMany([meeting('old', 'CLA_REVIEW', '2024-11-20', { childRef: 'AB1' }), meeting('recent', 'CLA_REVIEW', '2024-11-25', { childRef: 'AB1' })]);
    for (const [id, on] of [['old', '2024-11-13'], ['recent', '2024-11-18']] as const) {
      await w.voice.save(voiceRecord(id, on) as never);
      await w.nudges.record([{ meetingId: id, stage: 'd-5', voiceBy: on, kind: 'sent', on, at: `${on}T08:30:00.000Z` }]);
    }

    const result = await w.purge();

    expect(result.failed).toEqual([]);
    // The record and the fact, and the morning scan's copies of them (by voice-by date, and the record by gathered date).
    expect(result.deleted).toMatchObject({ Meetings: 1, Voice: 5 });
    expect((await w.keysIn('Voice')).filter((k) => k.includes('old'))).toEqual([]);
    expect((await w.keysIn('Voice')).filter((k) => k.includes('recent'))).toHaveLength(5);
    expect(await w.stores.meetings.get('old')).toBeUndefined();
    expect((await w.stores.meetings.listForChild('AB1')).map((m) => m.id)).toEqual(['recent']);
    expect(await w.stores.meetings.listStartingBetween(new Date('2024-11-01'), new Date('2024-12-01'))).toHaveLength(1);
    expect(await w.voice.get('old')).toBeUndefined();
    expect((await w.nudges.listForMeetings(['old'])).get('old') ?? []).toEqual([]);
    expect(await w.voice.get('recent')).toBeDefined();
    expect((await w.nudges.listForMeetings(['recent'])).get('recent')).toHaveLength(1);

    const audit = await w.stores.audit.listForRecord('retention', 'meetings');
    expect(audit).toEqual([expect.objectContaining({ actorId: 'system:purge', action: 'retention.purged', detail: { before: '2024-11-23T00:00:00.000Z', deleted: { Meetings: 1, Voice: 5 } } })]);
  });

  it("a meeting past retention leaves its chair's \"my reviews\" too; the chair's later meeting stays", async () => {
    const w = world();
    const CHAIR = '0c000000-0000-4000-8000-000000000501';
    await w.stores.children.upsertMany([child('AB1')]);
    await w.stores.meetings.upsertMany([
      meeting('old', 'CLA_REVIEW', '2024-11-20', { childRef: 'AB1', chairId: CHAIR }),
      meeting('recent', 'CLA_REVIEW', '2024-11-25', { childRef: 'AB1', chairId: CHAIR }),
    ]);
    expect((await w.stores.meetings.listForChair(CHAIR)).map((m) => m.id).sort()).toEqual(['old', 'recent']);

    const result = await w.purge();

    expect(result.failed).toEqual([]);
    expect((await w.stores.meetings.listForChair(CHAIR)).map((m) => m.id)).toEqual(['recent']);
    expect((await w.keysIn('Meetings')).filter((k) => k.endsWith('/old'))).toEqual([]);
  });

  it("the digests' copy of an escalation goes when the day it happened is past retention", async () => {
    const w = world();
    await w.stores.children.upsertMany([child('AB1')]);
    await w.stores.meetings.upsertMany([meeting('old', 'CLA_REVIEW', '2024-11-20', { childRef: 'AB1' }), meeting('recent', 'CLA_REVIEW', '2024-11-27', { childRef: 'AB1' })]);
    await w.nudges.record([
      { meetingId: 'old', stage: 'escalation', voiceBy: '2024-11-20', kind: 'escalated', on: '2024-11-18', at: '2024-11-18T08:30:00.000Z' },
      { meetingId: 'recent', stage: 'escalation', voiceBy: '2024-11-27', kind: 'escalated', on: '2024-11-25', at: '2024-11-25T08:30:00.000Z' },
    ]);
    expect(await w.nudges.escalationsBetween('2024-11-01', '2024-11-30')).toHaveLength(2);

    const result = await w.purge();

    expect(result.failed).toEqual([]);
    expect(result.deleted).toMatchObject({ Meetings: 1, Voice: 3 }); // the old fact, the digests' copy and the scan's
    expect((await w.nudges.escalationsBetween('2024-11-01', '2024-11-30')).map((f) => f.meetingId)).toEqual(['recent']);
    expect((await w.nudges.listForMeetings(['recent'])).get('recent')).toHaveLength(1);
  });

  it('outbox rows go 30 days after they were sent; a message still waiting to send is never purged', async () => {
    const w = world();
    w.setNow(new Date('2026-10-01T10:00:00Z'));
    await w.outbox.enqueue({ dedupeKey: 'old-sent', to: { kind: 'person', personId: WORKER }, kind: 'nudge', text: 'hi' });
    await w.outbox.enqueue({ dedupeKey: 'old-pending', to: { kind: 'person', personId: WORKER }, kind: 'nudge', text: 'hi' });
    const sent = (await w.outbox.get('old-sent'))!;
    await w.outbox.transition(sent, { status: 'sent', sentAt: '2026-10-01T10:00:01.000Z', activityId: 'act-1' });
    w.setNow(NOW);
    await w.outbox.enqueue({ dedupeKey: 'new-sent', to: { kind: 'person', personId: WORKER }, kind: 'nudge', text: 'hi' });
    await w.outbox.transition((await w.outbox.get('new-sent'))!, { status: 'sent', sentAt: NOW.toISOString() });

    const result = await w.purge();

    expect(result.deleted.Outbox).toBe(1);
    expect(await w.outbox.get('old-sent')).toBeUndefined();
    expect(await w.outbox.get('old-pending')).toBeDefined();
    expect(await w.outbox.listDue(NOW, 10)).toHaveLength(1); // the pending one is still due
    expect(await w.outbox.get('new-sent')).toBeDefined();
  });

  it('examples recorded and items closed over six years ago go with every copy; open and recent ones stay', async () => {
    const w = world();
    await w.examples.create(example('ex-old', '2020-10-05'));
    await w.examples.create(example('ex-new', '2021-01-05'));
    await w.items.create(item('it-old', '2019-05-01', '2020-06-01'));
    await w.items.create(item('it-open', '2019-05-01'));
    await w.items.create(item('it-new', '2019-05-01', '2021-03-01'));
    // Withdrawn before withdrawal dates were recorded: no day to count from, so it goes 6 years after it was raised.
    await w.items.create({ ...item('it-undated', '2020-10-01'), status: 'withdrawn' });
    await w.items.create({ ...item('it-undated-new', '2020-12-01'), status: 'withdrawn' });

    const result = await w.purge();

    expect(result.deleted).toMatchObject({ Examples: 1, TrackerItems: 2 });
    expect(await w.items.get('it-undated')).toBeUndefined();
    expect((await w.keysIn('TrackerItems')).filter((k) => k.endsWith('/it-undated'))).toEqual([]);
    expect(await w.items.get('it-undated-new')).toBeDefined();
    expect(await w.examples.get('ex-old')).toBeUndefined();
    expect(await w.examples.listRecordedBetween('2020-10-01', '2020-10-31')).toEqual([]);
    expect(await w.examples.get('ex-new')).toBeDefined();
    expect(await w.items.get('it-old')).toBeUndefined();
    expect((await w.items.listRaisedBetween('2019-05-01', '2019-05-31')).map((i) => i.id).sort()).toEqual(['it-new', 'it-open']);
    expect(await w.items.get('it-open')).toBeDefined();
  });

  it('a withdrawn example goes 30 days after it was withdrawn, with every copy; one withdrawn since, and active ones, stay', async () => {
    const w = world();
    const withdraw = async (id: string, on: string) => {
      const got = (await w.examples.get(id))!;
      await w.examples.update({ ...got.value, status: 'withdrawn', shareable: false, withdrawnAt: `${on}T10:00:00.000Z`, withdrawnOn: on }, got.etag);
    };
    await w.examples.create(example('wd-old', '2026-09-01'));
    await withdraw('wd-old', '2026-10-23'); // 31 days before the run; the cutoff is London midnight starting 24 October
    await w.examples.create(example('wd-new', '2026-09-01'));
    await withdraw('wd-new', '2026-10-24'); // exactly 30 days: kept
    await w.examples.create(example('active', '2026-09-01'));

    const result = await w.purge();

    expect(result.failed).toEqual([]);
    expect(await w.examples.get('wd-old')).toBeUndefined();
    expect((await w.examples.listRecordedBetween('2026-09-01', '2026-09-30')).map((e) => e.id).sort()).toEqual(['active', 'wd-new']);
    expect((await w.examples.get('wd-new'))?.value.status).toBe('withdrawn');
    // The withdrawal-day copy went too: nothing of wd-old is left anywhere in the table.
    const left: string[] = [];
    for await (const e of (await w.client('Examples')()).listEntities()) left.push(`${e.partitionKey}/${e.rowKey}`);
    expect(left.filter((k) => k.endsWith('/wd-old'))).toEqual([]);
    expect(left).toContain('withdrawn|2026-10-24/wd-new');
    expect((await w.stores.audit.listForRecord('retention', 'withdrawnExamples'))[0]?.detail).toEqual({ before: '2026-10-23T23:00:00.000Z', deleted: { Examples: 1 } });
  });

  it('the CICC\'s promise audits go six years after they were recorded, month by month; later ones stay', async () => {
    const w = world();
    const audit = (occurrenceId: string, at: string) => ({ occurrenceId, promiseId: 'health', verdict: 'kept' as const, comment: 'Health checks happen on time', at, byId: WORKER });
    await w.promiseAudits.save(audit('cicc-2020-10', '2020-10-14T17:00:00.000Z'));
    await w.promiseAudits.save(audit('cicc-2020-11', '2020-11-11T17:00:00.000Z')); // the cutoff's month: kept until it is all past
    await w.promiseAudits.save(audit('cicc-2026-10', '2026-10-14T17:00:00.000Z'));

    const result = await w.purge();

    expect(result.deleted.PromiseAudits).toBe(1);
    const left = await w.promiseAudits.between(new Date('2020-01-01'), new Date('2026-12-01'));
    expect(left.map((a) => a.occurrenceId).sort()).toEqual(['cicc-2020-11', 'cicc-2026-10']);
    expect((await w.stores.audit.listForRecord('retention', 'promiseAudits'))[0]).toMatchObject({
      actorId: 'system:purge',
      action: 'retention.purged',
      detail: { before: '2020-11-23T00:00:00.000Z', deleted: { PromiseAudits: 1 } },
    });
  });

  it("case-file audits go two years after the month they were sampled for, with the case reference they hold; later ones stay", async () => {
    const w = world();
    const store = new TableCaseAuditStore(w.client(TABLES.caseAudits));
    const audit = (month: string, childRef: string) => ({ month, teamId: 'north', childRef, auditorId: WORKER, auditorKind: 'qa_auditor' as const, assignedOn: `${month}-01`, remindOn: `${month}-08`, dueOn: `${month}-15`, status: 'not_done' as const });
    await store.create(audit('2024-10', 'AB1'));
    await store.create(audit('2024-11', 'AB2')); // the cutoff's month: kept until it is all past
    await store.create(audit('2026-11', 'AB3'));

    const result = await w.purge();

    expect(result.deleted.CaseAudits).toBe(1);
    expect((await store.listMonths(['2024-10', '2024-11', '2026-11'])).map((a) => a.childRef).sort()).toEqual(['AB2', 'AB3']);
    expect((await w.stores.audit.listForRecord('retention', 'caseAudits'))[0]?.detail).toEqual({ before: '2024-11-23T00:00:00.000Z', deleted: { CaseAudits: 1 } });
  });

  it('audit entries over seven years old go; this run\'s own entries say what it deleted', async () => {
    const w = world();
    await w.stores.audit.append({ actorId: WORKER, action: 'voice.recorded', recordType: 'meeting', recordId: 'm1', at: '2019-11-01T10:00:00.000Z', detail: {} });
    await w.stores.audit.append({ actorId: WORKER, action: 'voice.recorded', recordType: 'meeting', recordId: 'm1', at: '2020-01-01T10:00:00.000Z', detail: {} });

    const result = await w.purge();

    expect(result.deleted.Audit).toBe(1);
    expect((await w.stores.audit.listForRecord('meeting', 'm1')).map((e) => e.at)).toEqual(['2020-01-01T10:00:00.000Z']);
    expect((await w.stores.audit.listForRecord('retention', 'audit'))[0]?.detail).toEqual({ before: '2019-11-23T00:00:00.000Z', deleted: { Audit: 1 } });
  });

  it('voice evidence whose meeting a snapshot import already removed still goes once it is past retention', async () => {
    const w = world();
    await w.voice.save(voiceRecord('gone-2023', '2023-03-01') as never);
    await w.voice.save(voiceRecord('gone-recent', '2026-03-01') as never);
    // Its nudge fact, filed in its shard (facts|<n>), goes with it.
    await w.nudges.record([{ meetingId: 'gone-2023', stage: 'd-5', voiceBy: '2023-03-01', kind: 'sent', on: '2023-02-22', at: '2023-02-22T08:30:00.000Z' }]);
    // An administrator's pauses: an old one goes by its date, a recent one stays.
    await w.nudges.savePause({ meetingId: 'gone-2023', voiceBy: '2023-03-01', stages: ['d-5'], byId: 'admin', at: '2023-02-20T10:00:00.000Z' });
    await w.nudges.savePause({ meetingId: 'moved', voiceBy: '2026-12-01', stages: ['d-5'], byId: 'admin', at: '2026-11-20T10:00:00.000Z' });
    // A meeting still on file with an old nudge fact (it moved later) keeps everything: it goes by its own date.
    await w.stores.meetings.upsertMany([meeting('moved', 'CLA_REVIEW', '2026-12-01', { childRef: 'AB1' })]);
    await w.nudges.record([{ meetingId: 'moved', stage: 'd-5', voiceBy: '2023-02-01', kind: 'sent', on: '2023-01-25', at: '2023-01-25T08:30:00.000Z' }]);

    await w.purge();

    expect(await w.voice.get('gone-2023')).toBeUndefined();
    expect((await w.nudges.listForMeetings(['gone-2023'])).get('gone-2023')).toBeUndefined();
    expect((await w.nudges.listPauses()).map((p) => p.meetingId)).toEqual(['moved']);
    expect((await w.keysIn('Voice')).filter((k) => k.includes('gone-2023'))).toEqual([]);
    expect(await w.voice.get('gone-recent')).toBeDefined();
    expect((await w.nudges.listForMeetings(['moved'])).get('moved')).toHaveLength(1);
  });

  it('import results go after 90 days', async () => {
    const w = world();
    const job = (id: string, submittedAt: string) => pendingResult({ id, kind: 'meetings', mode: 'strict', submittedAt });
    await w.stores.importJobs.save(job('old-import', '2026-08-01T01:00:00.000Z'));
    await w.stores.importJobs.save(job('new-import', '2026-11-01T01:00:00.000Z'));
    // The admin card's list of files refused or rejected whole goes with them.
    const refused = (id: string, at: string) => ({ id, kind: 'people' as const, at, outcome: 'refused' as const, http: 400, reason: 'The request body is empty.' });
    await w.stores.importJobs.noteProblem(refused('old-refused', '2026-08-01T01:00:00.000Z'));
    await w.stores.importJobs.noteProblem(refused('new-refused', '2026-11-01T01:00:00.000Z'));

    expect((await w.purge()).deleted.ImportJobs).toBe(2);
    expect(await w.stores.importJobs.get('old-import')).toBeUndefined();
    expect(await w.stores.importJobs.get('new-import')).toBeDefined();
    expect((await w.stores.importJobs.listProblems(new Date('2000-01-01'))).map((p) => p.id)).toEqual(['new-refused']);
  });

  it('a second run the same night finds nothing more to delete', async () => {
    const w = world();
    await w.examples.create(example('ex-old', '2020-10-05'));
    await w.purge();
    const again = await w.purge();
    expect(Object.values(again.deleted).every((n) => n === 0)).toBe(true);
  });

  it('a child left out of a snapshot goes two years later with every copy, once their meetings have gone; one listed again stays', async () => {
    const w = world();
    const row = (ref: string) => ({ ...child(ref), worker_id: WORKER, team_id: 'north', birth_month: '2016-05', legal_status: 'CP' });
    await w.importOn('2024-10-01', 'children', 'strict', ['GONE-1', 'GONE-MEETS', 'BACK-1', 'STAY-1'].map(row));
    // A meeting past retention (the meetings purge takes it first) and one still inside it.
    await w.stores.meetings.upsertMany([meeting('m-old', 'CLA_REVIEW', '2024-10-10', { childRef: 'GONE-1' }), meeting('m-kept', 'CLA_REVIEW', '2025-06-02', { childRef: 'GONE-MEETS' })]);
    await w.voice.save(voiceRecord('m-old', '2024-10-03') as never);
    expect(await w.importOn('2024-11-01', 'children', 'snapshot', [row('STAY-1')])).toMatchObject({ status: 'done', gone: 3 });
    await w.importOn('2025-03-01', 'children', 'strict', [row('BACK-1')]); // re-referred

    const result = await w.purge();

    expect(result.failed).toEqual([]);
    expect(result.deleted).toMatchObject({ Children: 1, Meetings: 1 });
    expect(await w.stores.children.get('GONE-1')).toBeUndefined();
    // Nothing left naming them: every copy of the child, their meeting and its voice record.
    expect((await w.keysIn('Children')).filter((k) => k.endsWith('/GONE-1'))).toEqual([]);
    expect((await w.keysIn('Meetings')).filter((k) => k.includes('GONE-1') || k.endsWith('/m-old'))).toEqual([]);
    expect((await w.keysIn(TABLES.voice)).filter((k) => k.startsWith('m-old/'))).toEqual([]);
    // A meeting of theirs still on file keeps the child (gone, so not in the cohort) until that meeting goes.
    expect((await w.stores.children.get('GONE-MEETS'))?.value.goneOn).toBe('2024-11-01');
    expect((await w.stores.children.list()).map((c) => c.ref).sort()).toEqual(['BACK-1', 'STAY-1']);
    expect((await w.stores.children.listByWorker(WORKER)).map((c) => c.ref).sort()).toEqual(['BACK-1', 'GONE-MEETS', 'STAY-1']);
    expect((await w.stores.children.get('BACK-1'))?.value.goneOn).toBeUndefined();
    expect((await w.keysIn('Children')).filter((k) => k.startsWith('gone|'))).toEqual(['gone|2024-11-01/GONE-MEETS']);
    expect((await w.stores.audit.listForRecord('retention', 'children'))[0]?.detail).toEqual({ before: '2024-11-23T00:00:00.000Z', deleted: { Children: 1 } });
    // The audit trail keeps that the child existed and went (for its 7 years), and a subject access request says so.
    expect((await w.stores.audit.listForRecord('child', 'GONE-1')).map((e) => e.action)).toEqual(['child.gone_by_snapshot']);
    const sar = await subjectAccess({ ...w.stores, voice: w.voice, nudges: w.nudges }, { actor: { id: ADMIN, roles: ['admin'] }, ref: 'GONE-1', at: NOW });
    expect(sar).toMatchObject({ child: null, meetings: [], audit: [expect.objectContaining({ action: 'child.gone_by_snapshot' })] });
    await nothingMore(w);

    // Two years after their last meeting, that goes, and the child with it.
    w.setNow(new Date('2027-06-03T02:00:00Z'));
    expect((await w.purge()).deleted).toMatchObject({ Meetings: 1, Children: 1 });
    expect((await w.keysIn('Children')).filter((k) => k.endsWith('/GONE-MEETS'))).toEqual([]);
  });

  it('a leaver goes 90 days after a people snapshot left them out, with their chat reference and leave cover; a reused UPN stays with its new owner', async () => {
    const w = world();
    const NEWCOMER = '66666666-6666-4666-8666-666666666666';
    const row = (p: (typeof people)[number]) => ({ id: p.id, upn: p.upn, display_name: p.displayName, roles: p.roles.join(';'), ...(p.teamId ? { team_id: p.teamId } : {}) });
    const others = people.filter((p) => p.id !== WORKER2 && p.id !== STRANGER && p.id !== MANAGER);
    await w.importOn('2026-07-01', 'people', 'strict', people.map(row));
    await w.importOn('2026-08-01', 'people', 'snapshot', [...others, people.find((p) => p.id === MANAGER)!].map(row)); // WORKER2 and STRANGER left
    // STRANGER came back; MANAGER left only recently; WORKER2's sign-in name went to a newcomer.
    const newcomer = { id: NEWCOMER, upn: 'Alex@council.example', display_name: 'Alex New', roles: 'social_worker', team_id: 'north' };
    await w.importOn('2026-11-01', 'people', 'snapshot', [...others, people.find((p) => p.id === STRANGER)!].map(row).concat(newcomer));
    const reference = { user: { id: 'u' }, conversation: { id: 'c' } };
    for (const id of [WORKER2, MANAGER, WORKER]) await w.conversations.save({ key: `person:${id}`, conversationType: 'personal', reference, updatedAt: '2026-07-01T10:00:00.000Z' });
    const cover = (workerId: string, coverId: string, from: string, to: string) => w.covers.save({ workerId, coverId, from, to, setBy: workerId, setAt: `${from}T09:00:00.000Z` });
    await cover(WORKER2, WORKER, '2026-12-01', '2026-12-14'); // set by the leaver
    await cover(WORKER, WORKER2, '2026-11-20', '2026-12-20'); // naming the leaver as the colleague
    await cover(WORKER, MANAGER, '2026-12-21', '2026-12-31');

    const result = await w.purge();

    expect(result.failed).toEqual([]);
    expect(result.deleted).toMatchObject({ People: 1, Conversations: 1 });
    expect(await w.stores.people.get(WORKER2)).toBeUndefined();
    expect((await w.keysIn('People')).filter((k) => k.endsWith(`/${WORKER2}`))).toEqual([]);
    expect((await w.stores.people.getByUpn('alex@council.example'))?.id).toBe(NEWCOMER);
    expect(await w.conversations.get(`person:${WORKER2}`)).toBeUndefined();
    expect(await w.conversations.get(`person:${MANAGER}`)).toBeDefined();
    expect(await w.covers.listFor(WORKER2)).toEqual([]);
    expect((await w.covers.listFor(WORKER)).map((c) => c.coverId)).toEqual([MANAGER]);
    // Gone inside the 90 days: kept (their team still sees them, to hand over their actions), but not offered; back again: as before.
    expect((await w.stores.people.get(MANAGER))?.goneOn).toBe('2026-11-01');
    expect((await w.stores.people.listByTeam('north')).map((p) => p.id).sort()).toEqual([WORKER, MANAGER, NEWCOMER].sort());
    expect((await w.stores.people.list()).map((p) => p.id)).not.toContain(MANAGER);
    expect((await w.stores.people.get(STRANGER))?.goneOn).toBeUndefined();
    expect((await w.stores.audit.listForRecord('retention', 'people'))[0]?.detail).toEqual({
      before: '2026-08-24T23:00:00.000Z',
      deleted: { People: 1, Conversations: 1, Voice: 2 },
    });
    await nothingMore(w);
  });

  it('a leaver still named as an open case\'s allocated worker stays until the case moves; a closed case does not hold them', async () => {
    const w = world();
    const row = (p: (typeof people)[number]) => ({ id: p.id, upn: p.upn, display_name: p.displayName, roles: p.roles.join(';'), ...(p.teamId ? { team_id: p.teamId } : {}) });
    const others = people.filter((p) => p.id !== WORKER2 && p.id !== STRANGER);
    await w.importOn('2026-07-01', 'people', 'strict', people.map(row));
    await w.importOn('2026-08-01', 'people', 'snapshot', others.map(row)); // WORKER2 and STRANGER left
    await w.stores.children.upsertMany([child('OPEN-1', { workerId: WORKER2 }), child('CLOSED-1', { workerId: STRANGER, goneOn: '2026-08-01' })]);

    const result = await w.purge();

    expect(result.failed).toEqual([]);
    expect(await w.stores.people.get(WORKER2)).toMatchObject({ goneOn: '2026-08-01' }); // OPEN-1 still names them
    expect(await w.stores.people.get(STRANGER)).toBeUndefined();
    await w.stores.children.upsertMany([child('OPEN-1', { workerId: WORKER })]); // the case moved
    await w.purge();
    expect(await w.stores.people.get(WORKER2)).toBeUndefined();
  });

  it('a team left out of a teams snapshot goes after 90 days, unless a child or a person still names it', async () => {
    const w = world();
    const team = (id: string) => ({ id, name: `Team ${id}`, district: 'North' });
    await w.importOn('2026-07-01', 'teams', 'strict', ['north', 'south', 'east', 'west'].map(team));
    await w.importOn('2026-08-01', 'teams', 'snapshot', [team('north')]);
    await w.stores.people.upsertMany([people.find((p) => p.id === STRANGER)!]); // in south
    await w.stores.children.upsertMany([child('WEST-1', { teamId: 'west', goneOn: '2026-08-01' })]); // closed, not yet purged

    const result = await w.purge();

    expect(result.deleted.Teams).toBe(1);
    expect(await w.stores.teams.get('east')).toBeUndefined();
    expect((await w.keysIn('Teams')).sort()).toEqual(['team/north', 'team/south', 'team/west']);
    expect((await w.stores.audit.listForRecord('retention', 'teams'))[0]?.detail).toEqual({ before: '2026-08-24T23:00:00.000Z', deleted: { Teams: 1 } });
    await nothingMore(w);
  });

  it('leave cover goes 30 days after the leave ended; current and later cover stays', async () => {
    const w = world();
    const cover = (from: string, to: string, coverId = MANAGER) => w.covers.save({ workerId: WORKER, coverId, from, to, setBy: WORKER, setAt: `${from}T09:00:00.000Z` });
    await cover('2026-10-01', '2026-10-23'); // ended 31 days before the run
    await cover('2026-10-10', '2026-10-24', WORKER2); // ended exactly 30 days before: kept
    await cover('2026-11-20', '2026-12-05');

    const result = await w.purge();

    expect(result.failed).toEqual([]);
    expect((await w.covers.listFor(WORKER)).map((c) => c.to)).toEqual(['2026-10-24', '2026-12-05']);
    expect((await w.stores.audit.listForRecord('retention', 'cover'))[0]?.detail).toEqual({ before: '2026-10-23T23:00:00.000Z', deleted: { Voice: 1 } });
    await nothingMore(w);
  });

  it('an exit conversation goes two years after the care episode ended, and a later one stays', async () => {
    const w = world();
    const exit = (childRef: string, endedOn: string) => w.exits.save({ childRef, kind: 'care', endedOn, workerId: WORKER, askedAt: `${endedOn}T03:00:00.000Z`, offered: true, held: 'yes', heldOn: endedOn, itemIds: [], answeredById: WORKER, answeredAt: `${endedOn}T12:00:00.000Z` });
    await exit('AB1', '2024-10-30');
    await exit('AB2', '2024-11-22'); // a day before the cutoff month's cutoff day
    await exit('AB3', '2024-11-23'); // ended exactly two years before: kept
    await exit('AB4', '2026-11-01');

    const result = await w.purge();

    expect(result.failed).toEqual([]);
    expect((await w.exits.endedBetween('2020-01-01', '2030-01-01')).map((e) => e.childRef)).toEqual(['AB3', 'AB4']);
    expect((await w.stores.audit.listForRecord('retention', 'exits'))[0]?.detail).toEqual({ before: '2024-11-23T00:00:00.000Z', deleted: { Voice: 2 } });
    await nothingMore(w);
  });

  it('survey totals go six years after the survey closed, and group activities six years after they took place', async () => {
    const w = world();
    const survey = (name: string, from: string, to: string) => w.surveys.save({ id: `${name}_${from}_${to}`, name, from, to, importedAt: `${to}T10:00:00.000Z`, importedById: ADMIN, results: [{ question: 'I feel safe', group: 'Children in care', answering: 40, agreeing: 80 }] });
    await survey('bright-spots', '2020-09-01', '2020-11-22'); // closed the day before the cutoff
    await survey('bright-spots', '2020-09-01', '2020-11-23'); // closed on it: kept
    await survey('bright-spots', '2026-09-01', '2026-10-31');
    const activity = (id: string, on: string) => w.activities.save({ id, kind: 'interview_panel', on, youngPeople: 4, hours: 2, promiseIds: [], service: 'Leaving care service', recognition: ['voucher'], loggedById: ADMIN, loggedAt: `${on}T12:00:00.000Z` });
    await activity('a-old', '2020-10-15');
    await activity('a-edge', '2020-11-22');
    await activity('a-kept', '2020-11-23');
    await activity('a-new', '2026-11-01');

    const result = await w.purge();

    expect(result.failed).toEqual([]);
    expect((await w.surveys.list()).map((x) => x.to).sort()).toEqual(['2020-11-23', '2026-10-31']);
    expect((await w.activities.listBetween('2000-01-01', '2100-01-01')).map((a) => a.id).sort()).toEqual(['a-kept', 'a-new']);
    expect((await w.stores.audit.listForRecord('retention', 'surveysActivities'))[0]?.detail).toEqual({ before: '2020-11-23T00:00:00.000Z', deleted: { SurveysActivities: 3 } });
    await nothingMore(w);
  });

  it('a withdrawn "You said" item goes 30 days after it was withdrawn, with every copy; one withdrawn since, and open ones, stay', async () => {
    const w = world();
    const withdraw = async (id: string, on: string) => {
      const got = (await w.items.get(id))!;
      await w.items.update({ ...got.value, status: 'withdrawn', withdrawnAt: `${on}T10:00:00.000Z`, withdrawnOn: on }, got.etag);
    };
    await w.items.create(item('wd-old', '2026-09-01'));
    await withdraw('wd-old', '2026-10-23');
    await w.items.create(item('wd-new', '2026-09-01'));
    await withdraw('wd-new', '2026-10-24');
    await w.items.create(item('open', '2026-09-01'));

    const result = await w.purge();

    expect(result.failed).toEqual([]);
    expect(await w.items.get('wd-old')).toBeUndefined();
    expect((await w.keysIn('TrackerItems')).filter((k) => k.endsWith('/wd-old'))).toEqual([]);
    expect((await w.items.get('wd-new'))?.value.status).toBe('withdrawn');
    expect((await w.items.listRaisedBetween('2026-09-01', '2026-09-30')).map((i) => i.id).sort()).toEqual(['open', 'wd-new']);
    expect((await w.stores.audit.listForRecord('retention', 'withdrawnTracker'))[0]?.detail).toEqual({ before: '2026-10-23T23:00:00.000Z', deleted: { TrackerItems: 1 } });
    await nothingMore(w);
  });
});
