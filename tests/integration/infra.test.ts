import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ConfigSchema } from '../../functions/config';

const root = join(__dirname, '..', '..');
const infra = join(root, 'infra');

const bicepFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? bicepFiles(join(dir, e.name)) : e.name.endsWith('.bicep') ? [join(dir, e.name)] : [],
  );

/** Every `var <name>Settings = { ... }` object literal in infra: the app settings, by name and raw value. */
function appSettingsInInfra(): Map<string, { file: string; value: string }> {
  const found = new Map<string, { file: string; value: string }>();
  for (const file of bicepFiles(infra)) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/^var \w*Settings = \{\n([\s\S]*?)^\}/gm)) {
      for (const line of match[1]!.split('\n')) {
        const setting = /^ {2}([A-Za-z_][A-Za-z0-9_]*):\s*(.+)$/.exec(line);
        if (setting) found.set(setting[1]!, { file: relative(root, file), value: setting[2]!.trim() });
      }
    }
  }
  return found;
}

// Settings the Functions host itself reads (not the app): each documented by Microsoft.
const runtimeSettings: Record<string, string> = {
  AzureWebJobsStorage__accountName: 'https://learn.microsoft.com/azure/azure-functions/functions-reference#connecting-to-host-storage-with-an-identity',
  AzureWebJobsStorage__credential: 'https://learn.microsoft.com/azure/azure-functions/functions-reference#common-properties-for-identity-based-connections',
  AzureWebJobsStorage__clientId: 'https://learn.microsoft.com/azure/azure-functions/functions-reference#common-properties-for-identity-based-connections',
  APPLICATIONINSIGHTS_CONNECTION_STRING: 'https://learn.microsoft.com/azure/azure-functions/functions-app-settings#applicationinsights_connection_string',
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'https://learn.microsoft.com/azure/azure-functions/functions-app-settings#applicationinsights_authentication_string',
};

// In the config schema but never set in Azure, and why.
const notInAzure: Record<string, string> = {
  LOCAL_HOST_PORT: 'the local functions host only',
  NUDGE_SCAN_ANY_TIME: 'the local demo only',
  MicrosoftAppPassword: 'the bot signs in as its managed identity: there is no password',
  STORAGE_CONNECTION: 'Azure uses the identity-based STORAGE_CONNECTION__* settings instead of a connection string',
  IDENTITY_ENDPOINT: 'set by the platform for the managed identity, not an app setting',
  IDENTITY_HEADER: 'set by the platform for the managed identity, not an app setting',
  WEBSITE_HOSTNAME: 'set by the platform to the app\'s host name, not an app setting',
  WEBSITE_INSTANCE_ID: 'set by the platform on every instance: how the app knows it runs in Azure',
  WEBSITE_SITE_NAME: 'set by the platform to the app\'s name: how the app knows it runs in Azure',
  GT_LOCAL_UNAUTHENTICATED_BOT_DANGER: 'the local stack and tests only; the app refuses to start its bot with it in Azure',
  WEBSITE_AUTH_ENABLED: 'set by the platform when App Service Authentication is on (docs/deploy.md)',
  EXPORT_LINK_SECRET_PREVIOUS: 'set by hand for the hour of a link-key rotation, then removed (docs/deploy.md)',
};

// Set by infra, awaiting their keys in functions/config.ts (see the report). Remove a name once it is there.
const awaitingConfigSchema: string[] = [
];

const configKeys = Object.keys(ConfigSchema.shape);

describe('app settings: named in infra and in the config schema, nowhere else', () => {
  const inInfra = appSettingsInInfra();

  it('finds the app settings in infra', () => {
    expect(inInfra.size).toBeGreaterThan(10);
  });

  it('sets only settings the app reads (functions/config.ts) or the Functions runtime documents', () => {
    const unknown = [...inInfra.keys()].filter(
      (name) => !configKeys.includes(name) && !(name in runtimeSettings) && !awaitingConfigSchema.includes(name),
    );
    expect(unknown).toEqual([]);
  });

  it('sets, or deliberately leaves out, every setting the app reads', () => {
    const missing = configKeys.filter((key) => !inInfra.has(key) && !(key in notInAzure));
    expect(missing).toEqual([]);
  });

  it('lists no setting as awaiting the config schema once the schema has it', () => {
    expect(awaitingConfigSchema.filter((name) => configKeys.includes(name))).toEqual([]);
  });

  it('gives literal values the config schema accepts (e.g. the bot type is UserAssignedMSI)', () => {
    const shape = ConfigSchema.shape as Record<string, { safeParse(v: unknown): { success: boolean } }>;
    const literals = [...inInfra.entries()].filter(([name, s]) => shape[name] && /^'[^']*'$/.test(s.value));
    expect(literals.length).toBeGreaterThan(0);
    for (const [name, s] of literals) expect({ [name]: shape[name]!.safeParse(s.value.slice(1, -1)).success }).toEqual({ [name]: true });
  });

  it('keeps app settings in one resource, with no account key or secret among them', () => {
    const all = bicepFiles(infra).map((f) => readFileSync(f, 'utf8')).join('\n');
    // sites/config holds the app settings once, and App Service Authentication (authsettingsV2) beside them.
    expect(all.match(/'Microsoft\.Web\/sites\/config@/g)).toHaveLength(2);
    expect(all.match(/name: 'appsettings'/g)).toHaveLength(1);
    expect(all.match(/name: 'authsettingsV2'/g)).toHaveLength(1);
    expect(all).not.toMatch(/appSettings:\s*\[/);
    expect(all).not.toMatch(/listKeys\(|AccountKey=|MicrosoftAppPassword/);
    // A secret reaches the app only as a Key Vault reference.
    expect(appSettingsInInfra().get('EXPORT_LINK_SECRET')?.value).toMatch(/^'@Microsoft\.KeyVault\(/);
  });
});

describe('App Service Authentication (Entra ID sign-in for imports and exports)', () => {
  const app = readFileSync(join(infra, 'modules', 'function-app.bicep'), 'utf8');
  const auth = app.slice(app.indexOf("name: 'authsettingsV2'"));

  it("is on once a sign-in app registration is given, for the council's tenant, letting the app decide per endpoint", () => {
    expect(app).toMatch(/resource signIn 'Microsoft\.Web\/sites\/config@[^']+' = if \(!empty\(signInClientId\)\)/);
    expect(auth).toMatch(/unauthenticatedClientAction: 'AllowAnonymous'/);
    expect(auth).toMatch(/openIdIssuer: '\$\{environment\(\)\.authentication\.loginEndpoint\}\$\{tenantId\}\/v2\.0'/);
  });

  it('never stands in front of the bot, the signed download links or the health check', () => {
    expect(auth).toMatch(/excludedPaths: \[ '\/api\/messages', '\/api\/digests\/export', '\/api\/health' \]/);
  });
});

describe('infra/main.bicep', () => {
  const main = readFileSync(join(infra, 'main.bicep'), 'utf8');

  it('defaults to UK South and takes every parameter the Toolkit passes', () => {
    expect(main).toMatch(/^param location string = 'uksouth'$/m);
    const params = JSON.parse(readFileSync(join(infra, 'main.parameters.json'), 'utf8')) as { parameters: Record<string, unknown> };
    const declared = [...main.matchAll(/^param (\w+) /gm)].map((m) => m[1]);
    expect(Object.keys(params.parameters).filter((p) => !declared.includes(p))).toEqual([]);
  });

  it('uses only modules that exist', () => {
    for (const [, path] of main.matchAll(/^module \w+ '([^']+)'/gm)) {
      expect(() => readFileSync(join(infra, path!))).not.toThrow();
    }
  });

  it('runs the app on Flex Consumption, Linux, Node 22, with a Teams-only bot that signs in as the managed identity', () => {
    const app = readFileSync(join(infra, 'modules', 'function-app.bicep'), 'utf8');
    expect(app).toMatch(/sku: \{ name: 'FC1', tier: 'FlexConsumption' \}/);
    expect(app).toMatch(/kind: 'functionapp,linux'/);
    expect(app).toMatch(/runtime: \{ name: 'node', version: '22' \}/);
    const bot = readFileSync(join(infra, 'modules', 'bot.bicep'), 'utf8');
    expect(bot).toMatch(/msaAppType: 'UserAssignedMSI'/);
    expect(bot).toMatch(/name: 'MsTeamsChannel'/);
  });
});
