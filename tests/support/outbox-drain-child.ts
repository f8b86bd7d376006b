// A drain process for the kill test: drains the outbox against Azurite and the fake connector until
// every message is finished, then exits 0. The test kills it (SIGKILL) at random moments and restarts it.
import { ConnectorClient, OutboxSender, TableOutboxStore, Throttle } from '../../adapters/outbox';
import { createTableStores } from '../../adapters/tables';
import { TableConversationStore } from '../../adapters/tables/conversation-store';
import { systemClock } from '../../core/clock';

async function main(): Promise<void> {
  const tables = { connectionString: process.env.GT_CONNECTION!, prefix: process.env.GT_PREFIX! };
  const store = new TableOutboxStore(tables, systemClock);
  const sender = new OutboxSender({
    store,
    conversations: new TableConversationStore(tables),
    audit: createTableStores(tables).audit,
    clock: systemClock,
    connector: new ConnectorClient({ token: async () => undefined, timeoutMs: 500 }),
    policy: { maxAttempts: 1000, baseDelayMs: 20, maxDelayMs: 200 },
    leaseMs: Number(process.env.GT_LEASE_MS ?? 1000),
    throttle: new Throttle({ perConversation: [{ count: 1000, perMs: 1000 }], perApp: [] }),
    concurrency: 4,
  });
  for (;;) {
    await sender.drain(5_000);
    const open = (await store.listByStatus('pending')).length + (await store.listByStatus('sending')).length;
    if (open === 0) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
