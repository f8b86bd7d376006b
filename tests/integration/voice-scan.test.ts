import { InvocationContext } from '@azure/functions';
import { createTableStores } from '../../adapters/tables';
import { TableOutboxStore } from '../../adapters/tables/outbox-store';
import { englandAndWales } from '../../core/calendar';
import type { Clock } from '../../core/clock';
import { CHAIR, MANAGER, WORKER, WORKER2, chairPerson, child, meeting, people } from '../../core/testing';
import { recordAfterMeeting, recordVoice, runNudgeScan, reportUndelivered } from '../../core/voice';
import { ConfigSchema } from '../../functions/config';
import { buildVoiceServices } from '../../functions/wiring/voice';
import { startAzurite, uniquePrefix, type RunningAzurite } from '../support/azurite';

let azurite: RunningAzurite;
beforeAll(async () => {
  azurite = await startAzurite();
});
afterAll(() => azurite.stop());

async function world(at: string) {
  const config = ConfigSchema.parse({ STORAGE_CONNECTION: azurite.connectionString, TABLE_PREFIX: uniquePrefix() });
  const clock: Clock = { now: () => new Date(at) };
  const stores = createTableStores({ connectionString: config.STORAGE_CONNECTION, prefix: config.TABLE_PREFIX });
  const outbox = new TableOutboxStore({ connectionString: config.STORAGE_CONNECTION, prefix: config.TABLE_PREFIX }, clock);
  const voice = buildVoiceServices({ config, ...stores, clock, calendar: englandAndWales, outbox });
  await stores.people.upsertMany(people);
  await stores.teams.upsertMany([{ id: 'north', name: 'North', district: 'N', managerId: MANAGER }]);
  const setNow = (iso: string) => { (clock as { now: () => Date }).now = () => new Date(iso); };
  const pending = async () => {
    const ids = await outbox.listDue(new Date('2030-01-01'), 1000);
    return Promise.all(ids.map(async (id) => (await outbox.getById(id))!));
  };
  return { config, stores, voice, outbox, setNow, pending };
}

describe('the morning nudge scan on Table Storage', () => {
  it('sends each worker one card for the meetings due, and a rerun the same morning sends nothing new', async () => {
    const w = await world('2026-11-23T08:30:00Z');
    const ms = [meeting('a', 'FGC', '2026-11-30'), meeting('b', 'CLA_REVIEW', '2026-12-07'), meeting('c', 'FGC', '2026-11-30', { childRef: 'C-c' })];
    await w.stores.children.upsertMany([child('C-a'), child('C-b'), child('C-c', { workerId: WORKER2 })]);
    await w.stores.meetings.upsertMany(ms);

    expect(await runNudgeScan(w.voice)).toMatchObject({ ran: true, nudges: 3, digests: 2, newlyEnqueued: 2 });
    const sent = await w.pending();
    expect(sent.map((s) => s.message.to)).toEqual(expect.arrayContaining([{ kind: 'person', personId: WORKER }, { kind: 'person', personId: WORKER2 }]));
    expect(sent.every((s) => s.message.dedupeKey.startsWith('nudge-digest:') && s.message.kind === 'nudge')).toBe(true);

    expect(await runNudgeScan(w.voice)).toEqual({ ran: false, reason: 'already ran today' });
    expect(await runNudgeScan(w.voice, { anyTime: true })).toMatchObject({ nudges: 0, newlyEnqueued: 0 });
    expect(await w.pending()).toHaveLength(2);
  });

  it('a worker on leave has the morning\'s card sent to their cover, with a copy to them; an ended cover sends nothing to the colleague', async () => {
    const w = await world('2026-11-23T08:30:00Z');
    await w.stores.children.upsertMany([child('C-a'), child('C-c', { workerId: WORKER2 })]);
    await w.stores.meetings.upsertMany([meeting('a', 'FGC', '2026-11-30'), meeting('c', 'FGC', '2026-11-30', { childRef: 'C-c' })]);
    const setAt = '2026-11-20T09:00:00Z';
    await w.voice.covers.save({ workerId: WORKER, coverId: WORKER2, from: '2026-11-23', to: '2026-11-27', setBy: WORKER, setAt });
    await w.voice.covers.save({ workerId: WORKER2, coverId: WORKER, from: '2026-11-16', to: '2026-11-20', setBy: WORKER2, setAt });

    expect(await runNudgeScan(w.voice)).toMatchObject({ ran: true, nudges: 2, digests: 2 });
    const sent = await w.pending();
    const to = (kind: string) => sent.filter((s) => s.message.kind === kind).map((s) => s.message.to);
    // WORKER's card goes to WORKER2 (their cover) and a copy to WORKER; WORKER2's own card to WORKER2.
    expect(to('nudge')).toEqual([{ kind: 'person', personId: WORKER2 }, { kind: 'person', personId: WORKER2 }]);
    expect(to('nudge.copy')).toEqual([{ kind: 'person', personId: WORKER }]);
  });

  it('a worker\'s recorded views stop the nudges and are kept in the audit trail', async () => {
    const w = await world('2026-11-23T10:00:00Z');
    await w.stores.children.upsertMany([child('C-a')]);
    await w.stores.meetings.upsertMany([meeting('a', 'FGC', '2026-11-30')]);
    const out = await recordVoice({ actorId: WORKER, meetingId: 'a', form: { methods: 'direct_work', gatheredOn: '2026-11-20', prepared: 'yes', attendance: 'will_attend' } }, w.voice);
    expect(out.ok).toBe(true);
    expect(await w.voice.voice.get('a')).toMatchObject({ methods: ['direct_work'], recordedBy: WORKER });
    expect(await w.stores.audit.listForRecord('meeting', 'a')).toEqual([expect.objectContaining({ action: 'voice.recorded', actorId: WORKER })]);
    expect(await runNudgeScan(w.voice)).toMatchObject({ nudges: 0 });
  });

  it('the manager gets an escalation card the working day after the last nudge went unanswered', async () => {
    const w = await world('2026-11-27T08:30:00Z'); // Fri: ICPC Wed 2 Dec, d-1 today
    await w.stores.children.upsertMany([child('C-a')]);
    await w.stores.meetings.upsertMany([meeting('a', 'ICPC', '2026-12-02')]);
    await runNudgeScan(w.voice);
    w.setNow('2026-11-30T08:30:00Z');
    expect(await runNudgeScan(w.voice)).toMatchObject({ escalations: 1 });
    const toManager = (await w.pending()).filter((s) => s.message.to.kind === 'person' && s.message.to.personId === MANAGER);
    expect(toManager).toHaveLength(1);
    expect(JSON.stringify(toManager[0]?.message.card)).toContain('Nudge Sam again');
  });

  it('the nudge facts and run markers survive a restart of the function app (new store objects)', async () => {
    const w = await world('2026-11-23T08:30:00Z');
    await w.stores.children.upsertMany([child('C-a')]);
    await w.stores.meetings.upsertMany([meeting('a', 'FGC', '2026-11-30')]);
    await runNudgeScan(w.voice);
    const again = buildVoiceServices({ config: w.config, ...createTableStores({ connectionString: w.config.STORAGE_CONNECTION, prefix: w.config.TABLE_PREFIX }), clock: w.voice.clock, calendar: englandAndWales, outbox: w.outbox });
    expect(await runNudgeScan(again)).toEqual({ ran: false, reason: 'already ran today' });
    expect((await again.nudges.listForMeetings(['a'])).get('a')).toEqual([expect.objectContaining({ stage: 'd-5', kind: 'sent', personId: WORKER })]);
  });
});

describe("the chair's card when a child's views are not in", () => {
  it('2 working days before, the chair gets one card per meeting whose views are missing or too old, and never a second', async () => {
    const w = await world('2026-11-26T08:30:00Z'); // Thu: Mon 30 Nov is 2 working days away
    await w.stores.people.upsertMany([chairPerson]);
    await w.stores.children.upsertMany([child('C-a', { initials: 'AB' }), child('C-b'), child('C-c'), child('C-d')]);
    await w.stores.meetings.upsertMany([
      meeting('missing', 'CLA_REVIEW', '2026-11-30', { childRef: 'C-a', chairId: CHAIR }),
      meeting('stale', 'CLA_REVIEW', '2026-11-30', { childRef: 'C-b', chairId: CHAIR }),
      meeting('done', 'CLA_REVIEW', '2026-11-30', { childRef: 'C-c', chairId: CHAIR }),
      meeting('later', 'CLA_REVIEW', '2026-12-03', { childRef: 'C-d', chairId: CHAIR }),
    ]);
    const rec = { childRef: 'C-x', voiceBy: '2026-11-30', pnCode: 'PN5' as const, methods: ['direct_work' as const], declined: false, prepared: true, attendance: 'will_not_attend' as const, sharedWith: ['chair' as const], recordedBy: WORKER, recordedAt: '2026-11-20T10:00:00Z' };
    await w.voice.voice.save({ ...rec, meetingId: 'stale', gatheredOn: '2026-06-01' });
    await w.voice.voice.save({ ...rec, meetingId: 'done', gatheredOn: '2026-11-20' });

    expect(await runNudgeScan(w.voice)).toMatchObject({ ran: true, chairsAlerted: 2 });
    const toChair = () => w.pending().then((all) => all.filter((s) => s.message.to.kind === 'person' && s.message.to.personId === CHAIR));
    const cards = await toChair();
    expect(cards.map((c) => [c.message.kind, c.message.dedupeKey]).sort()).toEqual([['chair.alert', 'chair-alert:missing:2026-11-30'], ['chair.alert', 'chair-alert:stale:2026-11-30']]);
    const missing = JSON.stringify(cards.find((c) => c.message.dedupeKey.includes(':missing:'))!.message.card);
    expect(missing).toContain('No views from C-a yet');
    expect(missing).not.toContain('AB'); // the chair's card names the case by reference only
    expect(JSON.stringify(cards.find((c) => c.message.dedupeKey.includes(':stale:'))!.message.card)).toContain('Only old views from C-b');
    expect((await w.stores.audit.listForRecord('meeting', 'missing')).filter((e) => e.action === 'chair.alerted')).toEqual([expect.objectContaining({ detail: expect.objectContaining({ chairId: CHAIR, status: 'missing' }) })]);

    // The next working morning, and a rerun, send the chair nothing more; the worker's nudges go on as before.
    expect(await runNudgeScan(w.voice, { anyTime: true })).toMatchObject({ chairsAlerted: 0 });
    w.setNow('2026-11-27T08:30:00Z');
    expect(await runNudgeScan(w.voice)).toMatchObject({ ran: true, chairsAlerted: 0 });
    expect(await toChair()).toHaveLength(2);
    expect((await w.pending()).some((s) => s.message.kind === 'nudge' && s.message.to.kind === 'person' && s.message.to.personId === WORKER)).toBe(true);
  });
});

describe("the chair's card, not for a chair who has left", () => {
  it('a chair the staff list marks as gone gets no card about a child; the skip is in the audit trail', async () => {
    const w = await world('2026-11-26T08:30:00Z');
    await w.stores.people.upsertMany([{ ...chairPerson, goneOn: '2026-11-20' }]);
    await w.stores.children.upsertMany([child('C-a')]);
    await w.stores.meetings.upsertMany([meeting('missing', 'CLA_REVIEW', '2026-11-30', { childRef: 'C-a', chairId: CHAIR })]);
    expect(await runNudgeScan(w.voice)).toMatchObject({ ran: true, chairsAlerted: 0 });
    expect((await w.pending()).filter((s) => s.message.to.kind === 'person' && s.message.to.personId === CHAIR)).toEqual([]);
    expect((await w.stores.audit.listForRecord('meeting', 'missing')).map((e) => [e.action, e.detail?.reason])).toContainEqual(['chair.not-alerted', 'chair has left']);
  });
});

describe('a nudge the outbox cannot deliver', () => {
  it('reaches the worker\'s manager once the outbox gives up (the worker blocked or never installed the app)', async () => {
    const w = await world('2026-11-23T08:30:00Z');
    await w.stores.children.upsertMany([child('C-a')]);
    await w.stores.meetings.upsertMany([meeting('a', 'FGC', '2026-11-30')]);
    await runNudgeScan(w.voice);
    expect(await reportUndelivered(w.voice)).toEqual({ checked: 1, undeliverable: 0 });
    const [nudge] = await w.pending();
    await w.outbox.transition(nudge!, { status: 'failed', failures: 1, lastError: 'blocked_or_removed' });
    expect(await reportUndelivered(w.voice)).toEqual({ checked: 1, undeliverable: 1 });
    const toManager = (await w.pending()).filter((s) => s.message.to.kind === 'person' && s.message.to.personId === MANAGER);
    expect(JSON.stringify(toManager[0]?.message.card)).toContain("hasn't installed the app, or has blocked it");
    expect(await reportUndelivered(w.voice)).toEqual({ checked: 0, undeliverable: 0 });
  });
});

describe('the nudge-scan timer function', () => {
  it('runs the scan with the app settings and logs what it did', async () => {
    const prefix = uniquePrefix();
    Object.assign(process.env, { STORAGE_CONNECTION: azurite.connectionString, TABLE_PREFIX: prefix, NUDGE_SCAN_ANY_TIME: 'true' });
    const { resetConfigCache } = await import('../../functions/config');
    const { resetServices } = await import('../../functions/wiring/services');
    resetConfigCache();
    resetServices();
    const { nudgeScan } = await import('../../functions/nudge-scan.timer');
    const logs: unknown[][] = [];
    await nudgeScan({}, new InvocationContext({ invocationId: 'test-1', logHandler: (_level, ...args) => logs.push(args) }));
    expect(String(logs[0]?.[0])).toContain('"ran":true');
  });

  it('a "we\'ll tell them on <date>" answer comes back to the worker on that date, once, and survives a restart', async () => {
    const w = await world('2026-11-23T10:00:00Z');
    await w.stores.children.upsertMany([child('C-a')]);
    await w.stores.meetings.upsertMany([meeting('a', 'FGC', '2026-11-20')]);
    expect(await recordAfterMeeting({ actorId: WORKER, meetingId: 'a', form: { told: 'planned', plannedFor: '2026-11-26' } }, w.voice)).toMatchObject({ ok: true });
    w.setNow('2026-11-26T08:30:00Z');
    const again = buildVoiceServices({ config: w.config, ...createTableStores({ connectionString: w.config.STORAGE_CONNECTION, prefix: w.config.TABLE_PREFIX }), clock: w.voice.clock, calendar: englandAndWales, outbox: w.outbox });
    expect(await runNudgeScan(again)).toMatchObject({ afterFollowedUp: 1 });
    const followUp = (await w.pending()).map((m) => m.message).find((m) => m.dedupeKey === 'after-followup:a:2026-11-26');
    expect(followUp?.to).toEqual({ kind: 'person', personId: WORKER });
    expect(JSON.stringify(followUp?.card)).toContain('You planned to tell them on Thu 26 Nov 2026. Have they been told?');
    expect(await w.voice.after.listPlannedUpTo('2026-12-31')).toEqual([]);
    w.setNow('2026-11-27T08:30:00Z');
    expect(await runNudgeScan(w.voice)).toMatchObject({ afterFollowedUp: 0 });
  });
});
