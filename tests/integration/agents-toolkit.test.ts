import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';

// What a council's `atk provision` would refuse, found here first: the pinned Microsoft 365 Agents Toolkit CLI
// (infra/tools/agents-toolkit, installed by scripts/agents-toolkit.mjs on first use) validates the app package
// offline, and teamsapp.yml is checked against the schema it names, from the copy the CLI ships.
const root = join(__dirname, '..', '..');
const toolkit = join(root, 'scripts', 'agents-toolkit.mjs');
const run = promisify(execFile);
const node = (args: string[], env: NodeJS.ProcessEnv = process.env) =>
  run(process.execPath, args, { cwd: root, env, maxBuffer: 16 << 20 }).then(
    ({ stdout, stderr }) => ({ ok: true, output: stdout + stderr }),
    (err: { stdout?: string; stderr?: string }) => ({ ok: false, output: `${err.stdout ?? ''}${err.stderr ?? err}` }),
  );

// The ids provisioning writes to env/.env.dev; the rest of the manifest's values come from that file.
const provisioned = {
  TEAMS_APP_ID: '3f2b8a4e-6c1d-4e8f-9a7b-2c5d8e1f0a3b',
  BOT_ID: '9d4c1e7a-2b3f-4a5c-8d6e-7f8a9b0c1d2e',
  BOT_DOMAIN: 'func-goldenthread-dev.azurewebsites.net',
};

let work: string;
let zipPath: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'gt-atk-test-'));
  const restored = await node([toolkit, 'restore']);
  if (!restored.ok) throw new Error(restored.output);
  const packed = await node([join(root, 'scripts', 'package-app.mjs'), 'dev'], { ...process.env, ...provisioned });
  if (!packed.ok) throw new Error(packed.output);
  zipPath = join(root, 'appPackage', 'build', 'appPackage.dev.zip');
}, 600_000); // the first run installs the CLI from npm (about 2.5 minutes)

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the Teams app package, validated by the Agents Toolkit CLI', () => {
  it('passes the Toolkit\'s validation: the Teams schema its manifest names, and the Toolkit\'s rules', async () => {
    const { ok, output } = await node([toolkit, 'validate', zipPath]);
    expect({ ok, output }).toEqual({ ok: true, output: expect.stringContaining('All passed') });
  }, 180_000);

  it('would be refused, naming the field, if the short name grew past what Teams shows', async () => {
    const zip = await JSZip.loadAsync(readFileSync(zipPath));
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as { name: { short: string } };
    manifest.name.short = 'Golden Thread for the Children in Care Council';
    zip.file('manifest.json', JSON.stringify(manifest));
    const bad = join(work, 'too-long.zip');
    writeFileSync(bad, await zip.generateAsync({ type: 'nodebuffer' }));
    const { ok, output } = await node([toolkit, 'validate', bad]);
    expect(ok).toBe(false);
    expect(output).toContain('/name/short must NOT have more than 30 characters');
  }, 180_000);
});

describe('teamsapp.yml', () => {
  it('matches the schema its first line names (the Toolkit\'s own copy, so no network)', async () => {
    const yml = readFileSync(join(root, 'teamsapp.yml'), 'utf8');
    expect(yml).toMatch(/^# yaml-language-server: \$schema=https:\/\/aka\.ms\/m365-agents-toolkits\/v1\.9\/yaml\.schema\.json$/m);
    const { ok, output } = await node([toolkit, 'check-yml']);
    expect({ ok, output: output.trim() }).toEqual({ ok: true, output: "teamsapp.yml matches the Toolkit's schema v1.9" });
  });

  it('would fail the check if a step were mistyped (a version written as a number)', async () => {
    const yml = readFileSync(join(root, 'teamsapp.yml'), 'utf8').replace(/bicepCliVersion: v[\d.]+/, 'bicepCliVersion: 0.49');
    const bad = join(work, 'teamsapp.yml');
    writeFileSync(bad, yml);
    const { ok, output } = await node([toolkit, 'check-yml', bad]);
    expect({ ok, output: output.trim() }).toEqual({ ok: false, output: expect.stringContaining('/provision/1/with/bicepCliVersion must be string') });
  });
});
