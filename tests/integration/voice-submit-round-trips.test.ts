// A card's Save has to be answered within Teams' 5 s, on a storage account where each round trip costs
// 5-15 ms: what the submit waits for one after another is counted here, through a counting proxy.
import { HttpRequest } from '@azure/functions';
import { createBot, type Bot } from '../../bot/index';
import { createTableStores } from '../../adapters/tables';
import { TableConversationStore } from '../../adapters/tables/conversation-store';
import { TableOutboxStore } from '../../adapters/tables/outbox-store';
import { englandAndWales } from '../../core/calendar';
import { fixedClock } from '../../core/clock';
import { WORKER, child, meeting, people } from '../../core/testing';
import { createBotResponse, toBotRequest } from '../../functions/bot-bridge';
import { ConfigSchema } from '../../functions/config';
import { buildVoiceServices } from '../../functions/wiring/voice';
import { execute } from '../support/bench-activities';
import { startAzurite, uniquePrefix, type RunningAzurite } from '../support/azurite';
import { startCountingProxy, type CountingProxy } from '../support/counting-proxy';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector';

let azurite: RunningAzurite;
let proxy: CountingProxy;
let connector: FakeConnector;
let bot: Bot;

beforeAll(async () => {
  azurite = await startAzurite();
  proxy = await startCountingProxy(azurite.connectionString);
  connector = await startFakeConnector();
  const config = ConfigSchema.parse({ STORAGE_CONNECTION: proxy.connectionString, TABLE_PREFIX: uniquePrefix(), GT_LOCAL_UNAUTHENTICATED_BOT_DANGER: '1' });
  const tables = { connectionString: config.STORAGE_CONNECTION, prefix: config.TABLE_PREFIX };
  const stores = createTableStores(tables);
  const clock = fixedClock('2026-11-23T10:00:00Z');
  const voice = buildVoiceServices({ config, ...stores, clock, calendar: englandAndWales, outbox: new TableOutboxStore(tables, clock) });
  await stores.people.upsertMany(people);
  await stores.children.upsertMany([child('C-a'), child('C-b')]);
  await stores.meetings.upsertMany([meeting('a', 'FGC', '2026-11-30'), meeting('b', 'FGC', '2026-12-02', { childRef: 'C-b' })]);
  bot = createBot({ config, people: stores.people, audit: stores.audit, conversations: new TableConversationStore(tables), clock, features: { voice } });
});
afterAll(async () => {
  await connector.stop();
  await proxy.stop();
  await azurite.stop();
});

async function post(activity: Record<string, unknown>) {
  const req = new HttpRequest({ method: 'POST', url: 'http://localhost:7071/api/messages', headers: { 'content-type': 'application/json' }, body: { string: JSON.stringify(activity) } });
  const res = createBotResponse();
  await bot.process((await toBotRequest(req)) as never, res as never);
  return JSON.stringify(res.toResponse().jsonBody);
}

const form = { methods: 'direct_work', declined: 'false', gatheredOn: '2026-11-20', prepared: 'yes', attendance: 'will_attend', sharedWith: 'chair' };

describe('saving a child\'s views from the nudge card', () => {
  it('is answered after at most 4 storage round trips, with the whole card redrawn', async () => {
    // The first turn creates the tables; what is counted is a submit on a warm instance.
    await post(execute(connector.serviceUrl, WORKER, 'voice.record', { ...form, meetingId: 'a', digest: 'a,b' }));
    proxy.reset();
    const body = await post(execute(connector.serviceUrl, WORKER, 'voice.record', { ...form, meetingId: 'a', digest: 'a,b' }));
    expect(body).toContain('Saved.');
    // Both meetings of the card are still on it, the saved one and the other.
    expect(body).toContain('C-a');
    expect(body).toContain('C-b');
    expect(proxy.counts().rounds).toBeLessThanOrEqual(4);
  });
});
