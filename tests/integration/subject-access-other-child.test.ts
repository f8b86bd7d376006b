// One child's subject access export, and the worker's cards, must hold nothing about another child. The
// voice evidence is filed under the meeting: if the nightly import could move a meeting to another child,
// everything recorded for the first child would go with it. Real import and export functions on Azurite.
import { HttpRequest, InvocationContext } from '@azure/functions';
import type { ImportResult } from '../../core/intake';
import { exportSubjectAccessHttp } from '../../functions/export-subject-access.http';
import { loadConfig } from '../../functions/config';
import { importChildren, importMeetings } from '../../functions/import.http';
import { buildServices, type Services } from '../../functions/wiring/services';
import { startAzurite, uniquePrefix, type RunningAzurite } from '../support/azurite';
import { COUNCIL_TENANT, signedInAs } from '../support/client-principal';

jest.setTimeout(60_000);

const W1 = '11111111-1111-4111-8111-111111111111';
const W2 = '22222222-2222-4222-8222-222222222222';
const DPO = 'ad000000-0000-4000-8000-000000000001';

let azurite: RunningAzurite;
let services: Services;
beforeAll(async () => {
  azurite = await startAzurite();
  services = buildServices(
    loadConfig({ STORAGE_CONNECTION: azurite.connectionString, TABLE_PREFIX: uniquePrefix(), IMPORT_CALLER: 'case-system-nightly', WEBSITE_AUTH_ENABLED: 'True', MicrosoftAppTenantId: COUNCIL_TENANT }),
  );
  await services.people.upsertMany([
    { id: DPO, upn: 'dpo@council.example', displayName: 'Data Protection Officer', roles: ['admin'] },
    { id: W1, upn: 'w1@council.example', displayName: 'Worker One', roles: ['social_worker'], teamId: 'north' },
    { id: W2, upn: 'w2@council.example', displayName: 'Worker Two', roles: ['social_worker'], teamId: 'south' },
  ]);
});
afterAll(() => azurite.stop());

type Handler = (req: HttpRequest, ctx: InvocationContext, s: Services) => Promise<{ status?: number; jsonBody?: unknown }>;
async function post(handler: Handler, body: string, query = '') {
  const req = new HttpRequest({ method: 'POST', url: `http://localhost/api/import/x${query}`, headers: { 'content-type': 'text/csv' }, body: { string: body } });
  const res = await handler(req, new InvocationContext(), services);
  return { status: res.status, body: res.jsonBody as ImportResult };
}
const csv = (...lines: string[]): string => lines.join('\n') + '\n';
const sar = async (ref: string) => {
  const req = new HttpRequest({ method: 'GET', url: `http://localhost:7071/api/export/subject-access/${ref}`, params: { ref }, headers: signedInAs(DPO) });
  return exportSubjectAccessHttp(req, new InvocationContext({ functionName: 'export' }), services);
};

describe('a meeting on file for one child is never moved to another', () => {
  it("the import refuses to move a meeting to another child, so the first child's recorded voice stays in their own subject access export and out of the other's", async () => {
    expect((await post(importChildren, csv('ref,worker_id,team_id,birth_month,legal_status', `SA-ANNA,${W1},north,2014-02,CP`, `SA-BEN,${W2},south,2012-07,CIN`))).status).toBe(200);
    expect((await post(importMeetings, csv('id,child_ref,type,start', 'SA-M1,SA-ANNA,RCPC,2027-03-01 10:00'))).status).toBe(200);
    // Anna's worker records how her views were gathered, with a note about her.
    await services.voice.voice.save({
      meetingId: 'SA-M1', childRef: 'SA-ANNA', voiceBy: '2027-02-22', methods: ['direct_work'], declined: false, gatheredOn: '2027-02-10',
      prepared: true, attendance: 'will_attend', sharedWith: ['chair'], note: 'Anna worried about contact at her nan', recordedBy: W1, recordedAt: '2027-02-10T14:00:00.000Z',
    } as never);

    // The case system's file now gives the same meeting id to Ben.
    const moved = await post(importMeetings, csv('id,child_ref,type,start', 'SA-M1,SA-BEN,RCPC,2027-03-01 10:00'));
    expect(moved.status).toBe(422);
    expect(moved.body.rejected).toEqual([{ line: 2, column: 'child_ref', reason: expect.stringMatching(/on file for another child/) }]);
    // Even in a partial import, that row is left out and the rest goes ahead.
    const partial = await post(importMeetings, csv('id,child_ref,type,start', 'SA-M1,SA-BEN,RCPC,2027-03-01 10:00', 'SA-M2,SA-BEN,CIN_REVIEW,2027-03-08 10:00'), '?mode=partial');
    expect(partial.body).toMatchObject({ status: 'done', created: 1, rejectedCount: 1 });

    const ben = await sar('SA-BEN');
    expect(ben.status).toBe(200);
    const benText = JSON.stringify(ben.jsonBody);
    expect(benText).not.toContain('SA-ANNA');
    expect(benText).not.toContain('nan');
    const anna = (await sar('SA-ANNA')).jsonBody as { meetings: { meeting: { id: string }; voiceRecord: { note?: string } | null }[] };
    expect(anna.meetings.map((m) => [m.meeting.id, m.voiceRecord?.note])).toEqual([['SA-M1', 'Anna worried about contact at her nan']]);
  });
});
