import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ConfigSchema } from '../../functions/config';

// infra/ as Azure receives it: the pinned Bicep compiler (scripts/bicep.mjs, restored from NuGet on first
// use) compiles infra/main.bicep with its linter, and every check below reads the ARM JSON it writes.
const root = join(__dirname, '..', '..');
const read = (path: string): string => readFileSync(join(root, path), 'utf8');

interface Resource {
  type: string;
  name: string;
  kind?: string;
  scope?: string;
  sku?: Record<string, unknown>;
  identity?: { type: string; userAssignedIdentities: Record<string, unknown> };
  copy?: { count: string };
  properties: Record<string, unknown> & {
    template?: Template;
    parameters?: Record<string, { value: unknown }>;
  };
}
interface Template {
  parameters: Record<string, { type: string; defaultValue?: unknown }>;
  variables?: Record<string, unknown>;
  resources: Record<string, Resource> | Resource[];
  outputs?: Record<string, { value: string }>;
}
const resourcesOf = (t: Template): Resource[] => (Array.isArray(t.resources) ? t.resources : Object.values(t.resources));
/** The nested template of a module (a Microsoft.Resources/deployments resource) that declares a resource of this type. */
function moduleWith(main: Template, type: string): { module: Resource; template: Template; resources: Resource[] } {
  const module = resourcesOf(main).find((r) => r.type === 'Microsoft.Resources/deployments' && resourcesOf(r.properties.template!).some((x) => x.type === type));
  if (!module) throw new Error(`no module declares ${type}`);
  const template = module.properties.template!;
  return { module, template, resources: resourcesOf(template).filter((r) => r.type === type) };
}
/** What main.bicep passes to a module's parameter (an ARM expression or a literal). */
const passed = (module: Resource, param: string): unknown => module.properties.parameters![param]?.value;

// In the config schema but never an app setting in Azure, and why.
const notInAzure: Record<string, string> = {
  LOCAL_HOST_PORT: 'the local functions host only',
  NUDGE_SCAN_ANY_TIME: 'the local demo only',
  MicrosoftAppPassword: 'the bot signs in as its managed identity: there is no password',
  STORAGE_CONNECTION: 'Azure uses the identity-based STORAGE_CONNECTION__* settings instead of a connection string',
  IDENTITY_ENDPOINT: 'set by the platform for the managed identity, not an app setting',
  IDENTITY_HEADER: 'set by the platform for the managed identity, not an app setting',
  WEBSITE_HOSTNAME: "set by the platform to the app's host name, not an app setting",
  WEBSITE_INSTANCE_ID: 'set by the platform on every instance: how the app knows it runs in Azure',
  WEBSITE_SITE_NAME: "set by the platform to the app's name: how the app knows it runs in Azure",
  GT_LOCAL_UNAUTHENTICATED_BOT_DANGER: 'the local stack and tests only; the app refuses to start its bot with it in Azure',
  WEBSITE_AUTH_ENABLED: 'set by the platform when App Service Authentication is on (docs/deploy.md)',
  EXPORT_LINK_SECRET_PREVIOUS: 'set by hand for the hour of a link-key rotation, then removed (docs/deploy.md)',
};
// Settings the Functions host itself reads (not the app): each documented by Microsoft.
const runtimeSettings: Record<string, string> = {
  AzureWebJobsStorage__accountName: 'https://learn.microsoft.com/azure/azure-functions/functions-reference#connecting-to-host-storage-with-an-identity',
  AzureWebJobsStorage__credential: 'https://learn.microsoft.com/azure/azure-functions/functions-reference#common-properties-for-identity-based-connections',
  AzureWebJobsStorage__clientId: 'https://learn.microsoft.com/azure/azure-functions/functions-reference#common-properties-for-identity-based-connections',
  APPLICATIONINSIGHTS_CONNECTION_STRING: 'https://learn.microsoft.com/azure/azure-functions/functions-app-settings#applicationinsights_connection_string',
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'https://learn.microsoft.com/azure/azure-functions/functions-app-settings#applicationinsights_authentication_string',
};
// What the identity may do, and where: exactly these, each for something the code or the platform uses.
const roleDefinitions: Record<string, { name: string; on: string; why: string }> = {
  'b7e6dc6d-f1e8-4753-8033-0f276bb0955b': { name: 'Storage Blob Data Owner', on: 'Microsoft.Storage/storageAccounts', why: "the Functions host's own storage by identity (Microsoft's documented role), the deployment package, the nightly table backups" },
  '974c5e8b-45b9-4653-ba55-5f855dd0fb88': { name: 'Storage Queue Data Contributor', on: 'Microsoft.Storage/storageAccounts', why: 'the imports and digest-run queues and their triggers' },
  '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3': { name: 'Storage Table Data Contributor', on: 'Microsoft.Storage/storageAccounts', why: "the app's tables" },
  '3913510d-42f4-4e42-8a64-420c390055eb': { name: 'Monitoring Metrics Publisher', on: 'Microsoft.Insights/components', why: 'telemetry with local auth off' },
  '4633458b-17de-408a-b874-0445c86b69e6': { name: 'Key Vault Secrets User', on: 'Microsoft.KeyVault/vaults', why: 'the EXPORT_LINK_SECRET Key Vault reference' },
};

let main: Template;
let findings = '';
let outDir: string;

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'gt-infra-'));
  try {
    await promisify(execFile)(process.execPath, [join(root, 'scripts', 'bicep.mjs'), 'check', outDir], { cwd: root });
  } catch (err) {
    findings = String((err as { stderr?: string }).stderr ?? err);
  }
  try {
    main = JSON.parse(readFileSync(join(outDir, 'main.json'), 'utf8')) as Template;
  } catch {
    throw new Error(`bicep wrote no template:\n${findings}`);
  }
}, 300_000); // the first run restores the compiler from NuGet

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('infra/ compiles with the pinned Bicep and its linter', () => {
  it('compiles infra/main.bicep with no warning or error outside the allow-list in infra/bicepconfig.json', () => {
    expect(findings).toBe('');
  });

  it('turns on every linter rule (a warning fails the check) except the allow-list, each allowed rule with its reason', () => {
    const config = read('infra/bicepconfig.json');
    const rules = [...config.matchAll(/^((?:\s*\/\/.*\n)*)\s*"([a-z-]+)": \{ "level": "(\w+)" \}/gm)];
    expect(rules.length).toBeGreaterThan(40);
    const allowed = rules.filter(([, , , level]) => level !== 'warning');
    expect(allowed.map(([, , name, level]) => `${name}: ${level}`).filter((r) => !r.endsWith(': off'))).toEqual([]);
    for (const [, comment, name] of allowed) expect({ [name!]: /\/\/ Allowed: .{20,}/.test(comment!) }).toEqual({ [name!]: true });
  });

  it('pins the compiler in one place, and teamsapp.yml and docs/deploy.md name the same version', () => {
    const version = /<BicepVersion>([\d.]+)<\/BicepVersion>/.exec(read('infra/tools/bicep.csproj'))![1]!;
    expect(read('teamsapp.yml')).toMatch(new RegExp(`^\\s+bicepCliVersion: v${version.replace(/\./g, '\\.')}\\b`, 'm'));
    expect(read('docs/deploy.md')).toContain(`Bicep ${version}`);
  });
});

describe('App Service Authentication (Entra ID sign-in for imports and exports)', () => {
  const authOf = () => moduleWith(main, 'Microsoft.Web/sites/config').resources.find((r) => r.name.includes("'authsettingsV2'")) as Resource & { condition?: string };

  it("is on once a sign-in app registration is given, for the council's tenant, letting the app decide per endpoint", () => {
    const auth = authOf();
    expect(auth.condition).toBe("[not(empty(parameters('signInClientId')))]");
    expect(auth.properties).toMatchObject({
      platform: { enabled: true },
      globalValidation: { requireAuthentication: false, unauthenticatedClientAction: 'AllowAnonymous' },
      identityProviders: { azureActiveDirectory: { enabled: true, registration: { openIdIssuer: "[format('{0}{1}/v2.0', environment().authentication.loginEndpoint, parameters('tenantId'))]" } } },
    });
  });

  it('never stands in front of the bot, the signed download links or the health check', () => {
    expect((authOf().properties as { globalValidation: { excludedPaths: string[] } }).globalValidation.excludedPaths).toEqual(['/api/messages', '/api/digests/export', '/api/health']);
  });
});

describe('the compiled template sets what functions/config.ts reads', () => {
  const configKeys = Object.keys(ConfigSchema.shape);
  let settings: Map<string, { value: unknown; chosenByCouncil: boolean }>;

  // The app settings resource is `union(variables(...), ...)`: each variable an object of settings, or the
  // council's choices (the module's councilSettings parameter, set only when not empty).
  beforeAll(() => {
    const { module, template, resources: configs } = moduleWith(main, 'Microsoft.Web/sites/config');
    // App Service Authentication (authsettingsV2) is the other sites/config resource.
    const resources = configs.filter((r) => r.name.includes("'appsettings'"));
    expect(resources).toHaveLength(1);
    let expression = resources[0]!.properties as unknown as string;
    for (let alias; (alias = /^\[variables\('(\w+)'\)\]$/.exec(expression)); ) expression = String(template.variables![alias[1]!]);
    expect(expression).toMatch(/^\[union\(/);
    settings = new Map();
    for (const [, name] of expression.matchAll(/variables\('(\w+)'\)/g)) {
      const variable = template.variables![name!];
      if (typeof variable === 'object') {
        for (const [key, value] of Object.entries(variable as object)) settings.set(key, { value, chosenByCouncil: false });
        continue;
      }
      const param = /parameters\('(\w+)'\)/.exec(String(variable))?.[1];
      const fromMain = /^\[variables\('(\w+)'\)\]$/.exec(String(passed(module, param!)))?.[1];
      const chosen = main.variables![fromMain!] as Record<string, unknown>;
      expect(chosen).toBeInstanceOf(Object);
      for (const [key, value] of Object.entries(chosen)) settings.set(key, { value, chosenByCouncil: true });
    }
  });

  it('sets every setting the app needs in Azure (the council\'s own choices only when it makes them)', () => {
    const missing = configKeys.filter((key) => !settings.has(key) && !(key in notInAzure));
    expect(missing).toEqual([]);
    expect(settings.size).toBeGreaterThan(20);
  });

  it('sets only settings the app reads or the Functions runtime documents', () => {
    expect([...settings.keys()].filter((name) => !configKeys.includes(name) && !(name in runtimeSettings))).toEqual([]);
    expect(Object.keys(notInAzure).filter((name) => settings.has(name))).toEqual([]);
  });

  it('gives literal values the config schema accepts (e.g. the bot type is UserAssignedMSI)', () => {
    const shape = ConfigSchema.shape as Record<string, { safeParse(v: unknown): { success: boolean } }>;
    const literals = [...settings.entries()].filter(([name, s]) => shape[name] && typeof s.value === 'string' && !s.value.startsWith('['));
    expect(literals.map(([name]) => name)).toEqual(expect.arrayContaining(['MicrosoftAppType', 'STORAGE_CONNECTION__credential']));
    for (const [name, s] of literals) expect({ [name]: shape[name]!.safeParse(s.value).success }).toEqual({ [name]: true });
  });

  it('holds no secret as a plain value: secrets are Key Vault references, everything else signs in as the identity', () => {
    for (const [name, s] of settings) {
      if (/SECRET|PASSWORD|TOKEN|KEY$/i.test(name)) expect({ [name]: s.value }).toEqual({ [name]: expect.stringMatching(/^\[format\('@Microsoft\.KeyVault\(VaultName=/) });
    }
    const text = JSON.stringify(main);
    expect(text).not.toMatch(/listKeys|listSecrets|AccountKey=|SharedAccessSignature|MicrosoftAppPassword/);
    // The one secure parameter goes only to Key Vault.
    const secure = Object.entries(main.parameters).filter(([, p]) => p.type === 'securestring').map(([name]) => name);
    expect(secure).toEqual(['exportLinkSecret']);
    const users = resourcesOf(main).filter((r) => JSON.stringify(r).includes(`parameters('exportLinkSecret')`));
    expect(users.map((r) => resourcesOf(r.properties.template!).map((x) => x.type))).toEqual([expect.arrayContaining(['Microsoft.KeyVault/vaults/secrets'])]);
    const { resources: [account] } = moduleWith(main, 'Microsoft.Storage/storageAccounts');
    expect(account!.properties).toMatchObject({ allowSharedKeyAccess: false, allowBlobPublicAccess: false });
    expect(settings.get('STORAGE_CONNECTION__credential')?.value).toBe('managedidentity');
    expect(settings.get('AzureWebJobsStorage__credential')?.value).toBe('managedidentity');
  });
});

describe('the compiled template: the Function App, its identity and what it may do', () => {
  const identityId = "[resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', variables('names').identity)]";
  const identityClientId = "[reference('identity').clientId]";

  it('runs on Flex Consumption, Linux, with the Node major version the project runs on', () => {
    const nodeMajor = (JSON.parse(read('package.json')) as { devDependencies: Record<string, string> }).devDependencies.node!.split('.')[0];
    const { resources: [plan] } = moduleWith(main, 'Microsoft.Web/serverfarms');
    expect(plan!.sku).toEqual({ name: 'FC1', tier: 'FlexConsumption' });
    const { resources: [site] } = moduleWith(main, 'Microsoft.Web/sites');
    expect(site!.kind).toBe('functionapp,linux');
    expect(site!.properties.functionAppConfig).toMatchObject({ runtime: { name: 'node', version: nodeMajor } });
  });

  it('runs as the one user-assigned identity, which storage, queues, blobs, Graph, Key Vault and the bot all use', () => {
    const { module, resources: [site] } = moduleWith(main, 'Microsoft.Web/sites');
    expect(passed(module, 'identityResourceId')).toBe(identityId);
    expect(passed(module, 'identityClientId')).toBe(identityClientId);
    const p = "[parameters('identityResourceId')]";
    expect(site!.identity).toEqual({ type: 'UserAssigned', userAssignedIdentities: { [`[format('{0}', parameters('identityResourceId'))]`]: {} } });
    expect(site!.properties).toMatchObject({ keyVaultReferenceIdentity: p, functionAppConfig: { deployment: { storage: { authentication: { type: 'UserAssignedIdentity', userAssignedIdentityResourceId: p } } } } });
    // Tables, queues, blobs (STORAGE_CONNECTION__*), the host's storage, and Graph and the bot (MicrosoftAppId).
    const { template } = moduleWith(main, 'Microsoft.Web/sites/config');
    const all = Object.assign({}, ...Object.values(template.variables!).filter((v) => typeof v === 'object')) as Record<string, string>;
    for (const name of ['STORAGE_CONNECTION__clientId', 'AzureWebJobsStorage__clientId', 'MicrosoftAppId']) expect({ [name]: all[name] }).toEqual({ [name]: "[parameters('identityClientId')]" });
    expect(all.MicrosoftAppType).toBe('UserAssignedMSI');
    const { module: botModule, resources: [bot] } = moduleWith(main, 'Microsoft.BotService/botServices');
    expect(bot!.properties).toMatchObject({ msaAppType: 'UserAssignedMSI', msaAppId: "[parameters('identityClientId')]", msaAppMSIResourceId: "[parameters('identityResourceId')]" });
    expect([passed(botModule, 'identityResourceId'), passed(botModule, 'identityClientId')]).toEqual([identityId, identityClientId]);
  });

  it('grants the identity exactly the roles the code uses, each on the one resource it needs, nothing wider', () => {
    const { module, template, resources } = moduleWith(main, 'Microsoft.Authorization/roleAssignments');
    expect(passed(module, 'identityName')).toBe("[variables('names').identity]");
    const granted: string[] = [];
    for (const r of resources) {
      // A loop (copy) over an array of role ids, or one role id; resolve variables('roles').<name>.
      const roles = template.variables!.roles as Record<string, string>;
      const ids = [...String(r.properties.roleDefinitionId).matchAll(/variables\('roles'\)\.(\w+)/g)].map((m) => roles[m[1]!]!);
      if (!r.copy) expect(ids).toHaveLength(1);
      expect(r.scope).toMatch(/^\[resourceId\('([\w.]+\/\w+)', parameters\('\w+'\)\)\]$/); // a resource, never the group or subscription
      const scopeType = /resourceId\('([\w./]+)'/.exec(r.scope!)![1];
      expect(r.properties.principalId).toBe("[reference(resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', parameters('identityName')), '2023-01-31').principalId]");
      expect(r.properties.principalType).toBe('ServicePrincipal');
      for (const id of ids) granted.push(`${roleDefinitions[id]?.name ?? id} on ${scopeType}`);
    }
    expect(granted.sort()).toEqual(Object.values(roleDefinitions).map((d) => `${d.name} on ${d.on}`).sort());
    const everywhere = JSON.stringify(main);
    expect(everywhere.match(/Microsoft\.Authorization\/roleAssignments/g)).toHaveLength(resources.length);
  });

  it('sends telemetry to workspace-based Application Insights with local auth off', () => {
    const { module, resources: [insights] } = moduleWith(main, 'Microsoft.Insights/components');
    expect(insights!.properties).toMatchObject({ DisableLocalAuth: true, WorkspaceResourceId: expect.any(String) });
    const { module: app } = moduleWith(main, 'Microsoft.Web/sites');
    expect(passed(app, 'appInsightsConnectionString')).toBe(`[reference('${Object.entries(main.resources as Record<string, Resource>).find(([, r]) => r === module)![0]}').outputs.connectionString.value]`);
  });

  it('connects the bot to Teams, at the Function App\'s /api/messages', () => {
    const { module, resources: [channel] } = moduleWith(main, 'Microsoft.BotService/botServices/channels');
    expect(channel!.properties).toMatchObject({ channelName: 'MsTeamsChannel', properties: { isEnabled: true } });
    expect(passed(module, 'endpoint')).toMatch(/\.outputs\.hostName\.value\)\]$/);
    expect(passed(module, 'endpoint')).toMatch(/^\[format\('https:\/\/\{0\}\/api\/messages'/);
  });

  it('defaults to UK South and is given, by the Toolkit\'s parameters file, every parameter it has no default for', () => {
    expect(main.parameters.location!.defaultValue).toBe('uksouth');
    const given = Object.keys((JSON.parse(read('infra/main.parameters.json')) as { parameters: object }).parameters);
    expect(given.filter((p) => !(p in main.parameters))).toEqual([]);
    const required = Object.entries(main.parameters).filter(([, p]) => p.defaultValue === undefined).map(([name]) => name);
    expect(required.filter((p) => !given.includes(p))).toEqual([]);
  });
});

// The Microsoft security baselines a council's security team audits before go-live (Storage, Functions on
// Flex Consumption, Key Vault, Azure Monitor, Bot Service): each setting below is in the compiled template,
// so none can be dropped without this failing. What the template cannot decide (private endpoints, customer-
// managed keys, longer log retention) is the table in docs/deploy.md ("Security baseline").
describe('the security baseline a council audits before go-live', () => {
  const one = (type: string): Resource => {
    const { resources } = moduleWith(main, type);
    expect(resources).toHaveLength(1);
    return resources[0]!;
  };

  it('storage: Entra ID only (no shared key, no SFTP or local users, no anonymous blob), TLS 1.2 over HTTPS, nothing copied or replicated to another tenant, no long-lived SAS', () => {
    expect(one('Microsoft.Storage/storageAccounts').properties).toMatchObject({
      minimumTlsVersion: 'TLS1_2',
      supportsHttpsTrafficOnly: true,
      allowBlobPublicAccess: false,
      allowSharedKeyAccess: false,
      defaultToOAuthAuthentication: true,
      isSftpEnabled: false,
      isLocalUserEnabled: false,
      allowCrossTenantReplication: false,
      allowedCopyScope: 'AAD',
      sasPolicy: { sasExpirationPeriod: '0.01:00:00', expirationAction: 'Block' },
    });
    const { resources: containers } = moduleWith(main, 'Microsoft.Storage/storageAccounts/blobServices/containers');
    expect(containers.length).toBeGreaterThanOrEqual(3);
    for (const c of containers) expect({ [c.name]: c.properties.publicAccess }).toEqual({ [c.name]: 'None' });
  });

  it('storage: encrypted twice at rest, and every service on the account key, so a council can later bring its own key for tables and queues too', () => {
    expect(one('Microsoft.Storage/storageAccounts').properties.encryption).toEqual({
      keySource: 'Microsoft.Storage',
      requireInfrastructureEncryption: true,
      services: Object.fromEntries(['blob', 'file', 'table', 'queue'].map((s) => [s, { enabled: true, keyType: 'Account' }])),
    });
  });

  it('storage: a deleted or overwritten blob (a table backup, an audit-trail day) can be recovered: soft delete for blobs and containers, and versioning', () => {
    const { template, resources: [blobs] } = moduleWith(main, 'Microsoft.Storage/storageAccounts/blobServices');
    expect(blobs!.properties).toEqual({
      deleteRetentionPolicy: { enabled: true, days: "[parameters('backupRetentionDays')]" },
      containerDeleteRetentionPolicy: { enabled: true, days: "[parameters('backupRetentionDays')]" },
      isVersioningEnabled: true,
    });
    expect(template.parameters.backupRetentionDays).toBeDefined();
    expect(main.parameters.backupRetentionDays).toMatchObject({ defaultValue: 35 });
  });

  it('storage, Key Vault: every read, write and delete on tables, queues and blobs, and every Key Vault audit event, goes to Log Analytics', () => {
    type Log = { category?: string; categoryGroup?: string; enabled: boolean };
    const logged = resourcesOf(main)
      .flatMap((m) => (m.properties?.template ? resourcesOf(m.properties.template).map((r) => ({ r, template: m.properties.template! })) : []))
      .filter(({ r }) => r.type === 'Microsoft.Insights/diagnosticSettings')
      .map(({ r, template }) => {
        const props = r.properties as { workspaceId?: string; logs: Log[] | string };
        expect(props.workspaceId).toBe("[parameters('workspaceId')]");
        // A shared list is a variable of the module: [variables('accessLogs')].
        const logs = typeof props.logs === 'string' ? (template.variables![/^\[variables\('(\w+)'\)\]$/.exec(props.logs)![1]!] as Log[]) : props.logs;
        const what = logs.filter((l) => l.enabled).map((l) => l.category ?? `group:${l.categoryGroup}`).sort().join(',');
        return `${/resourceId\('([\w./]+)'/.exec(r.scope!)![1]}: ${what}`;
      });
    const access = 'StorageDelete,StorageRead,StorageWrite';
    expect(logged.sort()).toEqual([
      'Microsoft.KeyVault/vaults: group:audit',
      `Microsoft.Storage/storageAccounts/blobServices: ${access}`,
      `Microsoft.Storage/storageAccounts/queueServices: ${access}`,
      `Microsoft.Storage/storageAccounts/tableServices: ${access}`,
    ]);
    for (const m of ['storage', 'keyVault']) expect(passed(resourcesOf(main).find((r) => r.name.includes(`'${m}-`))!, 'workspaceId')).toBe("[reference('monitoring').outputs.workspaceId.value]");
  });

  it('the Function App: HTTPS only, TLS 1.2 (the app and its deployment endpoint), no FTP, no basic-auth publishing, no remote debugging', () => {
    expect(one('Microsoft.Web/sites').properties).toMatchObject({
      httpsOnly: true,
      siteConfig: { minTlsVersion: '1.2', scmMinTlsVersion: '1.2', ftpsState: 'Disabled', remoteDebuggingEnabled: false },
    });
    const { resources: policies } = moduleWith(main, 'Microsoft.Web/sites/basicPublishingCredentialsPolicies');
    expect(policies.map((p) => [/'(\w+)'\)\]$/.exec(p.name)![1], p.properties.allow]).sort()).toEqual([['ftp', false], ['scm', false]]);
  });

  it('the Function App: App Service Authentication, when on, accepts tokens over HTTPS only and keeps none', () => {
    const auth = moduleWith(main, 'Microsoft.Web/sites/config').resources.find((r) => r.name.includes("'authsettingsV2'"))!;
    expect(auth.properties).toMatchObject({ httpSettings: { requireHttps: true }, login: { tokenStore: { enabled: false } } });
  });

  it('Key Vault: Azure RBAC (no access policies), soft delete for 90 days with purge protection, and no VM, disk or template may read it', () => {
    const vault = one('Microsoft.KeyVault/vaults').properties;
    expect(vault).toMatchObject({
      enableRbacAuthorization: true,
      enableSoftDelete: true,
      softDeleteRetentionInDays: 90,
      enablePurgeProtection: true,
      enabledForDeployment: false,
      enabledForDiskEncryption: false,
      enabledForTemplateDeployment: false,
    });
    expect(vault.accessPolicies).toBeUndefined();
  });

  it('Azure Monitor: no keys for Log Analytics or Application Insights, callers\' IP addresses masked, at least 30 days kept', () => {
    expect(one('Microsoft.OperationalInsights/workspaces').properties).toMatchObject({ features: { disableLocalAuth: true }, retentionInDays: "[parameters('retentionInDays')]" });
    expect(one('Microsoft.Insights/components').properties).toMatchObject({ DisableLocalAuth: true, DisableIpMasking: false });
    expect(main.parameters.logRetentionDays).toMatchObject({ defaultValue: 90 });
    expect(read('infra/main.bicep')).toMatch(/@minValue\(30\)\nparam logRetentionDays int/);
  });

  it('the bot: single tenant (the managed identity in the council\'s tenant), no channel secrets, HTTPS endpoint, Teams its only channel', () => {
    const { module } = moduleWith(main, 'Microsoft.BotService/botServices');
    expect(one('Microsoft.BotService/botServices').properties).toMatchObject({
      msaAppType: 'UserAssignedMSI',
      msaAppTenantId: "[parameters('tenantId')]",
      disableLocalAuth: true,
      endpoint: "[parameters('endpoint')]",
    });
    expect(passed(module, 'tenantId')).toBe("[reference('identity').tenantId]");
    expect(passed(module, 'endpoint')).toMatch(/^\[format\('https:\/\//);
    const { resources: channels } = moduleWith(main, 'Microsoft.BotService/botServices/channels');
    expect(channels.map((c) => c.properties.channelName)).toEqual(['MsTeamsChannel']);
  });
});
