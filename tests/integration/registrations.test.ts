// Every function Azure will run, with the trigger, route, methods, auth level, schedule and queue it is
// registered with: read back from the built files package.json "main" names, through the same
// @azure/functions-core stand-in the local host uses. A change to any of these must change this table.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { CronExpressionParser } from 'cron-parser';
import type { FunctionSummary } from '../../scripts/load-functions';

jest.setTimeout(120_000);

type Expected = Pick<FunctionSummary, 'trigger'> & Partial<Pick<FunctionSummary, 'route' | 'methods' | 'authLevel' | 'schedule' | 'queueName' | 'connection'>>;
const http = (route: string, methods: string[], authLevel: string): Expected => ({ trigger: 'httpTrigger', route, methods, authLevel });
const timer = (schedule: string): Expected => ({ trigger: 'timerTrigger', schedule });
const queue = (queueName: string, connection = 'STORAGE_CONNECTION'): Expected => ({ trigger: 'queueTrigger', queueName, connection });

/** One row per function. Add a row with each new function; rows for functions not written yet are skipped. */
const EXPECTED: Record<string, Expected> = {
  health: http('health', ['GET'], 'anonymous'),
  messages: http('messages', ['POST'], 'anonymous'),
  importTeams: http('import/teams', ['POST'], 'function'),
  importPeople: http('import/people', ['POST'], 'function'),
  importChildren: http('import/children', ['POST'], 'function'),
  importMeetings: http('import/meetings', ['POST'], 'function'),
  importStatus: http('import/status/{id}', ['GET'], 'function'),
  importWorker: queue('imports'),
  nudgeScan: timer('0 */15 * * * *'),
  forumReminders: timer('30 */15 * * * *'),
  'outbox-drain': timer('0 */1 * * * *'),
  trackerReminders: timer('0 */30 * * * *'),
  digestWeekly: timer('0 5 * * * *'),
  digestCicc: timer('0 5 * * * *'),
  digestCpb: timer('0 5 * * * *'),
  digestSenior: timer('0 5 * * * *'),
  digestRun: queue('digest-run'),
  digestExport: http('digests/export/{kind}/{key}', ['GET'], 'anonymous'),
  purge: timer('0 0 2 * * *'),
  tableBackup: timer('0 30 1 * * *'),
  exportAudit: http('export/audit', ['GET'], 'function'),
  exportEvidence: http('export/evidence', ['GET'], 'function'),
  exportSubjectAccess: http('export/subject-access/{ref}', ['GET'], 'function'),
};

const root = join(__dirname, '../..');
const outdir = join(root, '.local', `build-registrations-${process.pid}`);
let listed: { functions: FunctionSummary[]; heavyModulesLoaded: string[] };

beforeAll(() => {
  // A build of our own, so a concurrent `npm start` or e2e run rebuilding dist/ cannot disturb it.
  execFileSync(process.execPath, ['scripts/build.mjs', '--outdir', outdir], { cwd: root, stdio: 'pipe' });
  const out = execFileSync(process.execPath, [join(outdir, 'scripts/load-functions.js'), join(outdir, 'functions')], { cwd: root, encoding: 'utf8' });
  listed = JSON.parse(out) as typeof listed;
});
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

test('package.json "main" is the glob of built function files that Azure and the local host both load', () => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string };
  expect(pkg.main).toBe('dist/functions/*.js');
});

test('every registered function has a row in the expected table (add one with each new function)', () => {
  const unknown = listed.functions.map((f) => f.name).filter((name) => !(name in EXPECTED));
  expect(unknown).toEqual([]);
});

test.each(Object.entries(EXPECTED))('%s is registered with the trigger, route and schedule Azure will use', (name, expected) => {
  const actual = listed.functions.find((f) => f.name === name);
  if (!actual) return; // not written yet
  expect(actual).toMatchObject(expected);
});

test('every timer schedule is a six-field NCRONTAB expression (UTC on Linux plans)', () => {
  for (const f of listed.functions.filter((x) => x.kind === 'timer')) {
    expect(f.schedule!.trim().split(/\s+/)).toHaveLength(6);
    expect(() => CronExpressionParser.parse(f.schedule!, { tz: 'UTC' })).not.toThrow();
  }
});

test('no two HTTP functions answer the same method at the same route', () => {
  const keys = listed.functions.filter((f) => f.kind === 'http').flatMap((f) => f.methods!.map((m) => `${m} ${f.route!.toLowerCase()}`));
  expect(new Set(keys).size).toBe(keys.length);
});

test('loading every function file does not load the bot SDKs: timers and imports start fast', () => {
  expect(listed.functions.length).toBeGreaterThan(0);
  expect(listed.heavyModulesLoaded).toEqual([]);
});
