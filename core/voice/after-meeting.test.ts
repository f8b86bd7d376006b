import { englandAndWales as cal } from '../calendar/working-days';
import { fixedClock, type Clock } from '../clock';
import { MANAGER, STRANGER, WORKER, child, meeting, people } from './fixtures';
import { recordAfterMeeting, type AfterMeetingView } from './after-meeting';
import type { EscalationDigestView, NudgeDigestView } from './nudge-view';
import { runNudgeScan } from './scan';
import { voiceSettings } from './settings';
import { MemoryAfterMeeting, MemoryAudit, MemoryChildren, MemoryMeetings, MemoryNudgeState, MemoryOutbox, MemoryPeople, MemoryTeams, MemoryVoiceRecords } from './testing';

function world(at: string) {
  const p = new MemoryPeople(people);
  const clock: Clock & { now: () => Date } = { now: fixedClock(at).now };
  return {
    meetings: new MemoryMeetings([meeting('cp', 'RCPC', '2026-11-19'), meeting('fgc', 'FGC', '2026-11-19')]),
    children: new MemoryChildren([child('C-cp'), child('C-fgc')]),
    people: p, managers: p, teams: new MemoryTeams(),
    voice: new MemoryVoiceRecords(), after: new MemoryAfterMeeting(), nudges: new MemoryNudgeState(), outbox: new MemoryOutbox(), audit: new MemoryAudit(),
    clock, calendar: cal, settings: voiceSettings(),
    cards: { nudgeDigest: (v: NudgeDigestView) => ({ nudge: v }), escalationDigest: (v: EscalationDigestView) => ({ escalation: v }), afterMeeting: (v: AfterMeetingView) => ({ after: v }) },
    setNow(iso: string) { clock.now = () => new Date(iso); },
  };
}
const afterCards = (w: ReturnType<typeof world>) => w.outbox.sent.filter((s) => s.kind === 'after-meeting').map((s) => (s.card as { after: AfterMeetingView }).after);

describe('after the meeting', () => {
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
