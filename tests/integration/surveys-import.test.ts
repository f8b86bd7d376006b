import { HttpRequest, InvocationContext } from '@azure/functions';
import { loadConfig } from '../../functions/config';
import { importSurveyHandler } from '../../functions/import-survey.http';
import { buildServices, type Services } from '../../functions/wiring/services';
import { COUNCIL_TENANT, signedInAs } from '../support/client-principal';
import { startAzurite, uniquePrefix, type RunningAzurite } from '../support/azurite';

const OFFICER = '0f000000-0000-4000-8000-000000000001';
const MANAGER = '0f000000-0000-4000-8000-000000000002';
const WORKER = '0f000000-0000-4000-8000-000000000003';

let azurite: RunningAzurite;
let services: Services;
beforeAll(async () => {
  azurite = await startAzurite();
  services = buildServices(loadConfig({ STORAGE_CONNECTION: azurite.connectionString, TABLE_PREFIX: uniquePrefix(), WEBSITE_AUTH_ENABLED: 'True', MicrosoftAppTenantId: COUNCIL_TENANT }));
  await services.teams.upsertMany([{ id: 'leaving-care', name: 'Leaving Care', district: 'North', managerId: MANAGER }]);
  await services.people.upsertMany([
    { id: OFFICER, upn: 'po@council.example', displayName: 'Pat Officer', roles: ['participation_officer'], teamId: 'participation' },
    { id: MANAGER, upn: 'm@council.example', displayName: 'Mo Manager', roles: ['manager'], teamId: 'leaving-care' },
    { id: WORKER, upn: 'w@council.example', displayName: 'Wyn Worker', roles: ['social_worker'] },
  ]);
});
afterAll(() => azurite.stop());

type Answer = { status?: number; body: Record<string, unknown> & { rejected?: unknown[]; error?: string; itemsRaised?: number; itemsAlreadyRaised?: number; surveyId?: string } };
async function post(query: string, body: string, as = OFFICER): Promise<Answer> {
  const req = new HttpRequest({ method: 'POST', url: `http://localhost/api/import/survey?${query}`, headers: { 'content-type': 'text/csv', ...signedInAs(as) }, body: { string: body } });
  const res = await importSurveyHandler(req, new InvocationContext(), services);
  return { status: res.status, body: res.jsonBody as Answer['body'] };
}
const csv = (...lines: string[]) => lines.join('\n') + '\n';
const HEADER = 'question,group,number answering,share agreeing';
const GOOD = csv(
  HEADER,
  'I feel safe where I live,Children in care aged 11 to 17,48,83%',
  'I feel settled where I live,Care leavers,36,47',
  'I know who my social worker is,Children in care aged 4 to 7,3,100',
);
const BRIGHT = 'name=Bright%20Spots&from=2026-09-01&to=2026-10-31';

describe('a participation officer imports a survey\'s totals', () => {
  it('a good file is kept, and each question below the threshold becomes one "You said" item the officer owns', async () => {
    const res = await post(`${BRIGHT}&threshold=60`, GOOD);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'imported', questions: 3, itemsRaised: 1, ownerId: OFFICER });
    const survey = await services.surveys.get(res.body.surveyId!);
    expect(survey?.results).toEqual([
      { question: 'I feel safe where I live', group: 'Children in care aged 11 to 17', answering: 48, agreeing: 83 },
      { question: 'I feel settled where I live', group: 'Care leavers', answering: 36, agreeing: 47 },
      { question: 'I know who my social worker is', group: 'Children in care aged 4 to 7', answering: 3, agreeing: 100 },
    ]);
    const mine = await services.participation.items.listActiveByOwner(OFFICER);
    expect(mine.map((i) => i.youSaid)).toEqual(['In the Bright Spots survey, only 47% of Care leavers agreed with: I feel settled where I live']);
    expect(mine[0]).toMatchObject({ saidBy: 'group', source: { kind: 'survey', surveyName: 'Bright Spots' }, shareable: true });
    expect((await services.audit.listForRecord('survey', res.body.surveyId!)).map((e) => e.action)).toEqual(['survey.imported']);
  });

  it('importing the same survey again replaces its results and raises nothing twice', async () => {
    const again = await post(`${BRIGHT}&threshold=60`, GOOD);
    expect(again.body).toMatchObject({ status: 'imported', replaced: true, itemsRaised: 0, itemsAlreadyRaised: 1 });
    expect(await services.participation.items.listActiveByOwner(OFFICER)).toHaveLength(1);
    expect((await services.surveys.list()).filter((s) => s.name === 'Bright Spots')).toHaveLength(1);
  });

  it('a named team owns the items: its manager is asked to act', async () => {
    const res = await post('name=Your%20Life%20Your%20Care&from=2026-06-01&to=2026-07-15&threshold=50&ownerTeam=Leaving%20Care', csv(HEADER, 'I have a trusted adult,Care leavers,40,45'));
    expect(res.body).toMatchObject({ status: 'imported', itemsRaised: 1, ownerId: MANAGER, ownerTeam: 'Leaving Care' });
    expect((await services.participation.items.listActiveByOwner(MANAGER))[0]).toMatchObject({ teamId: 'leaving-care' });
  });

  it('bad rows are named by line and column, and nothing is kept', async () => {
    const res = await post('name=Promise%20survey&from=2026-11-01&to=2026-11-20', csv(
      HEADER,
      'I am listened to,Care leavers,twenty,50',
      'I am listened to at reviews,Care leavers,30,Agree',
      'I am listened to at reviews,Care leavers,30,55',
      'I am listened to at reviews,Care leavers,31,56',
      'Does Sarah Jones listen to you,Care leavers,30,150',
    ));
    expect(res.status).toBe(422);
    expect(res.body.rejected).toEqual([
      { line: 2, column: 'number answering', reason: expect.stringContaining('whole number') },
      { line: 3, column: 'share agreeing', reason: expect.stringContaining("one person's answer") },
      { line: 5, column: 'question', reason: expect.stringContaining('duplicate') },
      { line: 6, column: 'share agreeing', reason: expect.stringContaining('0 to 100') },
      { line: 6, column: 'question', reason: expect.stringContaining('a name') },
    ]);
    expect((await services.surveys.list()).some((s) => s.name === 'Promise survey')).toBe(false);
  });

  it('a file of individual answers or free text is refused kindly, whole', async () => {
    const res = await post('name=Promise%20survey&from=2026-11-01&to=2026-11-20', csv('respondent id,question,answer,comment', '17,I am listened to,Yes,my worker is great'));
    expect(res.status).toBe(422);
    expect(res.body.error).toMatch(/look like individual answers or young people's own words.*keeps only each question's totals.*nothing was imported/);
    expect(res.body.error).toContain('"respondent id", "answer", "comment"');
  });

  it('the survey needs its name and dates, each problem said', async () => {
    const res = await post('from=2026-11-20&to=2026-11-01&threshold=120', GOOD);
    expect(res.status).toBe(422);
    expect(res.body.fieldErrors).toEqual({ name: expect.stringContaining('name'), threshold: expect.stringContaining('0 to 100'), to: expect.stringContaining('on or after') });
  });

  it('only participation officers and administrators may import, and a refusal is audited', async () => {
    const res = await post(BRIGHT, GOOD, WORKER);
    expect(res.status).toBe(403);
    expect(res.body.error).toBe('Only a participation officer or an administrator can import survey results.');
    expect((await services.audit.listForRecord('survey', 'survey')).map((e) => [e.actorId, e.action])).toEqual([[WORKER, 'access.refused']]);
  });
});
