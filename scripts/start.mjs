// npm start: build, Azurite (Table + Queue + Blob, where the nightly backup writes), the local functions host, the demo council, and the
// Agents Playground pointed at the bot. One Ctrl-C stops everything.
//   npm start -- --role manager        act as another demo role (or GT_ROLE=manager)
//   npm start -- --reseed              import the demo council again (refreshes meeting dates)
//   npm start -- --in-memory           keep no data (Azurite in memory)
//   --port, --playground-port, --table-port, --queue-port, --blob-port   move off the standard ports
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { connect } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from './build.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const DEV_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

const args = process.argv.slice(2);
const flag = (name) => args.includes(`--${name}`);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 && args[at + 1] ? args[at + 1] : fallback;
};
const settings = {
  role: option('role', process.env.GT_ROLE ?? 'social-worker'),
  port: Number(option('port', process.env.LOCAL_HOST_PORT ?? 7071)),
  playgroundPort: Number(option('playground-port', process.env.PLAYGROUND_PORT ?? 56150)),
  tablePort: Number(option('table-port', 10002)),
  queuePort: Number(option('queue-port', 10001)),
  blobPort: Number(option('blob-port', 10000)),
  inMemory: flag('in-memory'),
  reseed: flag('reseed'),
};
const playgroundConfig = join(root, 'playground', `${settings.role}.yml`);
if (!existsSync(playgroundConfig)) {
  console.error(`No Playground role "${settings.role}": use one of the files in playground/ (social-worker, manager, ...).`);
  process.exit(2);
}

const children = [];
let stopping = false;
const say = (line) => console.log(`[start] ${line}`);

function prefixed(stream, tag) {
  let rest = '';
  stream.on('data', (chunk) => {
    const lines = (rest + chunk.toString()).split('\n');
    rest = lines.pop();
    for (const line of lines) if (line.trim()) console.log(`[${tag}] ${line}`);
  });
}

/** Each child gets its own process group, so stopping it stops everything it started. */
function start(tag, file, argv, env = {}) {
  const child = spawn(process.execPath, [file, ...argv], {
    cwd: root,
    env: { ...process.env, ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  prefixed(child.stdout, tag);
  prefixed(child.stderr, tag);
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`[start] ${tag} stopped unexpectedly (${signal ?? `exit ${code}`}): stopping everything`);
      void stopAll(1);
    }
  });
  children.push(child);
  return child;
}

async function stopAll(code = 0) {
  if (stopping) return;
  stopping = true;
  const alive = children.filter((c) => c.exitCode === null && c.signalCode === null);
  for (const c of alive) {
    try {
      process.kill(-c.pid, 'SIGTERM');
    } catch (err) {
      if (err.code !== 'ESRCH') console.error(`[start] stopping ${c.pid}: ${err.message}`);
    }
  }
  const force = setTimeout(() => {
    for (const c of alive) if (c.exitCode === null && c.signalCode === null) process.kill(-c.pid, 'SIGKILL');
  }, 5000);
  await Promise.all(alive.map((c) => (c.exitCode === null && c.signalCode === null ? new Promise((r) => c.once('exit', r)) : null)));
  clearTimeout(force);
  process.exit(code);
}
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

const portOpen = (port) =>
  new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port }, () => socket.end(() => resolve(true)));
    socket.on('error', () => resolve(false));
  });
async function waitUntil(what, check, ms = 60_000) {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (stopping) return;
    if (Date.now() > until) throw new Error(`${what} did not start within ${ms / 1000} s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function main() {
  for (const [what, port] of [['functions host', settings.port], ['Playground', settings.playgroundPort], ['Azurite Table', settings.tablePort], ['Azurite Queue', settings.queuePort], ['Azurite Blob', settings.blobPort]]) {
    if (await portOpen(port)) throw new Error(`port ${port} (${what}) is already in use: is another npm start running?`);
  }

  const began = Date.now();
  const modules = await buildApp();
  say(`bundled ${modules} modules into dist/app in ${Date.now() - began} ms`);

  const storage = settings.inMemory ? ['--inMemoryPersistence'] : ['--location', join(root, '.azurite')];
  if (!settings.inMemory) mkdirSync(join(root, '.azurite'), { recursive: true });
  const quiet = ['--silent', '--disableTelemetry', '--skipApiVersionCheck'];
  start('azurite-table', require.resolve('azurite/dist/src/table/main.js'), ['--tableHost', '127.0.0.1', '--tablePort', String(settings.tablePort), ...storage, ...quiet]);
  start('azurite-queue', require.resolve('azurite/dist/src/queue/main.js'), ['--queueHost', '127.0.0.1', '--queuePort', String(settings.queuePort), ...storage, ...quiet]);
  // Blobs too: the nightly table backup (POST /admin/functions/tableBackup) writes to table-backups/.
  start('azurite-blob', require.resolve('azurite/dist/src/blob/main.js'), ['--blobHost', '127.0.0.1', '--blobPort', String(settings.blobPort), ...storage, ...quiet]);
  await waitUntil('Azurite', async () => (await portOpen(settings.tablePort)) && (await portOpen(settings.queuePort)) && (await portOpen(settings.blobPort)));
  const connection =
    settings.tablePort === 10002 && settings.queuePort === 10001 && settings.blobPort === 10000
      ? 'UseDevelopmentStorage=true'
      : `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${DEV_KEY};` +
        `TableEndpoint=http://127.0.0.1:${settings.tablePort}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:${settings.queuePort}/devstoreaccount1;` +
        `BlobEndpoint=http://127.0.0.1:${settings.blobPort}/devstoreaccount1;`;
  say(`Azurite on 127.0.0.1:${settings.tablePort} (tables), :${settings.queuePort} (queues) and :${settings.blobPort} (blobs), ${settings.inMemory ? 'in memory' : 'data in .azurite/'}`);

  const hostUrl = `http://127.0.0.1:${settings.port}`;
  // The demo's nudge scan runs whenever asked (POST /admin/functions/nudgeScan), not only at 08:30 on working days.
  // The Playground sends unsigned activities: the bot serves them only because the local stack asks explicitly
  // (the app refuses this setting in Azure).
  const appEnv = {
    NUDGE_SCAN_ANY_TIME: 'true',
    GT_LOCAL_UNAUTHENTICATED_BOT_DANGER: '1',
    ...process.env,
    STORAGE_CONNECTION: connection,
    AzureWebJobsStorage: connection,
    LOCAL_HOST_PORT: String(settings.port),
  };
  start('host', join(root, 'dist/scripts/local-host.js'), [], appEnv);
  await waitUntil('the functions host', async () => (await fetch(`${hostUrl}/admin/host/status`).catch(() => null))?.ok === true);

  const { seedDemo } = require(join(root, 'dist/scripts/seed-demo.js'));
  await seedDemo({ baseUrl: hostUrl, connectionString: connection, tablePrefix: process.env.TABLE_PREFIX ?? '', force: settings.reseed, log: (l) => console.log(l) });

  mkdirSync(join(root, '.local'), { recursive: true });
  start('playground', require.resolve('@microsoft/m365agentsplayground/cli.js'), ['--port', String(settings.playgroundPort), '--channel-id', 'msteams', '--disable-telemetry'], {
    BOT_ENDPOINT: `${hostUrl}/api/messages`,
    TEAMSAPPTESTER_BROWSER: 'none',
    M365_AGENTS_PLAYGROUND_CONFIG_PATH: playgroundConfig,
    M365_AGENTS_PLAYGROUND_LOGFILE: join(root, '.local', 'playground.log'),
  });
  await waitUntil('the Playground', () => portOpen(settings.playgroundPort));
  if (stopping) return;
  console.log(`\n  Golden Thread is running. Open http://127.0.0.1:${settings.playgroundPort} (signed in as the demo ${settings.role}; say "help").`);
  console.log(`  Functions: ${hostUrl}/admin/functions   Stop: Ctrl-C\n`);
}

main().catch((err) => {
  console.error(`[start] ${err.message}`);
  void stopAll(1);
  if (!children.length) process.exit(1);
});
