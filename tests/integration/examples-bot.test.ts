import { createTableStores } from '../../adapters/tables';
import { TableConversationStore } from '../../adapters/tables/conversation-store';
import { createBot, type Bot } from '../../bot/index';
import type { Person } from '../../core/model';
import { ConfigSchema } from '../../functions/config';
import { buildParticipation, type ParticipationServices } from '../../functions/wiring/participation';
import { startAzurite, uniquePrefix, type RunningAzurite } from '../support/azurite';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector';
import { botDriver } from '../support/bot-driver';
import { walk, type Node } from '../support/card-nodes';

// The first request loads teams-ai and botbuilder (seconds on a busy 2-core machine).
jest.setTimeout(30_000);

const WORKER: Person = { id: '0b6c1c9e-3f1a-4d2b-9a53-7c2f0f5e8a11', upn: 'sam@council.example', displayName: 'Sam Patel', roles: ['social_worker'], teamId: 'north' };
const OTHER: Person = { id: '5d2e9a10-6b7c-4c1d-8e2f-3a4b5c6d7e8f', upn: 'kim@council.example', displayName: 'Kim Lee', roles: ['social_worker'], teamId: 'north' };

let azurite: RunningAzurite;
let connector: FakeConnector;
let bot: Bot;
let participation: ParticipationServices;
let audit: ReturnType<typeof createTableStores>['audit'];

beforeAll(async () => {
  azurite = await startAzurite();
  connector = await startFakeConnector();
  const config = ConfigSchema.parse({ STORAGE_CONNECTION: azurite.connectionString, TABLE_PREFIX: uniquePrefix(), GT_LOCAL_UNAUTHENTICATED_BOT_DANGER: '1' });
  const tables = { connectionString: config.STORAGE_CONNECTION, prefix: config.TABLE_PREFIX };
  const stores = createTableStores(tables);
  audit = stores.audit;
  const clock = { now: () => new Date('2026-11-23T10:00:00Z') };
  await stores.people.upsertMany([WORKER, OTHER]);
  participation = buildParticipation({ config, people: stores.people, audit: stores.audit, examples: stores.examples, trackerItems: stores.trackerItems, forums: stores.forums, clock });
  const services = { config, people: stores.people, audit: stores.audit, conversations: new TableConversationStore(tables), clock, features: { examples: participation, tracker: participation } };
  bot = createBot(services);
});
afterAll(async () => {
  await connector.stop();
  await azurite.stop();
});

const { personal: base, post, execute } = botDriver({ bot: () => bot, serviceUrl: () => connector.serviceUrl });

const values = (card: unknown) => Object.fromEntries(walk(card).filter((n) => typeof n.id === 'string' && String(n.type).startsWith('Input.')).map((n) => [n.id, n.value]));
const richTexts = (card: unknown) => walk(card).filter((n) => n.type === 'RichTextBlock').map((n) => (n.inlines as { text: string }[]).map((r) => r.text).join(''));
const boldRuns = (card: unknown) => walk(card).filter((n) => n.type === 'TextRun' && n.weight === 'Bolder').map((n) => n.text);
const texts = (card: unknown) => walk(card).flatMap((n) => (typeof n.text === 'string' ? [n.text] : []));
const button = (card: unknown, title: string) => walk(card).find((n) => n.title === title && String(n.type).startsWith('Action.')) as { verb?: string; data: Node } | undefined;

const form = {
  title: 'Shorter reviews',
  happenedOn: '2026-11-20',
  whatHappened: 'Tyler told the CICC that reviews were too long, so chairs now agree an agenda first.',
  promiseIds: 'safe',
  mode: 'adult_initiated_shared',
  lundy: 'voice,influence',
  scope: 'collective',
  groups: 'uasc',
  youSaid: 'Young people said reviews were too long',
  weDid: 'Chairs agree an agenda with the young person first',
  shareable: 'true',
};

describe('sharing a participation example in Teams', () => {
  it('the example command brings the form with the council\'s promises and the five modes', async () => {
    await post({ ...base(WORKER.id), type: 'message', text: 'example' });
    const card = (connector.sent(`a:personal-${WORKER.id}`).at(-1)?.activity.attachments as { content: Node }[])[0]?.content;
    expect(texts(card)).toContain('Share a participation example');
    const promise = walk(card).find((n) => n.id === 'promiseIds') as { choices: { title: string }[] };
    expect(promise.choices.map((c) => c.title.split(':')[0])).toEqual(['Health', 'Safe and important', 'Dreams', 'Relationships', 'Adult life']);
  });

  it('the welcome card\'s example button brings the same form, dated today', async () => {
    await post({ ...base(WORKER.id), type: 'message', value: { verb: 'example' } });
    const card = (connector.sent(`a:personal-${WORKER.id}`).at(-1)?.activity.attachments as { content: Node }[])[0]?.content;
    expect(values(card)).toMatchObject({ happenedOn: '2026-11-23', title: '' });
  });

  it('in a channel, it asks to move to the 1:1 chat rather than post anything there', async () => {
    const channel = { ...base(WORKER.id), conversation: { id: '19:team@thread.tacv2', conversationType: 'channel', isGroup: true, tenantId: 'tenant-1' } };
    await post({ ...channel, type: 'message', text: 'example' });
    const [reply] = connector.sent('19:team@thread.tacv2');
    expect(reply?.activity.text).toMatch(/1:1 chat/);
    expect(reply?.activity.attachments).toBeUndefined();
  });

  it('a worker shares an example with a name in it, is shown the name, rewrites, and it is stored as shareable', async () => {
    const pii = await execute(WORKER.id, 'example.submit', { verb: 'example.submit', exampleId: '', source: 'command', ...form });
    expect(texts(pii)).toContain('This may identify someone');
    expect(richTexts(pii)).toContain('Tyler [a name] told the CICC that reviews were too long, so chairs now agree an agenda first.');
    expect(boldRuns(pii)).toEqual(['Tyler']);

    const rewrite = button(pii, 'Rewrite it');
    const again = await execute(WORKER.id, rewrite?.verb as string, rewrite?.data as Node);
    expect(values(again)).toMatchObject({ title: 'Shorter reviews', whatHappened: form.whatHappened, lundy: 'voice,influence', shareable: 'true' });

    const saved = await execute(WORKER.id, 'example.submit', { ...form, whatHappened: 'A young person told the CICC that reviews were too long.' });
    expect(texts(saved)).toContain('Saved, and it may be shared with the Children in Care Council and the board.');
    const stored = await participation.examples.listRecordedBetween('2026-11-01', '2026-12-01');
    expect(stored.map((e) => [e.shareable, e.whatHappened])).toEqual([[true, 'A young person told the CICC that reviews were too long.']]);
  });

  it('an invalid submission comes back with everything typed kept and the problems named beside the fields', async () => {
    const card = await execute(WORKER.id, 'example.submit', { ...form, whatHappened: 'A group met the chair.', lundy: '', weDid: '' });
    expect(values(card)).toMatchObject({ title: 'Shorter reviews', whatHappened: 'A group met the chair.', promiseIds: 'safe', groups: 'uasc' });
    expect(texts(card)).toEqual(expect.arrayContaining([
      '2 things need fixing before I can save this:',
      'Problem: Choose at least one Lundy element that was met.',
      'Problem: Say what changed ("We did"), or plan an action with an owner and a due date.',
    ]));
  });

  it('the author edits and then withdraws an example; someone else cannot; the audit keeps the history', async () => {
    const saved = await execute(WORKER.id, 'example.submit', { ...form, title: 'Bus passes', whatHappened: 'Care leavers asked for longer passes.' });
    const edit = button(saved, 'Edit');
    const exampleId = edit?.data.exampleId as string;
    expect(await execute(OTHER.id, 'example.edit', { exampleId })).toMatch(/Only the person who added this/);
    const editing = await execute(WORKER.id, 'example.edit', { exampleId });
    expect(values(editing)).toMatchObject({ title: 'Bus passes' });
    await execute(WORKER.id, 'example.submit', { ...values(editing), exampleId, source: 'command', title: 'Longer bus passes' });
    const withdrawn = await execute(WORKER.id, 'example.withdraw', { exampleId });
    expect(texts(withdrawn)).toContain('Example withdrawn');
    expect((await audit.listForRecord('example', exampleId)).map((e) => e.action).sort()).toEqual(['access.refused', 'example.edited', 'example.shared', 'example.withdrawn']);
  });
});

describe('turning a chat message into an example (message action; the Playground has none)', () => {
  const messagePayload = { id: 'msg-1', body: { contentType: 'html', content: '<p>The CICC told <b>Jordan</b> and the group that the review changes worked.</p>' } };
  const invoke = (name: string, value: Node) => post({ ...base(WORKER.id), type: 'invoke', name, value: { commandId: 'shareExample', commandContext: 'message', messagePayload, ...value } });

  it('opens the form in a dialog with the message text filled in', async () => {
    const res = (await invoke('composeExtension/fetchTask', {})) as { task: { type: string; value: { card: { content: Node } } } };
    expect(res.task.type).toBe('continue');
    const card = res.task.value.card.content;
    expect(values(card).whatHappened).toBe('The CICC told Jordan and the group that the review changes worked.');
    expect(button(card, 'Share example')).toMatchObject({ type: 'Action.Submit', data: { verb: 'example.submit', source: 'message' } });
  });

  it('shows the name it finds in the dialog, and keeping it internal saves it as not shareable', async () => {
    const data = { ...form, whatHappened: 'The CICC told Jordan and the group that the review changes worked.', verb: 'example.submit', source: 'message', exampleId: '' };
    const pii = (await invoke('composeExtension/submitAction', { data })) as { task: { type: string; value: { card: { content: Node } } } };
    expect(pii.task).toMatchObject({ type: 'continue' });
    const card = pii.task.value.card.content;
    expect(richTexts(card)).toContain('The CICC told Jordan [a name] and the group that the review changes worked.');
    const keep = button(card, 'Keep it internal (not shareable)') as { data: Node };
    const done = (await invoke('composeExtension/submitAction', { data: keep.data })) as { task: { type: string; value: string } };
    expect(done.task).toEqual({ type: 'message', value: expect.stringMatching(/^Example saved/) });
    const stored = (await participation.examples.listRecordedBetween('2026-11-01', '2026-12-01')).filter((e) => e.source === 'message');
    expect(stored.map((e) => [e.shareable, e.keptInternal])).toEqual([[false, true]]);
  });
});
