import { HttpRequest, InvocationContext } from '@azure/functions';
import { QueueClient } from '@azure/storage-queue';
import { IMPORT_QUEUE } from '../../adapters/tables';
import { londonDate } from '../../core/calendar';
import type { ImportResult } from '../../core/intake';
import { loadConfig } from '../../functions/config';
import { importChildren, importMeetings, importPeople, importStatus, importTeams } from '../../functions/import.http';
import { importWorker } from '../../functions/import.queue';
import { buildServices, type Services } from '../../functions/wiring/services';
import { COUNCIL_TENANT, signedInAs } from '../support/client-principal';
import { startAzurite, uniquePrefix, type RunningAzurite } from '../support/azurite';

let azurite: RunningAzurite;
let services: Services;
beforeAll(async () => {
  azurite = await startAzurite();
  const config = loadConfig({
    STORAGE_CONNECTION: azurite.connectionString,
    TABLE_PREFIX: uniquePrefix(),
    IMPORT_COLUMN_MAP: JSON.stringify({ meetings: { MeetingID: 'id', PersonRef: 'child_ref', 'Meeting Date': 'start' } }),
    // The case system's nightly job: a function key and no person, audited under this name.
    IMPORT_CALLER: 'case-system-nightly',
  });
  services = buildServices(config);
});
afterAll(() => azurite.stop());

const W1 = '11111111-1111-4111-8111-111111111111';
const W2 = '22222222-2222-4222-8222-222222222222';

type Handler = (req: HttpRequest, ctx: InvocationContext, s: Services) => Promise<{ status?: number; jsonBody?: unknown }>;
async function post(handler: Handler, query: string, body: string, contentType = 'text/csv') {
  const req = new HttpRequest({
    method: 'POST',
    url: `http://localhost/api/import/x${query}`,
    headers: { 'content-type': contentType },
    body: { string: body },
  });
  const res = await handler(req, new InvocationContext(), services);
  return { status: res.status, body: res.jsonBody as ImportResult & { statusUrl?: string; error?: string } };
}
const csv = (...lines: string[]): string => lines.join('\n') + '\n';
const CHILD_HEADER = 'ref,worker_id,team_id,birth_month,legal_status,groups,initials,new_to_care';

describe('importing children', () => {
  it('a CSV with bad rows names each bad row by line, column and reason, and writes nothing', async () => {
    const res = await post(
      importChildren,
      '',
      csv(
        CHILD_HEADER,
        `BAD-1,${W1},north,2015-04,CP,disabled,,no`,
        `BAD-2,not-a-guid,north,2015-04,CP,,,no`,
        `BAD-3,${W1},north,2015-04,Adopted,,,no`,
        `BAD-4,${W1},north,April 2015,CLA,,,maybe`,
      ),
    );
    expect(res.status).toBe(422);
    expect(res.body.status).toBe('rejected');
    expect(res.body.rejected).toEqual([
      { line: 3, column: 'worker_id', reason: expect.stringContaining('GUID') },
      { line: 4, column: 'legal_status', reason: 'must be one of: CIN, CP, CLA, CARE_LEAVER' },
      { line: 5, column: 'birth_month', reason: 'use YYYY-MM' },
      { line: 5, column: 'new_to_care', reason: expect.stringContaining('true or false') },
    ]);
    expect(await services.children.get('BAD-1')).toBeUndefined();
  });

  it('the same good import twice changes nothing the second time', async () => {
    const file = csv(
      CHILD_HEADER,
      `GT-1,${W1},north,2015-04,CP,disabled;uasc,AB,no`,
      `GT-2,${W1},north,2019-01,Looked after,,,yes`,
      `GT-3,${W2},south,2010-12-25,CARE_LEAVER,care leaver,,`,
    );
    const first = await post(importChildren, '', file);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ status: 'done', created: 3, updated: 0, unchanged: 0 });
    const etag = (await services.children.get('GT-1'))!.etag;
    const second = await post(importChildren, '', file);
    expect(second.body).toMatchObject({ status: 'done', created: 0, updated: 0, unchanged: 3 });
    expect((await services.children.get('GT-1'))!.etag).toBe(etag); // not even rewritten
    // A date of birth is cut to its month; labels become codes.
    expect((await services.children.get('GT-3'))!.value).toMatchObject({ birthMonth: '2010-12', groups: ['care_leaver'] });
    expect((await services.children.get('GT-2'))!.value).toMatchObject({ legalStatus: 'CLA', newToCare: true });
    const changed = await post(importChildren, '', file.replace('GT-2,' + W1 + ',north', 'GT-2,' + W2 + ',south'));
    expect(changed.body).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
    expect((await services.children.listByWorker(W2)).map((c) => c.ref).sort()).toEqual(['GT-2', 'GT-3']);
  });

  it('partial mode writes the good rows and lists the bad ones', async () => {
    const res = await post(
      importChildren,
      '?mode=partial',
      csv(CHILD_HEADER, `PART-1,${W1},north,2015-04,CP,,,no`, `PART-2,${W1},north,2015-04,XX,,,no`),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'done', created: 1, rejectedCount: 1 });
    expect(res.body.rejected).toEqual([{ line: 3, column: 'legal_status', reason: expect.any(String) }]);
    expect(await services.children.get('PART-1')).toBeDefined();
    expect(await services.children.get('PART-2')).toBeUndefined();
  });

  it('a header without a required column rejects the file at line 1', async () => {
    const res = await post(importChildren, '', csv('ref,team_id,birth_month,legal_status', 'NOHDR-1,north,2015-04,CP'));
    expect(res.status).toBe(422);
    expect(res.body.rejected).toEqual([{ line: 1, column: 'worker_id', reason: 'required column is missing from the header row' }]);
  });

  it('a child whose worker has not been imported is accepted with a warning', async () => {
    await post(importPeople, '', csv('id,upn,display_name,roles,team_id', `${W1},sam@council.example,Sam Worker,social_worker,north`));
    const res = await post(importChildren, '', csv(CHILD_HEADER, `WARN-1,${W1},north,2015-04,CP,,,`, `WARN-2,${W2},north,2015-04,CP,,,`));
    expect(res.body.status).toBe('done');
    expect(res.body.warnings).toEqual(
      expect.arrayContaining([{ line: 3, column: 'worker_id', reason: `no person ${W2} has been imported yet` }]),
    );
    expect(res.body.warnings.some((w) => 'line' in w && w.line === 2 && w.column === 'worker_id')).toBe(false);
  });

  it('a JSON array is accepted, with problems named by row number', async () => {
    const res = await post(
      importChildren,
      '',
      JSON.stringify([
        { ref: 'JSON-1', workerId: W1, teamId: 'north', birthMonth: '2016-02', legalStatus: 'CIN', groups: ['disabled'] },
        { ref: 'JSON-2', worker_id: W1, team_id: 'north', birth_month: '2016-02' },
      ]),
      'application/json',
    );
    expect(res.status).toBe(422);
    expect(res.body.rejected).toEqual([{ row: 2, column: 'legal_status', reason: 'is required' }]);
  });

  it('every import is audited', async () => {
    const res = await post(importTeams, '', csv('id,name,district', 'north,North CP,North', 'south,South CP,South'));
    expect(res.body.created).toBe(2);
    const trail = await services.audit.listForRecord('import', res.body.id);
    expect(trail).toEqual([expect.objectContaining({ actorId: 'system:import:case-system-nightly', action: 'import.teams' })]);
    expect(trail[0]!.detail).toMatchObject({ created: 2, status: 'done' });
  });
});

describe('importing meetings', () => {
  const HEADER = 'id,child_ref,type,start,status';
  it('London wall-clock times without an offset are read as London time, in winter and summer', async () => {
    const res = await post(importMeetings, '', csv(HEADER, 'LT-1,GT-1,ICPC,01/12/2026 10:00,', 'LT-2,GT-1,RCPC,2027-07-01 10:00,scheduled'));
    expect(res.body.created).toBe(2);
    expect(Date.parse((await services.meetings.get('LT-1'))!.value.start)).toBe(Date.parse('2026-12-01T10:00:00Z'));
    expect(Date.parse((await services.meetings.get('LT-2'))!.value.start)).toBe(Date.parse('2027-07-01T09:00:00Z'));
  });

  it('a snapshot cancels scheduled meetings missing from the file, inside the window only', async () => {
    await post(
      importMeetings,
      '',
      csv(
        HEADER,
        'SN-KEEP,GT-1,CLA_REVIEW,2027-02-03T10:00:00Z,',
        'SN-GONE,GT-1,CLA_REVIEW,2027-02-04T10:00:00Z,',
        'SN-LAST,GT-1,CLA_REVIEW,2027-02-07T23:30:00Z,', // still 7 February in London
        'SN-OUTSIDE,GT-1,CLA_REVIEW,2027-02-09T10:00:00Z,',
      ),
    );
    const bad = await post(importMeetings, '?mode=snapshot&from=2027-02-01&to=2027-02-07', csv(HEADER, 'SN-KEEP,GT-1,NOPE,2027-02-03T10:00:00Z,'));
    expect(bad.status).toBe(422);
    expect((await services.meetings.get('SN-GONE'))!.value.status).toBe('scheduled'); // a rejected snapshot cancels nothing

    const res = await post(importMeetings, '?mode=snapshot&from=2027-02-01&to=2027-02-07', csv(HEADER, 'SN-KEEP,GT-1,CLA_REVIEW,2027-02-03T10:00:00Z,'));
    expect(res.body).toMatchObject({ status: 'done', unchanged: 1, cancelled: 2 });
    expect((await services.meetings.get('SN-GONE'))!.value.status).toBe('cancelled');
    expect((await services.meetings.get('SN-LAST'))!.value.status).toBe('cancelled');
    expect((await services.meetings.get('SN-KEEP'))!.value.status).toBe('scheduled');
    expect((await services.meetings.get('SN-OUTSIDE'))!.value.status).toBe('scheduled');
    const again = await post(importMeetings, '?mode=snapshot&from=2027-02-01&to=2027-02-07', csv(HEADER, 'SN-KEEP,GT-1,CLA_REVIEW,2027-02-03T10:00:00Z,'));
    expect(again.body).toMatchObject({ unchanged: 1, cancelled: 0 });
  });

  it('snapshot mode needs a window', async () => {
    const res = await post(importMeetings, '?mode=snapshot&from=2027-02-01', csv(HEADER));
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ issues: { fieldErrors: { from: [expect.stringContaining('snapshot mode needs')] } } });
  });

  it("a council's own column names are mapped, and problems are named in the file's words", async () => {
    const res = await post(
      importMeetings,
      '',
      csv('MeetingID,PersonRef,Type,Meeting Date,Venue', 'MAP-1,GT-2,CLA review,2027-03-01 14:00,Town Hall', 'MAP-2,G,ICPC,2027-03-01 14:00,'),
    );
    expect(res.body.rejected).toEqual([{ line: 3, column: 'PersonRef', reason: 'must be at least 2 characters' }]);
    expect(res.body.ignoredColumns).toEqual(['Venue']);
    const ok = await post(importMeetings, '', csv('MeetingID,PersonRef,Type,Meeting Date', 'MAP-1,GT-2,CLA review,2027-03-01 14:00'));
    expect(ok.body.created).toBe(1);
    expect((await services.meetings.listForChild('GT-2')).map((m) => [m.id, m.type])).toEqual([['MAP-1', 'CLA_REVIEW']]);
  });
});

describe('chairs: IROs and conference chairs', () => {
  const IRO = '66666666-6666-4666-8666-666666666666';
  const CPC = '77777777-7777-4777-8777-777777777777';
  const QA = '78787878-7878-4787-8787-787878787878';
  it('people import as IROs, conference chairs and quality assurance auditors (codes or labels), and meetings name their chair by id beside the free-text name', async () => {
    const people = await post(
      importPeople,
      '',
      csv('id,upn,display_name,roles', `${IRO},iris@council.example,Iris Reviewer,iro`, `${CPC},cal@council.example,Cal Chair,Child protection conference chair; social_worker`, `${QA},quinn@council.example,Quinn Quality,Quality assurance auditor`),
    );
    expect(people.body).toMatchObject({ status: 'done', created: 3 });
    expect((await services.people.get(IRO))!.roles).toEqual(['iro']);
    expect((await services.people.get(CPC))!.roles).toEqual(['cp_chair', 'social_worker']);
    expect((await services.people.get(QA))!.roles).toEqual(['qa_auditor']);

    const HEADER = 'id,child_ref,type,start,chair,chair_id';
    const res = await post(
      importMeetings,
      '?mode=partial',
      csv(HEADER, `CH-1,GT-9,CLA_REVIEW,2027-04-01 10:00,Iris Reviewer,${IRO.toUpperCase()}`, `CH-2,GT-9,RCPC,2027-04-02 10:00,Cal Chair,${CPC}`, 'CH-3,GT-9,FGC,2027-04-03 10:00,Someone outside,', 'CH-4,GT-9,FGC,2027-04-03 10:00,,Iris'),
    );
    expect(res.body.rejected).toEqual([{ line: 5, column: 'chair_id', reason: expect.stringContaining('GUID') }]);
    expect(await services.meetings.get('CH-1')).toMatchObject({ value: { chair: 'Iris Reviewer', chairId: IRO } });
    expect((await services.meetings.get('CH-3'))!.value).toMatchObject({ chair: 'Someone outside' });
    expect((await services.meetings.listForChair(IRO)).map((m) => m.id)).toEqual(['CH-1']);

    // A later import that names another chair moves the meeting off the first chair's list.
    await post(importMeetings, '', csv(HEADER, `CH-1,GT-9,CLA_REVIEW,2027-04-01 10:00,Cal Chair,${CPC}`));
    expect((await services.meetings.listForChair(IRO)).map((m) => m.id)).toEqual([]);
    expect((await services.meetings.listForChair(CPC)).map((m) => m.id)).toEqual(['CH-1', 'CH-2']);
  });
});

describe('a snapshot of children, people or teams: the file is the whole list', () => {
  // Its own tables: a snapshot marks everything else on file as gone.
  let own: Services;
  beforeAll(() => {
    own = buildServices(loadConfig({ STORAGE_CONNECTION: azurite.connectionString, TABLE_PREFIX: uniquePrefix(), IMPORT_CALLER: 'case-system-nightly' }));
  });
  const postTo = async (handler: Handler, query: string, body: string) => {
    const req = new HttpRequest({ method: 'POST', url: `http://localhost/api/import/x${query}`, headers: { 'content-type': 'text/csv' }, body: { string: body } });
    const res = await handler(req, new InvocationContext(), own);
    return { status: res.status, body: res.jsonBody as ImportResult };
  };

  it('children it leaves out are marked gone (not deleted), and come back when a later file lists them', async () => {
    const line = (ref: string) => `${ref},${W1},north,2015-04,CP,,,no`;
    await postTo(importChildren, '', csv(CHILD_HEADER, line('SC-1'), line('SC-2')));

    const snap = await postTo(importChildren, '?mode=snapshot', csv(CHILD_HEADER, line('SC-1')));
    expect(snap).toMatchObject({ status: 200, body: { status: 'done', unchanged: 1, gone: 1 } });
    expect((await own.children.get('SC-2'))?.value.goneOn).toBe(londonDate(own.clock.now()));
    expect((await own.children.list()).map((c) => c.ref)).toEqual(['SC-1']);
    expect((await own.audit.listForRecord('child', 'SC-2')).map((e) => [e.actorId, e.action])).toEqual([['system:import:case-system-nightly', 'child.gone_by_snapshot']]);

    const back = await postTo(importChildren, '', csv(CHILD_HEADER, line('SC-2')));
    expect(back.body).toMatchObject({ updated: 1, gone: 0 });
    expect((await own.children.get('SC-2'))?.value.goneOn).toBeUndefined();
    expect((await own.children.list()).map((c) => c.ref).sort()).toEqual(['SC-1', 'SC-2']);
  });

  it('a header with no rows is rejected rather than marking everyone gone; people and teams take a snapshot too', async () => {
    const empty = await postTo(importPeople, '?mode=snapshot', csv('id,upn,display_name,roles'));
    expect(empty.status).toBe(422);
    await postTo(importTeams, '', csv('id,name,district', 'T-1,One,North', 'T-2,Two,North'));
    const teams = await postTo(importTeams, '?mode=snapshot', csv('id,name,district', 'T-1,One,North'));
    expect(teams.body).toMatchObject({ status: 'done', gone: 1 });
    expect((await own.teams.get('T-2'))?.goneOn).toBe(londonDate(own.clock.now()));
  });
});

describe('large files', () => {
  it('a file over 2,000 rows is accepted with 202 and imported by the queue worker', async () => {
    const rows = Array.from({ length: 2_001 }, (_, i) => `BIG-${i},${W1},bigteam,2014-06,CIN,,,`);
    const res = await post(importChildren, '', csv(CHILD_HEADER, ...rows));
    expect(res.status).toBe(202);
    expect(res.body.statusUrl).toBe(`/api/import/status/${res.body.id}`);
    const statusReq = () =>
      importStatus(new HttpRequest({ method: 'GET', url: `http://localhost${res.body.statusUrl}`, params: { id: res.body.id } }), new InvocationContext(), services);
    expect((await statusReq()).jsonBody).toMatchObject({ status: 'queued' });

    // The message the Functions runtime would deliver (base64 JSON, as the queue trigger expects).
    const queue = new QueueClient(azurite.connectionString, IMPORT_QUEUE);
    const { receivedMessageItems } = await queue.receiveMessages();
    expect(receivedMessageItems).toHaveLength(1);
    const message = JSON.parse(Buffer.from(receivedMessageItems[0]!.messageText, 'base64').toString('utf8'));
    await importWorker(message, new InvocationContext(), services);

    expect((await statusReq()).jsonBody).toMatchObject({ status: 'done', created: 2_001 });
    expect(await services.children.listByTeam('bigteam')).toHaveLength(2_001);
    expect(await services.importJobs.getBody(res.body.id)).toBeUndefined(); // the stored file is cleared
    await importWorker(message, new InvocationContext(), services); // a redelivery does nothing
    expect((await statusReq()).jsonBody).toMatchObject({ status: 'done', created: 2_001 });
  }, 30_000);

  it('an unreadable queue message is logged and completed, not retried', async () => {
    const errors: unknown[] = [];
    const ctx = new InvocationContext({ logHandler: (level, ...args) => level === 'error' && errors.push(args) });
    await expect(importWorker('not json', ctx, services)).resolves.toBeUndefined();
    expect(errors).toHaveLength(1);
  });
});

it('an unreadable file is a 400 naming the line, and other content types a 415', async () => {
  const broken = await post(importTeams, '', 'id,name,district\nnorth,"North CP,North\n');
  expect(broken.status).toBe(400);
  expect(broken.body.error).toMatch(/line 2/);
  expect((await post(importTeams, '', '<teams/>', 'application/xml')).status).toBe(415);
});

it('an unknown import id is 404', async () => {
  const res = await importStatus(new HttpRequest({ method: 'GET', url: 'http://localhost/api/import/status/nope', params: { id: 'nope' } }), new InvocationContext(), services);
  expect(res.status).toBe(404);
});

describe('who may import', () => {
  const ADMIN = 'ad000000-0000-4000-8000-000000000001';
  const TEAM_CSV = csv('id,name,district', 'east,East CP,East');
  let azure: Services;
  beforeAll(async () => {
    azure = buildServices(loadConfig({ STORAGE_CONNECTION: azurite.connectionString, TABLE_PREFIX: uniquePrefix(), WEBSITE_AUTH_ENABLED: 'True', MicrosoftAppTenantId: COUNCIL_TENANT }));
    await azure.people.upsertMany([
      { id: ADMIN, upn: 'admin@council.example', displayName: 'Admin', roles: ['admin'] },
      { id: W1, upn: 'sam@council.example', displayName: 'Sam Worker', roles: ['social_worker'] },
    ]);
  });
  const postAs = (headers: Record<string, string>, s = azure) =>
    importTeams(new HttpRequest({ method: 'POST', url: 'http://localhost/api/import/teams', headers: { 'content-type': 'text/csv', ...headers }, body: { string: TEAM_CSV } }), new InvocationContext(), s);

  it('an administrator signed in with Entra ID imports, and the audit trail names them', async () => {
    const res = await postAs(signedInAs(ADMIN));
    expect(res.status).toBe(200);
    const job = (res.jsonBody as ImportResult).id;
    expect((await azure.audit.listForRecord('import', job)).map((e) => [e.action, e.actorId])).toEqual([['import.teams', ADMIN]]);
  });

  it('a signed-in social worker is refused and the refusal audited; nothing is written', async () => {
    const other = buildServices(loadConfig({ STORAGE_CONNECTION: azurite.connectionString, TABLE_PREFIX: uniquePrefix(), WEBSITE_AUTH_ENABLED: 'True', MicrosoftAppTenantId: COUNCIL_TENANT }));
    await other.people.upsertMany([{ id: W1, upn: 'sam@council.example', displayName: 'Sam Worker', roles: ['social_worker'] }]);
    expect((await postAs(signedInAs(W1), other)).status).toBe(403);
    expect(await other.teams.get('east')).toBeUndefined();
    expect((await other.audit.listForRecord('action', 'import.run')).map((e) => [e.action, e.actorId])).toEqual([['access.refused', W1]]);
  });

  it('with a function key and nobody signed in, only the named nightly caller may import', async () => {
    const res = await postAs({});
    expect(res.status).toBe(403);
    expect(JSON.stringify(res.jsonBody)).toContain('IMPORT_CALLER');
  });
});
