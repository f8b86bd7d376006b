import { HttpRequest, InvocationContext } from '@azure/functions';
import { PRESSED_ANSWER } from '../../bot/command-router';
import { commands } from '../../bot/commands';
import { resetConfigCache } from '../../functions/config';
import { messages, resetMessagesBot } from '../../functions/messages.http';
import { getServices, resetServices } from '../../functions/wiring/services';
import { startAzurite, uniquePrefix, type RunningAzurite } from '../support/azurite';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector';

// The first request loads teams-ai and botbuilder (seconds on a busy 2-core machine).
jest.setTimeout(30_000);

let azurite: RunningAzurite;
let connector: FakeConnector;
const saved = { ...process.env };

const BOT = { id: '28:golden-thread-bot', name: 'Golden Thread' };
const SAM = { id: '0b6c1c9e-3f1a-4d2b-9a53-7c2f0f5e8a11', upn: 'sam.patel@council.example', displayName: 'Sam Patel' };
const STRANGER = '5d2e9a10-6b7c-4c1d-8e2f-3a4b5c6d7e8f';
let seq = 0;

const personal = (aadObjectId: string, extra: Record<string, unknown>) => ({
  id: `act-in-${++seq}`,
  channelId: 'msteams',
  serviceUrl: connector.serviceUrl,
  timestamp: new Date().toISOString(),
  from: { id: `29:${aadObjectId}`, aadObjectId, name: 'Someone' },
  recipient: BOT,
  conversation: { id: `a:personal-${aadObjectId}`, conversationType: 'personal', tenantId: 'tenant-1' },
  channelData: { tenant: { id: 'tenant-1' } },
  ...extra,
});

const inChannel = (extra: Record<string, unknown>) => ({
  id: `act-in-${++seq}`,
  channelId: 'msteams',
  serviceUrl: connector.serviceUrl,
  timestamp: new Date().toISOString(),
  from: { id: `29:${SAM.id}`, aadObjectId: SAM.id, name: SAM.displayName },
  recipient: BOT,
  conversation: { id: '19:general-channel@thread.tacv2', conversationType: 'channel', isGroup: true, tenantId: 'tenant-1' },
  channelData: { tenant: { id: 'tenant-1' }, team: { id: '19:general-channel@thread.tacv2', name: 'North CIN team' }, channel: { id: '19:general-channel@thread.tacv2' } },
  ...extra,
});

async function post(activity: object, headers: Record<string, string> = {}) {
  const req = new HttpRequest({
    method: 'POST',
    url: 'http://localhost:7071/api/messages',
    headers: { 'content-type': 'application/json', ...headers },
    body: { string: JSON.stringify(activity) },
  });
  return messages(req, new InvocationContext({ invocationId: `test-${seq}` }));
}

const cards = (conversationId: string) =>
  connector
    .sent(conversationId)
    .map((r) => (r.activity.attachments as { content: Record<string, unknown> }[] | undefined)?.[0]?.content)
    .filter((c): c is Record<string, unknown> => Boolean(c));
const texts = (conversationId: string) => connector.sent(conversationId).map((r) => r.activity.text as string | undefined);
const cardText = (card: Record<string, unknown> | undefined) => JSON.stringify(card ?? {});

function useEnvironment(env: Record<string, string | undefined>) {
  process.env = { ...saved, STORAGE_CONNECTION: azurite.connectionString, TABLE_PREFIX: uniquePrefix(), ...env };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete process.env[k];
  resetConfigCache();
  resetServices();
  resetMessagesBot();
}

beforeAll(async () => {
  azurite = await startAzurite();
  connector = await startFakeConnector();
});
afterAll(async () => {
  process.env = saved;
  resetConfigCache();
  resetServices();
  resetMessagesBot();
  await connector.stop();
  await azurite.stop();
});

describe('the bot on /api/messages, with no app id (local)', () => {
  beforeAll(async () => {
    useEnvironment({ MicrosoftAppId: undefined, MicrosoftAppPassword: undefined, COUNCIL_NAME: 'Testshire County Council' });
    await getServices().people.upsertMany([{ ...SAM, roles: ['social_worker'], teamId: 'north-cin' }]);
  });
  beforeEach(() => connector.reset());

  it('a social worker who installs the app is welcomed once, with buttons for their own work', async () => {
    const conversationId = `a:personal-${SAM.id}`;
    const res = await post(personal(SAM.id, { type: 'conversationUpdate', membersAdded: [BOT] }));
    expect(res.status).toBe(200);
    const [welcome, ...more] = cards(conversationId);
    expect(more).toHaveLength(0);
    expect(welcome?.version).toBe('1.5');
    expect(cardText(welcome)).toContain('Welcome, Sam');
    expect(cardText(welcome)).toContain('Social worker');
    expect(cardText(welcome)).toContain('Testshire County Council');
    const actions = welcome?.actions as { type: string; title: string; verb: string }[];
    expect(new Set(actions.map((a) => a.type))).toEqual(new Set(['Action.Execute']));
    expect(actions.map((a) => a.verb)).toEqual(expect.arrayContaining(['my meetings', 'help']));
    expect(actions.map((a) => a.verb)).not.toContain('team meetings');

    // Teams (and the Playground, on every page load) sends these again: no second welcome.
    await post(personal(SAM.id, { type: 'installationUpdate', action: 'add' }));
    await post(personal(SAM.id, { type: 'conversationUpdate', membersAdded: [BOT, { id: `29:${SAM.id}` }] }));
    expect(cards(conversationId)).toHaveLength(1);
  });

  it("remembers how to reach the person, so later nudges can be sent to them", async () => {
    await post(personal(SAM.id, { type: 'message', text: 'hello' }));
    const record = await getServices().conversations.get(`person:${SAM.id}`);
    expect(record?.conversationType).toBe('personal');
    expect(record?.reference).toMatchObject({ serviceUrl: connector.serviceUrl, conversation: { id: `a:personal-${SAM.id}` } });
  });

  it('someone not yet set up is welcomed and told to ask their administrator', async () => {
    await post(personal(STRANGER, { type: 'installationUpdate', action: 'add' }));
    const [welcome] = cards(`a:personal-${STRANGER}`);
    expect(cardText(welcome)).toContain('ask your Golden Thread administrator');
    expect(cardText(welcome)).not.toContain('Social worker');
  });

  it('a team that adds the app gets one generic welcome in the channel, and the channel is remembered', async () => {
    await post(inChannel({ type: 'conversationUpdate', membersAdded: [BOT] }));
    await post(inChannel({ type: 'conversationUpdate', membersAdded: [{ id: '29:new-member' }] }));
    await post(inChannel({ type: 'installationUpdate', action: 'add' }));
    const welcomes = cards('19:general-channel@thread.tacv2');
    expect(welcomes).toHaveLength(1);
    expect(cardText(welcomes[0])).toContain('never here');
    expect(cardText(welcomes[0])).not.toContain('Welcome, Sam');
    const channels = await getServices().conversations.listChannels();
    expect(channels.map((c) => c.key)).toContain('channel:19:general-channel@thread.tacv2');
  });

  it('"help" answers with a card listing every command', async () => {
    await post(personal(SAM.id, { type: 'message', text: 'help' }));
    const [help] = cards(`a:personal-${SAM.id}`);
    for (const name of ['my meetings', 'team meetings', 'example', 'you said', 'report']) expect(cardText(help)).toContain(name);
  });

  it('"helpful thing" is not taken for help, and still gets a helpful reply', async () => {
    await post(personal(SAM.id, { type: 'message', text: 'helpful thing' }));
    expect(cards(`a:personal-${SAM.id}`)).toHaveLength(0);
    expect(texts(`a:personal-${SAM.id}`)[0]).toMatch(/didn't understand.*help/s);
  });

  it('a greeting or a thank-you gets a friendly word and the way to help, not "Sorry, I didn\'t understand"', async () => {
    for (const [said, reply] of [['Hello!', /^Hello!.*help/s], ['good morning', /^Hello!/], ['Thanks :)', /^You're welcome/], ['hello, can you delete C-123', /didn't understand/]] as const) {
      connector.reset();
      await post(personal(SAM.id, { type: 'message', text: said }));
      expect(texts(`a:personal-${SAM.id}`)).toEqual([expect.stringMatching(reply)]);
    }
  });

  it('every command answers, typed or pressed on a card; one not built yet says it is coming', async () => {
    const silent: string[] = [];
    // Pressed: Action.Execute, as on the help and welcome cards; the answer comes as a new message.
    const press = (verb: string) =>
      post(personal(SAM.id, { type: 'invoke', name: 'adaptiveCard/action', replyToId: 'help-card', value: { action: { type: 'Action.Execute', verb, data: { verb } }, trigger: 'manual' } }));
    for (const command of commands) {
      for (const how of ['typed', 'pressed'] as const) {
        connector.reset();
        let refusedOnTheCard = false;
        if (how === 'typed') await post(personal(SAM.id, { type: 'message', text: command.name }));
        else {
          const body = (await press(command.name)).jsonBody as { statusCode: number; type: string; value: string };
          expect(body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.activity.message' });
          // A command the person may not use is refused at the gate, in words, on the card itself.
          refusedOnTheCard = body.value !== PRESSED_ANSWER;
          if (refusedOnTheCard) expect(body.value).toMatch(/^"?\w.{10,}/);
        }
        const replies = connector.sent(`a:personal-${SAM.id}`);
        if (replies.length === 0 && !refusedOnTheCard) silent.push(`${command.name} (${how})`);
        for (const reply of replies) {
          const text = reply.activity.text as string | undefined;
          if (text && /coming soon/.test(text)) expect(text).toMatch(/help/);
        }
      }
    }
    expect(silent).toEqual([]); // never silence
    connector.reset();
    await press('help');
    expect(cardText(cards(`a:personal-${SAM.id}`)[0])).toContain('What I can do');
    // A card sent before the buttons became Action.Execute still works (Action.Submit arrives as a message).
    connector.reset();
    await post(personal(SAM.id, { type: 'message', value: { verb: 'help' } }));
    expect(cardText(cards(`a:personal-${SAM.id}`)[0])).toContain('What I can do');
  });

  it('help in a channel, after an @mention, answers in the channel', async () => {
    await post(
      inChannel({
        type: 'message',
        text: '<at>Golden Thread</at> help',
        entities: [{ type: 'mention', text: '<at>Golden Thread</at>', mentioned: BOT }],
      }),
    );
    const [help] = cards('19:general-channel@thread.tacv2');
    expect(cardText(help)).toContain('Mention me');
  });
});

describe('the bot with an app id configured (Azure)', () => {
  beforeAll(() => {
    useEnvironment({
      MicrosoftAppId: '6a1e2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b',
      MicrosoftAppPassword: 'not-a-real-secret',
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: '11111111-2222-4333-8444-555555555555',
    });
  });
  beforeEach(() => connector.reset());

  it('refuses an unsigned request with 401, and says nothing', async () => {
    const res = await post(personal(SAM.id, { type: 'message', text: 'help' }));
    expect(res.status).toBe(401);
    expect(connector.received).toHaveLength(0);
  });

  it('refuses a request with a forged token with 401', async () => {
    const res = await post(personal(SAM.id, { type: 'message', text: 'help' }), { authorization: 'Bearer not.a.jwt' });
    expect(res.status).toBe(401);
    expect(connector.received).toHaveLength(0);
  });
});
