// The morning scan's cards and audit entries written together (docs/performance.md, "The scan, 5 December
// morning"): each card still once, each entry still once, on real Table and Blob storage (Azurite).
import { createTableStores } from '../../adapters/tables';
import { TableOutboxStore } from '../../adapters/tables/outbox-store';
import { fixedClock } from '../../core/clock';
import type { OutgoingMessage } from '../../core/model';
import { startAzurite, uniquePrefix, type RunningAzurite } from '../support/azurite';

let azurite: RunningAzurite;
beforeAll(async () => {
  azurite = await startAzurite();
});
afterAll(() => azurite.stop());

const clock = fixedClock('2026-11-23T08:45:00Z');
const card = (n: number, size = 200): OutgoingMessage => ({
  dedupeKey: `nudge-digest:worker-${n}:2026-11-23:abc`,
  to: { kind: 'person', personId: `worker-${n}` },
  kind: 'nudge',
  card: { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: `Meetings for worker ${n} ${'x'.repeat(size)}` }] },
});

describe('cards enqueued together', () => {
  it('each is queued once with its place in the due list, and a rerun after a crash queues only what is new', async () => {
    const outbox = new TableOutboxStore({ connectionString: azurite.connectionString, prefix: uniquePrefix() }, clock);
    // 500 cards: more than one transaction's worth in every shard; one large card among them.
    const first = [...Array.from({ length: 499 }, (_, i) => card(i)), card(499, 70_000)];
    expect(await outbox.enqueueMany(first)).toEqual(first.map(() => true));
    const due = await outbox.listDue(new Date('2030-01-01'), 1000);
    expect(due).toHaveLength(500);
    expect(JSON.stringify((await outbox.get(card(499).dedupeKey))?.message.card)).toContain('x'.repeat(70_000));
    // The rerun: the same 500 (already queued) and 3 new ones, one of them twice.
    const again = await outbox.enqueueMany([...first, card(500), card(501), card(500)]);
    expect(again.filter(Boolean)).toHaveLength(2);
    expect(again.slice(500)).toEqual([true, true, false]);
    expect(await outbox.listDue(new Date('2030-01-01'), 1000)).toHaveLength(502);
  }, 60_000);
});

describe('audit entries appended together', () => {
  it('each is in the trail once and under its record, as one at a time would leave them', async () => {
    const stores = createTableStores({ connectionString: azurite.connectionString, prefix: uniquePrefix() });
    const at = '2026-11-23T08:45:00.000Z';
    const entries = Array.from({ length: 120 }, (_, i) => ({ actorId: 'system:nudge-scan', action: 'nudge.sent', recordType: 'person', recordId: `worker-${i}`, at, detail: { n: i } }));
    await stores.audit.appendMany(entries);
    const trail = await stores.auditReader.listBetween(new Date('2026-11-23T00:00:00Z'), new Date('2026-11-24T00:00:00Z'));
    expect(trail.map((e) => e.recordId).sort()).toEqual(entries.map((e) => e.recordId).sort());
    expect(await stores.audit.listForRecord('person', 'worker-7')).toEqual([expect.objectContaining({ action: 'nudge.sent', detail: { n: 7 } })]);
  }, 60_000);
});
