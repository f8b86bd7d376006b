// A council IT team's review of the nightly import: files as case-system exports really arrive (rows cut short,
// unquoted commas, line endings, header spellings, times around the clock change), through the HTTP endpoints on Azurite.
import { HttpRequest, InvocationContext } from '@azure/functions';
import type { ImportResult } from '../../core/intake';
import { loadConfig } from '../../functions/config';
import { importChildren, importMeetings, importPeople } from '../../functions/import.http';
import { buildServices, type Services } from '../../functions/wiring/services';
import { startAzurite, uniquePrefix, type RunningAzurite } from '../support/azurite';

jest.setTimeout(30_000);

let azurite: RunningAzurite;
beforeAll(async () => {
  azurite = await startAzurite();
});
afterAll(() => azurite.stop());

const fresh = (): Services =>
  buildServices(loadConfig({ STORAGE_CONNECTION: azurite.connectionString, TABLE_PREFIX: uniquePrefix(), IMPORT_CALLER: 'case-system-nightly' }));

type Handler = (req: HttpRequest, ctx: InvocationContext, s: Services) => Promise<{ status?: number; jsonBody?: unknown }>;
async function post(s: Services, handler: Handler, query: string, body: string) {
  const req = new HttpRequest({ method: 'POST', url: `http://localhost/api/import/x${query}`, headers: { 'content-type': 'text/csv' }, body: { string: body } });
  const res = await handler(req, new InvocationContext(), s);
  return { status: res.status, body: res.jsonBody as ImportResult & { error?: string } };
}
const W1 = '11111111-1111-4111-8111-111111111111';
const CHILDREN = 'ref,worker_id,team_id,birth_month,legal_status,groups,new_to_care';

describe('a row with fewer or more values than the header', () => {
  it('a children file cut short part way through its last row is refused at that line, and the child keeps what the cut left out', async () => {
    const s = fresh();
    const whole = [CHILDREN, `GT-001,${W1},north,2015-04,CP,disabled;uasc,yes`, `GT-002,${W1},north,2016-01,CLA,disabled,yes`].join('\r\n') + '\r\n';
    expect((await post(s, importChildren, '', whole)).status).toBe(200);

    // The export stopped after GT-002's legal status: its groups and new_to_care never arrived.
    const cut = [CHILDREN, `GT-001,${W1},north,2015-04,CP,disabled;uasc,yes`, `GT-002,${W1},north,2016-01,CLA`].join('\r\n');
    const res = await post(s, importChildren, '', cut);
    expect(res.status).toBe(422);
    expect(res.body.rejected).toEqual([{ line: 3, column: 'groups', reason: expect.stringMatching(/5 values.*7 columns.*cut short/) }]);
    const kept = (await s.children.get('GT-002'))?.value;
    expect(kept).toMatchObject({ groups: ['disabled'], newToCare: true });
  });

  it('a meeting row with an unquoted comma in the chair\'s name is refused, not stored with half the name', async () => {
    const s = fresh();
    const file = ['id,child_ref,type,start,chair', 'M-1,GT-001,CLA_REVIEW,2027-05-03T10:00:00Z,Smith, Jo'].join('\n') + '\n';
    const res = await post(s, importMeetings, '', file);
    expect(res.status).toBe(422);
    expect(res.body.rejected).toEqual([{ line: 2, column: 'chair', reason: expect.stringMatching(/6 values.*5 columns.*quotes/) }]);
    expect(await s.meetings.get('M-1')).toBeUndefined();
  });
});

describe('what was tried and found sound', () => {
  it('lone CR line endings, a quoted value with a comma and a newline, trailing blank lines, reordered and oddly cased headers', async () => {
    const s = fresh();
    const file = ['  Display Name ,UPN,Roles,ID', `"Smith, Jo\nsecond line",jo@council.example,Social worker,${W1.toUpperCase()}`, '', ''].join('\r');
    const res = await post(s, importPeople, '', file);
    expect(res.status).toBe(200);
    expect(res.body.created).toBe(1);
    expect(await s.people.get(W1)).toMatchObject({ displayName: 'Smith, Jo\nsecond line', upn: 'jo@council.example', roles: ['social_worker'] });
  });
});

describe('a London time without a zone on the nights the clocks change', () => {
  it('a meeting at 01:30 on the night the clocks go back or forward is refused asking for the offset, not stored an hour out', async () => {
    const s = fresh();
    const file = ['id,child_ref,type,start', 'M-OCT,GT-001,CLA_REVIEW,25/10/2026 01:30', 'M-MAR,GT-001,CLA_REVIEW,2027-03-28 01:30', 'M-DEC,GT-001,CLA_REVIEW,01/12/2026 10:00'].join('\n');
    const res = await post(s, importMeetings, '?mode=partial', file);
    expect(res.body.rejected).toEqual([
      { line: 2, column: 'start', reason: expect.stringMatching(/01:30 on 25 October 2026 happens twice.*\+01:00.*\+00:00/) },
      { line: 3, column: 'start', reason: expect.stringMatching(/01:30 on 28 March 2027 does not exist in London/) },
    ]);
    expect(await s.meetings.get('M-OCT')).toBeUndefined();
    expect(await s.meetings.get('M-MAR')).toBeUndefined();
    expect((await s.meetings.get('M-DEC'))?.value.start).toBe('2026-12-01T10:00:00+00:00');

    // With the offset the file means, each is taken as given; 01:30 on an ordinary night needs none.
    const told = ['id,child_ref,type,start', 'M-OCT,GT-001,CLA_REVIEW,2026-10-25T01:30:00+01:00', 'M-JUL,GT-001,CLA_REVIEW,2027-07-04 01:30'].join('\n');
    expect((await post(s, importMeetings, '', told)).status).toBe(200);
    expect((await s.meetings.get('M-OCT'))?.value.start).toBe('2026-10-25T01:30:00+01:00');
    expect((await s.meetings.get('M-JUL'))?.value.start).toBe('2027-07-04T01:30:00+01:00');
  });
});

describe('a nightly file refused before its rows are read', () => {
  it('an empty body or a file cut mid-letter is logged as a warning and audited with its reason, and the answer names the import', async () => {
    const s = fresh();
    const cut = Buffer.from(`id,upn,display_name,roles\r\n${W1},s@council.example,Siobhán,social_worker\r\n`, 'utf8');
    const bodies: [string, Uint8Array, RegExp][] = [
      ['empty', new Uint8Array(0), /empty/],
      ['cut mid-letter', cut.subarray(0, cut.indexOf(0xc3) + 1), /cut short/],
    ];
    for (const [, body, reason] of bodies) {
      const warnings: string[] = [];
      const context = new InvocationContext({ logHandler: (level, ...args) => void (level === 'warning' && warnings.push(args.map(String).join(' '))) });
      const req = new HttpRequest({ method: 'POST', url: 'http://localhost/api/import/people', headers: { 'content-type': 'text/csv' }, body: { bytes: body } });
      const res = await importPeople(req, context, s);
      const answer = res.jsonBody as { id?: string; error: string };
      expect(res.status).toBe(400);
      expect(answer.error).toMatch(reason);
      expect(warnings).toEqual([expect.stringMatching(new RegExp(`import people ${answer.id} refused \\(400\\).*system:import:case-system-nightly`))]);
      expect((await s.audit.listForRecord('import', answer.id!)).map((e) => [e.action, e.actorId, e.detail])).toEqual([
        ['import.people', 'system:import:case-system-nightly', expect.objectContaining({ status: 'refused', http: 400, reason: expect.stringMatching(reason) })],
      ]);
    }
  });
});

describe('a rejected nightly file in the log', () => {
  it('a file rejected by row is logged as a warning with its id, an accepted one as information', async () => {
    const s = fresh();
    const logged: [string, string][] = [];
    const context = () => new InvocationContext({ logHandler: (level, ...args) => void logged.push([level, args.map(String).join(' ')]) });
    const send = (body: string) => importPeople(new HttpRequest({ method: 'POST', url: 'http://localhost/api/import/people', headers: { 'content-type': 'text/csv' }, body: { string: body } }), context(), s);
    const bad = await send(`id,upn,display_name,roles\n${W1},jo@council.example,Jo,astronaut\n`);
    expect(bad.status).toBe(422);
    const good = await send(`id,upn,display_name,roles\n${W1},jo@council.example,Jo,social_worker\n`);
    expect(good.status).toBe(200);
    const ids = [bad, good].map((r) => (r.jsonBody as ImportResult).id);
    expect(logged.filter(([, line]) => line.startsWith('import people'))).toEqual([
      ['warning', `import people ${ids[0]}: rejected, 0 created, 0 updated, 1 rows rejected`],
      ['information', `import people ${ids[1]}: done, 1 created, 0 updated, 0 rows rejected`],
    ]);
  });
});

describe('a worked-out core group goes with the meeting it came from', () => {
  const status = async (s: Services, id: string) => (await s.meetings.get(id))?.value.status;
  it('a core group the case system cancels, or an ICPC it retypes, takes its worked-out core group with it, so nobody is nudged about a meeting that will not happen', async () => {
    const s = fresh();
    await post(s, importChildren, '', `ref,worker_id,team_id,birth_month,legal_status\nGT-001,${W1},north,2015-04,CP\n`);
    await post(s, importMeetings, '', 'id,child_ref,type,start\nM-1,GT-001,ICPC,2027-05-03T10:00:00Z\nCG-1,GT-001,CORE_GROUP,2027-06-01T10:00:00Z\nM-2,GT-002,ICPC,2027-05-04T10:00:00Z\n');
    expect([await status(s, 'CG-1.next'), await status(s, 'M-2.cg1')]).toEqual(['scheduled', 'scheduled']);

    const res = await post(s, importMeetings, '', 'id,child_ref,type,start,status\nCG-1,GT-001,CORE_GROUP,2027-06-01T10:00:00Z,cancelled\nM-2,GT-002,RCPC,2027-05-04T10:00:00Z,scheduled\n');
    expect(res.status).toBe(200);
    expect([await status(s, 'CG-1.next'), await status(s, 'M-2.cg1')]).toEqual(['cancelled', 'cancelled']);
    expect(res.body.notes).toEqual([expect.stringContaining('2 worked-out core groups cancelled')]);
    // The same file again changes nothing.
    expect((await post(s, importMeetings, '', 'id,child_ref,type,start,status\nCG-1,GT-001,CORE_GROUP,2027-06-01T10:00:00Z,cancelled\nM-2,GT-002,RCPC,2027-05-04T10:00:00Z,scheduled\n')).body).toMatchObject({ unchanged: 2, notes: [] });
  });
});

describe('a meetings snapshot with no rows', () => {
  it('a header-only meetings snapshot is refused rather than cancelling every meeting in its window, however few', async () => {
    const s = fresh();
    const rows = Array.from({ length: 10 }, (_, i) => `W-${i},GT-001,CLA_REVIEW,2027-05-${String(i + 3).padStart(2, '0')}T10:00:00Z`);
    expect((await post(s, importMeetings, '', ['id,child_ref,type,start', ...rows].join('\n'))).status).toBe(200);

    const res = await post(s, importMeetings, '?mode=snapshot&from=2027-05-01&to=2027-05-31', 'id,child_ref,type,start\r\n');
    expect(res.status).toBe(422);
    expect(res.body.rejected).toEqual([{ line: 1, column: 'id', reason: expect.stringMatching(/no rows would cancel all 10 scheduled meetings in its window/) }]);
    expect((await s.meetings.get('W-0'))?.value.status).toBe('scheduled');

    // A window with nothing on file and nothing in the file is an ordinary quiet week.
    expect((await post(s, importMeetings, '?mode=snapshot&from=2027-08-01&to=2027-08-07', 'id,child_ref,type,start\r\n')).status).toBe(200);
  });
});

describe('a file without some optional columns', () => {
  it('a children file without the groups, new_to_care or care_ended columns keeps what is on file for them; a blank value still clears', async () => {
    const s = fresh();
    await post(s, importChildren, '', `${CHILDREN},care_ended\nGT-001,${W1},north,2015-04,CLA,disabled;uasc,yes,2026-11-30\nGT-002,${W1},north,2016-01,CLA,disabled,yes,\n`);
    // A smaller export (the five required columns, as in docs/import.md): GT-001 moves team, nothing else is said.
    const res = await post(s, importChildren, '', `ref,worker_id,team_id,birth_month,legal_status\nGT-001,${W1},south,2015-04,CLA\n`);
    expect(res.body).toMatchObject({ status: 'done', updated: 1 });
    expect((await s.children.get('GT-001'))?.value).toMatchObject({ teamId: 'south', groups: ['disabled', 'uasc'], newToCare: true, careEnded: '2026-11-30' });
    // The same smaller file again changes nothing; a file with the column and a blank value clears it.
    expect((await post(s, importChildren, '', `ref,worker_id,team_id,birth_month,legal_status\nGT-001,${W1},south,2015-04,CLA\n`)).body).toMatchObject({ unchanged: 1 });
    await post(s, importChildren, '', `ref,worker_id,team_id,birth_month,legal_status,groups\nGT-002,${W1},north,2016-01,CLA,\n`);
    expect((await s.children.get('GT-002'))?.value).toMatchObject({ groups: [], newToCare: true });
  });

  it('a meetings file without chair_id keeps the chair on file, so the IRO keeps the review', async () => {
    const s = fresh();
    const IRO = '22222222-2222-4222-8222-222222222222';
    await post(s, importMeetings, '', `id,child_ref,type,start,chair_id,first\nM-1,GT-001,ICPC,2027-05-03T10:00:00Z,${IRO},yes\n`);
    await post(s, importMeetings, '', 'id,child_ref,type,start\nM-1,GT-001,ICPC,2027-05-04T10:00:00Z\n');
    expect((await s.meetings.get('M-1'))?.value).toMatchObject({ start: '2027-05-04T10:00:00Z', chairId: IRO, first: true });
  });
});
