import { tableClient } from '../../adapters/tables/client';
import { TABLES } from '../../adapters/tables/names';
import { toProperties } from '../../adapters/tables/entity';
import { fixedClock } from '../../core/clock';
import { WORKER, child, meeting } from '../../core/testing';
import { runNudgeScan } from '../../core/voice';
import { startAzurite, uniquePrefix, type RunningAzurite } from '../support/azurite';
import { benchWorld, seedVoice } from '../support/bench-world';

let azurite: RunningAzurite;
beforeAll(async () => {
  azurite = await startAzurite();
});
afterAll(() => azurite.stop());

// A working Monday after the 08:30 slot.
const clock = fixedClock('2026-11-23T08:45:00Z');

describe('the morning nudge scan\'s storage operations', () => {
  it('costs what it reads: the state of every due meeting in a few range queries, not a read per meeting', async () => {
    const w = benchWorld(azurite.connectionString, uniquePrefix(), clock);
    // 100 meetings due today for 10 workers (ten each), 200 more on file outside the window.
    await seedVoice(w, { due: 100, other: 200, workers: 10, today: '2026-11-23' });
    w.operations.reset();
    const result = await runNudgeScan(w.voice);
    expect(result).toMatchObject({ ran: true, nudges: 100, digests: 10 });
    // Before: one read per due meeting (its record and facts) and one write per worker's meetings
    // (2.3 a nudge); then a write per nudge, its fact in the meeting's own partition (1.4); now the facts
    // are filed in shards, 100 to a transaction, and the cards go a transaction a shard (0.45).
    const perNudge = w.operations.total / 100;
    console.log(`scan: ${w.operations.total} storage operations for 100 nudges`);
    expect(perNudge).toBeLessThanOrEqual(0.5);
  }, 120_000);
});

/** `due` meetings due a nudge today and 100 held on Friday 20 November (one working day on, each child's worker is asked today), for 10 workers. */
async function withHeldMeetings(due: number) {
  const w = benchWorld(azurite.connectionString, uniquePrefix(), clock);
  const { workers } = await seedVoice(w, { due, workers: 10, today: '2026-11-23' });
  const children = Array.from({ length: 100 }, (_, i) => child(`H-${i}`, { workerId: workers[i % workers.length]!.id, teamId: 't' }));
  await w.stores.children.upsertMany(children);
  await w.stores.meetings.putMany(children.map((c, i) => meeting(`held-${i}`, 'CLA_REVIEW', '2026-11-20', { childRef: c.ref })));
  return w;
}

describe('the after-meeting questions\' storage operations', () => {
  it('asks 100 workers\' questions with their writes batched (half the requests) and each once', async () => {
    const w = await withHeldMeetings(0);
    w.operations.reset();
    expect(await runNudgeScan(w.voice)).toMatchObject({ ran: true, afterAsked: 100 });
    console.log(`after-meeting questions: ${w.operations.total} storage operations for 100`);
    // Before: each question read its child, enqueued its card and recorded its fact one by one (809
    // operations); then the children were read together, the cards went a transaction per outbox shard and
    // the facts 100 to a transaction (427); now the questions' facts come in the scan's range query by date
    // (filed under each meeting's own date), not one query per meeting, and the chair's record is read only
    // for a meeting with a chair (128). What remains is mostly a point read of each meeting's answer.
    expect(w.operations.total).toBeLessThanOrEqual(150);
    // Later that morning nothing is asked again, and nothing is read by meeting id: each question is out and
    // not yet late (300 reads before: every meeting's answer, chair's record and facts).
    w.operations.reset();
    const again = await runNudgeScan(w.voice, { anyTime: true });
    expect(again).toMatchObject({ ran: true, afterAsked: 0 });
    console.log(`after-meeting questions, the morning after: ${w.operations.total} storage operations`);
    expect(w.operations.total).toBeLessThanOrEqual(20);
  }, 120_000);
});

describe('the morning run\'s chains of writes', () => {
  it('sends the workers\' nudges and the after-meeting questions side by side, not one after the other', async () => {
    const w = await withHeldMeetings(100);
    w.operations.reset();
    expect(await runNudgeScan(w.voice)).toMatchObject({ ran: true, nudges: 100, afterAsked: 100 });
    // A round is a stretch with a request in flight: chains that run one after another add theirs up (18
    // when the questions waited for the nudges' facts; 5 side by side).
    console.log(`nudges and questions together: ${w.operations.total} operations in ${w.operations.rounds} sequential round trips`);
    expect(w.operations.rounds).toBeLessThanOrEqual(12);
  }, 120_000);
});

describe('the morning nudge scan reads state filed before and after a meeting moves', () => {
  const record = { childRef: 'C-a', methods: ['direct_work' as const], declined: false, prepared: true, attendance: 'will_attend' as const, sharedWith: [], recordedBy: WORKER, recordedAt: '2026-11-20T10:00:00Z' };

  it('views recorded before the meeting moved still stop its nudges', async () => {
    const w = benchWorld(azurite.connectionString, uniquePrefix(), clock);
    await w.stores.people.upsertMany([{ id: WORKER, upn: 'w@x.example', displayName: 'Sam Worker', roles: ['social_worker'], teamId: 'north' }]);
    await w.stores.children.upsertMany([child('C-a')]);
    // Recorded while the meeting was on 4 December; it has moved to 30 November, a nudge day.
    await w.voice.voice.save({ ...record, meetingId: 'a', voiceBy: '2026-12-04', gatheredOn: '2026-11-19' });
    await w.stores.meetings.upsertMany([meeting('a', 'FGC', '2026-11-30')]);
    expect(await runNudgeScan(w.voice)).toMatchObject({ ran: true, nudges: 0 });
  }, 60_000);

  it('a record and a fact written before the copies existed are read (copied once, by the first morning)', async () => {
    const w = benchWorld(azurite.connectionString, uniquePrefix(), clock);
    await w.stores.people.upsertMany([{ id: WORKER, upn: 'w@x.example', displayName: 'Sam Worker', roles: ['social_worker'], teamId: 'north' }]);
    await w.stores.children.upsertMany([child('C-a'), child('C-b')]);
    await w.stores.meetings.upsertMany([meeting('a', 'FGC', '2026-11-30'), meeting('b', 'FGC', '2026-11-30', { childRef: 'C-b' })]);
    // The rows as the previous version wrote them: only in each meeting's own partition.
    const voice = await tableClient(w.tables, TABLES.voice);
    await voice.upsertEntity({ partitionKey: 'a', rowKey: 'record|a', ...toProperties({ ...record, meetingId: 'a', voiceBy: '2026-11-30', gatheredOn: '2026-11-19' }) }, 'Replace');
    await voice.upsertEntity({ partitionKey: 'b', rowKey: 'nudge|d-5|2026-11-30', ...toProperties({ meetingId: 'b', stage: 'd-5', voiceBy: '2026-11-30', kind: 'sent', on: '2026-11-23', personId: WORKER, at: '2026-11-23T08:30:00.000Z' }) }, 'Replace');
    // a: recorded, so no nudge; b: today's nudge already sent, so none again.
    expect(await runNudgeScan(w.voice, { anyTime: true })).toMatchObject({ ran: true, nudges: 0 });
  }, 60_000);

  it('a nudge fact written in its meeting\'s own partition (before the shards) is read by meeting id before and after the first morning copies it, and removing it (as a pause\'s undo does) removes it everywhere', async () => {
    const w = benchWorld(azurite.connectionString, uniquePrefix(), clock);
    await w.stores.people.upsertMany([{ id: WORKER, upn: 'w@x.example', displayName: 'Sam Worker', roles: ['social_worker'], teamId: 'north' }]);
    await w.stores.children.upsertMany([child('C-b')]);
    await w.stores.meetings.upsertMany([meeting('b', 'FGC', '2026-11-30', { childRef: 'C-b' })]);
    const voice = await tableClient(w.tables, TABLES.voice);
    const fact = { meetingId: 'b', stage: 'd-5', voiceBy: '2026-11-30', kind: 'sent' as const, on: '2026-11-23', personId: WORKER, at: '2026-11-23T08:30:00.000Z' };
    await voice.upsertEntity({ partitionKey: 'b', rowKey: 'nudge|d-5|2026-11-30', ...toProperties(fact) }, 'Replace');
    // "My meetings", "Not my case", pause and the subject access export read a meeting's facts by its id.
    expect((await w.stores.voiceTables.nudges.listForMeetings(['b'])).get('b')).toEqual([fact]);
    expect(await runNudgeScan(w.voice, { anyTime: true })).toMatchObject({ ran: true, nudges: 0 });
    // Copied to its shard by that first morning: found there even with the old row gone.
    await voice.deleteEntity('b', 'nudge|d-5|2026-11-30');
    expect((await w.stores.voiceTables.nudges.listForMeetings(['b'])).get('b')).toEqual([fact]);
    await voice.upsertEntity({ partitionKey: 'b', rowKey: 'nudge|d-5|2026-11-30', ...toProperties(fact) }, 'Replace');
    await w.stores.voiceTables.nudges.removeFacts('b', [fact]);
    expect((await w.stores.voiceTables.nudges.listForMeetings(['b'])).get('b')).toBeUndefined();
    expect(await runNudgeScan(w.voice, { anyTime: true })).toMatchObject({ ran: true, nudges: 1 });
  }, 60_000);
});
