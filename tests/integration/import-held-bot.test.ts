// A held import through the real bot (issue 18): the card the admin gets in Teams, Confirm from it, the held
// import on the `admin` card, and a worker refused. The app's own composition root, Azurite, Teams-shaped
// activities through the real adapter, and the Bot Connector stand-in receiving what the outbox sends.
import { HttpRequest, InvocationContext } from '@azure/functions';
import { QueueClient } from '@azure/storage-queue';
import { IMPORT_QUEUE } from '../../adapters/tables';
import { createBot, type Bot } from '../../bot/index';
import type { ImportResult } from '../../core/intake';
import type { Person } from '../../core/model';
import { ConfigSchema } from '../../functions/config';
import { importChildren } from '../../functions/import.http';
import { importWorker } from '../../functions/import.queue';
import { buildServices, type Services } from '../../functions/wiring/services';
import { startAzurite, uniquePrefix, type RunningAzurite } from '../support/azurite';
import { botDriver } from '../support/bot-driver';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector';
import { walk, type Node } from '../support/card-nodes';

jest.setTimeout(60_000);

const ADMIN: Person = { id: '7a000000-0000-4000-8000-0000000000a1', upn: 'ada@council.example', displayName: 'Ada Admin', roles: ['admin'] };
const WORKER: Person = { id: '7a000000-0000-4000-8000-0000000000a2', upn: 'sam@council.example', displayName: 'Sam Worker', roles: ['social_worker'], teamId: 'north' };
const CHILD_HEADER = 'ref,worker_id,team_id,birth_month,legal_status';
const line = (i: number) => `GT-${String(i).padStart(3, '0')},${WORKER.id},north,2015-04,CP`;

let azurite: RunningAzurite;
let connector: FakeConnector;
let services: Services;
let bot: Bot;
let held: ImportResult;

beforeAll(async () => {
  azurite = await startAzurite();
  connector = await startFakeConnector();
  services = buildServices(ConfigSchema.parse({ STORAGE_CONNECTION: azurite.connectionString, TABLE_PREFIX: uniquePrefix(), IMPORT_CALLER: 'case-system-nightly', GT_LOCAL_UNAUTHENTICATED_BOT_DANGER: '1' }));
  await services.people.upsertMany([ADMIN, WORKER]);
  await services.conversations.save({
    key: `person:${ADMIN.id}`, conversationType: 'personal', updatedAt: new Date().toISOString(),
    reference: { serviceUrl: connector.serviceUrl, channelId: 'msteams', conversation: { id: `a:personal-${ADMIN.id}` }, bot: { id: '28:golden-thread-bot' } },
  });
  bot = createBot(services);
  const post = async (query: string, lines: string[]) => {
    const req = new HttpRequest({ method: 'POST', url: `http://localhost/api/import/children${query}`, headers: { 'content-type': 'text/csv' }, body: { string: [CHILD_HEADER, ...lines].join('\n') } });
    return (await importChildren(req, new InvocationContext(), services)) as { status: number; jsonBody: ImportResult };
  };
  await post('', Array.from({ length: 60 }, (_, i) => line(i + 1)));
  const truncated = await post('?mode=snapshot', [line(1)]);
  expect(truncated.status).toBe(409);
  held = truncated.jsonBody;
});
afterAll(async () => {
  await connector.stop();
  await azurite.stop();
});

const { personal, post, execute } = botDriver({ bot: () => bot, serviceUrl: () => connector.serviceUrl });
const words = (card: unknown) => walk(card).flatMap((n) => [n.text, n.value].filter((t): t is string => typeof t === 'string')).join('\n');

describe('an import held for taking away too much, in Teams', () => {
  it('each admin gets a card in their chat: what would go, how many, which file, when, with Confirm and Discard', async () => {
    await services.outboxSender.drain();
    const sent = connector.sent(`a:personal-${ADMIN.id}`).map((r) => (r.activity.attachments as { content: Node }[] | undefined)?.[0]?.content);
    const card = sent.find((c) => words(c).includes('An import is waiting for you'));
    expect(words(card)).toContain('59 of the 60 children on file would be marked as closed cases (the limit is 20).');
    expect(words(card)).toMatch(new RegExp(`CSV, 1 row, \\d+ bytes, read as UTF-8; import ${held.id}`));
    expect(walk(card).filter((n) => n.type === 'Action.Execute').map((n) => n.title)).toEqual(['Confirm: mark 59 gone', 'Discard']);
    expect(connector.sent(`a:personal-${WORKER.id}`)).toEqual([]);
  });

  it('`admin` lists the held import; a worker pressing Confirm on an old card is refused and the attempt audited', async () => {
    await post({ ...personal(ADMIN.id), type: 'message', text: 'admin' });
    const card = connector.sent(`a:personal-${ADMIN.id}`).at(-1)?.activity.attachments as { content: Node }[];
    expect(words(card[0]!.content)).toContain('Imports waiting for you (1)');
    expect(await execute(WORKER.id, 'admin.confirmImport', { id: held.id })).toBe('Only an administrator can do that.');
    // Refused at the bot's gate (a role-only rule), audited under the action.
    expect((await services.audit.listForRecord('action', 'admin.import')).filter((e) => e.action === 'access.refused')).toEqual([
      expect.objectContaining({ actorId: WORKER.id, detail: { action: 'admin.import' } }),
    ]);
    expect(await services.children.list()).toHaveLength(60);
  });

  it('Confirm applies the held import, says so on the card, and the import is audited under the admin', async () => {
    const card = await execute(ADMIN.id, 'admin.confirmImport', { id: held.id });
    expect(words(card)).toContain(`Confirmed: the children import is being applied now (59 children marked gone). Its result: GET /api/import/status/${held.id}.`);
    expect(words(card)).not.toContain('Imports waiting for you');
    const queue = new QueueClient(azurite.connectionString, IMPORT_QUEUE);
    const { receivedMessageItems } = await queue.receiveMessages();
    expect(receivedMessageItems).toHaveLength(1);
    await importWorker(JSON.parse(Buffer.from(receivedMessageItems[0]!.messageText, 'base64').toString('utf8')), new InvocationContext(), services);
    expect((await services.children.list()).map((c) => c.ref)).toEqual(['GT-001']);
    expect(await services.importJobs.get(held.id)).toMatchObject({ status: 'done', gone: 59 });
    expect((await services.audit.listForRecord('import', held.id)).map((e) => [e.action, e.actorId])).toEqual(
      expect.arrayContaining([['import.confirmed', ADMIN.id], ['import.children', ADMIN.id]]),
    );
    // The same button pressed again (the card sent earlier) changes nothing.
    expect(words(await execute(ADMIN.id, 'admin.confirmImport', { id: held.id }))).toContain('That import was already confirmed.');
  });
});
