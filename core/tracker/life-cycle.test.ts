import { englandAndWales, londonDate } from '../calendar/working-days';
import { DomainError } from '../errors';
import { listMyActions, raiseItem, recordFeedback, recordProgress, sendTrackerReminders, stageOf, summariseTracker, withdrawItem, editItem, trackerFacts } from '.';
import { admin, manager, officer, stranger, trackerWorld, worker } from '../testing';

const raise = async (w: ReturnType<typeof trackerWorld>, over: Record<string, unknown> = {}) => {
  const res = await raiseItem(w.deps, {
    actor: officer,
    input: { youSaid: 'Young people said reviews were too long', saidBy: 'group', ownerId: worker.id, dueDate: '2026-03-20', ...over },
    source: { kind: 'command' },
  });
  if (res.kind !== 'raised') throw new Error(JSON.stringify(res));
  return res.item;
};
const message = () => ({ text: 'reminder' });

describe('"You said, we did" items', () => {
  it('go open -> reminded -> overdue -> done with feedback given, each step in my actions and in the audit', async () => {
    const w = trackerWorld('2026-03-02T09:00:00Z');
    const item = await raise(w);
    const stageNow = async () => (await listMyActions({ items: w.items, people: w.people, clock: w.clock }, worker))[0]?.stage;
    expect(await stageNow()).toBe('open');

    w.setNow('2026-03-17T07:00:00Z'); // three working days before Friday 20 March
    const send = () => sendTrackerReminders({ ...w.deps, calendar: englandAndWales, outbox: w.outbox, message });
    expect(await send()).toEqual({ reminded: 1, nudged: 0 });
    expect(await send()).toEqual({ reminded: 0, nudged: 0 });
    expect(await stageNow()).toBe('reminded');

    w.setNow('2026-03-23T07:00:00Z');
    expect(await send()).toEqual({ reminded: 0, nudged: 1 });
    expect(await stageNow()).toBe('overdue');
    expect(w.outbox.sent.map((m) => [m.kind, m.to])).toEqual([
      ['tracker.reminder', { kind: 'person', personId: worker.id }],
      ['tracker.overdue', { kind: 'person', personId: worker.id }],
    ]);

    const done = await recordProgress(w.deps, { actor: worker, id: item.id, input: { outcome: 'done', weDid: 'Reviews now last under an hour', feedbackGiven: false } });
    expect(done.kind === 'updated' && done.item.status).toBe('awaiting_feedback');
    expect(await stageNow()).toBe('awaiting_feedback');

    const closed = await recordFeedback(w.deps, { actor: worker, id: item.id, input: { feedbackHow: 'Told at the CICC meeting' } });
    expect(closed.kind === 'updated' && closed.item.status).toBe('closed');
    expect(await stageNow()).toBeUndefined(); // closed items leave "my actions"
    expect((await w.audit.listForRecord('tracker-item', item.id)).map((e) => e.action)).toEqual([
      'tracker.raised',
      'tracker.reminded',
      'tracker.overdue_nudged',
      'tracker.done',
      'tracker.feedback_given',
    ]);
  });

  it('cannot be marked "not possible" without saying why', async () => {
    const w = trackerWorld();
    const item = await raise(w);
    const res = await recordProgress(w.deps, { actor: worker, id: item.id, input: { outcome: 'not_possible', why: '' } });
    expect(res).toEqual({ kind: 'invalid', errors: { why: 'Please say why it was not possible: the children are told why too.' } });
    const ok = await recordProgress(w.deps, {
      actor: worker,
      id: item.id,
      input: { outcome: 'not_possible', why: 'The bus contract is fixed until 2027', feedbackGiven: true, feedbackHow: 'Letter to the group' },
    });
    expect(ok.kind === 'updated' && [ok.item.status, stageOf(ok.item, '2026-03-02')]).toEqual(['closed', 'closed_not_possible']);
  });

  it('only closes once the feedback to the children is recorded', async () => {
    const w = trackerWorld();
    const item = await raise(w);
    const res = await recordProgress(w.deps, { actor: worker, id: item.id, input: { outcome: 'done', weDid: 'Shorter reviews', feedbackGiven: true } });
    expect(res).toEqual({ kind: 'invalid', errors: { feedbackHow: 'Please say how the child or group was told.' } });
    expect((await w.items.get(item.id))?.value.status).toBe('open');
  });

  it('asks for "You said" in general terms, not a child\'s own words', async () => {
    const w = trackerWorld();
    const res = await raiseItem(w.deps, {
      actor: officer,
      input: { youSaid: 'I hate my reviews', saidBy: 'child', ownerId: worker.id, dueDate: '2026-03-20' },
      source: { kind: 'command' },
    });
    expect(res.kind === 'invalid' && Object.keys(res.errors)).toEqual(['youSaid']);
  });

  it('asks for "You said" again when it picks out one child by a detail few share, with or without a place', async () => {
    const w = trackerWorld();
    for (const youSaid of ['The only deaf young person on the council wants a BSL interpreter at meetings', 'The only care leaver in the youth justice group asked for help with money']) {
      const res = await raiseItem(w.deps, { actor: officer, input: { youSaid, saidBy: 'child', ownerId: worker.id, dueDate: '2026-03-20' }, source: { kind: 'command' } });
      expect(res.kind === 'invalid' && res.errors.youSaid).toMatch(/picks out one young person/);
    }
    // "The only" about a thing, not a young person, is general terms.
    const fine = await raiseItem(w.deps, { actor: officer, input: { youSaid: 'Young people said the youth club is the only place to meet friends', saidBy: 'group', ownerId: worker.id, dueDate: '2026-03-20' }, source: { kind: 'command' } });
    expect(fine.kind).toBe('raised');
    // Nor is a group's own thing ("the only young people's forum", "the only children's home in the town" is a place).
    for (const youSaid of ["Young people said the only young people's forum meets too late in the day", "Young people said the only children's centre nearby closes at four"]) {
      const also = await raiseItem(w.deps, { actor: officer, input: { youSaid, saidBy: 'group', ownerId: worker.id, dueDate: '2026-03-20' }, source: { kind: 'command' } });
      expect(also.kind).toBe('raised');
    }
  });

  it('shows identifying details to the worker, who may rewrite or keep the item internal', async () => {
    const w = trackerWorld();
    const input = { youSaid: 'Jordan asked for a later review time', saidBy: 'child', ownerId: worker.id, dueDate: '2026-03-20' };
    const res = await raiseItem(w.deps, { actor: officer, input, source: { kind: 'command' } });
    expect(res.kind === 'pii' && res.findings.youSaid?.map((f) => f.text)).toEqual(['Jordan']);
    const kept = await raiseItem(w.deps, { actor: officer, input, source: { kind: 'command' }, keepInternal: true });
    expect(kept.kind === 'raised' && kept.item.shareable).toBe(false);
  });

  it('may be updated by the owner, the author, the owner\'s manager or an admin, and no one else', async () => {
    const w = trackerWorld();
    const item = await raise(w);
    const attempt = (actor: typeof worker) =>
      recordProgress(w.deps, { actor, id: item.id, input: { outcome: 'done', weDid: 'Shorter reviews' } });
    await expect(attempt(stranger)).rejects.toThrow(DomainError);
    expect((await attempt(manager)).kind).toBe('updated');
  });

  it('are owned only by someone on the staff list now: an unknown id or a leaver is named beside the owner field, on raising and on editing', async () => {
    const w = trackerWorld('2026-03-02T09:00:00Z');
    const notOnList = /not on Golden Thread's staff list/;
    for (const ownerId of ['someone-typed-into-the-card-data', 'leaver-1']) {
      if (ownerId === 'leaver-1') await w.people.upsertMany([{ ...stranger, id: 'leaver-1', goneOn: '2026-02-27' }]);
      const res = await raiseItem(w.deps, { actor: officer, input: { youSaid: 'Young people said reviews were too long', saidBy: 'group', ownerId, dueDate: '2026-03-20' }, source: { kind: 'command' } });
      expect(res).toMatchObject({ kind: 'invalid', errors: { ownerId: expect.stringMatching(notOnList) } });
    }
    expect(await w.items.listActiveByOwner('leaver-1')).toEqual([]);
    const item = await raise(w);
    expect(await editItem(w.deps, { actor: officer, id: item.id, input: { ownerId: 'leaver-1' } })).toMatchObject({ kind: 'invalid', errors: { ownerId: expect.stringMatching(notOnList) } });
    expect(await editItem(w.deps, { actor: officer, id: item.id, input: { ownerId: manager.id } })).toMatchObject({ kind: 'updated', item: { ownerId: manager.id } });
  });

  it('are edited and withdrawn only by their author or an admin, with the history audited', async () => {
    const w = trackerWorld();
    const item = await raise(w);
    await expect(editItem(w.deps, { actor: worker, id: item.id, input: { dueDate: '2026-04-01' } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const edited = await editItem(w.deps, { actor: officer, id: item.id, input: { dueDate: '2026-04-01' } });
    expect(edited.kind === 'updated' && edited.item.dueDate).toBe('2026-04-01');
    const withdrawn = await withdrawItem(w.deps, { actor: admin, id: item.id, reason: 'duplicate' });
    // The withdrawal date is what the purge counts from (withdrawnTrackerDays).
    expect(withdrawn).toMatchObject({ status: 'withdrawn', withdrawnAt: w.deps.clock.now().toISOString(), withdrawnOn: londonDate(w.deps.clock.now()) });
    expect((await w.deps.items.get(item.id))?.value.withdrawnOn).toBe(londonDate(w.deps.clock.now()));
    const trail = await w.audit.listForRecord('tracker-item', item.id);
    expect(trail.map((e) => e.action)).toEqual(['tracker.raised', 'access.refused', 'tracker.edited', 'tracker.withdrawn']);
    expect(trail[2]?.detail).toEqual({ before: { dueDate: '2026-03-20' }, after: { dueDate: '2026-04-01' } });
  });

  it('a manager sees their team\'s actions; a worker sees only their own', async () => {
    const w = trackerWorld();
    await raise(w);
    await raise(w, { ownerId: officer.id });
    const deps = { items: w.items, people: w.people, clock: w.clock };
    expect((await listMyActions(deps, worker)).length).toBe(1);
    expect((await listMyActions(deps, manager)).map((r) => r.ownedByOther)).toEqual([true]);
  });
});

describe('tracker queries for the digests', () => {
  it('count raised, closed, overdue and "not possible" for a period, reading only that period\'s months', async () => {
    const w = trackerWorld('2026-01-05T09:00:00Z');
    const jan = await raise(w, { dueDate: '2026-01-20' });
    w.setNow('2026-02-02T09:00:00Z');
    const feb = await raise(w, { dueDate: '2026-02-10' });
    await raise(w, { dueDate: '2026-03-10' });
    await recordProgress(w.deps, { actor: worker, id: feb.id, input: { outcome: 'not_possible', why: 'No budget this year', feedbackGiven: true, feedbackHow: 'At the forum' } });
    w.setNow('2026-03-01T09:00:00Z');
    w.items.monthsRead.length = 0;
    const s = await summariseTracker(w.items, { from: '2026-02-01', to: '2026-03-01' }, w.clock);
    expect(s).toMatchObject({ raised: 2, closed: 1, closedNotPossible: 1, closedDone: 0, overdue: 0 });
    expect(new Set(w.items.monthsRead)).toEqual(new Set(['2026-02']));
    const janSummary = await summariseTracker(w.items, { from: '2026-01-01', to: '2026-02-01' }, w.clock);
    expect(janSummary).toMatchObject({ raised: 1, overdue: 1 });
    const facts = trackerFacts(w.items);
    expect((await facts.open()).map((f) => f.id).sort()).toEqual([jan.id, 'id3'].sort());
  });
});
