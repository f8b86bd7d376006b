import { InvocationContext } from '@azure/functions';
import { createTableStores } from '../../adapters/tables';
import { TableOutboxStore } from '../../adapters/tables/outbox-store';
import { englandAndWales } from '../../core/calendar';
import type { Clock } from '../../core/clock';
import { useChannelFor } from '../../core/channels';
import { moveOccurrence, saveForum, recordForumOutcome } from '../../core/forums';
import { forumFacilitator as facilitator, forumOfficer as officer, forumWorker as worker } from '../../core/testing';
import { TableTrackerStore } from '../../adapters/tables/tracker-store';
import { tableClient } from '../../adapters/tables/client';
import { lazyClient } from '../../adapters/tables/entity';
import { listMyActions } from '../../core/tracker';
import { ConfigSchema } from '../../functions/config';
import { buildForumServices, runForumTimer } from '../../functions/wiring/forums';
import { startAzurite, uniquePrefix, type RunningAzurite } from '../support/azurite';

let azurite: RunningAzurite;
beforeAll(async () => {
  azurite = await startAzurite();
});
afterAll(() => azurite.stop());

async function world(at: string) {
  const config = ConfigSchema.parse({ STORAGE_CONNECTION: azurite.connectionString, TABLE_PREFIX: uniquePrefix() });
  let now = new Date(at);
  const clock: Clock = { now: () => now };
  const stores = createTableStores({ connectionString: config.STORAGE_CONNECTION, prefix: config.TABLE_PREFIX });
  await stores.people.upsertMany([officer, facilitator, worker]);
  const outbox = new TableOutboxStore({ connectionString: config.STORAGE_CONNECTION, prefix: config.TABLE_PREFIX }, clock);
  const trackerItems = new TableTrackerStore(lazyClient(() => tableClient({ connectionString: config.STORAGE_CONNECTION, prefix: config.TABLE_PREFIX }, 'TrackerItems')));
  let n = 0;
  const f = buildForumServices({ config, forums: stores.forums, forumOutcomes: stores.forumOutcomes, channelMappings: stores.channelMappings, people: stores.people, audit: stores.audit, clock, calendar: englandAndWales, outbox, trackerItems, newId: () => `id-${++n}` });
  const pending = async () => {
    const ids = await outbox.listDue(new Date('2030-01-01'), 1000);
    return Promise.all(ids.map(async (id) => (await outbox.getById(id))!.message));
  };
  return { f, stores, outbox, trackerItems, pending, setNow: (iso: string) => (now = new Date(iso)) };
}

const cicc = {
  name: 'Children in Care Council',
  type: 'CICC' as const,
  repeat: { plain: { frequency: 'monthly' as const, ordinal: 1 as const, weekday: 'WE' as const } },
  startDate: '2026-11-01',
  time: '17:00',
  place: 'Civic Centre',
  facilitatorIds: [facilitator.id, officer.id],
};

describe('forums on Table Storage', () => {
  it('a forum, its moved date and its channel survive a round trip; a stale edit is refused', async () => {
    const { f } = await world('2026-11-23T10:00:00Z');
    const forum = await saveForum(f, { actor: officer, draft: cicc });
    const before = await f.forums.get(forum.id);
    await moveOccurrence(f, { actor: officer, forumId: forum.id, originalDate: '2026-12-02', date: '2026-11-30', time: '16:00' });
    const got = await f.forums.get(forum.id);
    expect(got?.value.overrides).toEqual({ '2026-12-02': { status: 'moved', date: '2026-11-30', time: '16:00' } });
    expect(await f.forums.list()).toHaveLength(1);
    await expect(f.forums.save(got!.value, before!.etag)).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(f.forums.save(got!.value)).rejects.toMatchObject({ code: 'CONFLICT' });
    await useChannelFor(
      { ...f, listForums: async () => [forum] },
      { actor: officer, audienceText: 'Children in Care Council', channel: { channelId: '19:cicc@thread.tacv2', channelName: 'CICC' } },
    );
    expect(await f.mappings.list()).toEqual([expect.objectContaining({ audience: 'cicc', channelId: '19:cicc@thread.tacv2', channelName: 'CICC' })]);
  });

  it('the reminder timer posts the 7-day reminder to the channel and each facilitator once; running it again posts nothing new', async () => {
    const w = await world('2026-11-23T10:00:00Z');
    const forum = await saveForum(w.f, { actor: officer, draft: { ...cicc, channelId: '19:cicc@thread.tacv2' } });
    await moveOccurrence(w.f, { actor: officer, forumId: forum.id, originalDate: '2026-12-02', date: '2026-11-30', time: '17:00' });
    expect(await runForumTimer(w.f)).toEqual({ reminders: 3, alreadySent: 0, outcomeRequests: 0 });
    const sent = await w.pending();
    const byKey = (a: object, b: object) => JSON.stringify(a).localeCompare(JSON.stringify(b));
    expect(sent.map((m) => m.to).sort(byKey)).toEqual(
      [
        { kind: 'channel', channelId: '19:cicc@thread.tacv2' },
        { kind: 'person', personId: facilitator.id },
        { kind: 'person', personId: officer.id },
      ].sort(byKey),
    );
    const card = JSON.stringify(sent.find((m) => m.to.kind === 'channel')?.card);
    expect(card).toContain('Monday 30 November 2026');
    expect(card).toContain('5pm');
    expect(card).toContain('Civic Centre');
    expect(await runForumTimer(w.f)).toEqual({ reminders: 0, alreadySent: 3, outcomeRequests: 0 });
    expect(await w.pending()).toHaveLength(3);
  });

  it("after the meeting the facilitators are asked once; what they record becomes items in the owner's actions, and the next reminder lists them", async () => {
    const w = await world('2026-12-03T09:05:00Z');
    const forum = await saveForum(w.f, { actor: officer, draft: { ...cicc, startDate: '2026-11-01', facilitatorIds: [facilitator.id] } });
    expect((await runForumTimer(w.f)).outcomeRequests).toBe(1);
    expect((await runForumTimer(w.f)).outcomeRequests).toBe(0);
    await recordForumOutcome(w.f, facilitator, {
      forumId: forum.id,
      originalDate: '2026-12-02',
      attendance: { total: 7, byAgeBand: { '11_to_15': 4, '16_to_17': 3 }, harderToHear: { uasc: 2 } },
      points: [{ kind: 'action', text: 'Young people want Wi-Fi in every semi-independent home', ownerId: worker.id, dueDate: '2027-01-31' }],
    });
    expect(await w.f.outcomes.get(forum.id, '2026-12-02')).toMatchObject({ attendance: { total: 7 } });
    const actions = await listMyActions({ items: w.trackerItems, people: w.stores.people, clock: w.f.clock }, worker);
    expect(actions.map((a) => [a.item.youSaid, a.item.source])).toEqual([
      ['Young people want Wi-Fi in every semi-independent home', { kind: 'forum', forumId: forum.id, forumName: forum.name, occurrenceDate: '2026-12-02' }],
    ]);
    w.setNow('2026-12-30T09:00:00Z'); // 7 days before 6 January
    await runForumTimer(w.f);
    const reminders = (await w.pending()).filter((m) => m.kind === 'forum.reminder');
    expect(JSON.stringify(reminders[0]?.card)).toContain('Young people want Wi-Fi in every semi-independent home');
  });

  it('the timer function runs on its own, logging what it did', async () => {
    const { forumReminders } = await import('../../functions/forum-reminders.timer');
    const logs: unknown[][] = [];
    const saved = { ...process.env };
    process.env.STORAGE_CONNECTION = azurite.connectionString;
    process.env.TABLE_PREFIX = uniquePrefix();
    const { resetConfigCache } = await import('../../functions/config');
    const { resetServices } = await import('../../functions/wiring/services');
    resetConfigCache();
    resetServices();
    await forumReminders({}, new InvocationContext({ invocationId: 'inv-1', logHandler: (_l, ...args) => logs.push(args) }));
    expect(JSON.stringify(logs)).toContain('forum reminders (invocation inv-1)');
    process.env = saved;
    resetConfigCache();
    resetServices();
  });
});
