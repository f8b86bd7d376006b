// A participation officer imports a survey's totals from a card in Teams: pasted CSV (or cells copied from a
// spreadsheet) with the survey's name and dates, through the real bot on Azurite.
import { createBot, type Bot } from '../../bot/index';
import { londonDate } from '../../core/calendar';
import { ConfigSchema } from '../../functions/config';
import { buildServices, type Services } from '../../functions/wiring/services';
import { startAzurite, uniquePrefix, type RunningAzurite } from '../support/azurite';
import { botDriver, type BotDriver } from '../support/bot-driver';
import { walk } from '../support/card-nodes';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector';

const OFFICER = { id: '0b000000-0000-4000-8000-000000000001', upn: 'po@council.example', displayName: 'Pat Officer', roles: ['participation_officer' as const] };
const WORKER = { id: '0b000000-0000-4000-8000-000000000002', upn: 'sw@council.example', displayName: 'Sam Worker', roles: ['social_worker' as const] };

let azurite: RunningAzurite;
let connector: FakeConnector;
let services: Services;
let bot: Bot;
let drive: BotDriver;
beforeAll(async () => {
  azurite = await startAzurite();
  connector = await startFakeConnector();
  services = buildServices(ConfigSchema.parse({ STORAGE_CONNECTION: azurite.connectionString, TABLE_PREFIX: uniquePrefix(), GT_LOCAL_UNAUTHENTICATED_BOT_DANGER: '1' }));
  await services.people.upsertMany([OFFICER, WORKER]);
  bot = createBot(services);
  drive = botDriver({ bot: () => bot, serviceUrl: () => connector.serviceUrl });
}, 120_000);
afterAll(async () => {
  await connector.stop();
  await azurite.stop();
});

const texts = (card: unknown) => [...walk(card)].flatMap((n) => (typeof n.text === 'string' ? [n.text] : []));
const input = (card: unknown, id: string) => [...walk(card)].find((n) => n.id === id);
const tomorrow = () => new Date(Date.parse(`${londonDate(new Date())}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const surveyItems = async () => (await services.participation.items.listRaisedBetween('2000-01-01', tomorrow())).filter((i) => i.source.kind === 'survey');
const meta = { name: 'Bright Spots', from: '2026-09-01', to: '2026-10-31', threshold: '60' };

describe('a participation officer imports survey results from a card', () => {
  it('the forums card offers it to an officer, and it opens empty', async () => {
    await drive.post({ ...drive.personal(OFFICER.id), type: 'message', text: 'forums' });
    expect(JSON.stringify(connector.sent(`a:personal-${OFFICER.id}`).at(-1)!.activity)).toContain('Import survey results');
    expect(texts(await drive.execute(OFFICER.id, 'survey.new'))).toContain('Import survey results');
  });

  it('bad rows are listed by line and column, every entry is kept, and nothing is written', async () => {
    const csv = 'question,group,number answering,share agreeing\nI feel safe where I live,Children in care,forty,84%\nI feel settled,Care leavers,41,140';
    const card = await drive.execute(OFFICER.id, 'survey.import', { ...meta, csv });
    expect(texts(card)).toEqual(expect.arrayContaining([
      'Nothing was imported: put right the problems named below, everything you entered is kept.',
      expect.stringMatching(/^Line 2, number answering: /),
      expect.stringMatching(/^Line 3, share agreeing: /),
    ]));
    expect(input(card, 'csv')?.value).toBe(csv);
    expect(input(card, 'name')?.value).toBe('Bright Spots');
    expect(await services.surveys.list()).toEqual([]);
    expect(await surveyItems()).toEqual([]);
  });

  it('a survey pasted from a spreadsheet is imported whole, its low scores raised once as "You said" items, however often it is pressed', async () => {
    const csv = 'question\tgroup\tnumber answering\tshare agreeing\nI feel safe where I live\tChildren in care aged 11 to 17\t58\t84%\nI feel settled where I live\tCare leavers\t41\t49%';
    const card = await drive.execute(OFFICER.id, 'survey.import', { ...meta, csv });
    expect(texts(card).join(' ')).toContain('Imported Bright Spots: 2 rows. 1 "You said" item raised, owned by you.');
    const [saved] = await services.surveys.list();
    expect(saved).toMatchObject({ name: 'Bright Spots', from: '2026-09-01', to: '2026-10-31', importedById: OFFICER.id });
    expect(saved!.results).toEqual([
      { question: 'I feel safe where I live', group: 'Children in care aged 11 to 17', answering: 58, agreeing: 84 },
      { question: 'I feel settled where I live', group: 'Care leavers', answering: 41, agreeing: 49 },
    ]);
    expect((await surveyItems()).map((i) => [i.youSaid, i.ownerId])).toEqual([['In the Bright Spots survey, only 49% of Care leavers agreed with: I feel settled where I live', OFFICER.id]]);

    const again = await drive.execute(OFFICER.id, 'survey.import', { ...meta, csv });
    expect(texts(again).join(' ')).toContain('replacing the earlier import of the same dates. 1 already raised before.');
    expect(await services.surveys.list()).toHaveLength(1);
    expect(await surveyItems()).toHaveLength(1);
    expect((await services.audit.listForRecord('survey', saved!.id)).filter((e) => e.action === 'survey.imported')).toHaveLength(2);
  });

  it('a field left wrong is named beside it on the card, in the card\'s words', async () => {
    const card = await drive.execute(OFFICER.id, 'survey.import', { name: 'Bright Spots', from: '2026-09-01', to: '', csv: 'question,group,number answering,share agreeing\nI feel safe,Care leavers,41,80' });
    expect(texts(card)).toContain('Problem: Give the day the survey closed.');
  });

  it('a social worker pressing it is refused in plain words, and the refusal is audited', async () => {
    const answer = await drive.execute(WORKER.id, 'survey.import', { ...meta, name: 'Sneaky', csv: 'question,group,number answering,share agreeing\nI feel safe,Care leavers,41,80' });
    expect(JSON.stringify(answer)).toContain('Only a participation officer or an administrator can import survey results.');
    expect((await services.audit.listForRecord('action', 'survey.import')).filter((e) => e.action === 'access.refused' && e.actorId === WORKER.id)).toHaveLength(1);
    expect((await services.surveys.list()).map((s) => s.name)).toEqual(['Bright Spots']);
  });
});
