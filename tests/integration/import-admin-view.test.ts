// The nightly import as the administrator sees it in Teams: files refused or rejected are on the `admin` card
// (when, which snapshot, the import id, the reason in words, never a child's reference), and the same
// over-threshold snapshot posted twice at once is held once, with one card. The app's own composition root,
// Azurite, the real import handlers, the real bot through the Functions bridge, the Bot Connector stand-in.
import { HttpRequest, InvocationContext } from '@azure/functions';
import { createBot, type Bot } from '../../bot/index';
import type { ImportResult } from '../../core/intake';
import type { Person } from '../../core/model';
import { ConfigSchema } from '../../functions/config';
import { importChildren, importMeetings } from '../../functions/import.http';
import { importWorker } from '../../functions/import.queue';
import { buildServices, type Services } from '../../functions/wiring/services';
import { startAzurite, uniquePrefix, type RunningAzurite } from '../support/azurite';
import { botDriver } from '../support/bot-driver';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector';
import { walk, type Node } from '../support/card-nodes';

jest.setTimeout(60_000);

const ADMIN: Person = { id: '7a000000-0000-4000-8000-0000000000b1', upn: 'ada@council.example', displayName: 'Ada Admin', roles: ['admin'] };
const WORKER: Person = { id: '7a000000-0000-4000-8000-0000000000b2', upn: 'sam@council.example', displayName: 'Sam Worker', roles: ['social_worker'], teamId: 'north' };
const CHILD_HEADER = 'ref,worker_id,team_id,birth_month,legal_status';
const line = (i: number) => `GT-${String(i).padStart(3, '0')},${WORKER.id},north,2015-04,CP`;

let azurite: RunningAzurite;
let connector: FakeConnector;
beforeAll(async () => {
  azurite = await startAzurite();
  connector = await startFakeConnector();
});
afterAll(async () => {
  await connector.stop();
  await azurite.stop();
});

/** The app on its own tables, with one admin who has a 1:1 chat with the bot. */
async function council(settings: Record<string, string> = {}): Promise<{ services: Services; bot: Bot }> {
  const services = buildServices(
    ConfigSchema.parse({ STORAGE_CONNECTION: azurite.connectionString, TABLE_PREFIX: uniquePrefix(), IMPORT_CALLER: 'case-system-nightly', GT_LOCAL_UNAUTHENTICATED_BOT_DANGER: '1', ...settings }),
  );
  await services.people.upsertMany([ADMIN, WORKER]);
  await services.conversations.save({
    key: `person:${ADMIN.id}`, conversationType: 'personal', updatedAt: new Date().toISOString(),
    reference: { serviceUrl: connector.serviceUrl, channelId: 'msteams', conversation: { id: `a:personal-${ADMIN.id}` }, bot: { id: '28:golden-thread-bot' } },
  });
  return { services, bot: createBot(services) };
}

type Handler = typeof importChildren;
async function send(services: Services, handler: Handler, query: string, body: string, contentType = 'text/csv') {
  const req = new HttpRequest({ method: 'POST', url: `http://localhost/api/import/x${query}`, headers: { 'content-type': contentType }, body: { string: body } });
  const res = await handler(req, new InvocationContext(), services);
  return { status: res.status, body: res.jsonBody as ImportResult & { error?: string } };
}

let bot: Bot;
const { personal, post } = botDriver({ bot: () => bot, serviceUrl: () => connector.serviceUrl });
const words = (card: unknown) => walk(card).flatMap((n) => [n.text, n.value, n.title].filter((t): t is string => typeof t === 'string')).join('\n');
/** What the admin sees when they type `admin`. */
async function adminCardWords(): Promise<string> {
  await post({ ...personal(ADMIN.id), type: 'message', text: 'admin' });
  const sent = connector.sent(`a:personal-${ADMIN.id}`).at(-1)?.activity.attachments as { content: Node }[];
  return words(sent[0]!.content);
}

describe('files the nightly import refused or rejected, on the admin card', () => {
  let services: Services;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    ({ services, bot } = await council({ IMPORT_MAX_BYTES: '2000' }));
    ids.applied = (await send(services, importChildren, '', [CHILD_HEADER, line(1), line(2)].join('\n'))).body.id;
    // Oldest first: six bad files, one of each way a nightly export goes wrong.
    const tooBig = await send(services, importChildren, '', [CHILD_HEADER, ...Array.from({ length: 40 }, (_, i) => line(i + 1))].join('\n'));
    expect(tooBig.status).toBe(413);
    ids.tooBig = tooBig.body.id;
    const badQuery = await send(services, importChildren, '?mode=everything', [CHILD_HEADER, line(1)].join('\n'));
    expect(badQuery.status).toBe(400);
    ids.badQuery = badQuery.body.id;
    const unreadable = await send(services, importChildren, '', `${CHILD_HEADER}\nGT-007 "Jo,${WORKER.id},north,2015-04,CP\n`);
    expect(unreadable.status).toBe(400);
    expect(unreadable.body.error).toContain('GT-007'); // the parser's words quote the cell: fine for the case system, not for a card
    ids.unreadable = unreadable.body.id;
    const duplicate = await send(services, importChildren, '', [CHILD_HEADER, line(1), line(3), line(1)].join('\n'));
    expect(duplicate.status).toBe(422);
    expect(duplicate.body.rejected[0]!.reason).toContain('GT-001');
    ids.duplicate = duplicate.body.id;
    const cut = await send(services, importChildren, '', [CHILD_HEADER, line(1), 'GT-002,7a000000-0000-4000-8000-0000000000b2,north'].join('\n'));
    expect(cut.status).toBe(422);
    ids.cut = cut.body.id;
    const twice = await send(services, importMeetings, '', 'id,child_ref,type,start\nM-1,GT-001,CLA_REVIEW,2026-10-25 01:30\n');
    expect(twice.status).toBe(422);
    ids.twice = twice.body.id;
    const empty = await send(services, importMeetings, '', '   ');
    expect(empty.status).toBe(400);
    ids.empty = empty.body.id;
    // A dry run that finds problems is a check, not a night's import: not listed.
    const dry = await send(services, importChildren, '?mode=dry-run', [CHILD_HEADER, line(1), line(1)].join('\n'));
    expect(dry.status).toBe(200);
  });

  it('the admin sees the newest five: when, which snapshot, the import id, and the reason with its line and column', async () => {
    const card = await adminCardWords();
    expect(card).toContain('Imports refused, rejected or failed in the last 7 days (7)');
    expect(card).toMatch(/Meetings import refused \(HTTP 400\), received \d{1,2} \w+ \d{4} at \d\d:\d\d/);
    expect(card).toContain('The request body is empty: send a CSV with a header row or a JSON array.');
    expect(card).toMatch(/Meetings import rejected \(HTTP 422\), received .*\n1 problem was found in it, so nothing from the file was written\.\n/);
    expect(card).toMatch(/Line 2, column start: 01:30 on 25 October 2026 happens twice in London/);
    expect(card).toContain('Line 3, column birth_month: this line has 3 values but the header has 5 columns, so birth_month and any after it are missing');
    expect(card).toContain('Line 4, column ref: duplicate: the same id is also on line 2');
    expect(card).toMatch(/Children import refused \(HTTP 400\), received .*\nThe file was not read, so nothing from it was written\.\nThe CSV could not be read at line 2: a quote or a separator is out of place/);
    for (const k of ['empty', 'twice', 'cut', 'duplicate', 'unreadable']) expect(card).toContain(`Import id: ${ids[k]} (audited as import.`);
    // Bounded: the two oldest are counted, not listed.
    expect(card).not.toContain(ids.badQuery);
    expect(card).not.toContain(ids.tooBig);
    expect(card).toContain('2 earlier ones are not listed here. The audit trail has every import: type admin audit with two dates.');
  });

  it('the last file of each nightly kind applied is named, and a kind with none is called late in words', async () => {
    const card = await adminCardWords();
    // One children file was applied; the rejected and refused ones and the dry run (a check) are not "applied".
    expect(card).toContain('Last nightly files applied (2 late)');
    expect(card).toMatch(new RegExp(`Children: \\d{1,2} \\w+ \\d{4} at \\d\\d:\\d\\d \\(import ${ids.applied}\\)\\.`));
    expect(card).toContain("Late: no people file has been applied yet. Check the case system's nightly export.");
    expect(card).toContain('Late: no meetings file has been applied');
    // The last applied is the one applied: none of the stopped files took its place.
    const lastChildren = card.split('\n').find((l) => l.startsWith('- Children:'));
    expect(lastChildren).toContain(ids.applied);
  });

  it('the card never carries a child\'s reference, even where the refusal quoted one', async () => {
    const card = await adminCardWords();
    expect(card).not.toMatch(/GT-\d{3}/);
    expect(card).not.toContain('Jo');
  });

  it('a large file accepted for the background that could not finish is listed too', async () => {
    // The worker is given a job whose file is not there (the body's chunks lost): it records the failure.
    const job = { id: 'bg-lost-1', kind: 'people', mode: 'strict', format: 'csv', actorId: 'system:import:case-system-nightly', submittedAt: new Date().toISOString() };
    await importWorker(job, new InvocationContext(), services);
    expect(await services.importJobs.get('bg-lost-1')).toMatchObject({ status: 'failed' });
    const card = await adminCardWords();
    expect(card).toMatch(/People import failed in the background, received .*\nIt was accepted \(HTTP 202\) but did not finish\.\nThe uploaded file was not found; send it again\.\nImport id: bg-lost-1 \(audited as import\.people\)/);
  });
});

describe('the same snapshot posted twice at once', () => {
  let services: Services;
  beforeAll(async () => {
    ({ services, bot } = await council());
    await send(services, importChildren, '', [CHILD_HEADER, ...Array.from({ length: 60 }, (_, i) => line(i + 1))].join('\n'));
  });

  it('is held once: both callers get the same hold, and the admin gets one card', async () => {
    const truncated = [CHILD_HEADER, line(1)].join('\n');
    const [a, b] = await Promise.all([send(services, importChildren, '?mode=snapshot', truncated), send(services, importChildren, '?mode=snapshot', truncated)]);
    expect([a.status, b.status]).toEqual([409, 409]);
    expect(b.body.id).toBe(a.body.id);
    expect([...a.body.notes, ...b.body.notes].join(' ')).toContain(`The same file is already held as import ${a.body.id}`);
    // A retry later, after the card went out, joins it too.
    const again = await send(services, importChildren, '?mode=snapshot', truncated);
    expect([again.status, again.body.id]).toEqual([409, a.body.id]);
    expect(await services.importJobs.listHeld()).toEqual([{ kind: 'children', importId: a.body.id }]);

    await services.outboxSender.drain();
    const cards = connector.sent(`a:personal-${ADMIN.id}`).map((r) => words((r.activity.attachments as { content: Node }[] | undefined)?.[0]?.content));
    expect(cards.filter((c) => c.includes('An import is waiting for you'))).toHaveLength(1);
    const admin = await adminCardWords();
    expect(admin).toContain('Imports waiting for you (1)');
    expect(admin).toContain(`import ${a.body.id}`);
    expect(await services.children.list()).toHaveLength(60);
  });

  it('a different file of the same kind still replaces the held one', async () => {
    const held = (await services.importJobs.listHeld())[0]!.importId;
    const other = await send(services, importChildren, '?mode=snapshot', [CHILD_HEADER, line(2)].join('\n'));
    expect(other.status).toBe(409);
    expect(other.body.id).not.toBe(held);
    expect(await services.importJobs.get(held)).toMatchObject({ status: 'superseded' });
    expect(await services.importJobs.listHeld()).toEqual([{ kind: 'children', importId: other.body.id }]);
  });
});
