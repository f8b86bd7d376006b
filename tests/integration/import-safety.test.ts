// The nightly import loses nothing when the case system's export goes wrong (issue 18): files in the encodings
// export tools really produce, truncated snapshots held for an administrator, oversized files refused, dry runs.
// Everything goes through the HTTP endpoints, on Azurite.
import { HttpRequest, InvocationContext } from '@azure/functions';
import { QueueClient } from '@azure/storage-queue';
import { IMPORT_QUEUE } from '../../adapters/tables';
import { resolveHeldImport } from '../../core/admin';
import type { ImportResult } from '../../core/intake';
import type { Person } from '../../core/model';
import { loadConfig } from '../../functions/config';
import { importChildren, importMeetings, importPeople, importStatus } from '../../functions/import.http';
import { importWorker } from '../../functions/import.queue';
import { buildServices, type Services } from '../../functions/wiring/services';
import { startAzurite, uniquePrefix, type RunningAzurite } from '../support/azurite';
import { encode, type ExportEncoding } from '../support/encodings';

jest.setTimeout(30_000);

let azurite: RunningAzurite;
beforeAll(async () => {
  azurite = await startAzurite();
});
afterAll(() => azurite.stop());

/** Services on their own tables (a snapshot takes everything else on file as gone) and their own queue. */
const fresh = (settings: Record<string, string> = {}): Services =>
  buildServices(loadConfig({ STORAGE_CONNECTION: azurite.connectionString, TABLE_PREFIX: uniquePrefix(), IMPORT_CALLER: 'case-system-nightly', ...settings }));

type Handler = (req: HttpRequest, ctx: InvocationContext, s: Services) => Promise<{ status?: number; jsonBody?: unknown }>;
type Answer = ImportResult & { error?: string; line?: number; limitBytes?: number };
async function post(s: Services, handler: Handler, query: string, body: string | Uint8Array, headers: Record<string, string> = { 'content-type': 'text/csv' }) {
  const req = new HttpRequest({ method: 'POST', url: `http://localhost/api/import/x${query}`, headers, body: typeof body === 'string' ? { string: body } : { bytes: body } });
  const res = await handler(req, new InvocationContext(), s);
  return { status: res.status, body: res.jsonBody as Answer, bodyUsed: req.bodyUsed };
}
const csv = (...lines: string[]): string => lines.join('\r\n') + '\r\n';
const W1 = '11111111-1111-4111-8111-111111111111';
const ADMIN: Person = { id: '7a000000-0000-4000-8000-00000000000a', upn: 'ada@council.example', displayName: 'Ada Admin', roles: ['admin'] };
const PEOPLE_HEADER = 'id,upn,display_name,roles';
const CHILD_HEADER = 'ref,worker_id,team_id,birth_month,legal_status';
const child = (ref: string, team = 'north') => `${ref},${W1},${team},2015-04,CP`;
const refs = (n: number, prefix = 'GT') => Array.from({ length: n }, (_, i) => `${prefix}-${String(i + 1).padStart(3, '0')}`);

describe('files in the encodings council export tools produce', () => {
  let s: Services;
  beforeAll(() => {
    s = fresh();
  });
  const name = 'Smith, Siobhán Ó Briain–Zoë';
  const file = csv(PEOPLE_HEADER, `${W1},siobhan@council.example,"${name}",social_worker`);

  it.each<[ExportEncoding, string]>([
    ['windows-1252', 'windows-1252'],
    ['utf-8', 'utf-8'],
    ['utf-8-bom', 'utf-8'],
    ['utf-16le', 'utf-16le'],
    ['utf-16be', 'utf-16be'],
  ])('a people file in %s keeps "Siobhán" as the file spelt it', async (encoding, reported) => {
    const res = await post(s, importPeople, '', encode(file, encoding));
    expect(res.status).toBe(200);
    expect(res.body.file).toMatchObject({ format: 'csv', encoding: reported });
    const stored = await s.people.get(W1);
    expect(stored?.displayName).toBe(name);
    expect(JSON.stringify(stored)).not.toContain('\uFFFD');
  });

  it('a file that is not UTF-8 and has no byte order mark is read as Windows-1252, and the answer says so', async () => {
    const res = await post(s, importPeople, '', encode(file, 'windows-1252'));
    expect(res.body.notes).toEqual([expect.stringContaining('read as Windows-1252')]);
    const utf8 = await post(s, importPeople, '', encode(file, 'utf-8'));
    expect(utf8.body.notes).toEqual([]);
  });

  it('a charset in the Content-Type wins, and bytes invalid in it are refused with nothing written', async () => {
    const told = await post(s, importPeople, '', encode(file.replace(name, 'Zoë Told'), 'windows-1252'), { 'content-type': 'text/csv; charset=windows-1252' });
    expect(told.body.file?.encoding).toBe('windows-1252');
    expect(told.body.notes).toEqual([]); // it was told, not guessed
    expect((await s.people.get(W1))?.displayName).toBe('Zoë Told');

    const wrong = await post(s, importPeople, '', encode(file.replace(name, 'Zoë Wrong'), 'windows-1252'), { 'content-type': 'text/csv; charset=utf-8' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toMatch(/not valid UTF-8, though the Content-Type says charset utf-8/);
    expect((await s.people.get(W1))?.displayName).toBe('Zoë Told');

    const unknown = await post(s, importPeople, '', file, { 'content-type': 'text/csv; charset=ebcdic-ish' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toContain('ebcdic-ish');
  });
});

it('a file cut short in the middle of a letter is refused as cut short, not read as another encoding', async () => {
  const s = fresh();
  const file = csv(PEOPLE_HEADER, `${W1},siobhan@council.example,Siobhán,social_worker`);
  const utf8 = encode(file, 'utf-8');
  const cut = utf8.slice(0, utf8.indexOf(0xa1)); // between the two bytes of "á"
  const res = await post(s, importPeople, '', cut);
  expect(res.status).toBe(400);
  expect(res.body.error).toContain('ends part way through a UTF-8 character, so it was cut short');
  const utf16 = encode(file, 'utf-16le');
  expect((await post(s, importPeople, '', utf16.slice(0, utf16.length - 1))).body.error).toContain('UTF-16LE character, so it was cut short');
  expect(await s.people.get(W1)).toBeUndefined();
});

describe('a snapshot that would take away more than the threshold is held for an administrator', () => {
  it('a one-row children snapshot (an export that died after its first line) writes nothing, answers 409 with the counts, and tells the admins', async () => {
    const s = fresh();
    await s.people.upsertMany([ADMIN]);
    const all = refs(60);
    expect((await post(s, importChildren, '', csv(CHILD_HEADER, ...all.map((r) => child(r))))).body.created).toBe(60);

    const res = await post(s, importChildren, '?mode=snapshot', csv(CHILD_HEADER, child('GT-001', 'south')));
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ status: 'held', gone: 59, updated: 1, hold: { onFile: 60, limit: 20, wouldMarkGone: 59, wouldCancel: 0 } });
    expect(res.body.plan?.gone).toHaveLength(59);
    expect(res.body.notes.join(' ')).toContain('would mark 59 of the 60 children on file as gone, more than the limit of 20: nothing was written');
    expect(await s.children.list()).toHaveLength(60); // nobody marked gone
    expect((await s.children.get('GT-001'))?.value.teamId).toBe('north'); // and the row itself not written
    expect((await s.audit.listForRecord('import', res.body.id))[0]?.detail).toMatchObject({ status: 'held', gone: 59 });
    expect((await getStatus(s, res.body.id)).jsonBody).toMatchObject({ status: 'held', hold: { wouldMarkGone: 59 } });
    // Each admin gets a card saying what would go, from which file, and when.
    const sent = await s.outbox.get(`import.held:${res.body.id}:${ADMIN.id}`);
    expect(JSON.stringify(sent?.message.card)).toContain('59 of the 60 children on file would be marked as closed cases');
  });

  it('confirming applies exactly the held import: its file, and only the records the admin was shown', async () => {
    const s = fresh();
    await post(s, importChildren, '', csv(CHILD_HEADER, ...refs(30).map((r) => child(r))));
    const held = await post(s, importChildren, '?mode=snapshot', csv(CHILD_HEADER, child('GT-001', 'south')));
    expect(held.status).toBe(409);
    // A child added after the hold (by an ordinary import of another file) is not taken by the confirmation.
    await s.children.upsertMany([{ ref: 'LATE-1', workerId: W1, teamId: 'north', birthMonth: '2015-04', legalStatus: 'CP', groups: [], newToCare: false }]);

    await expect(resolveHeldImport({ imports: s.admin.imports!, audit: s.audit }, { id: W1, roles: ['social_worker'] }, { id: held.body.id, how: 'confirm' })).rejects.toThrow('Only an administrator');
    const notice = await resolveHeldImport({ imports: s.admin.imports!, audit: s.audit }, ADMIN, { id: held.body.id, how: 'confirm' });
    expect(notice).toContain('29 children marked gone');
    await runQueuedImports(s);

    expect((await getStatus(s, held.body.id)).jsonBody).toMatchObject({ status: 'done', gone: 29, updated: 1 });
    expect((await s.children.list()).map((c) => c.ref).sort()).toEqual(['GT-001', 'LATE-1']);
    expect((await s.children.get('GT-001'))?.value.teamId).toBe('south');
    expect((await s.audit.listForRecord('import', held.body.id)).map((e) => [e.action, e.actorId])).toEqual(
      expect.arrayContaining([['import.confirmed', ADMIN.id], ['import.children', ADMIN.id]]),
    );
    expect((await s.audit.listForRecord('child', 'GT-002')).map((e) => [e.action, e.actorId])).toEqual([['child.gone_by_snapshot', ADMIN.id]]);
    expect(await s.importJobs.getBody(held.body.id)).toBeUndefined(); // the held file is cleared
    await expect(resolveHeldImport({ imports: s.admin.imports!, audit: s.audit }, ADMIN, { id: held.body.id, how: 'confirm' })).rejects.toThrow('already confirmed');
  });

  it('a newer import of the same kind supersedes a held one; a discarded one writes nothing; both audited', async () => {
    const s = fresh();
    const deps = () => ({ imports: s.admin.imports!, audit: s.audit });
    await post(s, importChildren, '', csv(CHILD_HEADER, ...refs(40).map((r) => child(r))));
    const first = await post(s, importChildren, '?mode=snapshot', csv(CHILD_HEADER, child('GT-001')));
    const good = await post(s, importChildren, '?mode=snapshot', csv(CHILD_HEADER, ...refs(39).map((r) => child(r))));
    expect(good.body).toMatchObject({ status: 'done', gone: 1 });
    expect((await getStatus(s, first.body.id)).jsonBody).toMatchObject({ status: 'superseded' });
    await expect(resolveHeldImport(deps(), ADMIN, { id: first.body.id, how: 'confirm' })).rejects.toThrow('A newer children import replaced that one');
    expect((await s.audit.listForRecord('import', first.body.id)).map((e) => e.action)).toContain('import.superseded');
    expect(await s.children.list()).toHaveLength(39);

    const second = await post(s, importChildren, '?mode=snapshot', csv(CHILD_HEADER, child('GT-002')));
    expect(second.status).toBe(409);
    expect(await resolveHeldImport(deps(), ADMIN, { id: second.body.id, how: 'discard' })).toContain('Discarded');
    expect((await getStatus(s, second.body.id)).jsonBody).toMatchObject({ status: 'discarded' });
    expect(await s.children.list()).toHaveLength(39);
    expect(await s.admin.imports!.list()).toEqual([]);
    expect((await s.audit.listForRecord('import', second.body.id)).map((e) => [e.action, e.actorId])).toContainEqual(['import.discarded', ADMIN.id]);
  });

  it('a meetings snapshot that would cancel most of its window is held too; the thresholds are settings', async () => {
    const s = fresh({ IMPORT_DELETE_THRESHOLD_PERCENT: '10', IMPORT_DELETE_THRESHOLD_RECORDS: '3' });
    const header = 'id,child_ref,type,start';
    const meetings = Array.from({ length: 10 }, (_, i) => `M-${i},GT-001,CLA_REVIEW,2027-02-${String(i + 1).padStart(2, '0')}T10:00:00Z`);
    await post(s, importMeetings, '', csv(header, ...meetings));
    const window = '?mode=snapshot&from=2027-02-01&to=2027-02-28';
    const res = await post(s, importMeetings, window, csv(header, ...meetings.slice(0, 6)));
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ status: 'held', cancelled: 4, hold: { onFile: 10, limit: 3, wouldCancel: 4 } });
    expect((await s.meetings.get('M-9'))?.value.status).toBe('scheduled');
    const few = await post(s, importMeetings, window, csv(header, ...meetings.slice(0, 7)));
    expect(few.body).toMatchObject({ status: 'done', cancelled: 3 });
    expect((await getStatus(s, res.body.id)).jsonBody).toMatchObject({ status: 'superseded' });
  });
});

describe('limits', () => {
  let s: Services;
  beforeAll(() => {
    s = fresh({ IMPORT_MAX_BYTES: '2000', IMPORT_MAX_ROWS: '5' });
  });

  it('a body over the size limit gets 413 naming the limit, before it is read when its length is declared', async () => {
    const big = csv(CHILD_HEADER, ...refs(100).map((r) => child(r)));
    const declared = await post(s, importChildren, '', big, { 'content-type': 'text/csv', 'content-length': String(Buffer.byteLength(big)) });
    expect(declared).toMatchObject({ status: 413, bodyUsed: false, body: { limitBytes: 2000 } });
    expect(declared.body.error).toContain("larger than the import's limit of 2,000 bytes (IMPORT_MAX_BYTES)");
    const streamed = await post(s, importChildren, '', big); // no Content-Length: counted while streaming
    expect(streamed).toMatchObject({ status: 413, bodyUsed: true });
    expect(await s.children.get('GT-001')).toBeUndefined();
  });

  it('a file over the row limit is refused with the first line over it', async () => {
    const res = await post(s, importChildren, '', csv(CHILD_HEADER, ...refs(6).map((r) => child(r))));
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ line: 7, error: expect.stringContaining('line 7 is over the limit') });
    expect(await s.children.get('GT-001')).toBeUndefined();
  });

  it('a line over 1 MB is refused with its line number', async () => {
    const roomy = fresh();
    const res = await post(roomy, importChildren, '', csv(CHILD_HEADER, child('GT-001'), `GT-002,${'x'.repeat(1_100_000)},north,2015-04,CP`));
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/^Line 3 is longer than 1 MB/);
    expect(await roomy.children.get('GT-001')).toBeUndefined();
  });
});

describe('a dry run says what an import would do, and writes nothing', () => {
  it('any kind, any mode: what would be created, updated, marked gone or cancelled, and every rejected row', async () => {
    const s = fresh();
    await s.people.upsertMany([ADMIN]);
    await post(s, importChildren, '', csv(CHILD_HEADER, ...refs(30).map((r) => child(r))));

    const strict = await post(s, importChildren, '?mode=dry-run', csv(CHILD_HEADER, child('GT-001', 'south'), child('NEW-1'), 'BAD-1,not-a-guid,north,2015-04,CP'));
    expect(strict.status).toBe(200);
    expect(strict.body).toMatchObject({ dryRun: true, mode: 'strict', status: 'rejected', plan: { created: ['NEW-1'], updated: ['GT-001'] } });
    expect(strict.body.rejected).toEqual([{ line: 4, column: 'worker_id', reason: expect.stringContaining('GUID') }]);

    const snap = await post(s, importChildren, '?mode=snapshot,dry-run', csv(CHILD_HEADER, child('GT-001')));
    expect(snap.status).toBe(200);
    expect(snap.body).toMatchObject({ dryRun: true, mode: 'snapshot', status: 'held', gone: 29, hold: { wouldMarkGone: 29 } });
    expect(snap.body.plan?.gone).toEqual(refs(30).slice(1));

    const header = 'id,child_ref,type,start';
    await post(s, importMeetings, '', csv(header, 'DM-1,GT-001,ICPC,2027-03-01T10:00:00Z', 'DM-2,GT-001,ICPC,2027-03-02T10:00:00Z'));
    const meetings = await post(s, importMeetings, '?mode=snapshot&mode=dry-run&from=2027-03-01&to=2027-03-31', csv(header, 'DM-1,GT-001,ICPC,2027-03-01T10:00:00Z'));
    expect(meetings.body).toMatchObject({ dryRun: true, status: 'done', cancelled: 1, plan: { cancelled: ['DM-2'], created: [], updated: [] } });

    expect((await post(s, importChildren, '?mode=snapshot,partial', csv(CHILD_HEADER, child('GT-001')))).status).toBe(400); // one mode at a time

    // Nothing written: no child changed or gone, no meeting cancelled, nothing held, no admin told.
    expect((await s.children.get('GT-001'))?.value.teamId).toBe('north');
    expect(await s.children.get('NEW-1')).toBeUndefined();
    expect(await s.children.list()).toHaveLength(30);
    expect((await s.meetings.get('DM-2'))?.value.status).toBe('scheduled');
    expect(await s.admin.imports!.list()).toEqual([]);
    expect(await s.outbox.get(`import.held:${snap.body.id}:${ADMIN.id}`)).toBeUndefined();
    expect((await s.audit.listForRecord('import', snap.body.id))[0]?.detail).toMatchObject({ dryRun: true, status: 'held' });
  });
});

const getStatus = (s: Services, id: string) =>
  importStatus(new HttpRequest({ method: 'GET', url: `http://localhost/api/import/status/${id}`, params: { id } }), new InvocationContext(), s);

/** Delivers what is on the imports queue to the worker, as the Functions runtime would (one queue per account). */
async function runQueuedImports(s: Services): Promise<void> {
  const queue = new QueueClient(azurite.connectionString, IMPORT_QUEUE);
  const { receivedMessageItems } = await queue.receiveMessages({ numberOfMessages: 32 });
  for (const m of receivedMessageItems) {
    await importWorker(JSON.parse(Buffer.from(m.messageText, 'base64').toString('utf8')), new InvocationContext(), s);
    await queue.deleteMessage(m.messageId, m.popReceipt);
  }
}
