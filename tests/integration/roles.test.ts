// Roles everywhere: the bot, built by the app's own composition root, refuses exactly whom the policy
// (core/roles/policy.ts, printed in docs/roles.md) refuses, for the commands that depend on a role alone.
import { HttpRequest } from '@azure/functions';
import { createBot, type Bot } from '../../bot/index';
import { RoleSchema, type Person, type Role } from '../../core/model';
import { decide, POLICY, type Action } from '../../core/roles';
import { createBotResponse, toBotRequest } from '../../functions/bot-bridge';
import { ConfigSchema } from '../../functions/config';
import { buildServices } from '../../functions/wiring/services';
import { startAzurite, uniquePrefix, type RunningAzurite } from '../support/azurite';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector';

jest.setTimeout(60_000);

const personFor = (role: Role, i: number): Person => ({
  id: `6b000000-0000-4000-8000-00000000000${i}`, upn: `${role}@council.example`, displayName: `A ${role}`, roles: [role], teamId: 'north',
});
const PEOPLE = RoleSchema.options.map(personFor);

let azurite: RunningAzurite;
let connector: FakeConnector;
let bot: Bot;
let seq = 0;

beforeAll(async () => {
  azurite = await startAzurite();
  connector = await startFakeConnector();
  const config = ConfigSchema.parse({ STORAGE_CONNECTION: azurite.connectionString, TABLE_PREFIX: uniquePrefix(), GT_LOCAL_UNAUTHENTICATED_BOT_DANGER: '1' });
  const services = buildServices(config);
  await services.people.upsertMany(PEOPLE);
  bot = createBot(services);
});
afterAll(async () => {
  await connector.stop();
  await azurite.stop();
});

async function say(who: Person, text: string): Promise<string> {
  const activity = {
    type: 'message', text, id: `act-${++seq}`, channelId: 'msteams', serviceUrl: connector.serviceUrl, timestamp: new Date().toISOString(),
    from: { id: `29:${who.id}`, aadObjectId: who.id, name: who.displayName }, recipient: { id: '28:golden-thread-bot', name: 'Golden Thread' },
    conversation: { id: `a:personal-${who.id}`, conversationType: 'personal', tenantId: 'tenant-1' }, channelData: { tenant: { id: 'tenant-1' } },
  };
  const before = connector.sent(`a:personal-${who.id}`).length;
  const req = new HttpRequest({ method: 'POST', url: 'http://localhost:7071/api/messages', headers: { 'content-type': 'application/json' }, body: { string: JSON.stringify(activity) } });
  await bot.process((await toBotRequest(req)) as never, createBotResponse() as never);
  const replies = connector.sent(`a:personal-${who.id}`).slice(before);
  return replies.map((r) => (typeof r.activity.text === 'string' ? r.activity.text : JSON.stringify(r.activity.attachments ?? ''))).join('\n');
}

// Commands whose answer depends on the asker's role alone, and the policy action each one asks.
const COMMANDS: [string, Action][] = [
  ['admin', 'admin.view'],
  ['team meetings', 'meetings.team'],
  ['report October 2026', 'digest.report'],
];

describe.each(COMMANDS)('"%s" answers each role as the policy says (%s)', (text, action) => {
  it.each(PEOPLE.map((p) => [p.roles[0], p] as const))('%s', async (_role, person) => {
    const reply = await say(person, text);
    const refused = reply.includes(POLICY[action].refusal);
    expect({ role: person.roles[0], refused }).toEqual({ role: person.roles[0], refused: !decide(person, action).allowed });
    expect(reply).not.toBe('');
  });
});
