// Every role's Playground configuration is one the Agents Playground accepts: it refuses a bad file
// and exits just after it starts listening, which would leave `npm start -- --role <role>` with no chat.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { ROLES } from '../../scripts/playground-configs';

jest.setTimeout(90_000);

const root = join(__dirname, '../..');
const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });

async function playgroundAccepts(role: string): Promise<{ alive: boolean; page: number; output: string }> {
  const port = await freePort();
  mkdirSync(join(root, '.local'), { recursive: true });
  const child = spawn(process.execPath, [require.resolve('@microsoft/m365agentsplayground/cli.js'), '--port', `${port}`, '--channel-id', 'msteams', '--disable-telemetry'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      BOT_ENDPOINT: 'http://127.0.0.1:9/api/messages',
      TEAMSAPPTESTER_BROWSER: 'none',
      M365_AGENTS_PLAYGROUND_CONFIG_PATH: join(root, 'playground', `${role}.yml`),
      M365_AGENTS_PLAYGROUND_LOGFILE: join(root, '.local', `playground-${role}-test.log`),
    },
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  try {
    const until = Date.now() + 30_000;
    while (!output.includes('Listening') && child.exitCode === null && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 2_500)); // it reads the file just after listening
    const alive = child.exitCode === null;
    const page = alive ? (await fetch(`http://127.0.0.1:${port}/`)).status : 0;
    return { alive, page, output };
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

test.each(ROLES)('the Playground accepts the %s configuration', async (role) => {
  const result = await playgroundAccepts(role);
  expect({ alive: result.alive, page: result.page, error: /error/i.test(result.output) ? result.output : '' }).toEqual({ alive: true, page: 200, error: '' });
});
