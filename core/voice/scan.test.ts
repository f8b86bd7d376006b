import { englandAndWales as cal } from '../calendar/working-days';
import { fixedClock, type Clock } from '../clock';
import { MANAGER, WORKER, WORKER2, child, meeting, people, InMemoryAudit, InMemoryCovers, InMemoryChildren, InMemoryMeetings, InMemoryNudgeState, InMemoryOutbox, InMemoryPeople, InMemoryVoiceRecords } from '../testing';
import type { EscalationDigestView, NudgeDigestView } from './nudge-view';
import { runNudgeScan, type ScanDeps } from './scan';
import { voiceSettings } from './settings';

function world(at: string) {
  const clock: { now(): Date } & Clock = { now: fixedClock(at).now };
  const people_ = new InMemoryPeople(people);
  const deps = {
    meetings: new InMemoryMeetings(),
    children: new InMemoryChildren(),
    people: people_,
    managers: people_,
    voice: new InMemoryVoiceRecords(),
    nudges: new InMemoryNudgeState(),
    outbox: new InMemoryOutbox(),
    audit: new InMemoryAudit(),
    clock,
    calendar: cal,
    settings: voiceSettings(),
    cards: { nudgeDigest: (v: NudgeDigestView) => ({ nudge: v }), escalationDigest: (v: EscalationDigestView) => ({ escalation: v }) },
  } satisfies ScanDeps;
  const setNow = (iso: string) => { clock.now = () => new Date(iso); };
  const add = (...ms: ReturnType<typeof meeting>[]) => {
    for (const m of ms) { deps.meetings.byId.set(m.id, m); if (!deps.children.byRef.has(m.childRef)) deps.children.byRef.set(m.childRef, child(m.childRef)); }
  };
  const cardsTo = (personId: string) => deps.outbox.sent.filter((s) => s.to.kind === 'person' && s.to.personId === personId);
  const itemsOf = (i: number) => (deps.outbox.sent[i]?.card as { nudge: NudgeDigestView }).nudge.items;
  return { deps, setNow, add, cardsTo, itemsOf };
}

// Monday 23 Nov 2026 (GMT): 08:30 London is 08:30 UTC.
const MON_0830 = '2026-11-23T08:30:00Z';

describe('the morning nudge scan', () => {
  it('a worker with three meetings due the same morning gets one card listing each of them', async () => {
    const w = world(MON_0830);
    // CLA review 10 working days after Mon 23 Nov; an RCPC whose d-5 falls today; an FGC whose d-5 falls today.
    w.add(meeting('a', 'CLA_REVIEW', '2026-12-07'), meeting('b', 'RCPC', '2026-12-07'), meeting('c', 'FGC', '2026-11-30'));
    const result = await runNudgeScan(w.deps);
    expect(result).toMatchObject({ ran: true, nudges: 3, digests: 1 });
    expect(w.cardsTo(WORKER)).toHaveLength(1);
    expect(w.itemsOf(0).map((i) => i.meetingId).sort()).toEqual(['a', 'b', 'c']);
    expect(w.itemsOf(0).find((i) => i.meetingId === 'c')?.daysAway).toBe('5 working days away');
  });

  it('nothing is sent at a weekend, on a bank holiday, or before 08:30 London time', async () => {
    const w = world('2026-11-28T09:00:00Z'); // Saturday
    w.add(meeting('a', 'ICPC', '2026-12-09'));
    expect(await runNudgeScan(w.deps)).toEqual({ ran: false, reason: 'not a working day' });
    w.setNow('2026-12-28T09:00:00Z'); // substitute Boxing Day
    expect(await runNudgeScan(w.deps)).toEqual({ ran: false, reason: 'not a working day' });
    w.setNow('2026-11-23T08:29:00Z');
    expect(await runNudgeScan(w.deps)).toEqual({ ran: false, reason: 'before the morning slot' });
    expect(w.deps.outbox.sent).toHaveLength(0);
  });

  it('in summer time the nudge goes at 08:30 London, which is 07:30 UTC', async () => {
    const w = world('2026-06-15T07:15:00Z'); // Monday, 08:15 BST
    w.add(meeting('a', 'ICPC', '2026-06-24'));
    expect(await runNudgeScan(w.deps)).toEqual({ ran: false, reason: 'before the morning slot' });
    w.setNow('2026-06-15T07:30:00Z');
    expect(await runNudgeScan(w.deps)).toMatchObject({ ran: true, nudges: 1 });
  });

  it('on the Mondays after both clock changes, the nudge waits for 08:30 London time', async () => {
    const spring = world('2026-03-30T07:15:00Z'); // 08:15 BST, first working day after the clocks went forward
    spring.add(meeting('a', 'FGC', '2026-04-08')); // d-5 of 8 Apr skips Good Friday and Easter Monday: Mon 30 Mar
    expect(await runNudgeScan(spring.deps)).toEqual({ ran: false, reason: 'before the morning slot' });
    spring.setNow('2026-03-30T07:30:00Z');
    expect(await runNudgeScan(spring.deps)).toMatchObject({ ran: true, nudges: 1 });

    const autumn = world('2026-10-26T07:45:00Z'); // 07:45 GMT: the clocks went back yesterday
    autumn.add(meeting('a', 'FGC', '2026-11-02'));
    expect(await runNudgeScan(autumn.deps)).toEqual({ ran: false, reason: 'before the morning slot' });
    autumn.setNow('2026-10-26T08:30:00Z');
    expect(await runNudgeScan(autumn.deps)).toMatchObject({ ran: true, nudges: 1 });
  });

  it('a second scan the same day, or a rerun, sends nothing new', async () => {
    const w = world(MON_0830);
    w.add(meeting('a', 'ICPC', '2026-12-09'));
    await runNudgeScan(w.deps);
    expect(await runNudgeScan(w.deps)).toEqual({ ran: false, reason: 'already ran today' });
    w.setNow('2026-11-23T11:00:00Z');
    expect(await runNudgeScan(w.deps, { anyTime: true })).toMatchObject({ ran: true, nudges: 0 });
    expect(w.deps.outbox.sent).toHaveLength(1);
  });

  it('a crash after the card is queued but before it is recorded neither loses nor repeats the nudge', async () => {
    const w = world(MON_0830);
    w.add(meeting('a', 'ICPC', '2026-12-09'), meeting('b', 'FGC', '2026-11-30'));
    w.deps.nudges.failNextRecord = true;
    await expect(runNudgeScan(w.deps)).rejects.toThrow('crash');
    expect(w.deps.outbox.sent).toHaveLength(1);
    w.setNow('2026-11-23T08:45:00Z'); // the next timer tick
    expect(await runNudgeScan(w.deps)).toMatchObject({ ran: true, nudges: 2, newlyEnqueued: 0 });
    expect(w.deps.outbox.sent).toHaveLength(1);
    w.setNow('2026-11-23T09:00:00Z');
    expect(await runNudgeScan(w.deps, { anyTime: true })).toMatchObject({ nudges: 0 });
  });

  it('if the host was down at 08:30 the nudges still go out later that working day', async () => {
    const w = world('2026-11-23T13:15:00Z');
    w.add(meeting('a', 'ICPC', '2026-12-09'));
    expect(await runNudgeScan(w.deps)).toMatchObject({ ran: true, nudges: 1 });
  });

  it('a conference imported after the morning scan is nudged at the next working morning', async () => {
    const w = world('2026-11-27T08:30:00Z'); // Friday
    await runNudgeScan(w.deps);
    w.add(meeting('a', 'ICPC', '2026-12-16'));
    w.setNow('2026-11-27T15:00:00Z');
    expect(await runNudgeScan(w.deps)).toEqual({ ran: false, reason: 'already ran today' });
    w.setNow('2026-11-30T08:30:00Z'); // Monday
    expect(await runNudgeScan(w.deps)).toMatchObject({ ran: true, nudges: 1 });
    const sentStages = [...(w.deps.nudges.facts.get('a')?.values() ?? [])].map((f) => `${f.stage}:${f.kind}`);
    expect(sentStages).toEqual(['import:sent']);
  });

  it('a meeting imported late sends only its latest due nudge, not a burst of old ones', async () => {
    const w = world('2026-11-26T08:30:00Z'); // Thu; RCPC on 7 Dec: voice-by 30 Nov, d-10, d-5 and d-2 already due
    w.add(meeting('a', 'RCPC', '2026-12-07'));
    await runNudgeScan(w.deps);
    const facts = [...(w.deps.nudges.facts.get('a')?.values() ?? [])].map((f) => `${f.stage}:${f.kind}`).sort();
    expect(facts).toEqual(['d-10:skipped', 'd-2:sent', 'd-5:skipped']);
    expect(w.deps.outbox.sent).toHaveLength(1);
  });

  it('a moved meeting is nudged afresh for its new date, and a cancelled one is not nudged', async () => {
    const w = world(MON_0830);
    w.add(meeting('a', 'FGC', '2026-11-30'), meeting('b', 'FGC', '2026-11-30'));
    await runNudgeScan(w.deps);
    w.add(meeting('a', 'FGC', '2026-12-14'), meeting('b', 'FGC', '2026-11-30', { status: 'cancelled' }));
    w.setNow('2026-12-07T08:30:00Z'); // d-5 of the new date
    expect(await runNudgeScan(w.deps)).toMatchObject({ nudges: 1 });
    expect(w.itemsOf(1).map((i) => i.meetingId)).toEqual(['a']);
  });

  it("no nudge about a child the case system no longer lists (marked gone by a snapshot import)", async () => {
    const w = world(MON_0830);
    w.add(meeting('a', 'FGC', '2026-11-30'), meeting('b', 'FGC', '2026-11-30'));
    w.deps.children.byRef.set('C-b', { ...child('C-b'), goneOn: '2026-11-20' });
    expect(await runNudgeScan(w.deps)).toMatchObject({ nudges: 1 });
    expect(w.itemsOf(0).map((i) => i.meetingId)).toEqual(['a']);
  });

  it('no nudge once the views are recorded', async () => {
    const w = world(MON_0830);
    w.add(meeting('a', 'FGC', '2026-11-30'));
    await w.deps.voice.save({ meetingId: 'a', childRef: 'C-a', voiceBy: '2026-11-30', pnCode: 'PN5', methods: ['direct_work'], declined: false, gatheredOn: '2026-11-20', prepared: true, attendance: 'will_not_attend', sharedWith: [], recordedBy: WORKER, recordedAt: MON_0830 });
    expect(await runNudgeScan(w.deps)).toMatchObject({ nudges: 0 });
  });

  it('each worker gets only their own children\'s meetings', async () => {
    const w = world(MON_0830);
    w.add(meeting('a', 'FGC', '2026-11-30'));
    w.deps.children.byRef.set('C-b', child('C-b', { workerId: WORKER2 }));
    w.add(meeting('b', 'FGC', '2026-11-30'));
    await runNudgeScan(w.deps);
    expect(w.cardsTo(WORKER)).toHaveLength(1);
    expect(w.cardsTo(WORKER2)).toHaveLength(1);
  });

  it('the scan reads only the meetings in the coming weeks, however many are on file', async () => {
    const w = world(MON_0830);
    for (let i = 0; i < 200; i++) w.add(meeting(`old${i}`, 'CLA_REVIEW', '2026-06-01'), meeting(`far${i}`, 'CLA_REVIEW', '2027-06-01'));
    w.add(meeting('a', 'FGC', '2026-11-30'));
    await runNudgeScan(w.deps);
    expect(w.deps.meetings.reads).toBe(1);
  });
});

describe('escalation to the line manager', () => {
  it('a manager is told when a child\'s views are still missing a working day after the last nudge', async () => {
    const w = world('2026-11-26T08:30:00Z'); // Thu: ICPC Wed 2 Dec, voice-by Mon 30 Nov, d-1 Fri 27 Nov
    w.add(meeting('a', 'ICPC', '2026-12-02'));
    await runNudgeScan(w.deps); // import nudge
    w.setNow('2026-11-27T08:30:00Z');
    await runNudgeScan(w.deps); // d-1 (d-3 was Wed, before import: skipped)
    expect(w.cardsTo(MANAGER)).toHaveLength(0);
    w.setNow('2026-11-30T08:30:00Z'); // Mon = voice-by
    expect(await runNudgeScan(w.deps)).toMatchObject({ escalations: 1 });
    const card = w.cardsTo(MANAGER)[0]?.card as { escalation: EscalationDigestView };
    expect(card.escalation.items[0]).toMatchObject({ meetingId: 'a', workerName: 'Sam Worker', reason: 'unanswered' });
    expect(w.deps.audit.entries.some((e) => e.action === 'escalation.sent' && e.recordId === 'a')).toBe(true);
    w.setNow('2026-12-01T08:30:00Z');
    expect(await runNudgeScan(w.deps)).toMatchObject({ escalations: 0 });
  });

  it('a worker with no manager on file is not silently skipped: the audit trail says so', async () => {
    const w = world('2026-11-27T08:30:00Z');
    w.deps.people.byId.set(WORKER, { ...people[0]!, lineManagerId: undefined });
    w.add(meeting('a', 'ICPC', '2026-12-02'));
    await runNudgeScan(w.deps);
    w.setNow('2026-11-30T08:30:00Z');
    await runNudgeScan(w.deps);
    expect(w.deps.audit.entries.some((e) => e.action === 'escalation.no-manager')).toBe(true);
  });
});

describe('not my case', () => {
  it('stops the nudges to the worker who said so, and once the case moves the holder is nudged', async () => {
    const w = world(MON_0830);
    w.add(meeting('a', 'CLA_REVIEW', '2026-12-21')); // d-10 on Mon 7 Dec, d-5 on Mon 14 Dec
    await w.deps.nudges.record([{ meetingId: 'a', stage: 'not-mine', voiceBy: '2026-12-21', kind: 'claimed-elsewhere', on: '2026-11-23', personId: WORKER, at: MON_0830 }]);
    w.setNow('2026-12-07T08:30:00Z');
    expect(await runNudgeScan(w.deps)).toMatchObject({ nudges: 0 });
    w.deps.children.byRef.set('C-a', child('C-a', { workerId: WORKER2 })); // confirmed by the manager, or the next import
    w.setNow('2026-12-14T08:30:00Z');
    expect(await runNudgeScan(w.deps)).toMatchObject({ nudges: 1 });
    expect(w.cardsTo(WORKER2)).toHaveLength(1);
    expect(w.cardsTo(WORKER)).toHaveLength(0);
  });

  it('when the case moves after "Not my case", the new holder is nudged the next morning, not at the next stage', async () => {
    const w = world('2026-12-07T08:30:00Z'); // d-10 of a review on Mon 21 Dec
    w.add(meeting('a', 'CLA_REVIEW', '2026-12-21'));
    expect(await runNudgeScan(w.deps)).toMatchObject({ nudges: 1 });
    expect(w.cardsTo(WORKER)).toHaveLength(1);
    await w.deps.nudges.record([{ meetingId: 'a', stage: 'not-mine', voiceBy: '2026-12-21', kind: 'claimed-elsewhere', on: '2026-12-07', personId: WORKER, at: '2026-12-07T10:00:00Z' }]);
    w.deps.children.byRef.set('C-a', child('C-a', { workerId: WORKER2 })); // the manager confirms the new holder
    w.setNow('2026-12-08T08:30:00Z');
    expect(await runNudgeScan(w.deps)).toMatchObject({ nudges: 1 });
    expect(w.cardsTo(WORKER2)).toHaveLength(1);
    w.setNow('2026-12-09T08:30:00Z');
    expect(await runNudgeScan(w.deps)).toMatchObject({ nudges: 0 }); // once, then the schedule as usual
    w.setNow('2026-12-14T08:30:00Z');
    expect(await runNudgeScan(w.deps)).toMatchObject({ nudges: 1 }); // d-5
    expect(w.cardsTo(WORKER2)).toHaveLength(2);
    expect(w.cardsTo(WORKER)).toHaveLength(1);
  });
});

describe('cover during leave', () => {
  it('nudges on the days of a worker\'s leave go to their cover, copied to the worker; the cover may record', async () => {
    const w = world(MON_0830);
    const covers = new InMemoryCovers();
    await covers.save({ workerId: WORKER, coverId: WORKER2, from: '2026-11-23', to: '2026-11-27', setBy: WORKER, setAt: MON_0830 });
    w.add(meeting('a', 'FGC', '2026-11-30'));
    await runNudgeScan({ ...w.deps, covers });
    expect(w.cardsTo(WORKER2).map((m) => m.kind)).toEqual(['nudge']);
    expect((w.cardsTo(WORKER2)[0]?.card as { nudge: NudgeDigestView }).nudge.coverFor).toBe('Sam Worker');
    expect(w.cardsTo(WORKER).map((m) => m.kind)).toEqual(['nudge.copy']);
    const { authoriseForChild } = await import('./authorise');
    expect(await authoriseForChild(WORKER2, child('C-a'), { people: w.deps.people, covers, clock: w.deps.clock })).toBe('cover');
    w.setNow('2026-11-30T08:30:00Z'); // leave over: the cover may no longer act
    await expect(authoriseForChild(WORKER2, child('C-a'), { people: w.deps.people, covers, clock: w.deps.clock })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('a cover still waiting for the manager\'s approval changes nothing: the nudges go to the worker and the colleague may not act', async () => {
    for (const inForce of [false, true]) {
      const w = world(MON_0830);
      const covers = new InMemoryCovers();
      await covers.save({ workerId: WORKER, coverId: WORKER2, from: '2026-11-23', to: '2026-11-27', setBy: WORKER, setAt: MON_0830, pending: true });
      // With and without the scan's one-query read of today's covers.
      const store = inForce ? Object.assign(covers, { listInForceOn: async (d: string) => covers.all.filter((c) => c.from <= d && d <= c.to) }) : covers;
      w.add(meeting('a', 'FGC', '2026-11-30'));
      await runNudgeScan({ ...w.deps, covers: store });
      expect(w.cardsTo(WORKER).map((m) => m.kind)).toEqual(['nudge']);
      expect(w.cardsTo(WORKER2)).toEqual([]);
      const { authoriseForChild } = await import('./authorise');
      await expect(authoriseForChild(WORKER2, child('C-a'), { people: w.deps.people, covers, clock: w.deps.clock })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
  });

  it('a cover whose colleague has since moved team (unapproved) or left: the nudges go back to the worker and the colleague may not act; one a manager approved still holds', async () => {
    const moved = { teamId: 'south' };
    for (const [change, approved, holds] of [[moved, false, false], [{ goneOn: '2026-11-20' }, false, false], [moved, true, true]] as const) {
      const w = world(MON_0830);
      const covers = new InMemoryCovers();
      await covers.save({ workerId: WORKER, coverId: WORKER2, from: '2026-11-23', to: '2026-11-27', setBy: WORKER, setAt: MON_0830, ...(approved ? { approvedBy: MANAGER } : {}) });
      await w.deps.people.upsertMany([{ ...(await w.deps.people.get(WORKER2))!, ...change }]);
      w.add(meeting('a', 'FGC', '2026-11-30'));
      await runNudgeScan({ ...w.deps, covers });
      expect({ change, toColleague: w.cardsTo(WORKER2).length, toWorker: w.cardsTo(WORKER).map((m) => m.kind) }).toEqual({ change, toColleague: holds ? 1 : 0, toWorker: [holds ? 'nudge.copy' : 'nudge'] });
      const { authoriseForChild } = await import('./authorise');
      const acting = authoriseForChild(WORKER2, child('C-a'), { people: w.deps.people, covers, clock: w.deps.clock });
      if (holds) await expect(acting).resolves.toBe('cover');
      else await expect(acting).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
  });

  it('views recorded for a meeting that then moved months later are stale: the worker is nudged to ask again, and told why', async () => {
    const w = world(MON_0830);
    // A CLA review moved to Monday 7 December; the views on file were gathered on 1 August, over 3 months before.
    w.add(meeting('a', 'CLA_REVIEW', '2026-12-07'), meeting('b', 'CLA_REVIEW', '2026-12-07', { childRef: 'C-b' }));
    const record = { childRef: 'C-a', voiceBy: '2026-08-20', pnCode: 'PN5' as const, methods: ['direct_work' as const], declined: false, prepared: true, attendance: 'will_not_attend' as const, sharedWith: [], recordedBy: WORKER, recordedAt: '2026-08-01T10:00:00Z' };
    await w.deps.voice.save({ ...record, meetingId: 'a', gatheredOn: '2026-08-01' });
    await w.deps.voice.save({ ...record, meetingId: 'b', childRef: 'C-b', gatheredOn: '2026-11-20' });
    expect(await runNudgeScan(w.deps)).toMatchObject({ nudges: 1 });
    const [item] = w.itemsOf(0);
    expect(item).toMatchObject({ meetingId: 'a', status: 'stale', open: true });
    expect(item!.statusText).toBe('Views recorded were gathered on Sat 1 Aug 2026, more than 3 months before this meeting: please gather them again.');
  });
});
