import { tableClient } from '../../adapters/tables/client';
import { lazyClient } from '../../adapters/tables/entity';
import { TableAuditLog } from '../../adapters/tables/audit-log';
import { TableExampleStore } from '../../adapters/tables/example-store';
import { TableTrackerStore } from '../../adapters/tables/tracker-store';
import { englandAndWales } from '../../core/calendar';
import { examplesForPeriod, shareExample } from '../../core/examples';
import { defaultPromises } from '../../core/model';
import { findPii } from '../../core/pii';
import { listMyActions, raiseItem, recordFeedback, recordProgress, sendTrackerReminders, summariseTracker, type TrackerDeps } from '../../core/tracker';
import { InMemoryOutbox, InMemoryPeople, manager, officer, worker } from '../../core/testing';
import { startAzurite, uniquePrefix, type RunningAzurite } from '../support/azurite';

let azurite: RunningAzurite;
beforeAll(async () => {
  azurite = await startAzurite();
});
afterAll(() => azurite.stop());

function world() {
  const tables = { connectionString: azurite.connectionString, prefix: uniquePrefix() };
  const client = (name: string) => lazyClient(() => tableClient(tables, name));
  let now = new Date('2026-03-02T09:00:00Z');
  let n = 0;
  const items = new TableTrackerStore(client('TrackerItems'));
  const examples = new TableExampleStore(client('Examples'));
  const audit = new TableAuditLog(client('Audit'));
  const people = new InMemoryPeople([worker, manager, officer]);
  const clock = { now: () => now };
  const deps: TrackerDeps = { items, audit, people, clock, newId: () => `id-${++n}`, pii: (t) => findPii(t) };
  return { deps, items, examples, audit, people, clock, setNow: (iso: string) => (now = new Date(iso)) };
}

describe('the tracker on Table Storage', () => {
  it('follows an item from open to closed, and "my actions" shows each step from the owner index', async () => {
    const w = world();
    const raised = await raiseItem(w.deps, {
      actor: officer,
      input: { youSaid: 'Care leavers said the bus pass runs out too soon', saidBy: 'forum', ownerId: worker.id, dueDate: '2026-03-20' },
      source: { kind: 'command' },
    });
    if (raised.kind !== 'raised') throw new Error(JSON.stringify(raised));
    const id = raised.item.id;
    const stage = async () => (await listMyActions({ items: w.items, people: w.people, clock: w.clock }, worker)).map((r) => r.stage);
    expect(await stage()).toEqual(['open']);

    const outbox = new InMemoryOutbox();
    w.setNow('2026-03-17T07:00:00Z');
    await sendTrackerReminders({ ...w.deps, calendar: englandAndWales, outbox, message: () => ({ text: 'due soon' }) });
    expect(await stage()).toEqual(['reminded']);
    w.setNow('2026-03-23T07:00:00Z');
    await sendTrackerReminders({ ...w.deps, calendar: englandAndWales, outbox, message: () => ({ text: 'overdue' }) });
    expect(await stage()).toEqual(['overdue']);

    w.setNow('2026-03-24T10:00:00Z');
    await recordProgress(w.deps, { actor: worker, id, input: { outcome: 'done', weDid: 'Passes now last the whole month' } });
    expect(await stage()).toEqual(['awaiting_feedback']);
    w.setNow('2026-03-25T10:00:00Z');
    await recordFeedback(w.deps, { actor: worker, id, input: { feedbackHow: 'Told at the care leaver forum' } });
    expect(await stage()).toEqual([]);
    expect(await w.items.listActive()).toEqual([]);

    const march = await summariseTracker(w.items, { from: '2026-03-01', to: '2026-04-01' }, w.clock);
    expect(march).toMatchObject({ raised: 1, closed: 1, closedDone: 1, overdue: 1 });
    expect((await w.audit.listForRecord('tracker-item', id)).map((e) => e.action)).toEqual([
      'tracker.raised',
      'tracker.reminded',
      'tracker.overdue_nudged',
      'tracker.done',
      'tracker.feedback_given',
    ]);
  });

  it('stores examples by the month recorded and counts a period from that period alone', async () => {
    const w = world();
    const deps = { ...w.deps, examples: w.examples, promises: defaultPromises };
    const input = {
      title: 'Shorter reviews', happenedOn: '2026-02-27', whatHappened: 'Chairs now agree an agenda with the young person.',
      promiseIds: ['safe', 'dreams'], mode: 'consulted_informed', lundy: ['voice'], scope: 'collective', groups: ['uasc'],
      youSaid: 'Young people said reviews were too long', weDid: 'Reviews follow their agenda', shareable: true,
    };
    const saved = await shareExample(deps, { actor: worker, input });
    expect(saved.kind === 'saved' && saved.example.shareable).toBe(true);
    w.setNow('2026-04-02T09:00:00Z');
    await shareExample(deps, { actor: worker, input });
    const got = saved.kind === 'saved' ? await w.examples.get(saved.example.id) : undefined;
    expect(got?.value.promiseIds).toEqual(['safe', 'dreams']);
    expect(await examplesForPeriod(w.examples, { from: '2026-03-01', to: '2026-04-01' })).toMatchObject({ total: 1, byPromise: { safe: 1, dreams: 1 }, byGroup: { uasc: 1 } });
  });
});
