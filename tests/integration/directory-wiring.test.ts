// The app in a tenant: roles also come from Entra groups, and a worker who has never opened the bot still
// gets their nudge (the app is installed for them through Graph). Graph and the Bot Connector are local
// stand-ins speaking their documented protocols; storage is Azurite.
import { ConnectorClient, OutboxSender, TableOutboxStore } from '../../adapters/outbox';
import { createTableStores } from '../../adapters/tables';
import { TableConversationStore } from '../../adapters/tables/conversation-store';
import { ConfigSchema } from '../../functions/config';
import { buildDirectory, reachableConversations, withDirectoryRoles } from '../../functions/wiring/directory';
import { startAzurite, uniquePrefix, type RunningAzurite } from '../support/azurite';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector';
import { FakeGraph } from '../support/fake-graph';

const APP = 'b7e1c2d3-4f5a-6b7c-8d9e-0f1a2b3c4d5e';
const BOT = '5a0c2f9e-1b3d-4c7e-9f8a-6b5d4c3e2f1a';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const WORKER = '00000000-0000-4000-8000-000000000001';
const MANAGERS_GROUP = '00000000-0000-4000-8000-0000000000aa';
const clock = { now: () => new Date('2026-11-23T08:30:00Z') };

let azurite: RunningAzurite;
let connector: FakeConnector;
let graph: FakeGraph;
beforeAll(async () => {
  azurite = await startAzurite();
  connector = await startFakeConnector();
});
afterAll(async () => {
  await connector.stop();
  await azurite.stop();
});
beforeEach(async () => {
  graph = await new FakeGraph().start();
  graph.addUser({ id: WORKER, userPrincipalName: 'sw@council.example.gov.uk', displayName: 'A Worker' });
  graph.catalog.add(APP);
});
afterEach(() => graph.stop());

const config = () =>
  ConfigSchema.parse({
    MicrosoftAppId: BOT,
    MicrosoftAppTenantId: TENANT,
    MicrosoftAppType: 'UserAssignedMSI',
    ROLE_GROUPS: `manager=${MANAGERS_GROUP}`,
    TEAMS_APP_CATALOG_ID: APP,
    IDENTITY_ENDPOINT: graph.identityEndpoint,
    IDENTITY_HEADER: graph.identityHeader,
  });

const managed = { managedRoles: ['manager' as const] };

it('a worker made a manager in Entra ID acts as a manager, keeping the roles the import gave them', async () => {
  const stores = createTableStores({ connectionString: azurite.connectionString, prefix: uniquePrefix() });
  await stores.people.upsertMany([{ id: WORKER, upn: 'sw@council.example.gov.uk', displayName: 'A Worker', roles: ['social_worker'] }]);
  graph.groups.set(MANAGERS_GROUP, [WORKER]);
  const people = withDirectoryRoles(stores.people, buildDirectory(config(), { graphBaseUrl: graph.baseUrl })!, { ...managed, warn: () => undefined });
  expect((await people.get(WORKER))?.roles.sort()).toEqual(['manager', 'social_worker']);
  expect(await people.getByUpn('sw@council.example.gov.uk')).toMatchObject({ id: WORKER }); // the rest of the store is untouched
});

it('someone taken out of the managers group is not a manager, whatever the import said', async () => {
  const stores = createTableStores({ connectionString: azurite.connectionString, prefix: uniquePrefix() });
  await stores.people.upsertMany([{ id: WORKER, upn: 'sw@council.example.gov.uk', displayName: 'A Worker', roles: ['social_worker', 'manager'] }]);
  graph.groups.set(MANAGERS_GROUP, []);
  const people = withDirectoryRoles(stores.people, buildDirectory(config(), { graphBaseUrl: graph.baseUrl })!, managed);
  expect((await people.get(WORKER))?.roles).toEqual(['social_worker']);
});

it('when Graph cannot answer, the roles the groups give are withheld and the import\'s other roles stand', async () => {
  const stores = createTableStores({ connectionString: azurite.connectionString, prefix: uniquePrefix() });
  await stores.people.upsertMany([{ id: WORKER, upn: 'sw@council.example.gov.uk', displayName: 'A Worker', roles: ['social_worker', 'manager'] }]);
  graph.failNext(/groups/, { status: 403, times: 10 });
  const warnings: string[] = [];
  const people = withDirectoryRoles(stores.people, buildDirectory(config(), { graphBaseUrl: graph.baseUrl })!, { ...managed, warn: (m) => warnings.push(m) });
  expect((await people.get(WORKER))?.roles).toEqual(['social_worker']);
  expect(warnings.join('\n')).toMatch(/manager withheld/);
});

it('when Graph hangs, a role lookup gives up within 2 seconds, well inside a Teams turn, and the next does not wait again', async () => {
  const stores = createTableStores({ connectionString: azurite.connectionString, prefix: uniquePrefix() });
  await stores.people.upsertMany([{ id: WORKER, upn: 'sw@council.example.gov.uk', displayName: 'A Worker', roles: ['social_worker'] }]);
  graph.groups.set(MANAGERS_GROUP, [WORKER]);
  graph.hangNext(/groups/);
  const people = withDirectoryRoles(stores.people, buildDirectory(config(), { graphBaseUrl: graph.baseUrl })!, { ...managed, warn: () => undefined });
  let started = Date.now();
  expect((await people.get(WORKER))?.roles).toEqual(['social_worker']);
  const first = Date.now() - started;
  expect(first).toBeGreaterThanOrEqual(1_900);
  expect(first).toBeLessThan(3_000);
  started = Date.now();
  expect((await people.get(WORKER))?.roles).toEqual(['social_worker']); // the failure is remembered for 30 s
  expect(Date.now() - started).toBeLessThan(500);
  expect(graph.graphRequests().filter((r) => r.path.includes('/groups/'))).toHaveLength(1);
});

it('a slow Graph that answers within the deadline still gives the role', async () => {
  const stores = createTableStores({ connectionString: azurite.connectionString, prefix: uniquePrefix() });
  await stores.people.upsertMany([{ id: WORKER, upn: 'sw@council.example.gov.uk', displayName: 'A Worker', roles: ['social_worker'] }]);
  graph.groups.set(MANAGERS_GROUP, [WORKER]);
  graph.hangNext(/groups/, { delayMs: 800 });
  const people = withDirectoryRoles(stores.people, buildDirectory(config(), { graphBaseUrl: graph.baseUrl })!, managed);
  expect((await people.get(WORKER))?.roles.sort()).toEqual(['manager', 'social_worker']);
});

it('a nudge to a worker who has never opened the bot is delivered, once the app is installed for them', async () => {
  const tables = { connectionString: azurite.connectionString, prefix: uniquePrefix() };
  const conversations = new TableConversationStore(tables);
  const { audit } = createTableStores(tables);
  const outbox = new TableOutboxStore(tables, clock);
  const directory = buildDirectory(config(), { graphBaseUrl: graph.baseUrl })!;
  const sender = new OutboxSender({
    store: outbox,
    conversations: reachableConversations(conversations, { directory, teamsAppId: APP, botId: BOT, tenantId: TENANT, serviceUrl: connector.serviceUrl }),
    audit,
    clock,
    connector: new ConnectorClient({ token: async () => undefined, timeoutMs: 2_000 }),
  });
  await outbox.enqueue({ dedupeKey: `nudge:${WORKER}:2026-11-23`, to: { kind: 'person', personId: WORKER }, kind: 'nudge', text: 'Time to gather views' });
  const report = await sender.drain(10_000);
  expect(report.sent).toBe(1);
  const chatId = `19:${WORKER}_${APP}@unq.gbl.spaces`;
  expect(connector.sent(chatId).map((a) => a.activity.text)).toEqual(['Time to gather views']);
  expect(graph.installations.get(WORKER)?.has(APP)).toBe(true);
  expect((await conversations.get(`person:${WORKER}`))?.reference).toMatchObject({ conversation: { id: chatId } });
});

it('when the tenant blocks the app, the nudge is recorded as undeliverable, not lost silently', async () => {
  graph.blockedApps.add(APP);
  const tables = { connectionString: azurite.connectionString, prefix: uniquePrefix() };
  const conversations = new TableConversationStore(tables);
  const { audit } = createTableStores(tables);
  const outbox = new TableOutboxStore(tables, clock);
  const sender = new OutboxSender({
    store: outbox,
    conversations: reachableConversations(conversations, { directory: buildDirectory(config(), { graphBaseUrl: graph.baseUrl })!, teamsAppId: APP, botId: BOT, tenantId: TENANT, serviceUrl: connector.serviceUrl }),
    audit,
    clock,
    connector: new ConnectorClient({ token: async () => undefined, timeoutMs: 2_000 }),
  });
  const key = `nudge:${WORKER}:2026-11-24`;
  await outbox.enqueue({ dedupeKey: key, to: { kind: 'person', personId: WORKER }, kind: 'nudge', text: 'Time to gather views' });
  const report = await sender.drain(10_000);
  expect(report.failed).toBe(1);
  expect((await outbox.get(key))?.status).toBe('failed');
});
