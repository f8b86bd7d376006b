// 100 people install the app at the same moment (Teams sends installationUpdate and conversationUpdate
// together): every conversation reference is stored and everyone is greeted exactly once, through the
// real adapter and Azurite, with the Bot Connector enforcing Teams' rate limits.
import { HttpRequest, InvocationContext } from '@azure/functions';
import { resetConfigCache } from '../../functions/config';
import { messages, resetMessagesBot } from '../../functions/messages.http';
import { getServices, resetServices } from '../../functions/wiring/services';
import { personal, BOT } from '../support/bench-activities';
import { startAzurite, uniquePrefix, type RunningAzurite } from '../support/azurite';
import { uuid } from '../support/bench-world';
import { startRateLimitedConnector, type RateLimitedConnector } from '../support/rate-limited-connector';

let azurite: RunningAzurite;
let connector: RateLimitedConnector;
const saved = { ...process.env };

beforeAll(async () => {
  azurite = await startAzurite();
  connector = await startRateLimitedConnector({ latencyMs: 20 });
  process.env = { ...saved, STORAGE_CONNECTION: azurite.connectionString, TABLE_PREFIX: uniquePrefix() };
  delete process.env.MicrosoftAppId;
  delete process.env.MicrosoftAppPassword;
  resetConfigCache();
  resetServices();
  resetMessagesBot();
});
afterAll(async () => {
  process.env = saved;
  resetConfigCache();
  resetServices();
  resetMessagesBot();
  await connector.stop();
  await azurite.stop();
});

const post = (activity: object) =>
  messages(
    new HttpRequest({ method: 'POST', url: 'http://localhost:7071/api/messages', headers: { 'content-type': 'application/json' }, body: { string: JSON.stringify(activity) } }),
    new InvocationContext({ invocationId: `install-${Math.random()}` }),
  );

it('100 people installing at the same moment are each remembered and greeted exactly once', async () => {
  const people = Array.from({ length: 100 }, (_, i) => uuid(i, 7));
  await getServices().people.upsertMany(people.map((id, i) => ({ id, upn: `p${i}@council.example`, displayName: `Person ${i}`, roles: ['social_worker' as const], teamId: 't' })));
  // Both install events for everyone, all at once, as Teams sends them.
  const events = people.flatMap((id) => [
    personal(connector.serviceUrl, id, { type: 'installationUpdate', action: 'add' }),
    personal(connector.serviceUrl, id, { type: 'conversationUpdate', membersAdded: [BOT] }),
  ]);
  const answers = await Promise.all(events.map((e) => post(e)));
  expect(answers.map((a) => a.status ?? 200).filter((s) => s !== 200)).toEqual([]);

  const stored = await Promise.all(people.map((id) => getServices().conversations.get(`person:${id}`)));
  expect(stored.filter(Boolean)).toHaveLength(100);
  for (const [i, record] of stored.entries()) expect(record?.reference).toMatchObject({ conversation: { id: `a:personal-${people[i]}` } });

  const welcomes = new Map<string, number>();
  for (const r of connector.received) if (r.op === 'send') welcomes.set(r.conversationId, (welcomes.get(r.conversationId) ?? 0) + 1);
  const notGreeted = people.filter((id) => !welcomes.has(`a:personal-${id}`));
  const greetedTwice = [...welcomes].filter(([, n]) => n > 1);
  const throttled = connector.calls.filter((c) => c.status === 429).length;
  console.log(`100 simultaneous installs: ${welcomes.size} greeted, ${throttled} connector 429s along the way`);
  expect(notGreeted).toEqual([]);
  expect(greetedTwice).toEqual([]);
});
