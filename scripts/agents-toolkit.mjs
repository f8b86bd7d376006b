// The Microsoft 365 Agents Toolkit CLI (atk), pinned in infra/tools/agents-toolkit/package.json and
// installed there from npm on first use, for the checks that run offline:
//   node scripts/agents-toolkit.mjs restore               install it if missing, print the CLI's path
//   node scripts/agents-toolkit.mjs validate <zip>        the Toolkit's schema and rule validation of an app package
//   node scripts/agents-toolkit.mjs check-yml [file]      teamsapp.yml against the schema its first line names
// Installed with --ignore-scripts: the one install script is keytar's native build (the CLI's sign-in token
// cache, which needs libsecret headers); nothing here signs in.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const toolDir = join(root, 'infra', 'tools', 'agents-toolkit');
const CLI = '@microsoft/m365agentstoolkit-cli';
const cliDir = join(toolDir, 'node_modules', ...CLI.split('/'));
const pinned = () => JSON.parse(readFileSync(join(toolDir, 'package.json'), 'utf8')).dependencies[CLI];

/** The pinned CLI's folder, installed from npm first if this clone does not have it (or has another version). */
export function restoreAgentsToolkit() {
  const installed = existsSync(join(cliDir, 'package.json')) && JSON.parse(readFileSync(join(cliDir, 'package.json'), 'utf8')).version;
  if (installed !== pinned()) {
    const run = spawnSync('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: toolDir, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`npm install of ${CLI} ${pinned()} failed:\n${run.stdout}${run.stderr}`);
  }
  return cliDir;
}

/**
 * `atk validate` on the manifest inside an app package zip: the Toolkit's offline check against the Teams
 * schema the manifest names (shipped inside the CLI) and its validation rules. (`atk validate
 * --package-file` sends the zip to the Developer Portal, which needs a Microsoft 365 sign-in.)
 */
export async function validateAppPackage(zipPath) {
  const cli = join(restoreAgentsToolkit(), 'cli.js');
  const dir = mkdtempSync(join(tmpdir(), 'gt-atk-'));
  try {
    const zip = await JSZip.loadAsync(readFileSync(zipPath));
    for (const [name, entry] of Object.entries(zip.files)) {
      if (!entry.dir) writeFileSync(join(dir, name), await entry.async('nodebuffer'));
    }
    const args = [cli, 'validate', '--manifest-file', join(dir, 'manifest.json'), '--folder', dir, '--telemetry', 'false', '--interactive', 'false'];
    const run = spawnSync(process.execPath, args, { encoding: 'utf8', env: { ...process.env, CI: 'true' } });
    return { ok: run.status === 0, output: `${run.stdout}${run.stderr}`.trim() };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * teamsapp.yml checked with the Toolkit's own YAML parser and the JSON schema its
 * `# yaml-language-server: $schema=` line names, from the copy the CLI ships (resource/yaml-schema/<version>).
 * Returns the schema's version and each problem (empty when valid).
 */
export function checkProjectFile(path = join(root, 'teamsapp.yml')) {
  const text = readFileSync(path, 'utf8');
  const named = /^# yaml-language-server: \$schema=(\S+)/.exec(text)?.[1];
  const version = named && /\/(v\d+\.\d+)\/yaml\.schema\.json$/.exec(named)?.[1];
  if (!version) return { version: undefined, problems: ['the first line names no versioned yaml.schema.json'] };
  const schemaPath = join(restoreAgentsToolkit(), 'resource', 'yaml-schema', version, 'yaml.schema.json');
  if (!existsSync(schemaPath)) return { version, problems: [`${CLI} ${pinned()} ships no schema ${version}`] };
  const req = createRequire(join(cliDir, 'package.json'));
  const yaml = req('js-yaml');
  const Ajv = req('ajv');
  const ajv = new (Ajv.default ?? Ajv)({ allowUnionTypes: true }); // as the Toolkit's own validator (first problem only)
  ajv.addKeyword('deprecationMessage');
  const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')));
  const doc = yaml.load(text);
  // A step matches one of many `anyOf` branches, so ajv reports every branch: keep the deepest (most specific).
  const errors = validate(doc) ? [] : validate.errors;
  const depth = (e) => e.instancePath.split('/').length;
  const deepest = Math.max(0, ...errors.map(depth));
  const problems = [...new Set(errors.filter((e) => depth(e) === deepest).map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`))];
  if (doc.version !== version) problems.push(`version: ${doc.version} but the schema named is ${version}`);
  return { version, problems };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [command, arg] = process.argv.slice(2);
  const fail = (message) => {
    console.error(message);
    process.exit(1);
  };
  try {
    if (command === 'restore') console.log(restoreAgentsToolkit());
    else if (command === 'validate' && arg) {
      const { ok, output } = await validateAppPackage(arg);
      console.log(output);
      if (!ok) process.exit(1);
    } else if (command === 'check-yml') {
      const { version, problems } = checkProjectFile(arg);
      if (problems.length > 0) fail(problems.join('\n'));
      console.log(`teamsapp.yml matches the Toolkit's schema ${version}`);
    } else fail('usage: node scripts/agents-toolkit.mjs restore | validate <zip> | check-yml [teamsapp.yml]');
  } catch (err) {
    fail(err.message);
  }
}
