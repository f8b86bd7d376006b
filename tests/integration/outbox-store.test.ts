import { TableOutboxStore } from '../../adapters/tables/outbox-store';
import type { Clock } from '../../core';
import { startAzurite, uniquePrefix, type RunningAzurite } from '../support/azurite';

jest.setTimeout(30_000); // two shared cores: Azurite and the drain compete with other test runs

let azurite: RunningAzurite;
let now = new Date('2026-11-23T09:00:00.000Z');
const clock: Clock = { now: () => now };
const store = () => new TableOutboxStore({ connectionString: azurite.connectionString, prefix: uniquePrefix() }, clock);

beforeAll(async () => {
  azurite = await startAzurite();
});
afterAll(() => azurite.stop());

const nudge = (n: number) => ({
  dedupeKey: `nudge:meeting-${n}:2026-11-23`,
  to: { kind: 'person' as const, personId: `p-${n}` },
  kind: 'nudge',
  text: `Reminder ${n}`,
});

describe('the outbox table', () => {
  it('holds one message per dedupe key, however often it is enqueued', async () => {
    const outbox = store();
    expect(await outbox.enqueue(nudge(1))).toBe(true);
    expect(await outbox.enqueue({ ...nudge(1), text: 'changed' })).toBe(false);
    const item = await outbox.get(nudge(1).dedupeKey);
    expect(item).toMatchObject({ status: 'pending', attempts: 0, message: { text: 'Reminder 1' } });
    expect(await outbox.listDue(now, 100)).toHaveLength(1);
  });

  it('keeps long keys and large cards intact', async () => {
    const outbox = store();
    const dedupeKey = `digest/weekly?team=${'x'.repeat(380)}`;
    const card = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'é'.repeat(70_000) }] };
    await outbox.enqueue({ dedupeKey, to: { kind: 'channel', channelId: '19:abc@thread.tacv2' }, kind: 'digest', card });
    const item = await outbox.get(dedupeKey);
    expect(item?.message.dedupeKey).toBe(dedupeKey);
    expect(item?.message.card).toEqual(card);
  });

  it('lists only what is due, oldest first', async () => {
    const outbox = store();
    for (let i = 0; i < 5; i++) {
      await outbox.enqueue(nudge(i));
      now = new Date(now.getTime() + 1000);
    }
    const [first] = await outbox.listDue(now, 100);
    const item = (await outbox.getById(first!))!;
    expect(item.message.text).toBe('Reminder 0');
    await outbox.transition(item, { status: 'pending', dueAt: new Date(now.getTime() + 60_000).toISOString() });
    const due = await outbox.listDue(now, 100);
    expect(due).toHaveLength(4);
    expect(due).not.toContain(first);
    expect(await outbox.listDue(new Date(now.getTime() + 61_000), 100)).toHaveLength(5);
  });

  it('lets only one of two drains claim the same message', async () => {
    const outbox = store();
    await outbox.enqueue(nudge(9));
    const seenByA = (await outbox.get(nudge(9).dedupeKey))!;
    const seenByB = (await outbox.get(nudge(9).dedupeKey))!;
    const lease = new Date(now.getTime() + 120_000).toISOString();
    const a = await outbox.transition(seenByA, { status: 'sending', attempts: 1, leaseUntil: lease, dueAt: lease });
    const b = await outbox.transition(seenByB, { status: 'sending', attempts: 1, leaseUntil: lease, dueAt: lease });
    expect(a?.status).toBe('sending');
    expect(b).toBeUndefined();
    const done = await outbox.transition(a!, { status: 'sent', activityId: 'act-1' });
    expect(done?.status).toBe('sent');
    expect(await outbox.listDue(new Date(now.getTime() + 999_999), 100)).toHaveLength(0);
  });
});
