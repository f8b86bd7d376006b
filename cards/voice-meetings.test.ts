import { englandAndWales as cal } from '../core/calendar';
import { fixedClock } from '../core/clock';
import { myMeetingsCard, myReviewsCard } from './voice-meetings';
import { CHAIR, MANAGER, STRANGER, WORKER, WORKER2, chairPerson, child, meeting, people, InMemoryAudit, InMemoryChairRecords, InMemoryChildren, InMemoryMeetings, InMemoryNudgeState, InMemoryPeople, InMemoryTeams, InMemoryVoiceRecords } from '../core/testing';
import { listMeetings, listReviews, voiceSettings } from '../core/voice';
import type { VoiceRecord } from '../core/voice';
import { walk } from '../tests/support/card-nodes';

function world() {
  const w = {
    meetings: new InMemoryMeetings([
      meeting('a', 'FGC', '2026-11-30'), meeting('b', 'CLA_REVIEW', '2026-12-10'),
      meeting('c', 'RCPC', '2026-12-03', { childRef: 'C-c' }), meeting('late', 'CLA_REVIEW', '2027-02-01', { childRef: 'C-a' }),
      meeting('gone', 'FGC', '2026-12-01', { childRef: 'C-a', status: 'cancelled' }),
    ]),
    children: new InMemoryChildren([child('C-a'), child('C-b'), child('C-c', { workerId: WORKER2 })]),
    people: new InMemoryPeople(people), teams: new InMemoryTeams([{ id: 'north', name: 'North', district: 'N', managerId: MANAGER }]),
    voice: new InMemoryVoiceRecords(), nudges: new InMemoryNudgeState(), clock: fixedClock('2026-11-23T09:00:00Z'), calendar: cal, settings: voiceSettings(), audit: new InMemoryAudit(), chairRecords: new InMemoryChairRecords(),
  };
  return w;
}

describe('my meetings and team meetings', () => {
  it('a worker sees their children\'s meetings in the next four weeks, soonest first, with what is still missing', async () => {
    const w = world();
    await w.voice.save({ meetingId: 'b', childRef: 'C-b', voiceBy: '2026-12-10', pnCode: 'PN1', methods: ['direct_work'], declined: false, gatheredOn: '2026-11-20', prepared: true, attendance: 'will_attend', sharedWith: [], recordedBy: WORKER, recordedAt: '2026-11-20T10:00:00Z' });
    const list = await listMeetings({ actorId: WORKER, scope: 'mine' }, w);
    expect(list.items.map((i) => [i.meetingId, i.status])).toEqual([['a', 'missing'], ['b', 'recorded']]);
    const card = myMeetingsCard(list);
    const json = JSON.stringify(card);
    expect(json).toContain('2 meetings in the next four weeks; 1 still needs the child');
    expect(json).toContain('Record how their views were gathered');
    expect(json).toContain('Change what was recorded');
    expect(json).not.toContain('${');
  });

  it('a manager sees the whole team\'s meetings with each worker named', async () => {
    const list = await listMeetings({ actorId: MANAGER, scope: 'team' }, world());
    expect(list.items.map((i) => [i.meetingId, i.workerName])).toEqual([['a', 'Sam Worker'], ['c', 'Alex Worker'], ['b', 'Sam Worker']]);
    expect(JSON.stringify(myMeetingsCard(list))).toContain('Alex Worker');
  });

  it('a social worker asking for team meetings is told it is for managers', async () => {
    await expect(listMeetings({ actorId: STRANGER, scope: 'team' }, world())).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('my reviews (a chair)', () => {
  const chairWorld = () => {
    const w = world();
    void w.people.upsertMany([chairPerson]);
    void w.meetings.upsertMany([
      meeting('r1', 'CLA_REVIEW', '2026-11-26', { childRef: 'C-a', chairId: CHAIR, chair: 'Iris Reviewer' }),
      meeting('r2', 'RCPC', '2026-12-01', { childRef: 'C-b', chairId: CHAIR }),
      meeting('r3', 'CLA_REVIEW', '2026-12-03', { childRef: 'C-c', chairId: CHAIR }),
      meeting('r4', 'CLA_REVIEW', '2026-12-04', { childRef: 'C-a', chairId: CHAIR }),
      meeting('far', 'CLA_REVIEW', '2027-01-20', { childRef: 'C-a', chairId: CHAIR }),
      meeting('other', 'CLA_REVIEW', '2026-11-27', { childRef: 'C-b', chairId: MANAGER }),
      meeting('off', 'CLA_REVIEW', '2026-11-30', { childRef: 'C-b', chairId: CHAIR, status: 'cancelled' }),
    ]);
    return w;
  };
  const rec = (meetingId: string, over: Partial<VoiceRecord> = {}): VoiceRecord => ({
    meetingId, childRef: 'C-x', voiceBy: '2026-11-26', pnCode: 'PN5', methods: ['direct_work'], declined: false, gatheredOn: '2026-11-20', prepared: true, attendance: 'will_not_attend', sharedWith: ['chair'], recordedBy: WORKER, recordedAt: '2026-11-20T10:00:00Z', ...over,
  });

  it('an IRO sees the meetings they chair in the next six weeks, by case reference, with recorded, declined, stale and missing views', async () => {
    const w = chairWorld();
    await w.voice.save(rec('r1'));
    await w.voice.save(rec('r2', { declined: true, methods: [] }));
    await w.voice.save(rec('r3', { gatheredOn: '2026-06-01' }));
    const list = await listReviews({ actorId: CHAIR }, w);
    expect(list.items.map((i) => [i.meetingId, i.child, i.status])).toEqual([['r1', 'C-a', 'recorded'], ['r2', 'C-b', 'declined'], ['r3', 'C-c', 'stale'], ['r4', 'C-a', 'missing']]);
    expect(list.missing).toBe(2);
    const json = JSON.stringify(myReviewsCard(list));
    expect(json).toContain('4 meetings to chair in the next six weeks; 2 without the child');
    expect(json).toContain('Sam Worker');
    expect(json).toContain('Only old views on file');
    expect(json).not.toContain('${');
  });

  it('someone who chairs nothing is told "my reviews" is for chairs, and the refusal is audited', async () => {
    const w = chairWorld();
    await expect(listReviews({ actorId: WORKER }, w)).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('independent reviewing officers') });
    expect(w.audit.entries.map((e) => [e.actorId, e.action])).toEqual([[WORKER, 'access.refused']]);
  });

  it('"my reviews" is a read of each child\'s meeting: audited against every meeting it shows', async () => {
    const w = chairWorld();
    const list = await listReviews({ actorId: CHAIR }, w);
    for (const i of list.items) expect((await w.audit.listForRecord('meeting', i.meetingId)).map((e) => [e.actorId, e.action, e.detail?.childRef])).toEqual([[CHAIR, 'chair.listed', i.child]]);
    expect(w.audit.entries).toHaveLength(list.items.length);
  });

  it('says of each meeting held whether the chair has recorded how the child took part, and counts those still to record', async () => {
    const w = chairWorld();
    await w.meetings.upsertMany([
      meeting('done', 'CLA_REVIEW', '2026-11-16', { childRef: 'C-a', chairId: CHAIR }),
      meeting('todo', 'CLA_REVIEW', '2026-11-17', { childRef: 'C-b', chairId: CHAIR }),
      meeting('stand-in', 'CLA_REVIEW', '2026-11-18', { childRef: 'C-c', chairId: CHAIR }),
    ]);
    const at = '2026-11-20T15:00:00Z';
    await w.chairRecords.save({ meetingId: 'done', childRef: 'C-a', pnCode: 'PN5', pnBy: 'chair', attended: false, recordedBy: CHAIR, recordedAt: at });
    await w.chairRecords.save({ meetingId: 'stand-in', childRef: 'C-c', pnCode: 'PN7', pnBy: 'worker', attended: false, recordedBy: WORKER, recordedAt: at });
    const list = await listReviews({ actorId: CHAIR }, w);
    const held = Object.fromEntries(list.items.filter((i) => i.held).map((i) => [i.meetingId, i.takePartText]));
    expect(held).toEqual({
      done: 'You recorded PN5: does not attend, but briefs an advocate or sends their views.',
      todo: 'Not recorded yet.',
      'stand-in': 'Not recorded by you yet (the child\'s worker recorded PN7).',
    });
    const card = myReviewsCard(list);
    expect(JSON.stringify(card)).toContain('2 held meetings still to record.');
    const buttons = walk(card).filter((n) => n.verb === 'chair.open').map((n) => [(n.data as { meetingId: string }).meetingId, n.title]);
    expect(buttons).toEqual([['done', 'Change what you recorded'], ['todo', 'Record how they took part'], ['stand-in', 'Record how they took part']]);
  });

  it('lists the meetings held in the last 20 working days (as long as the chair may record them), not older ones', async () => {
    const w = chairWorld();
    await w.meetings.upsertMany([
      meeting('held20', 'CLA_REVIEW', '2026-10-26', { childRef: 'C-a', chairId: CHAIR }),
      meeting('held22', 'CLA_REVIEW', '2026-10-22', { childRef: 'C-a', chairId: CHAIR }),
    ]);
    const items = (await listReviews({ actorId: CHAIR }, w)).items;
    expect(items.find((i) => i.meetingId === 'held20')).toMatchObject({ held: true });
    expect(items.map((i) => i.meetingId)).not.toContain('held22');
  });
});
