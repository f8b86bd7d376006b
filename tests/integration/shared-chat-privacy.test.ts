// What the bot answers in a team channel or group chat is seen by everyone in it (and kept and discoverable):
// nothing there may carry a child's case reference, nor a link that hands one over. Driven through the real
// bot, built by the app's own composition root, against Azurite and the Bot Connector stand-in.
import { createBot, type Bot } from '../../bot/index';
import type { Person } from '../../core/model';
import { ConfigSchema } from '../../functions/config';
import { buildServices } from '../../functions/wiring/services';
import { startAzurite, uniquePrefix, type RunningAzurite } from '../support/azurite';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector';
import { botDriver } from '../support/bot-driver';

jest.setTimeout(60_000);

const SENIOR: Person = { id: '5e000000-0000-4000-8000-0000000000a1', upn: 'senior@council.example', displayName: 'A Senior Manager', roles: ['senior_manager'], teamId: 'north' };
const CHANNEL = '19:senior-managers@thread.tacv2';
const GROUP = '19:meeting_abc@thread.v2';

let azurite: RunningAzurite;
let connector: FakeConnector;
let bot: Bot;

beforeAll(async () => {
  azurite = await startAzurite();
  connector = await startFakeConnector();
  const config = ConfigSchema.parse({ STORAGE_CONNECTION: azurite.connectionString, TABLE_PREFIX: uniquePrefix(), GT_LOCAL_UNAUTHENTICATED_BOT_DANGER: '1', EXPORT_LINK_SECRET: 'test-secret' });
  const services = buildServices(config);
  await services.people.upsertMany([SENIOR]);
  bot = createBot(services);
});
afterAll(async () => {
  await connector.stop();
  await azurite.stop();
});

type Where = 'personal' | 'channel' | 'groupChat' | 'unsaid';
const conversationOf = (where: Where, who: Person) =>
  where === 'personal'
    ? { conversation: { id: `a:personal-${who.id}`, conversationType: 'personal', tenantId: 'tenant-1' }, channelData: { tenant: { id: 'tenant-1' } } }
    : where === 'channel'
      ? { conversation: { id: `${CHANNEL};messageid=1`, conversationType: 'channel', tenantId: 'tenant-1' }, channelData: { tenant: { id: 'tenant-1' }, team: { id: '19:team@thread.tacv2' }, channel: { id: CHANNEL, name: 'Senior managers' } } }
      : where === 'groupChat'
        ? { conversation: { id: GROUP, conversationType: 'groupChat', isGroup: true, tenantId: 'tenant-1' }, channelData: { tenant: { id: 'tenant-1' } } }
        : { conversation: { id: GROUP, tenantId: 'tenant-1' }, channelData: { tenant: { id: 'tenant-1' } } }; // a client that does not say

const { personal, post } = botDriver({ bot: () => bot, serviceUrl: () => connector.serviceUrl });

/** Everything the bot sent back into that conversation, as one string. */
async function say(who: Person, text: string, where: Where): Promise<string> {
  const before = connector.sent().length;
  await post({ ...personal(who.id), ...conversationOf(where, who), type: 'message', text });
  return connector
    .sent()
    .slice(before)
    .map((r) => JSON.stringify({ text: r.activity.text, attachments: r.activity.attachments }))
    .join('\n');
}

describe('answers in shared chats', () => {
  it('a senior manager asking for a report in 1:1 gets the inspection evidence links, which name children by case reference', async () => {
    const reply = await say(SENIOR, 'report October 2026', 'personal');
    expect(reply).toContain('/api/digests/export/evidence-voice/');
  });

  it('"report" alone gives last month\'s report, and says how to ask for another period', async () => {
    const london = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: 'numeric' }).formatToParts(new Date());
    const [y, m] = [Number(london.find((p) => p.type === 'year')!.value), Number(london.find((p) => p.type === 'month')!.value)];
    const last = new Date(Date.UTC(m === 1 ? y - 1 : y, (m + 10) % 12, 15));
    const label = `${last.toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' })} ${last.getUTCFullYear()}`;
    const reply = await say(SENIOR, 'report', 'personal');
    expect(reply).toContain(`Last month's report, ${label}. For another period, type for example`);
    expect(reply).toContain(`/api/digests/export/report/${label.replace(' ', '-')}`);
    expect(reply).toContain('/api/digests/export/evidence-voice/');
    // In a shared chat, the way back to the links names the period, not an empty "report ".
    expect(await say(SENIOR, 'report', 'channel')).toContain(`type \\"report ${label}\\".`);
  });

  it.each(['channel', 'groupChat', 'unsaid'] as const)(
    'a report asked for in a conversation of type %s gets the aggregate report, but no link to the case-level evidence that anyone there could open',
    async (where) => {
      const reply = await say(SENIOR, 'report October 2026', where);
      expect(reply).toContain('/api/digests/export/report/'); // the aggregate report still comes
      expect(reply).not.toMatch(/export\/evidence-(voice|examples|tracker)/);
      expect(reply).toMatch(/evidence files[^"]*1:1 chat|1:1 chat[^"]*evidence files/i);
    },
  );
});
