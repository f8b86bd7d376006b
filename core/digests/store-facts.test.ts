import { englandAndWales as cal } from '../calendar/working-days';
import { InMemoryAfterMeeting, InMemoryAudit, InMemoryChairRecords, InMemoryChildren, InMemoryMeetings, InMemoryNudgeState, InMemoryPeople, InMemoryTeams, InMemoryVoiceRecords, MANAGER, STRANGER, WORKER, child, meeting, people } from '../testing';
import { recordVoice } from '../voice/record';
import { confirmHolder } from '../voice/not-mine';
import { scheduleFor } from '../voice/schedule';
import type { VoiceForm } from '../voice/voice-record';
import { voiceSettings } from '../voice/settings';
import type { VoiceRecord } from '../voice/voice-record';
import { heardMeasures } from './measures/heard';
import { fixedClock } from '../clock';
import { InMemoryForumStore, InMemoryTrackerStore, inMemoryExampleFacts, inMemoryVoiceFacts, manager, officer, worker } from '../testing';
import { listMyActions, type TrackerItem } from '../tracker';
import { trackerFactsFrom, voiceFactsFrom } from './store-facts';
import { computeWeeklyDigests, voiceOnTime } from './weekly/weekly';

// Monday 23 Nov 2026, 08:00 London (GMT).
const NOW = '2026-11-23T08:00:00Z';

function world() {
  const meetings = new InMemoryMeetings();
  const children = new InMemoryChildren();
  const voice = new InMemoryVoiceRecords();
  const teams = new InMemoryTeams([{ id: 'north', name: 'North', district: 'North district' }]);
  let now = NOW;
  const clock = { now: () => new Date(now) };
  const facts = voiceFactsFrom({
    meetings,
    children: { getMany: async (refs) => new Map(refs.flatMap((r) => (children.byRef.has(r) ? [[r, children.byRef.get(r)!] as const] : []))) },
    teams,
    voice: { voice, nudges: new InMemoryNudgeState(), after: new InMemoryAfterMeeting(), chairRecords: new InMemoryChairRecords(), settings: voiceSettings() },
    calendar: cal,
    clock,
  });
  // The worker's own save through the record-voice card's use case, at a given time.
  const save = async (at: string, meetingId: string, form: VoiceForm) => {
    now = at;
    const out = await recordVoice({ actorId: WORKER, meetingId, form }, { meetings, children, people: new InMemoryPeople(people), teams, voice, audit: new InMemoryAudit(), clock, calendar: cal, settings: voiceSettings() });
    now = NOW;
    expect(out.ok).toBe(true);
  };
  const add = (m: ReturnType<typeof meeting>, record?: Partial<VoiceRecord>) => {
    meetings.byId.set(m.id, m);
    children.byRef.set(m.childRef, child(m.childRef));
    if (record) {
      voice.byMeeting.set(m.id, {
        meetingId: m.id, childRef: m.childRef, voiceBy: m.start.slice(0, 10), methods: ['direct_work'], declined: false, gatheredOn: '2026-11-10',
        prepared: true, sharedWith: ['chair'], recordedBy: WORKER, recordedAt: '2026-11-10T12:00:00Z', ...record,
      });
    }
  };
  return { facts, add, save, voice, children, meetings };
}

describe('the digests read a voice record as the nudges do', () => {
  it('views gathered too long before a meeting that moved later are not counted as in time or heard, and the meeting shows as still without views', async () => {
    const w = world();
    // Gathered and shared in July for a review then set for August; the review moved to Wed 18 Nov (over 3 months later).
    // The worker was nudged that these views no longer count; nobody asked the child again.
    w.add(meeting('moved', 'CLA_REVIEW', '2026-11-18'), { gatheredOn: '2026-07-20', recordedAt: '2026-07-20T12:00:00Z', voiceBy: '2026-08-12' });
    // A fresh record beside it, so the test shows the rule, not an empty read.
    w.add(meeting('fresh', 'CLA_REVIEW', '2026-11-19'));
    w.add(meeting('fresh2', 'CLA_REVIEW', '2026-11-19', { childRef: 'C-fresh2' }), { gatheredOn: '2026-11-10' });
    // Coming up on Wed 2 Dec with views from 20 Aug (before 2 Sep, three months back): stale.
    w.add(meeting('ahead', 'CLA_REVIEW', '2026-12-02'), { gatheredOn: '2026-08-20', recordedAt: '2026-08-20T12:00:00Z' });

    const rows = await w.facts.forMeetingsBetween(new Date('2026-11-16T00:00:00Z'), new Date('2026-12-07T00:00:00Z'));
    const byId = new Map(rows.map((r) => [r.meetingId, r]));
    const held = rows.filter((r) => Date.parse(r.start) < Date.parse(NOW));

    expect(voiceOnTime(byId.get('moved')!)).toBe(false);
    expect(heardMeasures(held).outcomes).toEqual({ reached: 1, declined: 0, not_heard: 2, under_four: 0 });
    // The weekly digest lists a meeting ahead as "still without the child's voice" when it has no record in time.
    expect(byId.get('ahead')!.voiceRecordedAt).toBeUndefined();
    expect(byId.get('fresh2')!.voiceRecordedAt).toBe('2026-11-10T12:00:00Z');
  });
});

describe('a voice record edited after the meeting keeps the time it was first on file', () => {
  const form: VoiceForm = { methods: 'direct_work', gatheredOn: '2026-11-13', prepared: 'yes', attendance: 'will_attend', sharedWith: 'chair' };

  it('views recorded and shared before the review stay in time and heard when the worker adds a note the day after', async () => {
    const w = world();
    w.add(meeting('edited', 'CLA_REVIEW', '2026-11-18'));
    await w.save('2026-11-16T09:00:00Z', 'edited', form);
    await w.save('2026-11-19T09:00:00Z', 'edited', { ...form, note: 'Chair had the direct work before the review' });
    const [row] = await w.facts.forMeetingsBetween(new Date('2026-11-16T00:00:00Z'), new Date('2026-11-23T00:00:00Z'));
    expect(voiceOnTime(row!)).toBe(true);
    expect(heardMeasures([row!]).outcomes.reached).toBe(1);
  });

  it('views first said to be shared with the chair only after the review are still not counted as reaching it', async () => {
    const w = world();
    w.add(meeting('late-share', 'CLA_REVIEW', '2026-11-18'));
    await w.save('2026-11-16T09:00:00Z', 'late-share', { ...form, sharedWith: '' });
    await w.save('2026-11-19T09:00:00Z', 'late-share', form);
    const [row] = await w.facts.forMeetingsBetween(new Date('2026-11-16T00:00:00Z'), new Date('2026-11-23T00:00:00Z'));
    expect(voiceOnTime(row!)).toBe(true);
    expect(heardMeasures([row!]).outcomes).toMatchObject({ reached: 0, not_heard: 1 });
  });
});

describe('advocacy counts as offered before the meeting from when the record first said it was offered', () => {
  // A first initial conference for a child of 10 (born May 2016): advocacy is required and the card asks it.
  const form: VoiceForm = { methods: 'direct_work', gatheredOn: '2026-11-13', prepared: 'yes', attendance: 'will_attend', advocacyOffered: 'yes' };
  const BEFORE = '2026-11-13T12:00:00Z';
  const AFTER = '2026-11-19T09:00:00Z'; // the day after the conference on Wed 18 Nov
  const advocacy = async (w: ReturnType<typeof world>) => {
    const tracker = trackerFactsFrom({ items: new InMemoryTrackerStore(), forums: new InMemoryForumStore(), teams: new InMemoryTeams([]), people: { get: async () => undefined, getMany: async () => new Map() } });
    const digests = await computeWeeklyDigests({ voice: w.facts, examples: inMemoryExampleFacts([]), tracker }, { weekStart: '2026-11-23', now: new Date(NOW), teamIds: ['north'], promises: [] });
    return digests.get('north')!.advocacy;
  };

  it('advocacy offered a week before the conference still counts as offered before it when the worker corrects a typo the day after', async () => {
    const w = world();
    w.add(meeting('typo', 'ICPC', '2026-11-18', { first: true }));
    await w.save(BEFORE, 'typo', form);
    await w.save(AFTER, 'typo', { ...form, note: 'Advocate booked (typo fixed)' });
    expect(await advocacy(w)).toEqual({ n: 1, d: 1 });
  });

  it('advocacy ticked only after the conference, on a record first saved before it, does not count as offered before', async () => {
    const w = world();
    w.add(meeting('late-tick', 'ICPC', '2026-11-18', { first: true }));
    await w.save(BEFORE, 'late-tick', { ...form, advocacyOffered: 'no' });
    await w.save(AFTER, 'late-tick', form);
    expect(await advocacy(w)).toEqual({ n: 0, d: 1 });
  });

  it('advocacy unticked is no longer offered, and ticked again after the conference counts from then, not from the first tick', async () => {
    const w = world();
    w.add(meeting('unticked', 'ICPC', '2026-11-18', { first: true }));
    await w.save(BEFORE, 'unticked', form);
    await w.save('2026-11-16T09:00:00Z', 'unticked', { ...form, advocacyOffered: 'no' });
    expect((await w.voice.get('unticked'))?.advocacyOfferedAt).toBeUndefined();
    expect(await advocacy(w)).toEqual({ n: 0, d: 1 });
    await w.save(AFTER, 'unticked', form);
    expect((await w.voice.get('unticked'))?.advocacyOfferedAt).toBe(new Date(AFTER).toISOString());
    expect(await advocacy(w)).toEqual({ n: 0, d: 1 });
  });

  it('a record saved before the offer was timed counts from its last save, as before; an edit keeps that time', async () => {
    const w = world();
    // Saved before the conference, offered: counts. Saved (last) after it: does not, as the figure always read it.
    w.add(meeting('old-before', 'ICPC', '2026-11-18', { first: true, childRef: 'C-old1' }), { advocacyOffered: true, recordedAt: '2026-11-12T09:00:00Z', gatheredOn: '2026-11-12' });
    w.add(meeting('old-after', 'ICPC', '2026-11-18', { first: true, childRef: 'C-old2' }), { advocacyOffered: true, recordedAt: '2026-11-19T09:00:00Z', gatheredOn: '2026-11-12' });
    expect(await advocacy(w)).toEqual({ n: 1, d: 2 });
    // The older record edited after the conference keeps its earlier save as the time of the offer.
    await w.save(AFTER, 'old-before', { ...form, gatheredOn: '2026-11-12', note: 'typo fixed' });
    expect((await w.voice.get('old-before'))?.advocacyOfferedAt).toBe('2026-11-12T09:00:00Z');
    expect(await advocacy(w)).toEqual({ n: 1, d: 2 });
  });
});

describe('a child who moved team counts, in past weeks, for the team they were in then', () => {
  const weekly = async (w: ReturnType<typeof world>) => {
    const tracker = trackerFactsFrom({ items: new InMemoryTrackerStore(), forums: new InMemoryForumStore(), teams: new InMemoryTeams([]), people: { get: async () => undefined, getMany: async () => new Map() } });
    return computeWeeklyDigests({ voice: w.facts, examples: inMemoryExampleFacts([]), tracker }, { weekStart: '2026-11-23', now: new Date(NOW), teamIds: ['north', 'south'], promises: [] });
  };

  it("last week's review is North's (the child moved to South on Friday); the review ahead is South's; a child who never moved counts for their team", async () => {
    const w = world();
    w.add(meeting('before-move', 'CLA_REVIEW', '2026-11-18', { childRef: 'C-moved' }), { gatheredOn: '2026-11-10' });
    w.add(meeting('after-move', 'CLA_REVIEW', '2026-12-01', { childRef: 'C-moved' }));
    w.add(meeting('stayed', 'CLA_REVIEW', '2026-11-17', { childRef: 'C-stayed' }));
    // The nightly import of Friday 20 November moved the child from North to South.
    w.children.byRef.set('C-moved', child('C-moved', { teamId: 'south', formerTeams: [{ teamId: 'north', until: '2026-11-20T02:00:00.000Z' }] }));
    const digests = await weekly(w);
    expect(digests.get('north')!.voiceOnTime).toEqual({ n: 1, d: 2 });
    expect(digests.get('north')!.heard.outcomes).toMatchObject({ reached: 1, not_heard: 1 });
    expect(digests.get('south')!.voiceOnTime).toEqual({ n: 0, d: 0 });
    expect(digests.get('north')!.upcomingTotal).toBe(0);
    expect(digests.get('south')!.upcomingWithout.map((m) => m.childRef)).toEqual(['C-moved']);
  });

  it('a child who moved twice counts for each team in its own weeks; a child never known to move counts for their team now', async () => {
    const w = world();
    w.add(meeting('in-east', 'CLA_REVIEW', '2026-10-28', { childRef: 'C-twice' }));
    w.add(meeting('in-north', 'CLA_REVIEW', '2026-11-11', { childRef: 'C-twice' }));
    w.add(meeting('in-south', 'CLA_REVIEW', '2026-11-19', { childRef: 'C-twice' }));
    w.add(meeting('never-moved', 'CLA_REVIEW', '2026-11-19'));
    w.children.byRef.set('C-twice', child('C-twice', { teamId: 'south', formerTeams: [{ teamId: 'east', until: '2026-11-02T02:00:00.000Z' }, { teamId: 'north', until: '2026-11-16T02:00:00.000Z' }] }));
    const rows = await w.facts.forMeetingsBetween(new Date('2026-10-26T00:00:00Z'), new Date('2026-11-23T00:00:00Z'));
    expect(Object.fromEntries(rows.map((r) => [r.meetingId, r.teamId]))).toEqual({ 'in-east': 'east', 'in-north': 'north', 'in-south': 'south', 'never-moved': 'north' });
  });

  it('a case a manager confirms to a holder in another team ("not my case") moves there from then; the meeting before stays with the team it left', async () => {
    const w = world();
    w.add(meeting('held', 'CLA_REVIEW', '2026-11-18', { childRef: 'C-case' }));
    w.add(meeting('next', 'CLA_REVIEW', '2026-12-01', { childRef: 'C-case' }));
    // Friday 20 Nov: the worker said the case is not theirs and named a worker in South; their manager confirms.
    const at = '2026-11-20T10:00:00Z';
    const nudges = new InMemoryNudgeState();
    const voiceBy = scheduleFor(w.meetings.byId.get('next')!, voiceSettings(), cal).voiceBy;
    await nudges.record([{ meetingId: 'next', stage: 'not-mine', voiceBy, kind: 'claimed-elsewhere', on: '2026-11-20', personId: WORKER, at, namedId: STRANGER }]);
    await confirmHolder({ actorId: MANAGER, meetingId: 'next', holderId: STRANGER }, {
      meetings: w.meetings, children: w.children, people: new InMemoryPeople(people), teams: new InMemoryTeams([{ id: 'north', name: 'North', district: 'N', managerId: MANAGER }]),
      audit: new InMemoryAudit(), clock: fixedClock(at), calendar: cal, settings: voiceSettings(), nudges,
    });
    expect(w.children.byRef.get('C-case')).toMatchObject({ workerId: STRANGER, teamId: 'south', formerTeams: [{ teamId: 'north', until: '2026-11-20T10:00:00.000Z' }] });
    const rows = await w.facts.forMeetingsBetween(new Date('2026-11-16T00:00:00Z'), new Date('2026-12-07T00:00:00Z'));
    expect(Object.fromEntries(rows.map((r) => [r.meetingId, r.teamId]))).toEqual({ held: 'north', next: 'south' });
  });
});

describe("the manager's weekly \"You said\" counts hold the items their team is doing", () => {
  it('an overdue item a participation officer raised for a worker in the team counts in that team\'s digest, as in the manager\'s "my actions"', async () => {
    const items = new InMemoryTrackerStore();
    const staff = new InMemoryPeople([worker, manager, officer]);
    const item = (id: string, over: Partial<TrackerItem>): TrackerItem => ({
      id, youSaid: 'Shorter review meetings', saidBy: 'forum', source: { kind: 'command' }, raisedById: officer.id, raisedAt: '2026-10-01T09:00:00Z', raisedOn: '2026-10-01',
      ownerId: worker.id, dueDate: '2026-11-02', status: 'open', shareable: true, updatedAt: '2026-10-01T09:00:00Z', ...over,
    });
    // Raised by the officer (the item takes the officer's team), owned by a worker in the east team, three weeks overdue.
    await items.create(item('by-officer', { teamId: officer.teamId }));
    // Raised in the east team for an owner there: counted once.
    await items.create(item('own', { raisedById: manager.id, teamId: 'east' }));
    const tracker = trackerFactsFrom({ items, forums: new InMemoryForumStore(), teams: new InMemoryTeams([{ id: 'east', name: 'East', district: 'E' }, { id: 'participation', name: 'Participation', district: 'All' }]), people: { get: staff.get, getMany: async (ids) => new Map(ids.flatMap((id) => { const p = staff.byId.get(id); return p ? [[id, p] as const] : []; })) } });
    const inMyActions = await listMyActions({ items, people: staff, clock: fixedClock(NOW) }, manager);
    const digests = await computeWeeklyDigests({ voice: inMemoryVoiceFacts([]), examples: inMemoryExampleFacts([]), tracker }, { weekStart: '2026-11-23', now: new Date(NOW), teamIds: ['east'], promises: [] });
    expect(inMyActions.map((a) => a.item.id).sort()).toEqual(['by-officer', 'own']);
    expect(digests.get('east')!.tracker.overdue).toBe(2);
  });
});
