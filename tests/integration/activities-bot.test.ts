import { createBot, type Bot } from '../../bot/index';
import { londonDate } from '../../core/calendar';
import { ConfigSchema } from '../../functions/config';
import { buildServices, type Services } from '../../functions/wiring/services';
import { startAzurite, uniquePrefix, type RunningAzurite } from '../support/azurite';
import { botDriver, type BotDriver } from '../support/bot-driver';
import { walk } from '../support/card-nodes';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector';

const OFFICER = { id: '0a000000-0000-4000-8000-000000000001', upn: 'po@council.example', displayName: 'Pat Officer', roles: ['participation_officer' as const] };
const WORKER = { id: '0a000000-0000-4000-8000-000000000002', upn: 'sw@council.example', displayName: 'Sam Worker', roles: ['social_worker' as const] };

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
const today = () => londonDate(new Date());

describe('a participation officer logs group participation by card', () => {
  it('the forums card offers it to an officer, and it opens empty', async () => {
    await drive.post({ ...drive.personal(OFFICER.id), type: 'message', text: 'forums' });
    const list = connector.sent(`a:personal-${OFFICER.id}`).at(-1)!.activity;
    expect(JSON.stringify(list)).toContain('Log group participation');
    const card = await drive.execute(OFFICER.id, 'activity.new');
    expect(texts(card)).toContain('Log group participation');
  });

  it('a bad entry comes back with each problem beside its field and everything typed kept', async () => {
    const card = (await drive.execute(OFFICER.id, 'activity.save', { kind: 'interview_panel', on: today(), youngPeople: 'six', hours: '', promiseIds: 'dreams', service: 'Priya Patel', recognition: 'voucher' }));
    expect(texts(card)).toEqual(expect.arrayContaining([
      'Problem: Please give how many young people took part, as a number.',
      'Problem: Please give how long it lasted in hours.',
      expect.stringMatching(/^Problem: This seems to identify someone \(a name\)/),
    ]));
    expect(input(card, 'youngPeople')?.value).toBe('six');
    expect(input(card, 'kind')?.value).toBe('interview_panel');
    expect(input(card, 'recognition')?.value).toBe('voucher');
    expect(await services.activities.listBetween('2000-01-01', '2100-01-01')).toEqual([]);
  });

  it('a good entry is kept as counts only, audited, and the card says so', async () => {
    const card = (await drive.execute(OFFICER.id, 'activity.save', { kind: 'peer_inspection', on: today(), youngPeople: '6', hours: '3', promiseIds: 'health', recognition: 'certificate,voucher' }));
    expect(texts(card).join(' ')).toContain('Saved: peer inspection');
    const [saved] = await services.activities.listBetween('2000-01-01', '2100-01-01');
    expect(saved).toMatchObject({ kind: 'peer_inspection', youngPeople: 6, hours: 3, promiseIds: ['health'], recognition: ['certificate', 'voucher'], loggedById: OFFICER.id });
    expect((await services.audit.listForRecord('activity', saved!.id)).map((e) => e.action)).toEqual(['activity.logged']);
  });

  it('a social worker is told kindly that it is for participation officers, and nothing is kept', async () => {
    const answer = await drive.execute(WORKER.id, 'activity.save', { kind: 'training', on: today(), youngPeople: '5', hours: '1', promiseIds: 'dreams' });
    expect(JSON.stringify(answer)).toContain('Only a participation officer or an administrator can log group participation.');
    expect(await services.activities.listBetween('2000-01-01', '2100-01-01')).toHaveLength(1);
  });
});
