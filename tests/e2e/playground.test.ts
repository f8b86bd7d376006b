// End to end: `npm start`'s stack (build, Azurite, the local functions host, the demo council, the
// Agents Playground) driven from headless Chromium as a social worker would: say "help", see the card.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

jest.setTimeout(300_000);

const root = join(__dirname, '../..');
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = connect({ host: '127.0.0.1', port }, () => s.end(() => resolve(true)));
    s.on('error', () => resolve(false));
  });

const waitForOutput = async (seen: () => boolean, ms: number) => {
  const until = Date.now() + ms;
  while (!seen()) {
    if (Date.now() > until) throw new Error(`timed out waiting on the stack; its output:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
};

let stack: ChildProcess;
let output = '';
let ports: { host: number; playground: number; table: number; queue: number };
let browser: Browser | undefined;
let page: Page;

beforeAll(async () => {
  ports = { host: await freePort(), playground: await freePort(), table: await freePort(), queue: await freePort() };
  // The real start script, on ports of its own and with Azurite in memory, so it never meets a developer's stack.
  stack = spawn(
    process.execPath,
    ['scripts/start.mjs', '--in-memory', '--port', `${ports.host}`, '--playground-port', `${ports.playground}`, '--table-port', `${ports.table}`, '--queue-port', `${ports.queue}`],
    { cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, GT_ROLE: 'social-worker' } },
  );
  stack.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  stack.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the stack did not start in 180 s:\n${output}`)), 180_000);
    const check = setInterval(() => {
      if (output.includes('Golden Thread is running')) {
        clearInterval(check);
        clearTimeout(timer);
        resolve();
      }
    }, 200);
    stack.once('exit', (code) => {
      clearInterval(check);
      clearTimeout(timer);
      reject(new Error(`the stack exited (${code}) before it was ready:\n${output}`));
    });
  });

  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  // The Playground's page asks an Office CDN for icons: only loopback may be reached.
  await context.route('**/*', (route) => {
    const host = new URL(route.request().url()).hostname;
    return ['127.0.0.1', 'localhost'].includes(host) ? route.continue() : route.abort();
  });
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  if (stack && stack.exitCode === null) {
    process.kill(-stack.pid!, 'SIGINT');
    await new Promise((r) => stack.once('exit', r));
  }
});

/**
 * The Playground re-renders its message list as activities arrive, so an element found a moment ago
 * can be replaced before the scroll lands ("Element is not attached to the DOM"). The locator is
 * resolved afresh on each try.
 */
async function scrollTo(locator: Locator): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await locator.scrollIntoViewIfNeeded({ timeout: 5_000 });
      return;
    } catch (error) {
      if (attempt >= 5 || !/not attached|detached/i.test(String(error))) throw error;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

test('npm start prints the Playground address, and the demo council is seeded', () => {
  expect(output).toContain(`Open http://127.0.0.1:${ports.playground}`);
  expect(output).toMatch(/\[seed\] demo council imported: 3 teams, 23 people, 60 children, 68 meetings/);
});

test('a social worker says help in the Playground, sees the help card, and its buttons answer', async () => {
  await page.goto(`http://127.0.0.1:${ports.playground}`, { waitUntil: 'domcontentloaded' });
  const compose = page.getByRole('textbox').first();
  await compose.waitFor({ timeout: 60_000 });
  await compose.click();
  await page.keyboard.type('help');
  await page.keyboard.press('Enter');

  // The card's heading and the help command's own line; the chat list shows only "Send a card".
  const heading = page.getByText('What I can do', { exact: true }).first();
  await heading.waitFor({ timeout: 90_000 });
  await page.getByText('What I can do, and the commands to ask for it').first().waitFor({ timeout: 10_000 });
  await page.getByText('Alex Ash (Demo Worker)').first().waitFor({ timeout: 10_000 });

  await scrollTo(heading);
  mkdirSync(join(root, '.local/screenshots'), { recursive: true });
  await page.screenshot({ path: join(root, '.local/screenshots/e2e-help.png') });
  // The help card's buttons are Action.Execute: pressing one answers as typing the command would.
  await page.getByRole('button', { name: 'Share a participation example' }).first().click();
  await page.getByText('How children and young people took part', { exact: false }).first().waitFor({ timeout: 60_000 });
});

test('when the nudge scan and the outbox run (admin API), a nudge about one of her children arrives in the chat', async () => {
  for (const name of ['nudgeScan', 'outbox-drain']) {
    const done = new RegExp(`\\[${name}\\] (succeeded|failed)`, 'g');
    const before = output.match(done)?.length ?? 0;
    const res = await fetch(`http://127.0.0.1:${ports.host}/admin/functions/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ input: '' }),
    });
    expect(res.status).toBe(202);
    // The admin API answers at once and runs in the background: wait for the host to say it finished.
    await waitForOutput(() => (output.match(done)?.length ?? 0) > before, 60_000);
  }
  expect(output).not.toMatch(/\[(nudgeScan|outbox-drain)\] failed/);
  // Her children are DEMO-10xx references; the help card mentions none, so this is the nudge.
  const nudge = page.getByText(/DEMO-10\d\d/).first();
  await nudge.waitFor({ timeout: 60_000 });
  await scrollTo(nudge);
  await page.screenshot({ path: join(root, '.local/screenshots/e2e-nudge.png') });
});

test('one Ctrl-C stops the whole stack', async () => {
  process.kill(-stack.pid!, 'SIGINT');
  const code = await new Promise<number | null>((r) => stack.once('exit', (c) => r(c)));
  expect(code).toBe(0);
  await new Promise((r) => setTimeout(r, 1000));
  for (const port of Object.values(ports)) expect(await portOpen(port)).toBe(false);
});
