import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigSchema } from '../../functions/config';

// The Agents Toolkit lifecycle: teamsapp.yml, env/ and the files they fill. Every ${{NAME}} must have a
// home, or provisioning stops half-way with "environment variable not found".
const root = join(__dirname, '..', '..');
const read = (path: string): string => readFileSync(join(root, path), 'utf8');
const placeholders = (text: string): string[] => [...text.matchAll(/\$\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]!);
const envKeys = (text: string): string[] => [...text.matchAll(/^([A-Za-z_]\w*)=/gm)].map((m) => m[1]!);

const yml = read('teamsapp.yml');
const envs = ['dev', 'prod'];

describe('the Agents Toolkit lifecycle (teamsapp.yml and env/)', () => {
  it('has provision, deploy and publish stages that use infra/ and appPackage/', () => {
    expect(yml).toMatch(/^version: v\d+\.\d+$/m);
    expect(yml).toMatch(/^environmentFolderPath: \.\/env$/m);
    for (const stage of ['provision', 'deploy', 'publish']) expect(yml).toMatch(new RegExp(`^${stage}:$`, 'm'));
    for (const action of ['teamsApp/create', 'arm/deploy', 'teamsApp/validateManifest', 'teamsApp/zipAppPackage', 'teamsApp/update', 'cli/runNpmCommand', 'azureFunctions/zipDeploy', 'teamsApp/publishAppPackage']) {
      expect(yml).toContain(`uses: ${action}`);
    }
    for (const [, path] of yml.matchAll(/(?:path|manifestPath|parameters|ignoreFile): (\.\/[^\s$]+)$/gm)) {
      expect({ path, exists: existsSync(join(root, path!)) }).toEqual({ path, exists: true });
    }
  });

  it.each(envs)('fills every placeholder in the manifest, the Bicep parameters and teamsapp.yml in %s', (env) => {
    const defined = new Set(envKeys(read(`env/.env.${env}`)));
    const used = new Set([...placeholders(read('appPackage/manifest.json')), ...placeholders(read('infra/main.parameters.json')), ...placeholders(yml)]);
    expect([...used].filter((name) => !defined.has(name))).toEqual([]);
  });

  it('gets every value it leaves to the Toolkit from a Bicep output or a Toolkit step', () => {
    const outputs = [...read('infra/main.bicep').matchAll(/^output (\w+) /gm)].map((m) => m[1]!);
    const written = [...yml.matchAll(/^\s+\w+: ([A-Z_]+)$/gm)].map((m) => m[1]!);
    for (const env of envs) {
      const text = read(`env/.env.${env}`);
      const generated = envKeys(text.slice(text.indexOf('# Written by the Toolkit')));
      expect(generated.filter((name) => !outputs.includes(name) && !written.includes(name))).toEqual([]);
    }
    expect(outputs).toEqual(expect.arrayContaining(['BOT_ID', 'BOT_DOMAIN', 'BOT_AZURE_FUNCTION_APP_RESOURCE_ID']));
  });

  it.each(envs)('keeps secrets and app-setting names out of env/.env.%s (they live in Key Vault and infra)', (env) => {
    const keys = envKeys(read(`env/.env.${env}`));
    expect(keys.filter((k) => k in ConfigSchema.shape)).toEqual([]);
    expect(keys.filter((k) => /SECRET|PASSWORD|KEY$/i.test(k))).toEqual([]);
  });
});
