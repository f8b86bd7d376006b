// Every function Azure will run, with the trigger, route, methods, auth level, schedule and queue it is
// registered with: read back from the bundle package.json "main" names (dist/app/main.mjs, what is deployed),
// through the same @azure/functions-core stand-in the local host uses, and checked against the TypeScript
// sources and an explicit table. Also: what the bundle loads at start, its source maps, what is deployed,
// and the bot answering from the bundle.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CronExpressionParser } from 'cron-parser';
import { loadFunctions, summarize, type FunctionSummary } from '../../scripts/load-functions';
import { personal, postActivity } from '../support/bench-activities';
import { buildAppTo, spawnHost, waitReady } from '../support/bench-host';
import { startAzurite, uniquePrefix } from '../support/azurite';
import { startFakeConnector } from '../support/fake-connector';

// The worker injects @azure/functions-core; the local host's stand-in plays that part for the sources here.
jest.mock('@azure/functions-core', () => jest.requireActual('../../scripts/functions-core-shim'), { virtual: true });
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
  importSurvey: http('import/survey', ['POST'], 'function'),
  importWorker: queue('imports'),
  nudgeScan: timer('0 */15 * * * *'),
  forumReminders: timer('30 */15 * * * *'),
  'outbox-drain': timer('0 */1 * * * *'),
  trackerReminders: timer('0 */30 * * * *'),
  caseAudits: timer('0 10,40 * * * *'),
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

/** The SDKs that must not load before every function is registered (each loads in the function that needs it). */
const LAZY_SDKS = /node_modules\/(botbuilder[^/]*|botframework-[^/]+|@microsoft\/teams-ai|@microsoft\/microsoft-graph-client|@azure\/data-tables|@azure\/storage-queue|@azure\/identity|@azure\/msal-node|adaptivecards-templating|openai)\//;

interface Metafile {
  inputs: Record<string, unknown>;
  outputs: Record<string, { imports: { path: string; kind: string; external?: boolean }[]; inputs: Record<string, unknown>; entryPoint?: string }>;
}

const root = join(__dirname, '../..');
const outdir = join(root, '.local', `build-registrations-${process.pid}`);
const appDir = join(outdir, 'app');
const byName = (a: FunctionSummary, b: FunctionSummary) => a.name.localeCompare(b.name);
let bundled: { readyMs: number; functions: FunctionSummary[] };
let meta: Metafile;

beforeAll(() => {
  // A build of our own, so a concurrent `npm start` or e2e run rebuilding dist/ cannot disturb it.
  buildAppTo(outdir);
  const out = execFileSync(process.execPath, [join(outdir, 'scripts/load-functions.js'), appDir], { cwd: root, encoding: 'utf8' });
  bundled = JSON.parse(out) as typeof bundled;
  meta = JSON.parse(readFileSync(join(outdir, 'meta.json'), 'utf8')) as Metafile;
});
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

test('package.json "main" is the bundle npm run build writes, and the deployed package.json names the same file', () => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string };
  expect(pkg.main).toBe('dist/app/main.mjs');
  const deployed = JSON.parse(readFileSync(join(appDir, 'package.json'), 'utf8')) as { main: string; dependencies?: unknown };
  expect(join(appDir, deployed.main)).toBe(join(outdir, relative('dist', pkg.main)));
  expect(deployed.dependencies).toBeUndefined(); // nothing to install: it is all in the bundle
});

test('the bundle registers exactly the functions the TypeScript sources register, with the same bindings', () => {
  const source = loadFunctions(join(root, 'functions')).map(summarize).sort(byName);
  expect(source.length).toBeGreaterThan(0);
  expect([...bundled.functions].sort(byName)).toEqual(source);
});

test('every registered function has a row in the expected table (add one with each new function)', () => {
  const unknown = bundled.functions.map((f) => f.name).filter((name) => !(name in EXPECTED));
  expect(unknown).toEqual([]);
});

test.each(Object.entries(EXPECTED))('%s is registered with the trigger, route and schedule Azure will use', (name, expected) => {
  const actual = bundled.functions.find((f) => f.name === name);
  if (!actual) return; // not written yet
  expect(actual).toMatchObject(expected);
});

test('every timer schedule is a six-field NCRONTAB expression (UTC on Linux plans)', () => {
  for (const f of bundled.functions.filter((x) => x.kind === 'timer')) {
    expect(f.schedule!.trim().split(/\s+/)).toHaveLength(6);
    expect(() => CronExpressionParser.parse(f.schedule!, { tz: 'UTC' })).not.toThrow();
  }
});

test('no two HTTP functions answer the same method at the same route', () => {
  const keys = bundled.functions.filter((f) => f.kind === 'http').flatMap((f) => f.methods!.map((m) => `${m} ${f.route!.toLowerCase()}`));
  expect(new Set(keys).size).toBe(keys.length);
});

describe('what loads when the app starts', () => {
  // Everything evaluated before the last function registers: main.mjs, the chunk it awaits, and their static imports.
  const loadedAtStart = (): { chunks: string[]; inputs: string[] } => {
    const main = Object.keys(meta.outputs).find((k) => k.endsWith('app/main.mjs'))!;
    const seen = new Set<string>();
    const todo = [main];
    while (todo.length) {
      const chunk = todo.pop()!;
      if (seen.has(chunk)) continue;
      seen.add(chunk);
      for (const i of meta.outputs[chunk]!.imports) if (!i.external && (i.kind === 'import-statement' || chunk === main)) todo.push(i.path);
    }
    return { chunks: [...seen], inputs: [...seen].flatMap((c) => Object.keys(meta.outputs[c]!.inputs)) };
  };

  test('no SDK but @azure/functions: the bot, storage, identity and Graph SDKs load in the functions that use them', () => {
    const { inputs } = loadedAtStart();
    expect(inputs.some((i) => i.includes('node_modules/@azure/functions/'))).toBe(true);
    expect(inputs.filter((i) => LAZY_SDKS.test(i))).toEqual([]);
    expect(inputs.filter((i) => i.startsWith('bot/') || i.startsWith('functions/wiring/'))).toEqual([]);
  });

  test('bot/ and its SDKs are a chunk of their own, loaded by import() from the messages function', () => {
    const botChunk = Object.entries(meta.outputs).find(([, o]) => o.entryPoint === 'bot/index.ts');
    expect(botChunk).toBeDefined();
    const importers = Object.entries(meta.outputs).filter(([, o]) => o.imports.some((i) => i.path === botChunk![0]));
    expect(importers.map(([, o]) => o.imports.find((i) => i.path === botChunk![0])!.kind)).toEqual(importers.map(() => 'dynamic-import'));
    expect(Object.keys(botChunk![1].inputs).some((i) => i.includes('node_modules/@microsoft/teams-ai/'))).toBe(true);
  });

  test("the AI, recogniser and other unused packages the bot SDKs require are files of their own in lazy/, which loading the bot's chunk does not load", () => {
    const botChunk = Object.keys(meta.outputs).find((k) => meta.outputs[k]!.entryPoint === 'bot/index.ts')!;
    const lazyDir = join(appDir, 'lazy');
    const lazyFiles = readdirSync(lazyDir).filter((f) => f.endsWith('.cjs'));
    expect(lazyFiles.some((f) => f.startsWith('gpt-tokenizer'))).toBe(true);
    expect(lazyFiles.some((f) => f.startsWith('_microsoft_recognizers-text-suite'))).toBe(true);
    expect(Object.keys(meta.outputs[botChunk]!.inputs).filter((i) => /node_modules\/(gpt-tokenizer|openai|yaml|@microsoft\/recognizers-text-[a-z-]+|axios|whatwg-url|tr46|mime-db|htmlparser2|fs-extra|graceful-fs)\//.test(i))).toEqual([]);
    // npm's nested copies of one version (zod 3 under five botbuilder packages) are bundled once.
    const zod3 = Object.keys(meta.inputs).filter((i) => /node_modules\/(.+\/node_modules\/)?zod\/v3\/external\.cjs$/.test(i));
    expect(zod3).toHaveLength(1);
    // The bot's chunk loads botbuilder-dialogs, which reads the recognisers-suite's Culture names at load.
    const script = `import(${JSON.stringify(pathToFileURL(join(root, botChunk)).href)}).then(() => {
        process.stdout.write(JSON.stringify(Object.keys(require.cache).filter((k) => k.includes('/lazy/'))));
      });`;
    expect(JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' }))).toEqual([]);
    // Each file is the package: the same exports (it is loaded when an AI feature or a prompt first uses it).
    for (const file of lazyFiles) {
      const pkg = meta.outputs[relative(root, join(lazyDir, file))]?.entryPoint;
      expect({ file, pkg: typeof pkg }).toEqual({ file, pkg: 'string' });
      const keys = (path: string) => JSON.parse(execFileSync(process.execPath, ['-e', `process.stdout.write(JSON.stringify(Object.keys(require(${JSON.stringify(path)})).sort()))`], { cwd: root, encoding: 'utf8' })) as string[];
      expect({ file, keys: keys(join(lazyDir, file)) }).toEqual({ file, keys: keys(join(root, pkg!)) });
    }
  });

  test('source maps are on for the app chunks, so stack traces name the TypeScript files', () => {
    const script = `
      const { findSourceMap } = require('node:module');
      const { pathToFileURL } = require('node:url');
      require(${JSON.stringify(join(outdir, 'scripts/load-functions.js'))}).loadFunctionApp(${JSON.stringify(appDir)}).then(() => {
        const chunk = require('node:path').join(${JSON.stringify(join(appDir, 'chunks'))}, require('node:fs').readdirSync(${JSON.stringify(join(appDir, 'chunks'))}).find((f) => /^golden-thread_functions-.*\\.mjs$/.test(f)));
        const map = findSourceMap(pathToFileURL(chunk).href) ?? findSourceMap(chunk);
        process.stdout.write(JSON.stringify(map ? map.payload.sources : null));
      });`;
    const sources = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' })) as string[] | null;
    expect(sources).not.toBeNull();
    expect(sources!.some((s) => s.endsWith('functions/health.http.ts'))).toBe(true);
  });
});

test('dist/app, what teamsapp.yml deploys, holds the bundle, its maps, host.json and package.json, and no node_modules', () => {
  const files = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)).map((g) => `${f}/${g}`) : [f]));
  const deployed = files(appDir);
  expect(deployed.filter((f) => !/^(host\.json|package\.json|main\.mjs(\.map)?|chunks\/[\w.-]+\.mjs(\.map)?|lazy\/[\w.-]+\.cjs(\.map)?)$/.test(f))).toEqual([]);
  const megabytes = deployed.reduce((sum, f) => sum + statSync(join(appDir, f)).size, 0) / 2 ** 20;
  expect(megabytes).toBeLessThan(40);
  const yml = readFileSync(join(root, 'teamsapp.yml'), 'utf8');
  expect(yml).toMatch(/uses: azureFunctions\/zipDeploy\n\s+with:\n\s+artifactFolder: \.\/dist\/app\n/);
  expect(yml).toMatch(/args: run build/);
});

test('the local host serving the bundle answers "help" with the help card', async () => {
  const azurite = await startAzurite();
  const connector = await startFakeConnector();
  const host = await spawnHost(outdir, { STORAGE_CONNECTION: azurite.connectionString, AzureWebJobsStorage: azurite.connectionString, TABLE_PREFIX: uniquePrefix() });
  try {
    await waitReady(host);
    const person = '0b000000-0000-4000-8000-000000000001';
    const res = await postActivity(host.url, personal(connector.serviceUrl, person, { type: 'message', text: 'help' }));
    expect({ status: res.status, output: res.status === 200 ? '' : host.output() }).toEqual({ status: 200, output: '' });
    const [reply] = connector.sent(`a:personal-${person}`);
    const card = (reply?.activity.attachments as { contentType: string; content: unknown }[] | undefined)?.[0];
    expect(card?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(card?.content)).toContain('my meetings');
  } finally {
    await host.kill('SIGTERM');
    await connector.stop();
    await azurite.stop();
  }
});
