import { englandAndWales as cal } from '../calendar/working-days';
import { ADMIN, MANAGER, meeting, child, WORKER, InMemoryAudit, InMemoryChildren, InMemoryMeetings, InMemoryNudgeState } from '../testing';
import { planMeeting } from '../voice/scan';
import { scheduleFor } from '../voice/schedule';
import { voiceSettings } from '../voice/settings';
import { deleteChannelPost, resolveParked } from './actions';
import { adminOverview, bankHolidayStatus, type AdminDeps } from './overview';
import { listPausedMeetings, pauseMeetingNudges, resumeMeetingNudges } from './pause';
import type { AdminOutbox, OutboxView } from './ports';

const NOW = new Date('2026-11-23T10:00:00Z');
const admin = { id: ADMIN, roles: ['admin' as const] };
const manager = { id: MANAGER, roles: ['manager' as const] };

class InMemoryAdminOutbox implements AdminOutbox {
  constructor(public items: OutboxView[]) {}
  list = async (status: string) => this.items.filter((i) => i.status === status);
  get = async (id: string) => this.items.find((i) => i.id === id);
  private set(id: string, from: OutboxView['status'], change: Partial<OutboxView>) {
    const i = this.items.find((x) => x.id === id && x.status === from);
    if (i) Object.assign(i, change);
    return Promise.resolve(Boolean(i));
  }
  retry = (id: string) => this.set(id, 'parked', { status: 'pending' });
  discard = (id: string) => this.set(id, 'parked', { status: 'failed', lastError: 'discarded_by_admin' });
  markDeleted = (id: string) => this.set(id, 'sent', { lastError: 'deleted_by_admin' });
}

function world(items: OutboxView[] = []) {
  const audit = new InMemoryAudit();
  const outbox = new InMemoryAdminOutbox(items);
  const deps: AdminDeps = { people: { get: async () => undefined }, outbox, audit, clock: { now: () => NOW }, bankHolidaysCoveredUntil: '2028-12-31', warningMonths: 6 };
  return { deps, audit, outbox };
}
const msg = (id: string, over: Partial<OutboxView>): OutboxView => ({ id, kind: 'nudge', to: { kind: 'person', personId: WORKER }, status: 'sent', enqueuedAt: '2026-11-20T08:30:00.000Z', ...over });

describe('admin views', () => {
  it('the bank-holiday data warns six months before it runs out, not before', () => {
    expect(bankHolidayStatus('2028-12-31', NOW, 6)).toMatchObject({ warn: false, monthsLeft: 25 });
    expect(bankHolidayStatus('2028-12-31', new Date('2028-07-02T09:00:00Z'), 6)).toMatchObject({ warn: true, monthsLeft: 5 });
  });

  it('an admin sees parked messages, nudges that could not reach their worker, channel posts the PII guard stopped, and recent channel posts', async () => {
    const w = world([
      msg('p1', { status: 'parked', lastError: 'connector answered 400' }),
      msg('f1', { status: 'failed', lastError: 'no_conversation' }),
      msg('f2', { status: 'failed', lastError: 'discarded_by_admin' }),
      msg('c1', { to: { kind: 'channel', channelId: '19:cicc' }, kind: 'digest.cicc', activityId: 'act-9', conversationId: '19:cicc', sentAt: '2026-11-20T09:00:00.000Z' }),
      msg('s1', { activityId: 'act-1' }),
      msg('b1', { to: { kind: 'channel', channelId: '19:cicc' }, kind: 'forum.reminder', status: 'failed', lastError: 'identifying_detail: name' }),
    ]);
    const view = await adminOverview(w.deps, admin);
    expect([view.parked.map((m) => m.id), view.undelivered.map((m) => m.id), view.posts.map((m) => m.id)]).toEqual([['p1'], ['f1'], ['c1']]);
    expect(view.blocked.map((m) => [m.id, m.lastError])).toEqual([['b1', 'identifying_detail: name']]);
  });

  it('anyone else is refused the admin view, and the refusal is audited', async () => {
    const w = world();
    await expect(adminOverview(w.deps, manager)).rejects.toMatchObject({ code: 'FORBIDDEN', message: 'Only an administrator can do that.' });
    expect(w.audit.entries.map((e) => e.action)).toEqual(['access.refused']);
  });

  it('a parked message retried goes back to the queue; discarded, never sent; both audited; a second press says it changed', async () => {
    const w = world([msg('p1', { status: 'parked' }), msg('p2', { status: 'parked' })]);
    expect(await resolveParked(w.deps, admin, { id: 'p1', how: 'retry' })).toMatch(/sent again/);
    expect(await resolveParked(w.deps, admin, { id: 'p2', how: 'discard' })).toMatch(/discarded/);
    expect(w.outbox.items.map((i) => i.status)).toEqual(['pending', 'failed']);
    await expect(resolveParked(w.deps, admin, { id: 'p1', how: 'retry' })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(w.audit.entries.map((e) => [e.action, e.recordId])).toEqual([['outbox.retried', 'p1'], ['outbox.discarded', 'p2']]);
  });

  it('a channel post is deleted in Teams, marked, and audited without its content', async () => {
    const w = world([msg('c1', { to: { kind: 'channel', channelId: '19:cicc' }, activityId: 'act-9', conversationId: '19:cicc' })]);
    const deleted: unknown[] = [];
    const text = await deleteChannelPost({ ...w.deps, deletePost: async (p) => void deleted.push(p) }, admin, { id: 'c1' });
    expect(text).toMatch(/Deleted/);
    expect(deleted).toEqual([{ recipient: { kind: 'channel', channelId: '19:cicc' }, conversationId: '19:cicc', activityId: 'act-9' }]);
    expect(w.audit.entries[0]).toMatchObject({ action: 'outbox.post-deleted', recordId: 'c1', detail: { activityId: 'act-9' } });
    expect((await adminOverview(w.deps, admin)).posts).toEqual([]);
  });

  /** One review child protection conference on 7 December, with no nudge sent yet. */
  const pauseWorld = () => {
    const meetings = new InMemoryMeetings();
    const children = new InMemoryChildren();
    const m = meeting('a', 'RCPC', '2026-12-07');
    meetings.byId.set(m.id, m);
    children.byRef.set(m.childRef, child(m.childRef));
    const nudges = new InMemoryNudgeState();
    const audit = new InMemoryAudit();
    const deps = { meetings, children, nudges, audit, settings: voiceSettings(), calendar: cal, clock: { now: () => NOW } };
    return { nudges, audit, deps, schedule: scheduleFor(m, deps.settings, cal) };
  };

  it('a paused meeting gets no more nudges and no escalation, for this voice-by date', async () => {
    const { nudges, audit, deps, schedule } = pauseWorld();
    const before = planMeeting(schedule, [], '2026-11-30');
    expect(before.send).toBeDefined();

    await pauseMeetingNudges(deps, admin, { meetingId: 'a', reason: 'child moved out of area' });

    const facts = (await nudges.listForMeetings(['a'])).get('a') ?? [];
    expect(planMeeting(schedule, facts, '2026-11-30')).toEqual({ skip: [], escalate: false });
    expect(planMeeting(schedule, facts, schedule.voiceBy)).toEqual({ skip: [], escalate: false });
    expect(audit.entries[0]).toMatchObject({ action: 'voice.paused', recordType: 'meeting', recordId: 'a', detail: { reason: 'child moved out of area' } });
    await expect(pauseMeetingNudges(deps, manager, { meetingId: 'a' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('a pause is listed and can be undone: the nudges resume from the next stage due, and a nudge already sent stays sent', async () => {
    const { nudges, audit, deps, schedule } = pauseWorld();
    const first = schedule.stages[0]!;
    // The first nudge went out before the pause.
    await nudges.record([{ meetingId: 'a', stage: first.id, voiceBy: schedule.voiceBy, kind: 'sent', on: first.due ?? '2026-11-23', personId: 'worker', at: NOW.toISOString() }]);

    await pauseMeetingNudges(deps, admin, { meetingId: 'a' });
    expect((await listPausedMeetings(deps, admin)).map((p) => p.meetingId)).toEqual(['a']);
    expect((await nudges.listForMeetings(['a'])).get('a')!.find((f) => f.stage === first.id)).toMatchObject({ kind: 'sent' });

    expect(await resumeMeetingNudges(deps, admin, { meetingId: 'a' })).toMatch(/back on/);
    const facts = (await nudges.listForMeetings(['a'])).get('a') ?? [];
    expect(facts.map((f) => [f.stage, f.kind])).toEqual([[first.id, 'sent']]);
    expect(planMeeting(schedule, facts, schedule.voiceBy).escalate || planMeeting(schedule, facts, schedule.voiceBy).send).toBeTruthy();
    expect(await listPausedMeetings(deps, admin)).toEqual([]);
    expect(audit.entries.map((e) => e.action)).toEqual(['voice.paused', 'voice.resumed']);
    await expect(resumeMeetingNudges(deps, admin, { meetingId: 'a' })).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'The nudges for meeting a are not paused.' });
    await expect(listPausedMeetings(deps, manager)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
