import { createGraphClient, GraphDirectory, managedIdentityAuth } from '../../adapters/graph';
import { DomainError } from '../../core/errors';
import { FakeGraph, type FakeUser } from '../support/fake-graph';

const CLIENT_ID = '5a0c2f9e-1b3d-4c7e-9f8a-6b5d4c3e2f1a';
const APP = 'b7e1c2d3-4f5a-6b7c-8d9e-0f1a2b3c4d5e';

const person = (n: number, extra: Partial<FakeUser> = {}): FakeUser => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  userPrincipalName: `person${n}@council.example.gov.uk`,
  displayName: `Person ${n}`,
  ...extra,
});

describe('the Graph directory', () => {
  let graph: FakeGraph;
  let now: number;
  const directory = (options: Partial<ConstructorParameters<typeof GraphDirectory>[0]> = {}) =>
    new GraphDirectory({
      client: createGraphClient({
        baseUrl: graph.baseUrl,
        authProvider: managedIdentityAuth(CLIENT_ID),
        retryDelaySeconds: 0,
        // These tests are about retries and paging, whose backoff outlasts a turn's 2 s deadline (tested in directory-wiring).
        timeoutMs: 30_000,
      }),
      clock: { now: () => new Date(now) },
      ...options,
    });

  beforeEach(async () => {
    graph = await new FakeGraph().start();
    now = Date.parse('2026-11-23T09:00:00Z');
  });
  afterEach(() => graph.stop());

  it('finds a worker by their UPN, whatever its case, with the token of the app identity', async () => {
    const worker = graph.addUser(person(1, { jobTitle: 'Social Worker', department: 'North CIN Team', mail: 'p1@council.example.gov.uk' }));
    const found = await directory().getByUpn('Person1@Council.Example.gov.uk');
    expect(found).toEqual({ id: worker.id, upn: worker.userPrincipalName, displayName: 'Person 1', mail: 'p1@council.example.gov.uk', jobTitle: 'Social Worker', department: 'North CIN Team' });
    expect(graph.graphRequests().map((r) => r.authorization)).toEqual([`Bearer ${graph.token}`]);
  });

  it('says nobody, rather than failing, for a UPN that is not in the directory', async () => {
    await expect(directory().getByUpn('left.the.council@council.example.gov.uk')).resolves.toBeUndefined();
  });

  it("finds a worker's line manager, and none for the director or when the manager is a contact", async () => {
    const manager = graph.addUser(person(2, { jobTitle: 'Team Manager' }));
    const worker = graph.addUser(person(1));
    const agencyWorker = graph.addUser(person(3));
    const director = graph.addUser(person(9));
    graph.managers.set(worker.id, manager.id);
    graph.managers.set(agencyWorker.id, { contact: 'c-1' });
    const dir = directory();
    expect(await dir.getManager(worker.id)).toMatchObject({ id: manager.id, displayName: 'Person 2' });
    expect(await dir.getManager(director.id)).toBeUndefined();
    expect(await dir.getManager(agencyWorker.id)).toBeUndefined();
  });

  it('lists every member of a large group, nested groups included, following Graph paging to the end', async () => {
    graph.pageSize = 3;
    const people = Array.from({ length: 8 }, (_, i) => graph.addUser(person(i + 1)));
    graph.groups.set('team-north', people.slice(5).map((p) => p.id));
    graph.groups.set('all-social-workers', [...people.slice(0, 5).map((p) => p.id), 'team-north']);
    const members = await directory().listGroupMembers('all-social-workers');
    expect(members.map((m) => m.id).sort()).toEqual(people.map((p) => p.id).sort());
    expect(graph.graphRequests().filter((r) => r.path.includes('transitiveMembers'))).toHaveLength(3);
    // Every page, not only the first, carries the token.
    expect(new Set(graph.graphRequests().map((r) => r.authorization))).toEqual(new Set([`Bearer ${graph.token}`]));
  });

  it('gives people the roles of the Entra groups they belong to, reading each group once however many people ask', async () => {
    const [worker, manager, both, stranger] = [1, 2, 3, 4].map((n) => graph.addUser(person(n)));
    graph.groups.set('g-sw', [worker!.id, both!.id]);
    graph.groups.set('g-tm', [manager!.id]);
    graph.groups.set('g-tm-south', [both!.id]);
    const dir = directory({ roleGroups: { social_worker: ['g-sw'], manager: ['g-tm', 'g-tm-south'] } });
    const roles = await Promise.all([worker, manager, both, stranger].map((p) => dir.rolesFor(p!.id)));
    expect(roles).toEqual([['social_worker'], ['manager'], ['social_worker', 'manager'], []]);
    expect(graph.graphRequests()).toHaveLength(3); // one read per group, shared by four lookups
  });

  it('keeps everyone else\'s roles when one configured group id is wrong, and names the bad group', async () => {
    const p = graph.addUser(person(1));
    graph.groups.set('g-sw', [p.id]);
    const warnings: string[] = [];
    const dir = directory({ roleGroups: { social_worker: ['g-sw'], manager: ['no-such-group'] }, warn: (m) => warnings.push(m) });
    expect(await dir.rolesFor(p.id)).toEqual(['social_worker']);
    expect(warnings).toEqual([expect.stringContaining('no-such-group')]);
  });

  it('notices a new manager once the role cache expires, not before', async () => {
    const p = graph.addUser(person(1));
    graph.groups.set('g-tm', []);
    const dir = directory({ roleGroups: { manager: ['g-tm'] }, roleCacheTtlMs: 10 * 60_000 });
    expect(await dir.rolesFor(p.id)).toEqual([]);
    graph.groups.set('g-tm', [p.id]);
    now += 9 * 60_000;
    expect(await dir.rolesFor(p.id)).toEqual([]);
    now += 2 * 60_000;
    expect(await dir.rolesFor(p.id)).toEqual(['manager']);
  });

  it('installs the bot for a worker who does not have it, and returns the chat to message them in', async () => {
    const worker = graph.addUser(person(1));
    graph.catalog.add(APP);
    const installed = await directory().installAppForUser(worker.id, APP);
    expect(installed).toEqual({ installationId: `inst-${worker.id}-1`, chatId: `19:${worker.id}_${APP}@unq.gbl.spaces`, alreadyInstalled: false });
    const post = graph.graphRequests().find((r) => r.method === 'POST')!;
    expect(post.path).toBe(`/v1.0/users/${worker.id}/teamwork/installedApps`);
    expect(post.body).toEqual({ 'teamsApp@odata.bind': `https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/${APP}` });
  });

  it('treats "already installed" (409) as success and still finds the chat', async () => {
    const worker = graph.addUser(person(1));
    graph.catalog.add(APP);
    const dir = directory();
    const first = await dir.installAppForUser(worker.id, APP);
    const again = await dir.installAppForUser(worker.id, APP);
    expect(again).toEqual({ ...first, alreadyInstalled: true });
    expect(graph.installations.get(worker.id)?.size).toBe(1);
  });

  it('reports an app the tenant blocks as forbidden, and an unknown person as not found', async () => {
    const worker = graph.addUser(person(1));
    graph.catalog.add(APP);
    graph.blockedApps.add(APP);
    const dir = directory();
    await expect(dir.installAppForUser(worker.id, APP)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(dir.installAppForUser(person(7).id, APP)).rejects.toBeInstanceOf(DomainError);
    await expect(dir.installAppForUser(person(7).id, APP)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('waits as long as Graph asks when throttled (429 Retry-After), then carries on', async () => {
    graph.addUser(person(1));
    graph.failNext('/users/', { status: 429, retryAfter: '1' });
    const started = Date.now();
    await expect(directory().getByUpn('person1@council.example.gov.uk')).resolves.toMatchObject({ displayName: 'Person 1' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(graph.graphRequests()).toHaveLength(2);
  });

  it('resumes paging after a throttled page without losing or repeating members', async () => {
    graph.pageSize = 2;
    const people = Array.from({ length: 5 }, (_, i) => graph.addUser(person(i + 1)));
    graph.groups.set('g', people.map((p) => p.id));
    graph.failNext(/transitiveMembers/, { status: 429, retryAfter: '0', times: 2 });
    const members = await directory().listGroupMembers('g');
    expect(members.map((m) => m.id)).toEqual(people.map((p) => p.id));
  });

  it('rides out a brief Graph outage (503) by retrying', async () => {
    graph.addUser(person(1));
    graph.failNext('/users/', { status: 503, times: 2 });
    await expect(directory().getByUpn('person1@council.example.gov.uk')).resolves.toMatchObject({ displayName: 'Person 1' });
    expect(graph.graphRequests()).toHaveLength(3);
  });

  it('gives up after the retries and lets the caller retry later, when Graph stays throttled', async () => {
    graph.failNext('/users/', { status: 429, retryAfter: '0', times: 10 });
    await expect(directory().getByUpn('person1@council.example.gov.uk')).rejects.toMatchObject({ statusCode: 429 });
    expect(graph.graphRequests()).toHaveLength(4); // the first try and three retries
  });
});
