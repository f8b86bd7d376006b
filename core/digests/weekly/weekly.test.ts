import { defaultPromises } from '../../model/promises';
import { computeWeeklyDigests } from './weekly';
import { presentWeekly } from './weekly-view';
import { inMemoryExampleFacts, inMemoryTrackerFacts, inMemoryVoiceFacts } from '../../testing';
import type { ExampleFact, MeetingVoiceFact, TrackerItemFact } from '../ports';

// Hand-computed fixture: the digest for Monday 23 Nov 2026 (London = UTC in November).
const m = (id: string, start: string, voiceDue: string, more: Partial<MeetingVoiceFact> = {}): MeetingVoiceFact => ({
  meetingId: id, childRef: `REF-${id}`, teamId: 'A', district: 'North', type: 'CLA_REVIEW', start, voiceDue,
  advocacyRequired: false, groups: [], ...more,
});
const meetings: MeetingVoiceFact[] = [
  m('m0a', '2026-10-27T10:00:00Z', '2026-10-20T17:00:00Z', { voiceRecordedAt: '2026-10-19T09:00:00Z' }),
  m('m0b', '2026-11-10T10:00:00Z', '2026-11-03T17:00:00Z', { voiceRecordedAt: '2026-11-05T09:00:00Z', sharedWithChair: true }),
  m('m1', '2026-11-17T10:00:00Z', '2026-11-10T17:00:00Z', { voiceRecordedAt: '2026-11-09T09:00:00Z', advocacyRequired: true, advocacyOfferedAt: '2026-11-05T09:00:00Z', toldOutcomeAt: '2026-11-19T09:00:00Z', pn: 'PN1', prepared: true, methods: ['mind_of_my_own', 'direct_work'] }),
  m('m2', '2026-11-18T10:00:00Z', '2026-11-16T17:00:00Z', { type: 'ICPC', voiceRecordedAt: '2026-11-17T09:00:00Z', advocacyRequired: true, escalatedAt: '2026-11-16T12:00:00Z', pn: 'PN4', declined: true, prepared: true, methods: [] }),
  m('m3', '2026-11-19T10:00:00Z', '2026-11-12T17:00:00Z', { type: 'RCPC', voiceRecordedAt: '2026-11-12T09:00:00Z', toldOutcomeAt: '2026-11-20T09:00:00Z', pn: 'PN7', sharedWithChair: true, prepared: false, methods: ['advocate'] }),
  m('m4', '2026-11-20T10:00:00Z', '2026-11-13T17:00:00Z', { type: 'CIN_REVIEW' }),
  m('m5', '2026-11-25T10:00:00Z', '2026-11-11T17:00:00Z', { voiceRecordedAt: '2026-11-10T09:00:00Z' }),
  m('m6', '2026-11-26T10:00:00Z', '2026-11-24T17:00:00Z', { type: 'ICPC', escalatedAt: '2026-11-20T12:00:00Z' }),
  m('m7', '2026-12-04T10:00:00Z', '2026-11-20T17:00:00Z'),
  m('m8', '2026-11-24T10:00:00Z', '2026-11-17T17:00:00Z', { teamId: 'B' }),
  m('m9', '2026-12-08T10:00:00Z', '2026-11-24T17:00:00Z'),
];
const ex = (id: string, recordedAt: string, promiseIds: string[], teamId = 'A'): ExampleFact => ({
  id, recordedAt, promiseIds, mode: 'consulted_informed', teamId, shareable: true, summary: 'x',
});
const examples = [ex('e1', '2026-11-17T09:00:00Z', ['health', 'dreams']), ex('e2', '2026-11-21T09:00:00Z', ['health']), ex('e3', '2026-11-15T09:00:00Z', ['health']), ex('e4', '2026-11-18T09:00:00Z', ['health'], 'B')];
const t = (id: string, due: string, more: Partial<TrackerItemFact> = {}): TrackerItemFact => ({
  id, raisedAt: '2026-10-01T09:00:00Z', due, status: 'open', youSaid: 'x', teamId: 'A', shareable: true, ...more,
});
const tracker = [t('t1', '2026-11-20'), t('t2', '2026-11-30'), t('t3', '2026-12-10'), t('t4', '2026-11-01', { status: 'done' }), t('t5', '2026-11-02', { teamId: 'B' })];

const facts = { voice: inMemoryVoiceFacts(meetings), examples: inMemoryExampleFacts(examples), tracker: inMemoryTrackerFacts(tracker) };
const run = async () =>
  (await computeWeeklyDigests(facts, { weekStart: '2026-11-23', now: new Date('2026-11-23T08:00:00Z'), teamIds: ['A', 'B'], promises: defaultPromises })).get('A')!;

describe('the weekly manager digest', () => {
  it("counts last week's meetings with the child's voice recorded by the report deadline", async () => {
    expect((await run()).voiceOnTime).toEqual({ n: 2, d: 4 });
  });

  it('shows a four-week trend ending last week', async () => {
    expect((await run()).trend).toEqual([
      { weekStart: '2026-10-26', ratio: { n: 1, d: 1 }, reached: { n: 0, d: 1 } },
      { weekStart: '2026-11-02', ratio: { n: 0, d: 0 }, reached: { n: 0, d: 0 } },
      { weekStart: '2026-11-09', ratio: { n: 0, d: 1 }, reached: { n: 1, d: 1 } },
      { weekStart: '2026-11-16', ratio: { n: 2, d: 4 }, reached: { n: 1, d: 4 } },
    ]);
  });

  it("lists the next two weeks' meetings still without the child's voice, and flags those past the deadline", async () => {
    const d = await run();
    expect(d.upcomingTotal).toBe(3);
    expect(d.upcomingWithout.map((u) => [u.childRef, u.pastDue])).toEqual([['REF-m6', false], ['REF-m7', true]]);
  });

  it('counts escalations, advocacy offered where required, and children told the outcome', async () => {
    const d = await run();
    expect(d.escalations).toBe(2);
    expect(d.advocacy).toEqual({ n: 1, d: 2 });
    expect(d.toldOutcome).toEqual({ n: 2, d: 4 });
  });

  it("counts a child as heard only when their views reached the meeting: a decline and a PN7 filled in on time are not", async () => {
    const d = await run();
    expect(d.voiceOnTime).toEqual({ n: 2, d: 4 });
    expect(d.heard.outcomes).toEqual({ reached: 1, declined: 1, not_heard: 2, under_four: 0 });
    const v = presentWeekly(d, { audience: { kind: 'person' }, teamName: 'A' });
    expect(v.heard.map((f) => [f.title, f.value])).toEqual([
      ['Views reached the meeting', '1 of 4 meetings (25%)'],
      ['Declined to share views (a valid choice, not counted as heard)', '1 of 4 meetings (25%)'],
      ['Not heard', '2 of 4 meetings (50%)'],
      ['Under 4 (PN0), no views shared with the chair', '0 of 4 meetings (0%)'],
      ['Child prepared for the meeting', '2 of 3 (67%) where recorded; recorded for 3 of 4 (75%)'],
      ['Chair met the child beforehand', 'not recorded yet'],
      ["Child's views changed the plan", 'not recorded yet'],
      ['Child told the outcome (so far)', '2 of 4 (50%)'],
      ['Feedback from the child', 'not recorded yet'],
      ['Feedback from the parents', 'not recorded yet'],
    ]);
    expect(v.heardTrend.map((f) => f.value)).toEqual(['0 of 1 (0%)', 'none due', '1 of 1 (100%)', '1 of 4 (25%)']);
    expect(v.methods.slice(0, 3).map((f) => [f.title, f.value])).toEqual([
      ['Meetings with the ways recorded', '2 of 4 (50%)'],
      ['Mind of My Own statement', '1 of 2 (50%)'],
      ['Direct work with me', '1 of 2 (50%)'],
    ]);
    expect(v.heardNotes.map((n) => n.text)).toContain('Declined: the child chose not to share their views, a valid choice that is shown apart and never counted as heard.');
  });

  it("counts last week's examples per promise and the team's tracker items due and overdue", async () => {
    const d = await run();
    expect(d.examplesByPromise.map((e) => e.count)).toEqual([2, 0, 1, 0, 0]);
    expect(d.tracker).toEqual({ dueSoon: 1, overdue: 1, overdueDays: [3] });
  });

  it('tells the manager first what needs attention: a meeting past its deadline without the voice, advocacy not offered, an overdue item', async () => {
    const v = presentWeekly(await run(), { audience: { kind: 'person' }, teamName: 'A' });
    expect(v.attention.map((l) => l.text)).toEqual([
      "1 meeting in the next two weeks has passed the report deadline without the child's voice.",
      "Advocacy was not offered before 1 of last week's meetings where it was required.",
      '1 "You said" item is overdue: 1 by under 4 weeks.',
    ]);
    expect(v.attention[0]!.see).toBe('See "Meetings coming up" below');
  });

  it("in a team channel, hides small numbers of children but shows the team's own examples and items exactly", async () => {
    const v = presentWeekly(await run(), { audience: { kind: 'channel' }, teamName: 'A' });
    expect(v.examplesRows.map((r) => r.value)).toEqual(['2', '0', '1', '0', '0']);
    expect(v.tracker.map((r) => r.value)).toEqual(['1', '1']);
    expect(v.attention[0]!.text).toBe("Fewer than 5 meetings in the next two weeks have passed the report deadline without the child's voice.");
    expect(v.headline[0]!.value).toBe('not shown (fewer than 5 in all)');
  });
});
