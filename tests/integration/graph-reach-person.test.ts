import { conversationForPerson, createGraphClient, GraphDirectory, managedIdentityAuth, TEAMS_GLOBAL_SERVICE_URL } from '../../adapters/graph';
import type { ConversationRecord } from '../../core/model';
import { FakeGraph } from '../support/fake-graph';

const APP = 'b7e1c2d3-4f5a-6b7c-8d9e-0f1a2b3c4d5e';
const BOT = '5a0c2f9e-1b3d-4c7e-9f8a-6b5d4c3e2f1a';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const WORKER = '00000000-0000-4000-8000-000000000001';

describe('reaching a worker who has never opened the bot', () => {
  let graph: FakeGraph;
  let saved: Map<string, ConversationRecord>;
  const options = () => ({
    directory: new GraphDirectory({
      client: createGraphClient({ baseUrl: graph.baseUrl, authProvider: managedIdentityAuth(BOT) }),
    }),
    conversations: { get: async (key: string) => saved.get(key), save: async (r: ConversationRecord) => void saved.set(r.key, r) },
    teamsAppId: APP,
    botId: BOT,
    tenantId: TENANT,
    clock: { now: () => new Date('2026-11-23T08:30:00Z') },
  });

  beforeEach(async () => {
    graph = await new FakeGraph().start();
    graph.addUser({ id: WORKER, userPrincipalName: 'sw@council.example.gov.uk', displayName: 'A Worker' });
    graph.catalog.add(APP);
    saved = new Map();
  });
  afterEach(() => graph.stop());

  it('installs the app for them and keeps the 1:1 chat, so their nudge can be sent', async () => {
    const record = await conversationForPerson(options(), WORKER);
    expect(record).toEqual({
      key: `person:${WORKER}`,
      conversationType: 'personal',
      reference: {
        channelId: 'msteams',
        serviceUrl: TEAMS_GLOBAL_SERVICE_URL,
        bot: { id: `28:${BOT}` },
        user: { aadObjectId: WORKER },
        conversation: { id: `19:${WORKER}_${APP}@unq.gbl.spaces`, conversationType: 'personal', tenantId: TENANT },
      },
      updatedAt: '2026-11-23T08:30:00.000Z',
    });
    expect(saved.get(`person:${WORKER}`)).toEqual(record);
    expect(graph.installations.get(WORKER)?.has(APP)).toBe(true);
  });

  it('uses the conversation the bot already has, without calling Graph', async () => {
    const known: ConversationRecord = { key: `person:${WORKER}`, conversationType: 'personal', reference: { serviceUrl: 'https://smba.trafficmanager.net/uk/' }, updatedAt: '2026-11-01T00:00:00.000Z' };
    saved.set(known.key, known);
    await expect(conversationForPerson(options(), WORKER)).resolves.toBe(known);
    expect(graph.requests).toHaveLength(0);
  });

  it('stores nothing, and says it is forbidden, when the tenant blocks the app', async () => {
    graph.blockedApps.add(APP);
    await expect(conversationForPerson(options(), WORKER)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(saved.size).toBe(0);
  });
});
