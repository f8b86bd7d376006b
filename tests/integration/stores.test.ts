import { createTableStores, tableClient, type TableStores } from '../../adapters/tables';
import { DomainError } from '../../core/errors';
import type { Child, Meeting, Person } from '../../core/model';
import type { VoiceRecord } from '../../core/voice';
import { startAzurite, uniquePrefix, type RunningAzurite } from '../support/azurite';

let azurite: RunningAzurite;
let stores: TableStores;
let prefix: string;
beforeAll(async () => {
  azurite = await startAzurite();
  prefix = uniquePrefix();
  stores = createTableStores({ connectionString: azurite.connectionString, prefix });
});
afterAll(() => azurite.stop());

const W1 = '11111111-1111-4111-8111-111111111111';
const W2 = '22222222-2222-4222-8222-222222222222';

const child = (over: Partial<Child> = {}): Child => ({
  ref: 'GT-0001',
  workerId: W1,
  teamId: 'north',
  birthMonth: '2015-04',
  legalStatus: 'CP',
  groups: ['disabled'],
  newToCare: false,
  ...over,
});
const meeting = (over: Partial<Meeting> = {}): Meeting => ({
  id: 'M1',
  childRef: 'GT-0001',
  type: 'ICPC',
  start: '2026-12-01T10:00:00Z',
  status: 'scheduled',
  first: true,
  ...over,
});
const person = (over: Partial<Person> = {}): Person => ({
  id: W1,
  upn: 'Sam.Worker@council.example',
  displayName: 'Sam Worker',
  roles: ['social_worker'],
  teamId: 'north',
  lineManagerId: W2,
  ...over,
});

describe('children', () => {
  it('a child comes back as stored, and is found by worker and by team', async () => {
    await stores.children.upsertMany([child(), child({ ref: 'GT-0002', workerId: W2, teamId: 'south', groups: [] })]);
    expect((await stores.children.get('GT-0001'))?.value).toEqual(child());
    expect((await stores.children.listByWorker(W1)).map((c) => c.ref)).toEqual(['GT-0001']);
    expect((await stores.children.listByTeam('south')).map((c) => c.ref)).toEqual(['GT-0002']);
  });

  it('a child moved to another worker leaves the old worker and team lists', async () => {
    await stores.children.upsertMany([child({ ref: 'GT-0100' })]);
    await stores.children.upsertMany([child({ ref: 'GT-0100', workerId: W2, teamId: 'east' })]);
    expect((await stores.children.listByWorker(W1)).map((c) => c.ref)).not.toContain('GT-0100');
    expect((await stores.children.listByWorker(W2)).map((c) => c.ref)).toContain('GT-0100');
    expect((await stores.children.listByTeam('north')).map((c) => c.ref)).not.toContain('GT-0100');
    expect((await stores.children.listByTeam('east')).map((c) => c.ref)).toEqual(['GT-0100']);
  });

  it('a change made since the record was read is refused as a conflict, not overwritten', async () => {
    await stores.children.upsertMany([child({ ref: 'GT-0200' })]);
    const read = await stores.children.get('GT-0200');
    const etag2 = await stores.children.update(child({ ref: 'GT-0200', legalStatus: 'CLA' }), read!.etag);
    await expect(stores.children.update(child({ ref: 'GT-0200', legalStatus: 'CIN' }), read!.etag)).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await expect(stores.children.update(child({ ref: 'GT-0200' }), read!.etag)).rejects.toBeInstanceOf(DomainError);
    expect((await stores.children.get('GT-0200'))?.value.legalStatus).toBe('CLA');
    expect((await stores.children.get('GT-0200'))?.etag).toBe(etag2);
  });

  it('upserting 250 children at once stores them all (batches of 100 per partition)', async () => {
    const many = Array.from({ length: 250 }, (_, i) => child({ ref: `BULK-${i}`, teamId: 'bulk' }));
    await stores.children.upsertMany(many);
    expect(await stores.children.listByTeam('bulk')).toHaveLength(250);
  });
});

describe('meetings', () => {
  it('a meeting comes back as stored, by id and for its child', async () => {
    await stores.meetings.upsertMany([meeting({ chair: 'IRO Jones' })]);
    expect((await stores.meetings.get('M1'))?.value).toEqual(meeting({ chair: 'IRO Jones' }));
    expect((await stores.meetings.listForChild('GT-0001')).map((m) => m.id)).toEqual(['M1']);
  });

  it('a meeting moved to another date disappears from its old day', async () => {
    await stores.meetings.upsertMany([meeting({ id: 'MOVE', start: '2026-12-02T10:00:00Z' })]);
    await stores.meetings.upsertMany([meeting({ id: 'MOVE', start: '2026-12-09T10:00:00Z' })]);
    const oldDay = await stores.meetings.listStartingBetween(new Date('2026-12-02T00:00:00Z'), new Date('2026-12-03T00:00:00Z'));
    const newDay = await stores.meetings.listStartingBetween(new Date('2026-12-09T00:00:00Z'), new Date('2026-12-10T00:00:00Z'));
    expect(oldDay.map((m) => m.id)).not.toContain('MOVE');
    expect(newDay.map((m) => m.id)).toContain('MOVE');
    // ...and not left behind at the entity level either.
    const client = await tableClient({ connectionString: azurite.connectionString, prefix }, 'Meetings');
    await expect(client.getEntity('day|2026-12-02', 'MOVE')).rejects.toMatchObject({ statusCode: 404 });
  });

  it('a window lists only the meetings starting in it, in start order, by London date', async () => {
    await stores.meetings.upsertMany([
      meeting({ id: 'W-BEFORE', childRef: 'WIN', start: '2027-03-01T23:30:00Z' }),
      meeting({ id: 'W-B', childRef: 'WIN', start: '2027-03-03T15:00:00Z' }),
      meeting({ id: 'W-A', childRef: 'WIN', start: '2027-03-02T09:00:00Z' }),
      // 23:30 UTC on 31 March 2027 is 00:30 on 1 April in London (BST): filed under 1 April.
      meeting({ id: 'W-BST', childRef: 'WIN', start: '2027-03-31T23:30:00Z' }),
      meeting({ id: 'W-AFTER', childRef: 'WIN', start: '2027-04-05T09:00:00Z' }),
    ]);
    const win = await stores.meetings.listStartingBetween(new Date('2027-03-02T00:00:00Z'), new Date('2027-04-02T00:00:00Z'));
    expect(win.map((m) => m.id)).toEqual(['W-A', 'W-B', 'W-BST']);
    const client = await tableClient({ connectionString: azurite.connectionString, prefix }, 'Meetings');
    await expect(client.getEntity('day|2027-04-01', 'W-BST')).resolves.toBeTruthy();
  });

  it('a window scan reads only the days in the window, not the rest of the history', async () => {
    // An unreadable entity on a day outside the window: the scan would fail if it touched that day.
    const client = await tableClient({ connectionString: azurite.connectionString, prefix }, 'Meetings');
    await client.upsertEntity({ partitionKey: 'day|2027-06-10', rowKey: 'JUNK', id: 'not a meeting' });
    await stores.meetings.upsertMany([meeting({ id: 'JUN-9', start: '2027-06-09T09:00:00+01:00' })]);
    const win = await stores.meetings.listStartingBetween(new Date('2027-06-08T23:00:00Z'), new Date('2027-06-09T23:00:00Z'));
    expect(win.map((m) => m.id)).toEqual(['JUN-9']);
    await expect(
      stores.meetings.listStartingBetween(new Date('2027-06-08T23:00:00Z'), new Date('2027-06-10T23:00:00Z')),
    ).rejects.toThrow();
  });

  it("a night's meetings read by id come from their own records, not from a read of every year on file", async () => {
    // An unreadable record among the history: reading the whole record partition would fail on it.
    const client = await tableClient({ connectionString: azurite.connectionString, prefix }, 'Meetings');
    await client.upsertEntity({ partitionKey: 'meeting', rowKey: 'OLD-JUNK', id: 'not a meeting' });
    const night = Array.from({ length: 60 }, (_, i) => meeting({ id: `NIGHT-${i}`, childRef: `N-${i % 3}`, start: '2027-01-12T10:00:00Z' }));
    await stores.meetings.upsertMany(night);
    const found = await stores.meetings.getMany([...night.map((m) => m.id), 'NEVER-IMPORTED']);
    expect([...found.keys()].sort()).toEqual(night.map((m) => m.id).sort());
    expect(found.get('NIGHT-7')).toEqual(night[7]);
    await client.deleteEntity('meeting', 'OLD-JUNK');
  });

  it('history loaded in bulk is found by id, by day and for each child', async () => {
    // 250 meetings of two children over 125 days: more than one transaction's 100 rows per child.
    const history = Array.from({ length: 250 }, (_, i) =>
      meeting({ id: `H-${i}`, childRef: `HIST-${i % 2}`, start: new Date(Date.parse('2021-01-04T10:00:00Z') + Math.floor(i / 2) * 86_400_000).toISOString() }),
    );
    await stores.meetings.putMany(history);
    expect((await stores.meetings.get('H-249'))?.value).toEqual(history[249]);
    expect((await stores.meetings.listForChild('HIST-0')).map((m) => m.id)).toEqual(history.filter((_, i) => i % 2 === 0).map((m) => m.id));
    expect((await stores.meetings.listForChild('HIST-1'))).toHaveLength(125);
    const firstWeek = await stores.meetings.listStartingBetween(new Date('2021-01-04T00:00:00Z'), new Date('2021-01-11T00:00:00Z'));
    expect(firstWeek.map((m) => m.id)).toEqual(history.slice(0, 14).map((m) => m.id));
  });

  it('a meeting changed by someone else since it was read gives a conflict', async () => {
    await stores.meetings.upsertMany([meeting({ id: 'ETAG' })]);
    const read = await stores.meetings.get('ETAG');
    await stores.meetings.update(meeting({ id: 'ETAG', status: 'cancelled' }), read!.etag);
    await expect(stores.meetings.update(meeting({ id: 'ETAG', chair: 'x' }), read!.etag)).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });
});

describe('voice records', () => {
  it("records loaded in bulk read back as saved, and the morning scan's read by date finds them", async () => {
    const record = (i: number): VoiceRecord => ({
      meetingId: `VR-${i}`, childRef: `GT-${i}`, voiceBy: '2026-11-2' + String(i % 3), methods: ['direct_work'], declined: false, gatheredOn: '2026-11-16',
      prepared: true, attendance: 'will_attend', sharedWith: ['iro'], recordedBy: W1, recordedAt: '2026-11-16T15:00:00.000Z',
    });
    const records = Array.from({ length: 150 }, (_, i) => record(i));
    await stores.voiceTables.voice.saveMany(records);
    expect(await stores.voiceTables.voice.get('VR-149')).toEqual(records[149]);
    const state = await stores.voiceTables.state.readForMeetings(records.map((r) => ({ id: r.meetingId, voiceBy: r.voiceBy, freshFrom: '2026-11-01' })));
    expect(state.records.size).toBe(150);
    expect(state.records.get('VR-4')).toEqual(records[4]);
  });
});

describe('people and teams', () => {
  it('a person is found by id, by UPN whatever its case, and by team', async () => {
    await stores.people.upsertMany([person(), person({ id: W2, upn: 'mgr@council.example', roles: ['manager'], lineManagerId: undefined })]);
    expect(await stores.people.get(W1)).toEqual(person());
    expect((await stores.people.getByUpn('sam.worker@COUNCIL.example'))?.id).toBe(W1);
    expect((await stores.people.listByTeam('north')).map((p) => p.id).sort()).toEqual([W1, W2]);
    expect(await stores.people.list()).toHaveLength(2);
  });

  it('a changed UPN is no longer found under the old one', async () => {
    await stores.people.upsertMany([person({ upn: 'new.name@council.example' })]);
    expect(await stores.people.getByUpn('Sam.Worker@council.example')).toBeUndefined();
    expect((await stores.people.getByUpn('new.name@council.example'))?.id).toBe(W1);
  });

  it('teams round trip', async () => {
    await stores.teams.upsertMany([{ id: 'north', name: 'North CP', district: 'North', managerId: W2 }]);
    expect(await stores.teams.get('north')).toEqual({ id: 'north', name: 'North CP', district: 'North', managerId: W2 });
    expect(await stores.teams.list()).toHaveLength(1);
  });
});

describe('keys', () => {
  it('ids with characters Table keys forbid are stored and found', async () => {
    const awkward = 'team/a\\b#c?d%e';
    await stores.teams.upsertMany([{ id: awkward, name: 'Awkward', district: 'x' }]);
    expect((await stores.teams.get(awkward))?.name).toBe('Awkward');
    await stores.children.upsertMany([child({ ref: 'AWK-1', teamId: awkward })]);
    expect((await stores.children.listByTeam(awkward)).map((c) => c.ref)).toEqual(['AWK-1']);
    await stores.audit.append({ actorId: 'system:test', action: 'x', recordType: 'team', recordId: awkward, detail: {} });
    expect(await stores.audit.listForRecord('team', awkward)).toHaveLength(1);
  });
});

describe('audit', () => {
  it("a record's audit trail comes back oldest first, with its detail", async () => {
    await stores.audit.append({ actorId: 'a', action: 'second', recordType: 'child', recordId: 'GT-1', at: '2026-11-02T10:00:00.000Z', detail: { n: 2 } });
    await stores.audit.append({ actorId: 'a', action: 'first', recordType: 'child', recordId: 'GT-1', at: '2026-11-01T10:00:00.000Z', detail: { n: 1 } });
    await stores.audit.append({ actorId: 'a', action: 'other', recordType: 'child', recordId: 'GT-2', detail: {} });
    const trail = await stores.audit.listForRecord('child', 'GT-1');
    expect(trail.map((e) => e.action)).toEqual(['first', 'second']);
    expect(trail[0]?.detail).toEqual({ n: 1 });
  });
});
