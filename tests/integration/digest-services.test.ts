// The digests on the real Table stores: meetings, children, teams and voice records imported as the app
// imports them, read back through functions/wiring/digests.ts, and the weekly digest run as the admin does.
import { raisedByOf } from '../../core/tracker';
import { computeWeeklyDigests, latestPerPromise } from '../../core/digests';
import { fixedClock } from '../../core/clock';
import type { OutgoingMessage } from '../../core/model';
import type { VoiceRecord } from '../../core/voice';
import { ConfigSchema } from '../../functions/config';
import { runDigest } from '../../functions/digest-run';
import { executeImport } from '../../functions/import-run';
import { buildDigestServices } from '../../functions/wiring/digests';
import { buildServices } from '../../functions/wiring/services';
import { startAzurite, uniquePrefix, type RunningAzurite } from '../support/azurite';
import { TableChannelMappingStore } from '../../adapters/tables/channel-mapping-store';
import { tableClient } from '../../adapters/tables/client';
import { lazyClient } from '../../adapters/tables/entity';
import { TableForumStore } from '../../adapters/tables/forum-stores';
import { TableTrackerStore } from '../../adapters/tables/tracker-store';
import { buildDigestFeature } from '../../bot/features';
import { walk } from '../support/card-nodes';

jest.setTimeout(60_000);
let azurite: RunningAzurite;
beforeAll(async () => {
  azurite = await startAzurite();
});
afterAll(() => azurite.stop());

const MANAGER = '0d000000-0000-4000-8000-000000000011';
const WORKER = '0d000000-0000-4000-8000-000000000101';
const NOW = '2026-11-23T08:30:00Z'; // Monday, 08:30 London

async function world() {
  const config = ConfigSchema.parse({ STORAGE_CONNECTION: azurite.connectionString, TABLE_PREFIX: uniquePrefix() });
  const s = { ...buildServices(config), clock: fixedClock(NOW) };
  await s.teams.upsertMany([{ id: 'team-a', name: 'Team A', district: 'North', managerId: MANAGER }]);
  await s.people.upsertMany([
    { id: MANAGER, upn: 'm@x.example', displayName: 'Manager', roles: ['manager'], teamId: 'team-a' },
    { id: WORKER, upn: 'w@x.example', displayName: 'Worker', roles: ['social_worker'], teamId: 'team-a', lineManagerId: MANAGER },
  ]);
  const refs = ['TST-1', 'TST-2', 'TST-3', 'TST-4'];
  await s.children.upsertMany(refs.map((ref) => ({ ref, workerId: WORKER, teamId: 'team-a', birthMonth: '2015-03', legalStatus: 'CLA' as const, groups: [], newToCare: false })));
  await s.meetings.upsertMany([
    { id: 'M1', childRef: 'TST-1', type: 'CLA_REVIEW', start: '2026-11-17T10:00:00Z', status: 'scheduled', first: false },
    { id: 'M2', childRef: 'TST-2', type: 'CLA_REVIEW', start: '2026-11-18T10:00:00Z', status: 'scheduled', first: false },
    { id: 'M3', childRef: 'TST-3', type: 'CLA_REVIEW', start: '2026-11-19T10:00:00Z', status: 'cancelled', first: false },
    { id: 'M4', childRef: 'TST-4', type: 'CLA_REVIEW', start: '2026-11-26T10:00:00Z', status: 'scheduled', first: false },
    { id: 'M5', childRef: 'TST-1', type: 'CLA_REVIEW', start: '2026-03-17T10:00:00Z', status: 'scheduled', first: false }, // history
  ]);
  // M1's record is as the card makes it now (no code before the meeting); M2's an older one with the worker's forecast code.
  const record = (meetingId: string, childRef: string, recordedAt: string, old = false): VoiceRecord => ({
    meetingId, childRef, voiceBy: '2026-11-03', ...(old ? { pnCode: 'PN1' as const } : {}), methods: ['direct_work'], declined: false, gatheredOn: recordedAt.slice(0, 10),
    prepared: true, attendance: 'will_attend', sharedWith: ['iro'], recordedBy: WORKER, recordedAt,
  });
  await s.voice.voice.save(record('M1', 'TST-1', '2026-10-20T09:00:00Z')); // well before the deadline
  await s.voice.voice.save(record('M2', 'TST-2', '2026-11-18T15:00:00Z', true)); // after the meeting: late
  await s.voice.after.save({ meetingId: 'M1', childRef: 'TST-1', told: 'yes', recordedBy: WORKER, recordedAt: '2026-11-18T09:00:00Z' });
  await s.voice.after.save({ meetingId: 'M2', childRef: 'TST-2', told: 'planned', plannedFor: '2026-11-30', recordedBy: WORKER, recordedAt: '2026-11-19T09:00:00Z' });
  const sent: OutgoingMessage[] = [];
  const d = { ...buildDigestServices(s), outbox: { enqueue: async (m: OutgoingMessage) => (sent.push(m), true) } };
  return { s, d, sent };
}

describe('the digests on Table Storage', () => {
  it("read the chair's record per meeting held: its PN code wins, with who recorded it, reg 36 and whether the plan changed", async () => {
    const { s, d } = await world();
    await s.voice.chairRecords.save({ meetingId: 'M1', childRef: 'TST-1', pnCode: 'PN5', pnBy: 'chair', attended: false, metBefore: true, metOn: '2026-11-12', metHow: 'video', viewsChangedPlan: true, howChanged: 'Contact moved to weekends.', recordedBy: MANAGER, recordedAt: '2026-11-17T15:00:00Z' });
    const facts = await d.voice.forMeetingsBetween(new Date('2026-11-16T00:00:00Z'), new Date('2026-11-30T00:00:00Z'));
    const byId = new Map(facts.map((f) => [f.meetingId, f]));
    expect(byId.get('M1')).toMatchObject({ pn: 'PN5', pnBy: 'chair', chairMetChildBefore: true, viewsChangedPlan: true });
    expect(byId.get('M2')).toMatchObject({ pn: 'PN1' }); // no chair's record: the older record's code
    expect(byId.get('M2')?.pnBy).toBe('worker'); // recorded by the worker, before the chair's record existed
  });

  it("take the code the worker recorded after the meeting, where no chair did, as the worker's; the chair's record, when it comes, wins", async () => {
    const { s, d } = await world();
    const between = () => d.voice.forMeetingsBetween(new Date('2026-11-16T00:00:00Z'), new Date('2026-11-30T00:00:00Z'));
    expect((await between()).find((f) => f.meetingId === 'M1')?.pn).toBeUndefined(); // the worker's card no longer asks it before
    await s.voice.chairRecords.save({ meetingId: 'M1', childRef: 'TST-1', pnCode: 'PN6', pnBy: 'worker', attended: false, recordedBy: WORKER, recordedAt: '2026-11-18T09:00:00Z' });
    expect((await between()).find((f) => f.meetingId === 'M1')).toMatchObject({ pn: 'PN6', pnBy: 'worker', attended: false });
    await s.voice.chairRecords.save({ meetingId: 'M1', childRef: 'TST-1', pnCode: 'PN2', pnBy: 'chair', attended: true, metBefore: false, viewsChangedPlan: false, recordedBy: MANAGER, recordedAt: '2026-11-18T15:00:00Z' });
    expect((await between()).find((f) => f.meetingId === 'M1')).toMatchObject({ pn: 'PN2', pnBy: 'chair', attended: true });
  });

  it("read feedback after the meeting, the child and the parents apart, the chair's where it says, never the text", async () => {
    const { s, d } = await world();
    await s.voice.after.save({ meetingId: 'M1', childRef: 'TST-1', told: 'yes', feedbackFormOffered: true, childListened: 'partly', childWouldHelp: 'A shorter meeting.', parentsFeedbackOffered: false, recordedBy: WORKER, recordedAt: '2026-11-18T09:00:00Z' });
    const between = async () => (await d.voice.forMeetingsBetween(new Date('2026-11-16T00:00:00Z'), new Date('2026-11-30T00:00:00Z'))).find((f) => f.meetingId === 'M1')!;
    expect(await between()).toMatchObject({ childFeedback: { offered: true, listened: 'partly' }, parentsFeedback: { offered: false } });
    expect(JSON.stringify(await between())).not.toContain('shorter');
    // The chair said the parents were offered it and answered: theirs wins for the parents; the child's stays the worker's.
    await s.voice.chairRecords.save({ meetingId: 'M1', childRef: 'TST-1', pnCode: 'PN2', pnBy: 'chair', attended: true, metBefore: false, viewsChangedPlan: false, parentsFeedbackOffered: true, parentsListened: 'well', recordedBy: MANAGER, recordedAt: '2026-11-18T15:00:00Z' });
    expect(await between()).toMatchObject({ childFeedback: { offered: true, listened: 'partly' }, parentsFeedback: { offered: true, listened: 'well' } });
  });


  it('reads meetings, children and voice records back as the weekly digest counts them', async () => {
    const { d } = await world();
    const facts = await d.voice.forMeetingsBetween(new Date('2026-11-16T00:00:00Z'), new Date('2026-11-30T00:00:00Z'));
    expect(facts.map((f) => [f.meetingId, f.teamId, f.district, !!f.voiceRecordedAt]).sort()).toEqual([
      ['M1', 'team-a', 'North', true],
      ['M2', 'team-a', 'North', true],
      ['M4', 'team-a', 'North', false],
    ]);
    // What the worker's voice record says today: shared with the IRO counts as shared with the chair.
    const m1 = facts.find((f) => f.meetingId === 'M1')!;
    expect(m1).toMatchObject({ declined: false, sharedWithChair: true, prepared: true, methods: ['direct_work'], attended: true });
    expect([m1.pn, m1.pnBy]).toEqual([undefined, undefined]); // the code comes after the meeting, from the chair (or the worker)
    // Nothing recorded: nothing made up (the measures say "not recorded yet", not 0%).
    const m4 = facts.find((f) => f.meetingId === 'M4')!;
    expect([m4.pn, m4.sharedWithChair, m4.prepared, m4.methods, m4.attended, m4.chairMetChildBefore, m4.viewsChangedPlan]).toEqual([undefined, undefined, undefined, undefined, undefined, undefined, undefined]);
  });

  it("keeps out of a channel post every child with a meeting in the period, cancelled ones too, read from the meetings alone", async () => {
    const { d } = await world();
    const refs = await d.voice.childRefsBetween(new Date('2026-11-16T00:00:00Z'), new Date('2026-11-30T00:00:00Z'));
    expect(refs.sort()).toEqual(['TST-1', 'TST-2', 'TST-3', 'TST-4']);
  });

  it('counts advocacy as required exactly where the record-voice card asks for it: a first ICPC, from the age the child may have reached', async () => {
    const { s, d } = await world();
    // Meeting on 25 November 2026; advocacy from age 5 (the default). Born November 2021: may already be 5, so asked.
    // Born December 2021: still 4, so not asked. A first RCPC is not an initial conference, so never asked.
    await s.children.upsertMany([
      { ref: 'TST-5', workerId: WORKER, teamId: 'team-a', birthMonth: '2021-11', legalStatus: 'CP', groups: [], newToCare: false },
      { ref: 'TST-6', workerId: WORKER, teamId: 'team-a', birthMonth: '2021-12', legalStatus: 'CP', groups: [], newToCare: false },
      { ref: 'TST-7', workerId: WORKER, teamId: 'team-a', birthMonth: '2012-01', legalStatus: 'CP', groups: [], newToCare: false },
    ]);
    await s.meetings.upsertMany([
      { id: 'A5', childRef: 'TST-5', type: 'ICPC', start: '2026-11-25T10:00:00Z', status: 'scheduled', first: true },
      { id: 'A6', childRef: 'TST-6', type: 'ICPC', start: '2026-11-25T10:00:00Z', status: 'scheduled', first: true },
      { id: 'A7', childRef: 'TST-7', type: 'RCPC', start: '2026-11-25T10:00:00Z', status: 'scheduled', first: true },
    ]);
    const facts = await d.voice.forMeetingsBetween(new Date('2026-11-25T00:00:00Z'), new Date('2026-11-26T00:00:00Z'));
    expect(Object.fromEntries(facts.map((f) => [f.meetingId, f.advocacyRequired]))).toEqual({ A5: true, A6: false, A7: false });
  });

  it("places a child who moved team, by the nightly import, in the team they were in for past weeks and the new team for meetings ahead", async () => {
    const { s, d } = await world();
    const OTHER = '0d000000-0000-4000-8000-000000000012';
    await s.teams.upsertMany([{ id: 'team-b', name: 'Team B', district: 'South', managerId: OTHER }]);
    await s.meetings.upsertMany([{ id: 'M6', childRef: 'TST-1', type: 'CLA_REVIEW', start: '2026-12-01T10:00:00Z', status: 'scheduled', first: false }]);
    // The case system's nightly file moves TST-1 to Team B (the import runs at the services' time, Monday 23 Nov).
    const file = ['ref,worker_id,team_id,birth_month,legal_status,new_to_care', `TST-1,${WORKER},team-b,2015-03,CLA,no`].join('\n');
    const result = await executeImport({ id: 'children-move', kind: 'children', mode: 'partial', format: 'csv', actorId: 'case-system-nightly', submittedAt: NOW }, file, s);
    expect(result).toMatchObject({ status: 'done', updated: 1 });
    expect((await s.children.get('TST-1'))?.value.formerTeams).toEqual([{ teamId: 'team-a', until: new Date(NOW).toISOString() }]);
    const facts = await d.voice.forMeetingsBetween(new Date('2026-03-01T00:00:00Z'), new Date('2026-12-07T00:00:00Z'));
    expect(Object.fromEntries(facts.filter((f) => f.childRef === 'TST-1').map((f) => [f.meetingId, [f.teamId, f.district]]))).toEqual({
      M5: ['team-a', 'North'], M1: ['team-a', 'North'], M6: ['team-b', 'South'],
    });
    // Team A's weekly digest still counts last week's review; Team B's does not.
    const digests = await computeWeeklyDigests(d, { weekStart: '2026-11-23', now: new Date(NOW), teamIds: ['team-a', 'team-b'], promises: [] });
    expect(digests.get('team-a')!.voiceOnTime).toEqual({ n: 1, d: 2 });
    expect(digests.get('team-b')!.voiceOnTime).toEqual({ n: 0, d: 0 });
  });

  it("sends the manager the weekly digest with last week's numbers and the case still without a voice", async () => {
    const { d, sent } = await world();
    const result = await runDigest({ digest: 'weekly' }, { force: false }, d);
    expect(result).toMatchObject({ due: true, weekStart: '2026-11-23', enqueued: 1 });
    expect(sent[0]).toMatchObject({ to: { kind: 'person', personId: MANAGER }, kind: 'digest.weekly', dedupeKey: `digest.weekly:2026-11-23:team-a:person:${MANAGER}:1` });
    const card = JSON.stringify(sent[0]!.card);
    const facts = Object.fromEntries(walk(sent[0]!.card).flatMap((n) => (typeof n.title === 'string' && typeof n.value === 'string' ? [[n.title, n.value]] : [])));
    expect(facts['Views recorded before the report deadline, a decline included (last week)']).toBe('1 of 2 (50%)'); // M1 in time, M2 late, M3 cancelled
    expect(facts['Child told the outcome (so far)']).toBe('1 of 2 (50%)'); // M2's telling is only planned
    // Both children took part (PN1): heard, though one record came late. What the chair records is not there yet.
    expect(facts['Views reached the meeting']).toBe('2 of 2 meetings (100%)');
    expect(facts['Chair met the child beforehand']).toBe('not recorded yet');
    expect(facts['Direct work with me']).toBe('2 of 2 (100%)');
    expect(card).toContain('TST-4');
    expect(card).toContain('Thu 26 Nov'); // a looked-after review's voice-by is the meeting day
  });

  it("counts a manager told of a missing voice by the day it happened, whichever stage or meeting", async () => {
    const { s, d, sent } = await world();
    const fact = (meetingId: string, stage: string, kind: 'escalated' | 'sent', on: string) =>
      ({ meetingId, stage, voiceBy: on, kind, on, personId: MANAGER, at: `${on}T08:00:00Z` });
    await s.voice.nudges.record([
      fact('M2', 'escalation', 'escalated', '2026-11-17'), // last week: counted
      fact('M1', 'd-2', 'sent', '2026-11-13'), // a nudge, not an escalation
      fact('M4', 'escalation', 'escalated', '2026-11-23'), // this week: not last week's
      fact('M5', 'escalation', 'escalated', '2026-03-16'), // history: not read
    ]);
    const facts = await d.voice.forMeetingsBetween(new Date('2026-11-16T00:00:00Z'), new Date('2026-11-30T00:00:00Z'));
    expect(Object.fromEntries(facts.map((f) => [f.meetingId, f.escalatedAt]))).toEqual({ M1: undefined, M2: '2026-11-17T08:00:00Z', M4: '2026-11-23T08:00:00Z' });
    expect(await s.voice.nudges.escalationsBetween('2026-11-16', '2026-11-22')).toEqual([expect.objectContaining({ meetingId: 'M2', stage: 'escalation' })]);
    // The fact is still beside the meeting's voice record, where the morning scan looks for it.
    expect((await s.voice.nudges.listForMeetings(['M2'])).get('M2')).toEqual([expect.objectContaining({ kind: 'escalated' })]);

    await runDigest({ digest: 'weekly' }, { force: false }, d);
    const rows = Object.fromEntries(((sent[0]!.card as { body: { facts?: { title: string; value: string }[] }[] }).body.find((b) => b.facts)?.facts ?? []).map((f) => [f.title, f.value]));
    expect(rows['Managers told a voice was missing (last week)']).toBe('1');
  });

  it('keeps every CICC audit answer (a second adds, never overwrites) by month, and the board reads the latest', async () => {
    const { d } = await world();
    await d.audits.save({ occurrenceId: 'cicc:2026-11-10', promiseId: 'health', verdict: 'partly', comment: 'Waits are long.', at: '2026-11-10T18:00:00Z', byId: WORKER });
    await d.audits.save({ occurrenceId: 'cicc:2026-11-10', promiseId: 'health', verdict: 'kept', comment: 'Changed our minds.', at: '2026-11-10T18:05:00Z', byId: WORKER });
    await d.audits.save({ occurrenceId: 'cicc:2026-10-13', promiseId: 'safe', verdict: 'not_yet', comment: '', at: '2026-10-13T18:00:00Z', byId: WORKER });
    const nov = await d.audits.between(new Date('2026-11-01T00:00:00Z'), new Date('2026-12-01T00:00:00Z'));
    expect(nov.map((a) => [a.promiseId, a.verdict, a.byId, a.at])).toEqual([['health', 'partly', WORKER, '2026-11-10T18:00:00Z'], ['health', 'kept', WORKER, '2026-11-10T18:05:00Z']]);
    expect(latestPerPromise(nov).map((a) => [a.promiseId, a.verdict])).toEqual([['health', 'kept']]);
    expect(await d.audits.between(new Date('2026-09-01T00:00:00Z'), new Date('2026-12-01T00:00:00Z'))).toHaveLength(3);
    // 00:30 on 1 August in London is still 31 July in UTC: it belongs to August's audits.
    await d.audits.save({ occurrenceId: 'cicc:2026-07-31', promiseId: 'dreams', verdict: 'kept', comment: '', at: '2026-07-31T23:30:00Z', byId: WORKER });
    const august = await d.audits.between(new Date('2026-07-31T23:00:00Z'), new Date('2026-08-31T23:00:00Z'));
    expect(august.map((a) => a.promiseId)).toEqual(['dreams']);
  });
});

describe('forum digests on Table Storage', () => {
  it('sends the CICC digest and audit card to the mapped channel and the facilitator, and the board briefing to the CPB channel', async () => {
    const { s, d, sent } = await world();
    const tables = { connectionString: s.config.STORAGE_CONNECTION, prefix: s.config.TABLE_PREFIX };
    const client = (name: string) => lazyClient(() => tableClient(tables, name));
    const forums = new TableForumStore(client('Forums'));
    const base = { time: '17:00', durationMinutes: 90, reminderOffsetsDays: [7, 1], overrides: {}, createdBy: WORKER, updatedAt: NOW };
    await forums.save({ ...base, id: 'cicc', name: 'Children in Care Council', type: 'CICC', rrule: 'FREQ=MONTHLY;BYDAY=2TU', startDate: '2026-01-01', facilitatorIds: [WORKER] });
    await forums.save({ ...base, id: 'cpb', name: 'Corporate Parenting Board', type: 'CPB', rrule: 'FREQ=MONTHLY;INTERVAL=3;BYDAY=1TH', startDate: '2026-03-01', time: '14:00', facilitatorIds: [] });
    const mappings = new TableChannelMappingStore(client('ChannelMappings'));
    for (const audience of ['cicc', 'cpb'] as const) await mappings.save({ audience, label: audience, channelId: `19:${audience}@thread.tacv2`, setBy: WORKER, setAt: NOW });

    const cicc = await runDigest({ digest: 'cicc' }, { force: true }, d);
    expect(cicc).toMatchObject({ occurrences: ['cicc:2026-12-08'], enqueued: 4 });
    expect(sent.map((m) => [m.kind, m.to])).toEqual([
      ['digest.cicc', { kind: 'channel', channelId: '19:cicc@thread.tacv2' }],
      ['digest.cicc-audit', { kind: 'channel', channelId: '19:cicc@thread.tacv2' }],
      ['digest.cicc', { kind: 'person', personId: WORKER }],
      ['digest.cicc-audit', { kind: 'person', personId: WORKER }],
    ]);
    expect(JSON.stringify(sent[0]!.card)).toContain('meeting on Tuesday 8 December');
    expect(JSON.stringify(sent[0]!.card)).toContain('/api/digests/export/cicc/cicc%3A2026-12-08?expires=');

    const cpb = await runDigest({ digest: 'cpb' }, { force: true }, d);
    expect(cpb).toMatchObject({ occurrences: ['cpb:2026-12-03'], enqueued: 1 });
    expect(JSON.stringify(sent[4]!.card)).toContain('For the board on 3 December 2026. Since the last briefing: 26 August 2026');
  });
});

describe('the participation group\'s quarterly report on Table Storage', () => {
  it('goes to the participation team\'s channel on the first working day of a quarter, about the quarter just ended, once', async () => {
    const { s, sent } = await world();
    const tables = { connectionString: s.config.STORAGE_CONNECTION, prefix: s.config.TABLE_PREFIX };
    const mappings = new TableChannelMappingStore(lazyClient(() => tableClient(tables, 'ChannelMappings')));
    await mappings.save({ audience: 'participation_team', label: 'Participation team', channelId: '19:pt@thread.tacv2', setBy: WORKER, setAt: NOW });
    // Friday 1 January 2027 is a bank holiday: the report goes on Monday 4 January, about October to December.
    const at = (iso: string) => ({ ...buildDigestServices({ ...s, clock: fixedClock(iso) }), outbox: { enqueue: async (m: OutgoingMessage) => (sent.push(m), !sent.slice(0, -1).some((o) => o.dedupeKey === m.dedupeKey)) } });
    expect(await runDigest({ digest: 'participation' }, { force: false }, at('2027-01-01T09:00:00Z'))).toMatchObject({ due: false });
    expect(await runDigest({ digest: 'participation' }, { force: false }, at('2027-01-04T09:05:00Z'))).toMatchObject({ due: true, period: 'Q3 2026-27 (October to December 2026)' });
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.every((m) => m.kind === 'digest.senior' && m.to.kind === 'channel' && m.to.channelId === '19:pt@thread.tacv2')).toBe(true);
    expect(JSON.stringify(sent[0]!.card)).toContain('Compared with the quarter before');
    const before = sent.length;
    expect(await runDigest({ digest: 'participation' }, { force: false }, at('2027-01-04T10:05:00Z'))).toMatchObject({ enqueued: 0 });
    expect(sent).toHaveLength(before * 2); // offered again, refused by the outbox's dedupe key: nothing new
    // Asked for by name, any period: "Q2 2026" (a calendar quarter) or a half-year.
    expect(await runDigest({ digest: 'participation', period: '2026 H1' }, { force: true }, at('2027-01-04T10:05:00Z'))).toMatchObject({ period: 'H1 2026 (January to June)' });
  });
});

describe('"Ask about this" on Table Storage', () => {
  it('raises one tracker item for the participation officer, however often a board member presses it', async () => {
    const { s, d } = await world();
    const OFFICER = '0d000000-0000-4000-8000-000000000201';
    const BOARD = '0d000000-0000-4000-8000-000000000301';
    await s.people.upsertMany([
      { id: OFFICER, upn: 'po@x.example', displayName: 'Officer', roles: ['participation_officer'] },
      { id: BOARD, upn: 'b@x.example', displayName: 'Board', roles: ['board_member'] },
    ]);
    const tables = { connectionString: s.config.STORAGE_CONNECTION, prefix: s.config.TABLE_PREFIX };
    const items = new TableTrackerStore(lazyClient(() => tableClient(tables, 'TrackerItems')));
    const feature = buildDigestFeature({ digests: d, people: s.people, tracker: { items, audit: s.audit, people: s.people, clock: s.clock } });
    const ask = { digest: 'cpb', section: 'voice', ref: 'cpb:2026-12-03' };
    expect(await feature.ask(BOARD, ask)).toBe('Thank you. The participation team has your question and will answer it.');
    expect(await feature.ask(BOARD, ask)).toBe('You have already asked about this. The participation team has it.');
    const active = await items.listActive();
    expect(active).toHaveLength(1);
    expect(active[0]).toMatchObject({ ownerId: OFFICER, raisedById: BOARD, dueDate: '2026-12-07', youSaid: "Question from the board briefing about the child's voice before meetings" });
    // The board's own question: answered to the board, never shown to young people as something they said.
    expect(active[0]!.source).toEqual({ kind: 'digest-ask', digest: 'cpb' });
    expect(raisedByOf(active[0]!)).toEqual({ kind: 'board' });
  });
});

describe('a care leaver forum\'s printable "You said, we did" on Table Storage', () => {
  it('shows that forum\'s outcomes and open items through a signed link, never another forum\'s or a name; an old link is refused', async () => {
    const { s, d } = await world();
    const client = (name: string) => lazyClient(() => tableClient({ connectionString: s.config.STORAGE_CONNECTION, prefix: s.config.TABLE_PREFIX }, name));
    await new TableForumStore(client('Forums')).save({
      id: 'leavers', name: 'Care leaver forum', type: 'CARE_LEAVER', rrule: 'FREQ=MONTHLY;BYDAY=1WE', startDate: '2026-01-07', time: '17:00', durationMinutes: 90,
      facilitatorIds: [MANAGER], reminderOffsetsDays: [7, 1], overrides: {}, createdBy: MANAGER, updatedAt: NOW,
    });
    const items = new TableTrackerStore(client('TrackerItems'));
    const base = { source: { kind: 'command' } as const, raisedById: MANAGER, raisedAt: '2026-11-05T10:00:00.000Z', raisedOn: '2026-11-05', ownerId: MANAGER, dueDate: '2026-12-20', shareable: true, updatedAt: NOW };
    await items.create({ ...base, id: 'b1', youSaid: 'Care leavers asked for a guide to paying bills.', saidBy: 'forum', forumId: 'leavers', status: 'awaiting_feedback', outcome: { kind: 'done', weDid: 'We wrote a short guide with care leavers.' } });
    await items.create({ ...base, id: 'b2', youSaid: 'Help with a first flat.', saidBy: 'forum', forumId: 'leavers', status: 'open' });
    await items.create({ ...base, id: 'b3', youSaid: 'Parents want evening meetings.', saidBy: 'forum', forumId: 'families', status: 'awaiting_feedback', outcome: { kind: 'done', weDid: 'Meetings can be after 5pm.' } });
    await items.create({ ...base, id: 'b4', youSaid: 'Tyler Jones asked for a flat near his sister.', saidBy: 'forum', forumId: 'leavers', status: 'open', shareable: false });
    const { digestExport } = await import('../../functions/digest-export.http');
    const { HttpRequest, InvocationContext } = await import('@azure/functions');
    const get = (url: string) => digestExport(new HttpRequest({ method: 'GET', url, params: { kind: 'forum', key: decodeURIComponent(new URL(url).pathname.split('/').pop()!) } }), new InvocationContext(), d);
    const url = d.links.sign('/api/digests/export/forum/leavers%3A2026-12-02');
    const page = await get(url);
    expect(page.status).toBe(200);
    const html = String(page.body);
    expect(html).toContain('You said, we did: Care leaver forum');
    expect(html).toContain('We wrote a short guide with care leavers.');
    expect(html).toContain('Help with a first flat.');
    expect(html).not.toContain('Parents want evening meetings');
    expect(html).not.toContain('Tyler');
    expect((await get(url.replace(/expires=\d+/, 'expires=1000'))).status).toBe(403);
  });
});
