import { TableConversationStore } from '../../adapters/tables/conversation-store';
import { startAzurite, uniquePrefix, type RunningAzurite } from '../support/azurite';

jest.setTimeout(30_000);
let azurite: RunningAzurite;
beforeAll(async () => {
  azurite = await startAzurite();
});
afterAll(() => azurite.stop());

const store = () => new TableConversationStore({ connectionString: azurite.connectionString, prefix: uniquePrefix() });
const record = (key: string, serviceUrl = 'https://smba.trafficmanager.net/uk/') => ({
  key,
  conversationType: key.startsWith('channel:') ? ('channel' as const) : ('personal' as const),
  reference: { serviceUrl, conversation: { id: key.split(':').slice(1).join(':') } },
  updatedAt: '2026-11-23T09:00:00.000Z',
});

describe('stored conversations', () => {
  it('greet exactly once, however many install events arrive at the same moment', async () => {
    const conversations = store();
    await conversations.save(record('person:0b6c1c9e-3f1a-4d2b-9a53-7c2f0f5e8a11'));
    const results = await Promise.all(
      Array.from({ length: 6 }, () => conversations.markGreeted('person:0b6c1c9e-3f1a-4d2b-9a53-7c2f0f5e8a11', new Date())),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('keep the greeting when a fresher reference is saved, and use the newest service URL', async () => {
    const conversations = store();
    await conversations.save(record('channel:19:abc@thread.tacv2'));
    await conversations.markGreeted('channel:19:abc@thread.tacv2', new Date('2026-11-23T09:00:00Z'));
    await conversations.save(record('channel:19:abc@thread.tacv2', 'https://smba.trafficmanager.net/emea/'));
    const got = await conversations.get('channel:19:abc@thread.tacv2');
    expect(got?.greetedAt).toBe('2026-11-23T09:00:00.000Z');
    expect(got?.reference.serviceUrl).toBe('https://smba.trafficmanager.net/emea/');
    expect(await conversations.markGreeted('channel:19:abc@thread.tacv2', new Date())).toBe(false);
  });

  it('list only channels, for digests', async () => {
    const conversations = store();
    await conversations.save(record('channel:19:one@thread.tacv2'));
    await conversations.save(record('person:someone'));
    await conversations.save({ ...record('group:19:chat@thread.v2'), conversationType: 'groupChat' });
    expect((await conversations.listChannels()).map((c) => c.key)).toEqual(['channel:19:one@thread.tacv2']);
    expect(await conversations.get('person:nobody')).toBeUndefined();
  });
});
