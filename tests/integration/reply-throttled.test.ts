// A worker's typed command is answered through the Bot Connector, outside the outbox and its budget
// (docs/outbox.md, "Replies"). When a morning fan-out has used the app's share and Teams answers the reply
// with 429, the reply must still arrive, once, after Teams' Retry-After.
import { createBot, type Bot } from '../../bot/index';
import { createTableStores } from '../../adapters/tables';
import { TableConversationStore } from '../../adapters/tables/conversation-store';
import { fixedClock } from '../../core/clock';
import { WORKER, people } from '../../core/testing';
import { ConfigSchema } from '../../functions/config';
import { startAzurite, uniquePrefix, type RunningAzurite } from '../support/azurite';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector';
import { botDriver } from '../support/bot-driver';

let azurite: RunningAzurite;
let connector: FakeConnector;
let bot: Bot;
beforeAll(async () => {
  azurite = await startAzurite();
  connector = await startFakeConnector();
  const config = ConfigSchema.parse({ STORAGE_CONNECTION: azurite.connectionString, TABLE_PREFIX: uniquePrefix(), GT_LOCAL_UNAUTHENTICATED_BOT_DANGER: '1' });
  const tables = { connectionString: config.STORAGE_CONNECTION, prefix: config.TABLE_PREFIX };
  const stores = createTableStores(tables);
  await stores.people.upsertMany(people);
  bot = createBot({ config, people: stores.people, audit: stores.audit, conversations: new TableConversationStore(tables), clock: fixedClock('2026-11-23T10:00:00Z'), features: {} });
});
afterAll(async () => {
  await connector.stop();
  await azurite.stop();
});

it('a reply Teams throttles (429 with Retry-After) still reaches the worker once, after the wait Teams asked for', async () => {
  const drive = botDriver({ bot: () => bot, serviceUrl: () => connector.serviceUrl });
  connector.failNext(2, { status: 429, retryAfter: '1' });
  await drive.post({ ...drive.personal(WORKER), type: 'message', text: 'help' });
  const replies = connector.calls.filter((c) => c.path.startsWith(`/v3/conversations/${encodeURIComponent(`a:personal-${WORKER}`)}/activities`));
  expect(replies.map((c) => c.status)).toEqual([429, 429, 200]);
  // Each retry waited for the Retry-After (1 s; a timer may fire a millisecond early), not a default backoff of milliseconds.
  expect(replies[1]!.at - replies[0]!.at).toBeGreaterThanOrEqual(950);
  expect(replies[2]!.at - replies[1]!.at).toBeGreaterThanOrEqual(950);
  expect(connector.sent(`a:personal-${WORKER}`)).toHaveLength(1);
}, 30_000);
