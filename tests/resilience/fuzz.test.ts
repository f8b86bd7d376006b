// Property-based fuzzing (fast-check) against the local host as a process, as Azure runs the app: every
// card action's data, every import format and every HTTP body, sent as any of several actors (the worker,
// their manager, an admin, a board member, a manager of another team, someone unknown). Nothing crashes
// the host, nothing answers 500, every import rejection names the field, and whatever the strangers send,
// no child moves and no voice record is theirs. GT_FUZZ_RUNS sets the runs per property (default 120).
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { AdminActionSchema } from '../../cards/admin-actions';
import { ExampleActionSchema } from '../../cards/examples-actions';
import { ForumActionSchema } from '../../cards/forums-actions';
import { TrackerActionSchema } from '../../cards/tracker-actions';
import { VoiceActionSchema } from '../../cards/voice-actions';
import { execute, personal, postActivity } from '../support/bench-activities';
import { startAzurite, uniquePrefix, type RunningAzurite } from '../support/azurite';
import { ROOT, buildAppTo, spawnHost, waitReady, type HostProcess } from '../support/bench-host';
import { benchWorld, MANAGER_ID, seedVoice } from '../support/bench-world';
import { startRateLimitedConnector, type RateLimitedConnector } from '../support/rate-limited-connector';

const RUNS = Number(process.env.GT_FUZZ_RUNS ?? 120);
let azurite: RunningAzurite;
let connector: RateLimitedConnector;
let host: HostProcess;
let actors: string[];
let w: ReturnType<typeof benchWorld>;
let holders: Map<string, string>;
// A manager of another team (with a report of their own to move children to) and a board member.
const STRANGERS = ['0b000000-0000-4000-8000-00000000000b', '0c000000-0000-4000-8000-00000000000c'];
const outdir = join(ROOT, '.local', `resilience-fuzz-${process.pid}`);

beforeAll(async () => {
  azurite = await startAzurite();
  connector = await startRateLimitedConnector();
  mkdirSync(outdir, { recursive: true });
  buildAppTo(outdir);
  const prefix = uniquePrefix();
  w = benchWorld(azurite.connectionString, prefix);
  const { workers } = await seedVoice(w, { due: 6, workers: 3 });
  await w.stores.people.upsertMany([
    { id: '0a000000-0000-4000-8000-00000000000a', upn: 'admin@bench.example', displayName: 'Admin', roles: ['admin', 'participation_officer'], teamId: 't' },
    { id: STRANGERS[0]!, upn: 'other@bench.example', displayName: 'Other Manager', roles: ['manager'], teamId: 'other' },
    { id: STRANGERS[1]!, upn: 'board@bench.example', displayName: 'Board Member', roles: ['board_member'], teamId: 'board' },
    { id: '0d000000-0000-4000-8000-00000000000d', upn: 'report@bench.example', displayName: 'Their Report', roles: ['social_worker'], teamId: 'other', lineManagerId: STRANGERS[0]! },
  ]);
  holders = new Map(await Promise.all(Array.from({ length: 6 }, async (_, i) => [`B-${i}`, (await w.stores.children.get(`B-${i}`))?.value.workerId ?? ''] as const)));
  actors = [workers[0]!.id, MANAGER_ID, '0a000000-0000-4000-8000-00000000000a', '0f000000-0000-4000-8000-00000000000f', ...STRANGERS];
  host = await spawnHost(outdir, { STORAGE_CONNECTION: azurite.connectionString, AzureWebJobsStorage: azurite.connectionString, TABLE_PREFIX: prefix });
  await waitReady(host);
}, 120_000);
afterAll(async () => {
  await host?.kill('SIGTERM');
  await connector.stop();
  await azurite.stop();
  rmSync(outdir, { recursive: true, force: true });
});
const seen = new Map<string, number>();
const tally = (what: string, status: number) => seen.set(`${what} ${status}`, (seen.get(`${what} ${status}`) ?? 0) + 1);
afterAll(() => console.log(`fuzz: answers seen ${JSON.stringify(Object.fromEntries([...seen].sort()))}`));
afterEach(() => {
  // A crash of the host would show here first.
  expect(host.child.exitCode).toBeNull();
});

const value = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.constantFrom('', 'due-0', 'due-1', 'B-0', '0d000000-0000-4000-8000-00000000000d', 'PN5', 'direct_work', 'yes', 'no', 'true', '2026-11-20', '2026-02-30', 'will_attend', 'chair,iro', '../../x', '%00', '\u0000'),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.jsonValue({ maxDepth: 2 }),
);

const verbsAndFields = [VoiceActionSchema, ExampleActionSchema, ForumActionSchema, TrackerActionSchema, AdminActionSchema].flatMap((union) =>
  union.options.map((o) => ({ verb: (o.shape.verb as { value: string }).value, fields: Object.keys(o.shape).filter((k) => k !== 'verb') })),
);

describe('card actions', () => {
  it(`every card action (${verbsAndFields.length} verbs), with any data, is answered and never with a 500`, async () => {
    const action = fc.constantFrom(...verbsAndFields).chain(({ verb, fields }) =>
      fc.tuple(
        fc.constant(verb),
        fc.record(Object.fromEntries(fields.map((f) => [f, value])), { requiredKeys: [] }),
        fc.dictionary(fc.string({ maxLength: 10 }), value, { maxKeys: 3 }),
      ),
    );
    await fc.assert(
      fc.asyncProperty(action, fc.constantFrom(...actors), fc.boolean(), async ([verb, data, extra], actor, asSubmit) => {
        const activity = asSubmit
          ? personal(connector.serviceUrl, actor, { type: 'message', value: { ...extra, ...data, verb } })
          : execute(connector.serviceUrl, actor, verb, { ...extra, ...data });
        const res = await postActivity(host.url, activity);
        tally('card', res.status);
        expect(res.status).toBe(200);
        if (!asSubmit) expect(res.body).toBeDefined(); // an Action.Execute always gets a card or a message back
      }),
      { numRuns: RUNS },
    );
    // What the strangers sent changed nothing that is the children's: each child is with the same worker,
    // and no voice record was made by a stranger.
    for (const [ref, workerId] of holders) expect([ref, (await w.stores.children.get(ref))?.value.workerId]).toEqual([ref, workerId]);
    for (let i = 0; i < 6; i++) expect(STRANGERS).not.toContain((await w.voice.voice.get(`due-${i}`))?.recordedBy);
  });
});

const COLUMNS: Record<string, string[]> = {
  teams: ['id', 'name', 'district', 'manager_id'],
  people: ['id', 'upn', 'display_name', 'roles', 'team_id', 'line_manager_id'],
  children: ['ref', 'worker_id', 'team_id', 'birth_month', 'legal_status', 'groups', 'initials', 'new_to_care'],
  meetings: ['id', 'child_ref', 'type', 'start', 'chair', 'status', 'first'],
};
const cell = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom('', 'GT-1', '11111111-1111-4111-8111-111111111111', 'CLA', 'Looked after', '2015-04', '12/03/2015', '2026-12-01 10:00', 'ICPC', 'yes', 'disabled; uasc', 'cancelled', '"quoted, comma"', '=cmd()'),
);
const csvCell = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

describe('imports', () => {
  const kind = fc.constantFrom(...Object.keys(COLUMNS));
  const body = kind.chain((k) =>
    fc.oneof(
      // CSV with the real header (some columns dropped, some unknown) and rows of anything.
      fc.tuple(fc.subarray(COLUMNS[k]!, { minLength: 1 }), fc.array(fc.array(cell, { maxLength: 9 }), { maxLength: 6 })).map(([cols, rows]) => ({
        kind: k, type: 'text/csv', text: [cols.join(','), ...rows.map((r) => r.map(csvCell).join(','))].join(fc.sample(fc.constantFrom('\n', '\r\n'), 1)[0]),
      })),
      // JSON arrays of objects with the real keys and any values.
      fc.array(fc.record(Object.fromEntries(COLUMNS[k]!.map((c) => [c, fc.oneof(cell, value)])), { requiredKeys: [] }), { maxLength: 6 }).map((rows) => ({ kind: k, type: 'application/json', text: JSON.stringify(rows) })),
      // Anything at all, under any content type.
      fc.tuple(fc.oneof(fc.string(), fc.json()), fc.constantFrom('text/csv', 'application/json', 'text/plain', '')).map(([text, type]) => ({ kind: k, type, text })),
    ),
  );
  const mode = fc.constantFrom('', '?mode=partial', '?mode=strict', '?mode=snapshot&from=2026-12-01&to=2026-12-31', '?mode=snapshot', '?mode=bogus');

  it('every import format, with any content, is answered without a 500, and every rejected row names its field', async () => {
    await fc.assert(
      fc.asyncProperty(body, mode, async (b, m) => {
        const res = await fetch(`${host.url}/api/import/${b.kind}${m}`, { method: 'POST', headers: b.type ? { 'content-type': b.type } : {}, body: b.text });
        const text = await res.text();
        tally('import', res.status);
        expect([200, 202, 400, 409, 415, 422]).toContain(res.status);
        // 409: a snapshot that would take away more than the threshold, held for an administrator, with its counts.
        if (res.status === 409) expect(JSON.parse(text)).toMatchObject({ status: 'held', hold: { limit: expect.any(Number) } });
        if (res.status === 200 || res.status === 422) {
          const out = JSON.parse(text) as { rejected?: { column?: string; reason?: string }[] };
          for (const r of out.rejected ?? []) {
            expect(r.reason).toEqual(expect.any(String));
            expect(r.column).toEqual(expect.any(String));
          }
        }
        if (res.status === 400 || res.status === 415) expect(text.length).toBeGreaterThan(0);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('every HTTP function', () => {
  it('answers any body, query and route value without a 500', async () => {
    const fns = (await (await fetch(`${host.url}/admin/functions`)).json()) as { name: string; kind: string; route?: string; methods?: string[] }[];
    // /api/messages is fuzzed below and with the card actions above.
    const http = fns.filter((f) => f.kind === 'http' && f.name !== 'messages');
    expect(http.length).toBeGreaterThan(3);
    const request = fc.record({
      fn: fc.constantFrom(...http),
      param: fc.oneof(fc.string({ minLength: 1, maxLength: 30 }), fc.constantFrom('children', 'report', 'cicc', 'x', '2026', 'B-0')),
      query: fc.dictionary(fc.constantFrom('mode', 'from', 'to', 'code', 'sig', 'exp', 'period', 'format'), fc.string({ maxLength: 20 }), { maxKeys: 3 }),
      body: fc.oneof(fc.string(), fc.json(), fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b).toString('latin1'))),
      type: fc.constantFrom('application/json', 'text/csv', 'text/plain', 'application/octet-stream', ''),
    });
    await fc.assert(
      fc.asyncProperty(request, async ({ fn, param, query, body, type }) => {
        const path = fn.route!.replace(/\{\*?([a-zA-Z]+)(:[a-z]+)?\??\}/g, () => encodeURIComponent(param));
        const method = fn.methods![0]!;
        const url = `${host.url}/api/${path}?${new URLSearchParams(query)}`;
        const res = await fetch(url, { method, headers: type ? { 'content-type': type } : {}, ...(method === 'GET' ? {} : { body }) });
        await res.arrayBuffer();
        tally(`http ${fn.name}`, res.status);
        if (res.status >= 500) throw new Error(`${method} /api/${path} answered ${res.status}`);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('/api/messages', () => {
  it('a body that is not a JSON object is refused with 400, never a 500', async () => {
    const body = fc.oneof(fc.string(), fc.json().filter((j) => !j.trim().startsWith('{')), fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b).toString('latin1')));
    await fc.assert(
      fc.asyncProperty(body, async (text) => {
        const res = await fetch(`${host.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: text });
        await res.arrayBuffer();
        tally('messages non-object', res.status);
        expect(res.status).toBe(400);
      }),
      { numRuns: RUNS },
    );
  });

  // An object that is not an activity is refused at the edge (zod), with the fields named.
  it('a JSON object that is not an activity is refused with a 4xx', async () => {
    const res = await fetch(`${host.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    await res.arrayBuffer();
    expect(res.status).toBeLessThan(500);
  });
});
