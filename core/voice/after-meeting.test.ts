import { englandAndWales as cal } from '../calendar/working-days';
import { fixedClock, type Clock } from '../clock';
import { MANAGER, STRANGER, WORKER, child, meeting, people, InMemoryAfterMeeting, InMemoryAudit, InMemoryChairRecords, InMemoryChildren, InMemoryMeetings, InMemoryNudgeState, InMemoryOutbox, InMemoryPeople, InMemoryTeams, InMemoryVoiceRecords } from '../testing';
import { recordAfterMeeting, type AfterMeetingView } from './after-meeting';
import type { EscalationDigestView, NudgeDigestView } from './nudge-view';
import { runNudgeScan } from './scan';
import { voiceSettings } from './settings';

function world(at: string) {
  const p = new InMemoryPeople(people);
  const clock: Clock & { now: () => Date } = { now: fixedClock(at).now };
  return {
    meetings: new InMemoryMeetings([meeting('cp', 'RCPC', '2026-11-19'), meeting('fgc', 'FGC', '2026-11-19')]),
    children: new InMemoryChildren([child('C-cp'), child('C-fgc')]),
    people: p, managers: p, teams: new InMemoryTeams(),
    voice: new InMemoryVoiceRecords(), after: new InMemoryAfterMeeting(), chairRecords: new InMemoryChairRecords(), nudges: new InMemoryNudgeState(), outbox: new InMemoryOutbox(), audit: new InMemoryAudit(),
    clock, calendar: cal, settings: voiceSettings(),
    cards: { nudgeDigest: (v: NudgeDigestView) => ({ nudge: v }), escalationDigest: (v: EscalationDigestView) => ({ escalation: v }), afterMeeting: (v: AfterMeetingView) => ({ after: v }) },
    setNow(iso: string) { clock.now = () => new Date(iso); },
  };
}
const afterCards = (w: ReturnType<typeof world>) => w.outbox.sent.filter((s) => s.kind === 'after-meeting').map((s) => (s.card as { after: AfterMeetingView }).after);

describe('after the meeting', () => {
  it("the worker's stand-in code keeps the chair's rules of time: not on a cancelled meeting, nor more than 20 working days after it; named beside the field, nothing saved", async () => {
    const w = world('2026-12-18T10:00:00Z'); // Fri 18 Dec: 21 working days after Thu 19 Nov
    const late = await recordAfterMeeting({ actorId: WORKER, meetingId: 'fgc', form: { told: 'yes', pnCode: 'PN5', attended: 'no' } }, w);
    expect(late).toMatchObject({ ok: false, errors: { pnCode: expect.stringContaining('more than 20 working days') } });
    expect(await w.chairRecords.get('fgc')).toBeUndefined();
    const w2 = world('2026-11-20T10:00:00Z');
    await w2.meetings.upsertMany([meeting('fgc', 'FGC', '2026-11-19', { status: 'cancelled' })]);
    const off = await recordAfterMeeting({ actorId: WORKER, meetingId: 'fgc', form: { told: 'yes', pnCode: 'PN5', attended: 'no' } }, w2);
    expect(off).toMatchObject({ ok: false, errors: { pnCode: expect.stringContaining('cancelled') } });
    expect(await w2.chairRecords.get('fgc')).toBeUndefined();
  });

  it('one working day after, the worker is asked whether the child was told what was decided (and, after a CP conference, about the feedback form)', async () => {
    const w = world('2026-11-19T08:30:00Z'); // the meetings are today (Thu): nothing yet
    await runNudgeScan(w);
    expect(afterCards(w)).toHaveLength(0);
    w.setNow('2026-11-20T08:30:00Z'); // Fri
    expect(await runNudgeScan(w)).toMatchObject({ afterAsked: 2 });
    const cards = afterCards(w);
    expect(cards.map((c) => [c.meetingId, c.cpConference])).toEqual([['cp', true], ['fgc', false]]);
    expect(w.outbox.sent.every((s) => s.to.kind === 'person' && s.to.personId === WORKER)).toBe(true);
  });

  it('"planned" needs a date, "not appropriate" needs a reason, and a CP conference needs the feedback-form answer', async () => {
    const w = world('2026-11-20T10:00:00Z');
    const bad = await recordAfterMeeting({ actorId: WORKER, meetingId: 'cp', form: { told: 'planned' } }, w);
    expect(bad).toEqual({ ok: false, errors: { plannedFor: 'Give the date you plan to tell them.', feedbackFormOffered: 'Say whether the child was offered the feedback form.' } });
    const why = await recordAfterMeeting({ actorId: WORKER, meetingId: 'fgc', form: { told: 'not_appropriate' } }, w);
    expect(why).toMatchObject({ ok: false, errors: { whyNot: expect.any(String) } });
    const ok = await recordAfterMeeting({ actorId: WORKER, meetingId: 'cp', form: { told: 'planned', plannedFor: '2026-11-25', feedbackFormOffered: 'yes' } }, w);
    expect(ok).toMatchObject({ ok: true, record: { told: 'planned', plannedFor: '2026-11-25', feedbackFormOffered: true } });
    expect(w.audit.entries.at(-1)).toMatchObject({ action: 'after.recorded', actorId: WORKER });
  });

  it('where no chair has recorded it, the worker may record how the child took part, marked as theirs and checked as the chair\'s is', async () => {
    const w = world('2026-11-20T10:00:00Z');
    const clash = await recordAfterMeeting({ actorId: WORKER, meetingId: 'fgc', form: { told: 'yes', pnCode: 'PN1', attended: 'no' } }, w);
    expect(clash).toEqual({ ok: false, errors: { pnCode: 'PN1 means the child attended, but you said they did not: change one of the two.' } });
    const noAttendance = await recordAfterMeeting({ actorId: WORKER, meetingId: 'fgc', form: { told: 'yes', pnCode: 'PN5' } }, w);
    expect(noAttendance).toMatchObject({ ok: false, errors: { attended: 'Say whether the child attended the meeting.' } });
    const under4 = await recordAfterMeeting({ actorId: WORKER, meetingId: 'fgc', form: { told: 'yes', pnCode: 'PN0', attended: 'no' } }, w);
    expect(under4).toMatchObject({ ok: false, errors: { pnCode: expect.stringMatching(/under 4/) } });
    expect(await w.after.get('fgc')).toBeUndefined();
    const ok = await recordAfterMeeting({ actorId: WORKER, meetingId: 'fgc', form: { told: 'yes', pnCode: 'PN5', attended: 'no' } }, w);
    expect(ok).toMatchObject({ ok: true, record: { told: 'yes' } });
    expect(await w.chairRecords.get('fgc')).toEqual({ meetingId: 'fgc', childRef: 'C-fgc', pnCode: 'PN5', attended: false, pnBy: 'worker', recordedBy: WORKER, recordedAt: '2026-11-20T10:00:00.000Z' });
    expect(w.audit.entries.at(-1)).toMatchObject({ action: 'after.recorded', detail: { pnCode: 'PN5', attended: false, pnBy: 'worker' } });
    // Without a code the answer is saved as before, and the worker's code stays.
    expect((await recordAfterMeeting({ actorId: WORKER, meetingId: 'fgc', form: { told: 'yes' } }, w)).ok).toBe(true);
    expect((await w.chairRecords.get('fgc'))?.pnCode).toBe('PN5');
  });

  it('a code is refused before the meeting day, and never replaces what the chair recorded', async () => {
    const w = world('2026-11-18T10:00:00Z');
    const early = await recordAfterMeeting({ actorId: WORKER, meetingId: 'fgc', form: { told: 'yes', pnCode: 'PN5', attended: 'no' } }, w);
    expect(early).toMatchObject({ ok: false, errors: { pnCode: expect.stringMatching(/only on or after the meeting day/) } });
    w.setNow('2026-11-20T10:00:00Z');
    const chairs = { meetingId: 'cp', childRef: 'C-cp', pnCode: 'PN2' as const, pnBy: 'chair' as const, attended: true, metBefore: false, viewsChangedPlan: false, recordedBy: 'chair', recordedAt: '2026-11-19T15:00:00Z' };
    await w.chairRecords.save(chairs);
    const ok = await recordAfterMeeting({ actorId: WORKER, meetingId: 'cp', form: { told: 'yes', feedbackFormOffered: 'no', pnCode: 'PN7', attended: 'no' } }, w);
    expect(ok.ok).toBe(true);
    expect(await w.chairRecords.get('cp')).toEqual(chairs);
  });

  it('the card offers the code only where the chair has not recorded it, and never for an assessment', async () => {
    const { afterMeetingView } = await import('./after-meeting');
    const base = { child: child('C-x'), today: '2026-11-20', settings: voiceSettings(), calendar: cal };
    const review = meeting('r', 'CLA_REVIEW', '2026-11-19', { chairId: 'chair' });
    expect(afterMeetingView({ ...base, meeting: review })).toMatchObject({ asksCode: true, chairText: '' });
    const byChair = { meetingId: 'r', childRef: 'C-x', pnCode: 'PN2' as const, pnBy: 'chair' as const, attended: true, recordedBy: 'chair', recordedAt: '2026-11-19T15:00:00Z' };
    expect(afterMeetingView({ ...base, meeting: review, chair: byChair })).toMatchObject({ asksCode: false, chairText: 'The chair recorded how the child took part: PN2, attends, and an advocate speaks for them.' });
    expect(afterMeetingView({ ...base, meeting: review, chair: { ...byChair, pnBy: 'worker' } })).toMatchObject({ asksCode: true, form: { pnCode: 'PN2', attended: 'yes' } });
    expect(afterMeetingView({ ...base, meeting: meeting('s', 'ASSESSMENT', '2026-11-19') }).asksCode).toBe(false);
  });

  it('the morning\'s question shows what the chair recorded before it, and does not ask the worker for the code', async () => {
    const w = world('2026-11-20T08:30:00Z');
    await w.meetings.upsertMany([meeting('cp', 'RCPC', '2026-11-19', { chairId: 'chair' })]);
    await w.chairRecords.save({ meetingId: 'cp', childRef: 'C-cp', pnCode: 'PN2', pnBy: 'chair', attended: true, recordedBy: 'chair', recordedAt: '2026-11-19T15:00:00Z' });
    expect(await runNudgeScan(w)).toMatchObject({ afterAsked: 2 });
    expect(afterCards(w).map((c) => [c.meetingId, c.asksCode, c.chairText !== ''])).toEqual([['cp', false, true], ['fgc', true, false]]);
  });

  it('only the worker, their manager or an admin may answer', async () => {
    const w = world('2026-11-20T10:00:00Z');
    await expect(recordAfterMeeting({ actorId: STRANGER, meetingId: 'fgc', form: { told: 'yes' } }, w)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('an answer still missing two working days after the question shows up for the manager, once', async () => {
    const w = world('2026-11-20T08:30:00Z'); // asked Fri
    await runNudgeScan(w);
    await recordAfterMeeting({ actorId: WORKER, meetingId: 'fgc', form: { told: 'yes' } }, w);
    w.setNow('2026-11-23T08:30:00Z'); // Mon: one working day
    expect(await runNudgeScan(w)).toMatchObject({ afterEscalated: 0 });
    w.setNow('2026-11-24T08:30:00Z'); // Tue: two working days
    expect(await runNudgeScan(w)).toMatchObject({ afterEscalated: 1 });
    const toManager = w.outbox.sent.filter((s) => s.to.kind === 'person' && s.to.personId === MANAGER);
    expect((toManager[0]?.card as { escalation: EscalationDigestView }).escalation.items.map((i) => [i.meetingId, i.reason])).toEqual([['cp', 'after-unanswered']]);
    w.setNow('2026-11-25T08:30:00Z');
    expect(await runNudgeScan(w)).toMatchObject({ afterEscalated: 0 });
  });

  it('"we\'ll tell them on <date>" comes back to the worker on that date, once, asking whether they have been told', async () => {
    const w = world('2026-11-20T10:00:00Z');
    await recordAfterMeeting({ actorId: WORKER, meetingId: 'fgc', form: { told: 'planned', plannedFor: '2026-11-28' } }, w); // a Saturday
    w.setNow('2026-11-27T08:30:00Z'); // Fri: not yet
    expect(await runNudgeScan(w)).toMatchObject({ afterFollowedUp: 0 });
    w.setNow('2026-11-30T08:30:00Z'); // Mon: the first morning run on or after the date
    expect(await runNudgeScan(w)).toMatchObject({ afterFollowedUp: 1 });
    const followUp = w.outbox.sent.find((s) => s.dedupeKey === 'after-followup:fgc:2026-11-28')!;
    expect(followUp.to).toEqual({ kind: 'person', personId: WORKER });
    expect((followUp.card as { after: AfterMeetingView }).after.statusText).toBe('You planned to tell them on Sat 28 Nov 2026. Have they been told?');
    expect(w.audit.entries.at(-1)).toMatchObject({ action: 'after.followed-up', recordId: 'fgc' });
    w.setNow('2026-12-01T08:30:00Z');
    expect(await runNudgeScan(w)).toMatchObject({ afterFollowedUp: 0 });
    // Submitting the card unchanged is refused kindly: the date has passed.
    const again = await recordAfterMeeting({ actorId: WORKER, meetingId: 'fgc', form: { told: 'planned', plannedFor: '2026-11-28' } }, w);
    expect(again).toMatchObject({ ok: false, errors: { plannedFor: expect.stringContaining('passed') } });
  });

  it('a planned date that was replaced by "yes, told" before it came is not followed up', async () => {
    const w = world('2026-11-20T10:00:00Z');
    await recordAfterMeeting({ actorId: WORKER, meetingId: 'fgc', form: { told: 'planned', plannedFor: '2026-11-25' } }, w);
    await recordAfterMeeting({ actorId: WORKER, meetingId: 'fgc', form: { told: 'yes' } }, w);
    w.setNow('2026-11-25T08:30:00Z');
    expect(await runNudgeScan(w)).toMatchObject({ afterFollowedUp: 0 });
    expect(await w.after.listPlannedUpTo('2026-12-31')).toEqual([]);
  });
});
