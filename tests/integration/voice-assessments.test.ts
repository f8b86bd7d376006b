import { HttpRequest, InvocationContext } from '@azure/functions';
import { TableOutboxStore } from '../../adapters/tables/outbox-store';
import { englandAndWales } from '../../core/calendar';
import type { Clock } from '../../core/clock';
import type { ImportResult } from '../../core/intake';
import { MANAGER, WORKER, WORKER2, child, people } from '../../core/testing';
import { listMeetings, runNudgeScan } from '../../core/voice';
import { loadConfig } from '../../functions/config';
import { importMeetings } from '../../functions/import.http';
import { buildServices } from '../../functions/wiring/services';
import { buildVoiceServices, voiceSettingsFrom } from '../../functions/wiring/voice';
import { startAzurite, uniquePrefix, type RunningAzurite } from '../support/azurite';

// Assessments and child protection core groups, from the nightly import to the worker's morning card.

let azurite: RunningAzurite;
beforeAll(async () => {
  azurite = await startAzurite();
});
afterAll(() => azurite.stop());

async function world(settings: Record<string, string> = {}) {
  const config = loadConfig({ STORAGE_CONNECTION: azurite.connectionString, TABLE_PREFIX: uniquePrefix(), IMPORT_CALLER: 'case-system-nightly', GT_LOCAL_UNAUTHENTICATED_BOT_DANGER: '1', ...settings });
  const services = buildServices(config);
  await services.people.upsertMany(people);
  await services.teams.upsertMany([{ id: 'north', name: 'North', district: 'N', managerId: MANAGER }]);
  const clock: Clock = { now: () => new Date('2026-11-23T08:30:00Z') };
  const outbox = new TableOutboxStore({ connectionString: config.STORAGE_CONNECTION, prefix: config.TABLE_PREFIX }, clock);
  const voice = buildVoiceServices({ ...services, config, clock, calendar: englandAndWales, outbox });
  const at = (iso: string) => ((clock as { now: () => Date }).now = () => new Date(iso));
  /** The cards enqueued since the last look, by who they go to. */
  let seen = new Set<string>();
  const newCards = async (kind = 'nudge') => {
    const ids = (await outbox.listDue(new Date('2030-01-01'), 1000)).filter((id) => !seen.has(id));
    seen = new Set([...seen, ...ids]);
    return (await Promise.all(ids.map(async (id) => (await outbox.getById(id))!.message))).filter((m) => m.kind === kind);
  };
  const importCsv = async (body: string) => {
    const req = new HttpRequest({ method: 'POST', url: 'http://localhost/api/import/meetings', headers: { 'content-type': 'text/csv' }, body: { string: body } });
    const res = await importMeetings(req, new InvocationContext(), services);
    return { status: res.status, body: res.jsonBody as ImportResult };
  };
  return { services, voice, at, newCards, importCsv };
}

const HEADER = 'id,child_ref,type,start,referral_date,due_date';

describe('assessments and core groups on Table Storage', () => {
  it('an imported assessment and core groups are nudged at their own offsets, and an unanswered assessment reaches the manager', async () => {
    const w = await world();
    await w.services.children.upsertMany([child('C-a'), child('C-b'), child('C-c', { workerId: WORKER2 })]);
    const res = await w.importCsv(
      [
        HEADER,
        'A1,C-a,Child and family assessment,,16/11/2026,', // due 45 working days on: Thu 21 Jan 2027
        'I1,C-b,ICPC,2026-12-18 10:00,,', // first core group by Wed 6 Jan 2027
        'G1,C-c,Core group,2027-01-11 14:00,,',
      ].join('\n'),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'done', created: 3, notes: [expect.stringContaining('2 core groups worked out')] });
    expect((await w.services.meetings.get('A1'))?.value).toMatchObject({ type: 'ASSESSMENT', dueOn: '2027-01-21' });
    expect((await w.services.meetings.get('I1.cg1'))?.value).toMatchObject({ type: 'CORE_GROUP', derivedFrom: 'I1' });
    // C-c is on a plan: the core group after G1 is due 6 weeks later (CORE_GROUP_INTERVAL_WEEKS).
    expect((await w.services.meetings.get('G1.next'))?.value).toMatchObject({ type: 'CORE_GROUP', derivedFrom: 'G1', start: '2027-02-22T14:00:00+00:00' });

    // Tue 29 Dec: 5 working days before the worked-out core group (over the Boxing Day substitute).
    w.at('2026-12-29T08:30:00Z');
    expect(await runNudgeScan(w.voice)).toMatchObject({ ran: true, nudges: 1 });
    const [cg] = await w.newCards();
    expect(cg).toMatchObject({ kind: 'nudge', to: { kind: 'person', personId: WORKER } });
    const cgCard = JSON.stringify(cg!.card);
    expect(cgCard).toContain('Child protection core group');
    expect(cgCard).toContain('By Wed 6 Jan 2027 (date not set yet)');
    expect(cgCard).toContain('C-b');

    // Wed 30 Dec: 15 working days before the assessment is due.
    w.at('2026-12-30T08:30:00Z');
    expect(await runNudgeScan(w.voice)).toMatchObject({ ran: true, nudges: 1 });
    const [assessment] = await w.newCards();
    const aCard = JSON.stringify(assessment!.card);
    expect(aCard).toContain('Child and family assessment');
    expect(aCard).toContain('"title":"Assessment due","value":"Thu 21 Jan 2027 (15 working days away)"');

    // Mon 4 Jan: the worked-out core group's last nudge (2 before) and the given one's first (5 before), to two workers.
    w.at('2027-01-04T08:30:00Z');
    expect(await runNudgeScan(w.voice)).toMatchObject({ nudges: 2, digests: 2 });
    expect((await w.newCards()).map((m) => m.to)).toEqual(expect.arrayContaining([{ kind: 'person', personId: WORKER }, { kind: 'person', personId: WORKER2 }]));

    // "my meetings" lists the assessment by its due date.
    w.at('2027-01-14T08:30:00Z');
    const mine = await listMeetings({ actorId: WORKER, scope: 'mine' }, w.voice);
    expect(mine.items.map((i) => [i.type, i.whenTitle, i.when])).toEqual([['Child and family assessment', 'Assessment due', 'Thu 21 Jan 2027']]);
    expect(await runNudgeScan(w.voice)).toMatchObject({ nudges: 1 }); // the assessment, 5 before

    // Tue 19 Jan, the last nudge (2 before the due date); nobody answers, so Wed 20 Jan the manager is told.
    w.at('2027-01-19T08:30:00Z');
    expect(await runNudgeScan(w.voice)).toMatchObject({ nudges: 1 });
    await w.newCards();
    w.at('2027-01-20T08:30:00Z');
    expect(await runNudgeScan(w.voice)).toMatchObject({ escalations: 1 });
    const [escalation] = await w.newCards('escalation');
    expect(escalation).toMatchObject({ to: { kind: 'person', personId: MANAGER } });
    expect(JSON.stringify(escalation!.card)).toContain('Child and family assessment');
  });

  it('the case system giving the core group\'s date replaces the worked-out one, so the worker is not nudged twice', async () => {
    const w = await world();
    await w.services.children.upsertMany([child('C-b')]);
    await w.importCsv(`${HEADER}\nI1,C-b,ICPC,2026-12-18 10:00,,\n`);
    const res = await w.importCsv(`${HEADER}\nI1,C-b,ICPC,2026-12-18 10:00,,\nG7,C-b,CORE_GROUP,2027-01-05 10:00,,\n`);
    expect(res.body).toMatchObject({ status: 'done', created: 1, unchanged: 1, notes: [expect.stringContaining('1 worked-out core group cancelled')] });
    expect((await w.services.meetings.get('I1.cg1'))?.value.status).toBe('cancelled');

    // Tue 29 Dec is 5 working days before the cancelled worked-out one: only G7 is nudged (its first nudge, late).
    w.at('2026-12-29T08:30:00Z');
    expect(await runNudgeScan(w.voice)).toMatchObject({ nudges: 1 });
    const card = JSON.stringify((await w.newCards())[0]!.card);
    expect(card).toContain('Tue 5 Jan 2027 at 10:00');
    expect(card).not.toContain('date not set yet');
  });

  it('bad rows are named by line and column, and nothing of the file is written', async () => {
    const w = await world();
    const res = await w.importCsv([HEADER, 'A1,C-a,EH_ASSESSMENT,,2026-11-16,', 'A2,C-a,Early help assessment,,,', 'C1,C-a,Core group,,,', 'A3,C-a,ASSESSMENT,,16/11/2026,13/11/2026'].join('\n'));
    expect(res.status).toBe(422);
    expect(res.body.rejected).toEqual([
      { line: 3, column: 'referral_date', reason: 'an early help assessment needs a referral date or a due date' },
      { line: 4, column: 'start', reason: 'is required for a child protection core group' },
      { line: 5, column: 'due_date', reason: 'must be on or after the referral date' },
    ]);
    expect(await w.services.meetings.get('A1')).toBeUndefined();
  });

  it('a council\'s own offsets for an assessment and a core group are used; a bad VOICE_SCHEDULE_JSON stops the app naming it', async () => {
    const own = JSON.stringify({ ASSESSMENT: { voiceByWorkingDaysBefore: 0, nudges: [10] }, CORE_GROUP: { voiceByWorkingDaysBefore: 1, nudges: [3] } });
    const w = await world({ VOICE_SCHEDULE_JSON: own });
    await w.services.children.upsertMany([child('C-a')]);
    await w.importCsv(`${HEADER}\nA1,C-a,ASSESSMENT,,,2027-01-21\nG1,C-a,CORE_GROUP,2027-01-13 10:00,,\n`);
    w.at('2027-01-07T08:30:00Z'); // 10 before the assessment's due date; 3 before the core group's voice-by (Tue 12 Jan)
    expect(await runNudgeScan(w.voice)).toMatchObject({ nudges: 2, digests: 1 });

    const config = loadConfig({ STORAGE_CONNECTION: azurite.connectionString });
    expect(() => voiceSettingsFrom({ ...config, VOICE_SCHEDULE_JSON: '{"CORE_GROUP":{"nudges":[5,2]}}' })).toThrow(/VOICE_SCHEDULE_JSON is invalid: CORE_GROUP\.voiceByWorkingDaysBefore/);
    expect(() => voiceSettingsFrom({ ...config, VOICE_SCHEDULE_JSON: '{"ASSESSMENT":' })).toThrow(/VOICE_SCHEDULE_JSON is not valid JSON/);
    expect(() => voiceSettingsFrom({ ...config, VOICE_SCHEDULE_JSON: '{"ASSESMENT":{"voiceByWorkingDaysBefore":0,"nudges":[5]}}' })).toThrow(/VOICE_SCHEDULE_JSON is invalid/);
  });
});
