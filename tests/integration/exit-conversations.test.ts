// Exit conversations end to end on Azurite: the nightly children import reports a care episode (or a care
// leaver's pathway support) ended, the worker is asked once by card, and answers it in Teams through the real bot.
import { HttpRequest, InvocationContext } from '@azure/functions';
import { createBot, type Bot } from '../../bot/index';
import { englandAndWales, londonDate } from '../../core/calendar';
import type { ImportResult } from '../../core/intake';
import { loadConfig } from '../../functions/config';
import { subjectAccess } from '../../core/evidence';
import { exportStores } from '../../functions/wiring/export-stores';
import { TABLES } from '../../adapters/tables/names';
import { tableClient } from '../../adapters/tables/client';
import { importChildren } from '../../functions/import.http';
import { buildServices, type Services } from '../../functions/wiring/services';
import { startAzurite, uniquePrefix, type RunningAzurite } from '../support/azurite';
import { botDriver, type BotDriver } from '../support/bot-driver';
import { walk } from '../support/card-nodes';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector';

const W = { id: '0e000000-0000-4000-8000-000000000001', upn: 'wren@council.example', displayName: 'Wren Worker', roles: ['social_worker' as const], teamId: 'north' };
const CV = { id: '0e000000-0000-4000-8000-000000000002', upn: 'cora@council.example', displayName: 'Cora Cover', roles: ['social_worker' as const], teamId: 'north' };
const X = { id: '0e000000-0000-4000-8000-000000000003', upn: 'xan@council.example', displayName: 'Xan Other', roles: ['manager' as const], teamId: 'south' };

let azurite: RunningAzurite;
let connector: FakeConnector;
let services: Services;
let bot: Bot;
let drive: BotDriver;
const today = () => londonDate(new Date());
const daysAgo = (n: number) => new Date(Date.parse(`${today()}T12:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  azurite = await startAzurite();
  connector = await startFakeConnector();
  services = buildServices(loadConfig({ STORAGE_CONNECTION: azurite.connectionString, TABLE_PREFIX: uniquePrefix(), IMPORT_CALLER: 'case-system-nightly', GT_LOCAL_UNAUTHENTICATED_BOT_DANGER: '1' }));
  await services.people.upsertMany([W, CV, X]);
  await services.teams.upsertMany([{ id: 'north', name: 'North', district: 'N' }]);
  bot = createBot(services);
  drive = botDriver({ bot: () => bot, serviceUrl: () => connector.serviceUrl });
}, 120_000);
afterAll(async () => {
  await connector.stop();
  await azurite.stop();
});

async function importCsv(body: string) {
  const req = new HttpRequest({ method: 'POST', url: 'http://localhost/api/import/children', headers: { 'content-type': 'text/csv' }, body: { string: body } });
  const res = await importChildren(req, new InvocationContext(), services);
  return { status: res.status, body: res.jsonBody as ImportResult };
}
const HEADER = 'ref,worker_id,team_id,birth_month,legal_status,care_ended,pathway_ended';
const exitCards = async () => (await Promise.all((['pending', 'parked', 'failed'] as const).map((s) => services.outbox.listByStatus(s)))).flat().map((i) => i.message).filter((m) => m.kind === 'exit-conversation');
const texts = (card: unknown) => [...walk(card)].flatMap((n) => (typeof n.text === 'string' ? [n.text] : []));
const input = (card: unknown, id: string) => [...walk(card)].find((n) => n.id === id);
const auditOf = async (ref: string, action: string) => (await services.audit.listForRecord('child', ref)).filter((e) => e.action === action);

describe('a worker is asked once about an exit conversation when the import says care has ended', () => {
  it('a bad end date is named by line and column, and nothing is written or asked', async () => {
    const res = await importCsv([HEADER, `EX-0,${W.id},north,2010-03,CLA,${daysAgo(2)},`, `EX-9,${W.id},north,2010-03,CLA,last Tuesday,`].join('\n'));
    expect(res.status).toBe(422);
    expect(res.body.rejected).toEqual([{ line: 3, column: 'care_ended', reason: expect.stringContaining('must be a date') }]);
    expect(await services.children.get('EX-0')).toBeUndefined();
    expect(await exitCards()).toEqual([]);
  });

  const file = [
    HEADER,
    `EX-1,${W.id},north,2010-03,CLA,${daysAgo(3)},`,
    `EX-2,${W.id},north,2008-01,CARE_LEAVER,,${daysAgo(1)}`,
    // Ended two years ago: a first import of the history asks nobody about it.
    `EX-3,${W.id},north,2004-01,CARE_LEAVER,,2024-06-01`,
    `EX-4,${W.id},north,2012-01,CLA,,`,
  ].join('\n');

  it('each ending in the last four weeks sends one card to the worker, and the same snapshot again sends none', async () => {
    const first = await importCsv(file);
    expect(first.body).toMatchObject({ status: 'done', created: 4 });
    expect(first.body.notes).toContain('2 workers were asked about an exit conversation (a care episode or pathway support ended).');
    const cards = await exitCards();
    expect(cards.map((m) => m.dedupeKey).sort()).toEqual([`exit:EX-1:care:${daysAgo(3)}`, `exit:EX-2:pathway:${daysAgo(1)}`]);
    expect(cards.every((m) => m.to.kind === 'person' && m.to.personId === W.id)).toBe(true);
    expect(texts(cards[0]!.card).join(' ')).toContain('Was the young person offered');
    expect(await auditOf('EX-1', 'exit.asked')).toHaveLength(1);

    const again = await importCsv(file);
    expect(again.body).toMatchObject({ status: 'done', unchanged: 4 });
    expect(again.body.notes.join(' ')).not.toContain('exit conversation');
    expect(await exitCards()).toHaveLength(2);
    expect(await auditOf('EX-1', 'exit.asked')).toHaveLength(1);
  });

  const key = () => ({ childRef: 'EX-1', kind: 'care', endedOn: daysAgo(3) });

  it('someone who does not hold the child is refused in plain words, audited, and nothing is kept', async () => {
    const answer = await drive.execute(X.id, 'exit.record', { ...key(), offered: 'yes', held: 'declined' });
    expect(JSON.stringify(answer)).toContain("Only EX-1's allocated worker (or the colleague covering their leave) can record their exit conversation.");
    expect(await auditOf('EX-1', 'access.refused')).toEqual([expect.objectContaining({ actorId: X.id, detail: { action: 'exit.record' } })]);
    expect((await services.exitFeature.exits.get({ childRef: 'EX-1', kind: 'care', endedOn: daysAgo(3) }))?.answeredAt).toBeUndefined();
  });

  it('a point that names someone comes back beside its field with every entry kept, and nothing reaches the tracker', async () => {
    const card = await drive.execute(W.id, 'exit.record', { ...key(), offered: 'yes', held: 'yes', heldOn: daysAgo(1), point1: 'Young people want more help with money', point2: 'Priya Patel said the flat at 12 Acacia Road was cold' });
    expect(texts(card)).toEqual(expect.arrayContaining([expect.stringMatching(/^Problem: This seems to identify someone/)]));
    expect(input(card, 'point2')?.value).toBe('Priya Patel said the flat at 12 Acacia Road was cold');
    expect(input(card, 'point1')?.value).toBe('Young people want more help with money');
    expect(input(card, 'held')?.value).toBe('yes');
    expect(await services.participation.items.listRaisedBetween(daysAgo(30), daysAgo(-1))).toEqual([]);
  });

  it('the worker answers once: each point becomes a "You said" item they raise and own, tagged as from an exit conversation, and the answer is audited', async () => {
    const card = await drive.execute(W.id, 'exit.record', { ...key(), offered: 'yes', held: 'yes', heldOn: daysAgo(1), point1: 'Young people want more help with money', point2: 'Young people want to keep in touch with their carers' });
    expect(texts(card).join(' ')).toContain('Saved, thank you. 2 "you said" points are now in the tracker');
    const items = await services.participation.items.listRaisedBetween(daysAgo(30), daysAgo(-1));
    expect(items.map((i) => i.youSaid).sort()).toEqual(['Young people want more help with money', 'Young people want to keep in touch with their carers']);
    expect(items.every((i) => i.raisedById === W.id && i.ownerId === W.id && i.source.kind === 'exit' && i.saidBy === 'child')).toBe(true);
    expect(items[0]!.dueDate).toBe(englandAndWales.addWorkingDays(today(), 20));
    const saved = await services.exitFeature.exits.get({ childRef: 'EX-1', kind: 'care', endedOn: daysAgo(3) });
    expect(saved).toMatchObject({ offered: true, held: 'yes', heldOn: daysAgo(1), answeredById: W.id });
    expect(await auditOf('EX-1', 'exit.recorded')).toEqual([expect.objectContaining({ actorId: W.id, detail: expect.objectContaining({ offered: true, held: 'yes', points: 2 }) })]);
    expect(JSON.stringify(await auditOf('EX-1', 'exit.recorded'))).not.toContain('money');

    // A second press (or a colleague's) changes nothing.
    const again = await drive.execute(W.id, 'exit.record', { ...key(), offered: 'no', held: 'no' });
    expect(texts(again).join(' ')).toContain('Already recorded on');
    expect(await services.participation.items.listRaisedBetween(daysAgo(30), daysAgo(-1))).toHaveLength(2);
    expect(await services.exitFeature.exits.get({ childRef: 'EX-1', kind: 'care', endedOn: daysAgo(3) })).toMatchObject({ offered: true, held: 'yes' });
  });

  it('the colleague covering the worker\'s leave can answer it, and "declined" needs no date or points', async () => {
    await services.voice.covers.save({ workerId: W.id, coverId: CV.id, from: daysAgo(1), to: today(), setBy: W.id, setAt: new Date().toISOString() });
    const bad = await drive.execute(CV.id, 'exit.record', { childRef: 'EX-2', kind: 'pathway', endedOn: daysAgo(1), offered: 'no', held: 'declined' });
    expect(texts(bad)).toContain('Problem: It was not offered, so choose "No, not held".');
    const card = await drive.execute(CV.id, 'exit.record', { childRef: 'EX-2', kind: 'pathway', endedOn: daysAgo(1), offered: 'yes', held: 'declined' });
    expect(texts(card).join(' ')).toContain('An exit conversation was offered; offered, but the young person declined (pathway support).');
    expect(await auditOf('EX-2', 'exit.recorded')).toEqual([expect.objectContaining({ actorId: CV.id })]);
  });

  it('an import stopped after the card went but before the ending was filed sends no second card next time', async () => {
    const file2 = [HEADER, `EX-5,${W.id},north,2011-02,CLA,${daysAgo(2)},`].join('\n');
    await importCsv(file2);
    const ending = { childRef: 'EX-5', kind: 'care' as const, endedOn: daysAgo(2) };
    // As if the run had stopped between the outbox and the record: the card is queued, the ending not filed.
    const voice = await tableClient({ connectionString: azurite.connectionString, prefix: services.config.TABLE_PREFIX }, TABLES.voice);
    await voice.deleteEntity(`exit|${ending.endedOn.slice(0, 7)}`, `EX-5|care|${ending.endedOn}`);
    expect(await services.exitFeature.exits.get(ending)).toBeUndefined();
    const again = await importCsv(file2);
    expect(again.body.notes.join(' ')).not.toContain('exit conversation');
    expect(await services.exitFeature.exits.get(ending)).toMatchObject({ workerId: W.id });
    expect((await exitCards()).filter((m) => m.dedupeKey.startsWith('exit:EX-5:'))).toHaveLength(1);
    expect(await auditOf('EX-5', 'exit.asked')).toHaveLength(1);
  });

  it('a subject access request for the child includes their exit conversation', async () => {
    const admin = { id: '0e000000-0000-4000-8000-000000000009', upn: 'ada@council.example', displayName: 'Ada Admin', roles: ['admin' as const] };
    const sar = await subjectAccess(exportStores(services), { actor: admin, ref: 'EX-1', at: new Date() });
    expect(sar.exitConversations).toEqual([expect.objectContaining({ childRef: 'EX-1', kind: 'care', offered: true, held: 'yes' })]);
    expect(sar.audit.map((e) => e.action)).toEqual(expect.arrayContaining(['exit.asked', 'exit.recorded']));
  });
});
