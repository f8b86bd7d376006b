import { HttpRequest, InvocationContext } from '@azure/functions';
import { createTableStores } from '../../adapters/tables';
import { tableClient } from '../../adapters/tables/client';
import { lazyClient } from '../../adapters/tables/entity';
import { TableExampleStore } from '../../adapters/tables/example-store';
import { TableChairRecordStore, TableVoiceRecordStore } from '../../adapters/tables/voice-records';
import { englandAndWales } from '../../core/calendar';
import { child, meeting, WORKER } from '../../core/testing';
import { voiceSettings } from '../../core/voice';
import { ConfigSchema } from '../../functions/config';
import { digestExport } from '../../functions/digest-export.http';
import { exportLinks, type DigestServices } from '../../functions/wiring/digests';
import { exportAuditHttp } from '../../functions/export-audit.http';
import { exportEvidenceHttp } from '../../functions/export-evidence.http';
import { exportSubjectAccessHttp } from '../../functions/export-subject-access.http';
import { startAzurite, uniquePrefix, type RunningAzurite } from '../support/azurite';
import { COUNCIL_TENANT, signedInAs } from '../support/client-principal';
import { TABLES } from '../../adapters/tables/names';

jest.setTimeout(30_000);

const ADMIN = 'ad000000-0000-4000-8000-000000000001';

let azurite: RunningAzurite;
let services: Parameters<typeof exportEvidenceHttp>[2];
let stores: ReturnType<typeof createTableStores>;

beforeAll(async () => {
  azurite = await startAzurite();
  // In Azure: App Service Authentication on, the council's tenant known.
  const config = ConfigSchema.parse({ STORAGE_CONNECTION: azurite.connectionString, TABLE_PREFIX: uniquePrefix(), WEBSITE_AUTH_ENABLED: 'True', MicrosoftAppTenantId: COUNCIL_TENANT });
  const tables = { connectionString: config.STORAGE_CONNECTION, prefix: config.TABLE_PREFIX };
  stores = createTableStores(tables);
  services = { config, audit: stores.audit, auditReader: stores.auditReader, children: stores.children, meetings: stores.meetings, people: stores.people, voiceTables: stores.voiceTables, examples: stores.examples, trackerItems: stores.trackerItems, caseAudits: stores.caseAudits, clock: { now: () => new Date('2026-11-23T10:00:00Z') } };
  await stores.people.upsertMany([
    { id: ADMIN, upn: 'dpo@council.example', displayName: 'Data Protection Officer', roles: ['admin'] },
    { id: WORKER, upn: 'worker@council.example', displayName: 'A Worker', roles: ['social_worker'] },
  ]);
  const client = (name: string) => lazyClient(() => tableClient(tables, name));
  await stores.children.upsertMany([child('AB1'), child('CD2', { teamId: 'south' })]);
  await stores.meetings.upsertMany([
    meeting('m1', 'CLA_REVIEW', '2026-10-05', { childRef: 'AB1' }),
    meeting('m2', 'RCPC', '2026-10-12', { childRef: 'AB1' }),
    meeting('m3', 'RCPC', '2026-10-13', { childRef: 'CD2' }),
    meeting('m4', 'RCPC', '2026-11-13', { childRef: 'AB1' }),
  ]);
  await new TableVoiceRecordStore(client(TABLES.voice)).save({
    meetingId: 'm1', childRef: 'AB1', voiceBy: '2026-09-28', pnCode: 'PN5', methods: ['mind_of_my_own'], declined: false, gatheredOn: '2026-09-25',
    prepared: true, attendance: 'will_attend', sharedWith: ['chair'], note: 'sent to chair', recordedBy: WORKER, recordedAt: '2026-09-25T14:00:00.000Z',
  } as never);
  // m2 had no chair using the bot: the worker recorded how the child took part after the meeting.
  await new TableChairRecordStore(client(TABLES.voice)).save({ meetingId: 'm2', childRef: 'AB1', pnCode: 'PN7', pnBy: 'worker', attended: false, recordedBy: WORKER, recordedAt: '2026-10-13T09:00:00.000Z' });
  await new TableExampleStore(client('Examples')).create({
    id: 'ex1', title: 'Care leavers planned the drop-in', happenedOn: '2026-10-02', whatHappened: 'They chose the day.', promiseIds: ['adult-life'],
    mode: 'yp_initiated_shared', lundy: ['voice', 'influence'], scope: 'collective', groups: [], youSaid: 'More drop-ins', shareable: true, keptInternal: false,
    authorId: WORKER, teamId: 'north', source: 'command', status: 'active', recordedAt: '2026-10-02T10:00:00.000Z', recordedOn: '2026-10-02', updatedAt: '2026-10-02T10:00:00.000Z',
  });
  await stores.audit.append({ actorId: WORKER, action: 'voice.recorded', recordType: 'meeting', recordId: 'm1', at: '2026-09-25T14:00:00.000Z', detail: { childRef: 'AB1' } });
});
afterAll(() => azurite.stop());

const get = (url: string, headers: Record<string, string> = signedInAs(ADMIN)) => new HttpRequest({ method: 'GET', url: `http://localhost:7071/api/${url}`, headers });
const ctx = () => new InvocationContext({ functionName: 'export' });
const csvRows = (body: unknown) => String(body).trim().split('\r\n').map((l) => l.split(','));

describe('exports for inspection and subject access', () => {
  it('a senior manager downloads the evidence from the link the bot gave them; the link is theirs, checked again, and audited', async () => {
    const SENIOR = '5e000000-0000-4000-8000-000000000001';
    const FORMER = '5e000000-0000-4000-8000-000000000002';
    await stores.people.upsertMany([
      { id: SENIOR, upn: 'senior@council.example', displayName: 'Senior', roles: ['senior_manager'] },
      { id: FORMER, upn: 'former@council.example', displayName: 'Former', roles: ['social_worker'] }, // no longer a senior manager
    ]);
    const clock = { now: () => new Date('2026-11-23T10:00:00Z') };
    const d = { links: exportLinks({ current: 'test-secret' }, 'http://localhost:7071', clock), clock } as unknown as DigestServices;
    const app = { ...services!, people: stores.people };
    const download = (kind: string, key: string, url = d.links.sign(`/api/digests/export/${kind}/${encodeURIComponent(key)}`, 60)) =>
      digestExport(new HttpRequest({ method: 'GET', url, params: { kind, key: encodeURIComponent(key) } }), ctx(), d, app);

    const res = await download('evidence-voice', `2026-10-01~2026-10-31~${SENIOR}`);
    expect(res.status).toBe(200);
    expect(res.headers).toMatchObject({ 'content-type': 'text/csv; charset=utf-8' });
    const [head, ...rows] = csvRows(res.body);
    expect(rows.map((r) => [r[head!.indexOf('meetingId')], r[head!.indexOf('teamId')]]).sort()).toEqual([['m1', 'north'], ['m2', 'north'], ['m3', 'south']]);
    expect((await stores.audit.listForRecord('evidence', 'voice:2026-10-01..2026-10-31')).at(-1)).toMatchObject({ actorId: SENIOR, detail: { via: 'teams-link' } });
    // A read of each child's data, filed under the child (so their subject-access request shows who took it).
    expect((await stores.audit.listForRecord('child', 'AB1')).filter((e) => e.action === 'evidence.read').at(-1)).toMatchObject({ actorId: SENIOR, detail: { export: 'voice:2026-10-01..2026-10-31', rows: 2 } });
    expect((await stores.audit.listForRecord('child', 'CD2')).filter((e) => e.action === 'evidence.read')).toHaveLength(1);

    expect((await download('evidence-voice', `2026-10-01~2026-10-31~${FORMER}`)).status).toBe(403);
    const forged = d.links.sign(`/api/digests/export/evidence-voice/${encodeURIComponent(`2026-10-01~2026-10-31~${SENIOR}`)}`, 60).replace('SENIOR', 'x').replace(SENIOR, FORMER);
    expect((await download('evidence-voice', `2026-10-01~2026-10-31~${FORMER}`, forged)).status).toBe(403);
  });

  it('voice evidence for one team and a period is a CSV row per meeting, missing voices included, without the worker\'s note', async () => {
    const res = await exportEvidenceHttp(get('export/evidence?kind=voice&from=2026-10-01&to=2026-10-31&team=north'), ctx(), services);
    expect(res.status).toBe(200);
    expect(res.headers).toMatchObject({ 'content-type': 'text/csv; charset=utf-8' });
    const [head, ...rows] = csvRows(res.body);
    expect(head).not.toContain('note');
    const col = (name: string) => head!.indexOf(name);
    // The code: an older record's forecast (m1), or recorded after the meeting, here by the worker where no chair did (m2).
    expect(rows.map((r) => [r[col('meetingId')], r[col('status')], r[col('pnCode')], r[col('pnBy')]])).toEqual([['m1', 'recorded', 'PN5', 'worker'], ['m2', 'missing', 'PN7', 'worker']]);
    // A missing voice says when it was due (a review child protection conference: 5 working days before).
    const withSchedule = await exportEvidenceHttp(get('export/evidence?kind=voice&from=2026-10-01&to=2026-10-31&team=north'), ctx(), { ...services!, voice: { settings: voiceSettings() }, calendar: englandAndWales } as never);
    const [h2, ...r2] = csvRows(withSchedule.body);
    expect(r2.map((r) => [r[h2!.indexOf('meetingId')], r[h2!.indexOf('voiceBy')]])).toEqual([['m1', '2026-09-28'], ['m2', '2026-10-05']]);
    expect(String(res.body)).not.toContain('sent to chair');
  });

  it('examples for a period come out with their promises and Lundy elements; a wrong kind is a 400 naming it', async () => {
    const res = await exportEvidenceHttp(get('export/evidence?kind=examples&from=2026-10-01&to=2026-10-31'), ctx(), services);
    expect(String(res.body)).toContain('Care leavers planned the drop-in');
    expect(String(res.body)).toContain('voice; influence');
    const bad = await exportEvidenceHttp(get('export/evidence?kind=cases&from=2026-10-01&to=2026-10-31'), ctx(), services);
    expect(bad.status).toBe(400);
  });

  it('a subject access request for a case reference returns the child, every meeting with its voice record, and the audit entries, and is itself audited', async () => {
    const res = await exportSubjectAccessHttp(new HttpRequest({ method: 'GET', url: 'http://localhost/api/export/subject-access/AB1', params: { ref: 'AB1' }, headers: signedInAs(ADMIN) }), ctx(), services);
    expect(res.status).toBe(200);
    const body = res.jsonBody as { child: { ref: string }; meetings: { meeting: { id: string }; voiceRecord: unknown }[]; audit: { action: string }[] };
    expect(body.child.ref).toBe('AB1');
    expect(body.meetings.map((m) => m.meeting.id).sort()).toEqual(['m1', 'm2', 'm4']);
    expect(body.meetings.find((m) => m.meeting.id === 'm1')?.voiceRecord).toMatchObject({ pnCode: 'PN5' });
    expect((body.meetings.find((m) => m.meeting.id === 'm2') as { chairRecord?: unknown } | undefined)?.chairRecord).toMatchObject({ pnCode: 'PN7', pnBy: 'worker' });
    // The evidence exports earlier in this file read AB1's data: each read is in the child's subject-access copy.
    expect([...new Set(body.audit.map((a) => a.action))].sort()).toEqual(['evidence.read', 'voice.recorded']);
    expect((await stores.audit.listForRecord('child', 'AB1')).map((e) => e.action)).toContain('sar.exported');
  });

  it('a case reference nobody holds is a 404', async () => {
    const res = await exportSubjectAccessHttp(new HttpRequest({ method: 'GET', url: 'http://localhost/api/export/subject-access/ZZ9', params: { ref: 'ZZ9' }, headers: signedInAs(ADMIN) }), ctx(), services);
    expect(res.status).toBe(404);
  });

  it('the audit trail for a period comes out as CSV, including the exports just made', async () => {
    const res = await exportAuditHttp(get('export/audit?from=2026-09-01&to=2026-11-30'), ctx(), services);
    expect(res.status).toBe(200);
    const text = String(res.body);
    expect(text.split('\r\n')[0]).toBe('at,actorId,action,recordType,recordId,detail');
    expect(text).toContain('voice.recorded');
    const bad = await exportAuditHttp(get('export/audit?from=2026-11-30&to=2026-09-01'), ctx(), services);
    expect(bad.status).toBe(400);
  });
});

describe('who may export: the person signed in, not a key', () => {
  const logged: string[] = [];
  const logCtx = () => new InvocationContext({ functionName: 'exportAudit', logHandler: (_l, ...args) => logged.push(args.map(String).join(' ')) });

  it('every export names the person who asked in the audit trail', async () => {
    await exportAuditHttp(get('export/audit?from=2026-09-01&to=2026-09-30'), ctx(), services);
    await exportEvidenceHttp(get('export/evidence?kind=examples&from=2026-09-01&to=2026-09-30'), ctx(), services);
    expect((await stores.audit.listForRecord('audit', '2026-09-01..2026-09-30')).map((e) => [e.action, e.actorId])).toEqual([['audit.exported', ADMIN]]);
    expect((await stores.audit.listForRecord('evidence', 'examples:2026-09-01..2026-09-30')).map((e) => [e.action, e.actorId])).toEqual([['evidence.exported', ADMIN]]);
    expect((await stores.audit.listForRecord('child', 'AB1')).filter((e) => e.action === 'sar.exported').map((e) => e.actorId)).toContain(ADMIN);
  });

  it('a function key alone (nobody signed in) gets 401 and nothing', async () => {
    const res = await exportAuditHttp(get('export/audit?from=2026-09-01&to=2026-09-30', {}), ctx(), services);
    expect(res.status).toBe(401);
  });

  it('a signed-in social worker is refused the audit trail, and the refusal is audited', async () => {
    const res = await exportAuditHttp(get('export/audit?from=2026-08-01&to=2026-08-31', signedInAs(WORKER)), ctx(), services);
    expect(res.status).toBe(403);
    expect((await stores.audit.listForRecord('action', 'audit.export')).map((e) => [e.action, e.actorId])).toContainEqual(['access.refused', WORKER]);
  });

  it('someone signed in from another organisation, or not on file, is refused', async () => {
    expect((await exportAuditHttp(get('export/audit?from=2026-09-01&to=2026-09-30', signedInAs(ADMIN, { tenantId: '99999999-2222-4333-8444-555555555555' })), ctx(), services)).status).toBe(403);
    expect((await exportAuditHttp(get('export/audit?from=2026-09-01&to=2026-09-30', signedInAs('ad000000-0000-4000-8000-0000000000ff')), ctx(), services)).status).toBe(403);
    expect((await stores.audit.listForRecord('endpoint', 'export')).map((e) => [e.action, e.actorId])).toEqual([
      ['access.refused', ADMIN],
      ['access.refused', 'ad000000-0000-4000-8000-0000000000ff'],
    ]);
  });

  it('where App Service Authentication is off, a principal header is not believed: 503, and the log says why', async () => {
    const off = { ...services!, config: ConfigSchema.parse({ STORAGE_CONNECTION: azurite.connectionString }) };
    const res = await exportAuditHttp(get('export/audit?from=2026-09-01&to=2026-09-30'), logCtx(), off);
    expect(res.status).toBe(503);
    expect(logged.join('\n')).toMatch(/App Service Authentication is off \(WEBSITE_AUTH_ENABLED\).*ignored/);
  });

  it('with App Service Authentication on but no council tenant set, a signed-in caller is refused: 503, and the log says why', async () => {
    const noTenant = { ...services!, config: ConfigSchema.parse({ STORAGE_CONNECTION: azurite.connectionString, WEBSITE_AUTH_ENABLED: 'True' }) };
    const res = await exportAuditHttp(get('export/audit?from=2026-09-01&to=2026-09-30', signedInAs(ADMIN, { tenantId: '99999999-2222-4333-8444-555555555555' })), logCtx(), noTenant);
    expect(res.status).toBe(503);
    expect(logged.join('\n')).toMatch(/no council tenant is configured \(MicrosoftAppTenantId/);
  });

  it('locally, ?as= acts as a demo person, and only under the local switch', async () => {
    const local = { ...services!, config: ConfigSchema.parse({ STORAGE_CONNECTION: azurite.connectionString, GT_LOCAL_UNAUTHENTICATED_BOT_DANGER: '1' }) };
    const res = await exportAuditHttp(get('export/audit?from=2026-07-01&to=2026-07-31&as=dpo@council.example', {}), ctx(), local);
    expect(res.status).toBe(200);
    expect((await stores.audit.listForRecord('audit', '2026-07-01..2026-07-31')).map((e) => e.actorId)).toEqual([ADMIN]);
    const azure = { ...services!, config: ConfigSchema.parse({ STORAGE_CONNECTION: azurite.connectionString, WEBSITE_AUTH_ENABLED: 'True' }) };
    expect((await exportAuditHttp(get('export/audit?from=2026-07-01&to=2026-07-31&as=dpo@council.example', {}), ctx(), azure)).status).toBe(401);
  });
});
