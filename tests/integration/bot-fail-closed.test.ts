// Authentication fails closed: a host in Azure without a bot identity serves nothing (503, reason logged),
// the local-only switch is refused in Azure, and activities from another tenant or another channel than
// Teams are refused and audited.
import { HttpRequest, InvocationContext } from '@azure/functions';
import { ConfigSchema } from '../../functions/config';
import { messages } from '../../functions/messages.http';
import { getServices } from '../../functions/wiring/services';
import { execute, personal } from '../support/bench-activities';
import { restoreAppEnvironment, useAppEnvironment } from '../support/app-environment';
import { startAzurite, type RunningAzurite } from '../support/azurite';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector';

jest.setTimeout(30_000);

let azurite: RunningAzurite;
let connector: FakeConnector;
const COUNCIL_TENANT = '11111111-2222-4333-8444-555555555555';
const OTHER_TENANT = '99999999-2222-4333-8444-555555555555';
const ADMIN = '0a000000-0000-4000-8000-00000000000a';

const useEnvironment = (env: Record<string, string | undefined>) => useAppEnvironment(azurite.connectionString, env);

async function post(activity: object, headers: Record<string, string> = {}) {
  const logged: string[] = [];
  const context = new InvocationContext({ invocationId: `fail-closed-${Math.random()}`, logHandler: (_level, ...args) => logged.push(args.map(String).join(' ')) });
  const req = new HttpRequest({ method: 'POST', url: 'http://localhost:7071/api/messages', headers: { 'content-type': 'application/json', ...headers }, body: { string: JSON.stringify(activity) } });
  return { res: await messages(req, context), logged };
}

const admin = (extra: Record<string, unknown> = {}) => ({ ...personal(connector.serviceUrl, ADMIN, { type: 'message', text: 'admin' }), ...extra });
const inTenant = (tenant: string, extra: Record<string, unknown> = {}) => ({
  ...personal(connector.serviceUrl, ADMIN, { type: 'message', text: 'help' }),
  conversation: { id: `a:personal-${ADMIN}`, conversationType: 'personal', tenantId: tenant },
  channelData: { tenant: { id: tenant } },
  ...extra,
});

beforeAll(async () => {
  azurite = await startAzurite();
  connector = await startFakeConnector();
});
beforeEach(() => connector.reset());
afterAll(async () => {
  restoreAppEnvironment();
  await connector.stop();
  await azurite.stop();
});

describe('a host running in Azure without a bot identity', () => {
  it('answers an unsigned "admin" message with 503, logs why, and the bot says nothing', async () => {
    useEnvironment({ WEBSITE_INSTANCE_ID: 'a1b2c3', WEBSITE_SITE_NAME: 'func-gt-prod', MicrosoftAppId: undefined, GT_LOCAL_UNAUTHENTICATED_BOT_DANGER: undefined });
    const { res, logged } = await post(admin());
    expect(res.status).toBe(503);
    expect(logged.join('\n')).toMatch(/MicrosoftAppId is not set/);
    // A token of any shape changes nothing: there is nothing to check it against.
    expect((await post(admin(), { authorization: 'Bearer a.b.c' })).res.status).toBe(503);
    expect(connector.received).toHaveLength(0);
  });

  it('refuses the local-only switch: 503, and the log names the setting', async () => {
    useEnvironment({ WEBSITE_SITE_NAME: 'func-gt-prod', MicrosoftAppId: undefined, GT_LOCAL_UNAUTHENTICATED_BOT_DANGER: '1' });
    const { res, logged } = await post(admin());
    expect(res.status).toBe(503);
    expect(logged.join('\n')).toMatch(/GT_LOCAL_UNAUTHENTICATED_BOT_DANGER: is for the local stack only and is refused in Azure/);
    expect(connector.received).toHaveLength(0);
  });

  it('the configuration itself is invalid with the switch and WEBSITE_INSTANCE_ID', () => {
    expect(ConfigSchema.safeParse({ WEBSITE_INSTANCE_ID: 'x', GT_LOCAL_UNAUTHENTICATED_BOT_DANGER: '1' }).success).toBe(false);
    expect(ConfigSchema.safeParse({ GT_LOCAL_UNAUTHENTICATED_BOT_DANGER: '1' }).success).toBe(true);
  });
});

describe('a host anywhere', () => {
  it('without a bot identity and without the local switch serves nothing (503)', async () => {
    useEnvironment({ MicrosoftAppId: undefined, GT_LOCAL_UNAUTHENTICATED_BOT_DANGER: undefined });
    const { res, logged } = await post(admin());
    expect(res.status).toBe(503);
    expect(logged.join('\n')).toMatch(/GT_LOCAL_UNAUTHENTICATED_BOT_DANGER/);
  });

  it('with a bot identity but no tenant to serve serves nothing (503)', async () => {
    useEnvironment({ MicrosoftAppId: '6a1e2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b', MicrosoftAppPassword: 'x', MicrosoftAppTenantId: undefined });
    const { res, logged } = await post(admin());
    expect(res.status).toBe(503);
    expect(logged.join('\n')).toMatch(/MicrosoftAppTenantId/);
  });
});

describe("only the council's tenant, only Teams", () => {
  beforeAll(() => useEnvironment({ MicrosoftAppId: undefined, MicrosoftAppTenantId: COUNCIL_TENANT, ALLOWED_TENANT_IDS: 'aaaaaaaa-2222-4333-8444-555555555555' }));

  it("answers the council's own tenant", async () => {
    const { res } = await post(inTenant(COUNCIL_TENANT));
    expect(res.status).toBe(200);
    expect(connector.received).toHaveLength(1);
  });

  it('answers a tenant on the allow-list', async () => {
    await post(inTenant('AAAAAAAA-2222-4333-8444-555555555555'));
    expect(connector.received).toHaveLength(1);
  });

  it('another tenant gets no answer, and the attempt is audited', async () => {
    const { res } = await post(inTenant(OTHER_TENANT));
    expect(res.status).toBe(200);
    expect(connector.received).toHaveLength(0);
    const trail = await getServices().audit.listForRecord('tenant', OTHER_TENANT);
    expect(trail).toEqual([expect.objectContaining({ action: 'activity.refused', actorId: ADMIN })]);
  });

  it("another tenant's card button is refused with 403 and changes nothing", async () => {
    const press = { ...execute(connector.serviceUrl, ADMIN, 'admin.view', {}), conversation: { id: 'a:x', tenantId: OTHER_TENANT }, channelData: { tenant: { id: OTHER_TENANT } } };
    const { res } = await post(press);
    expect(res.status).toBe(403);
    expect(connector.received).toHaveLength(0);
  });

  it('an activity naming no tenant is refused', async () => {
    const { conversation, channelData, ...rest } = inTenant(COUNCIL_TENANT);
    void conversation;
    void channelData;
    await post({ ...rest, conversation: { id: 'a:no-tenant' } });
    expect(connector.received).toHaveLength(0);
    expect(await getServices().audit.listForRecord('tenant', '(none)')).toHaveLength(1);
  });

  it('a channel other than Teams is refused and audited', async () => {
    await post(inTenant(COUNCIL_TENANT, { channelId: 'slack' }));
    expect(connector.received).toHaveLength(0);
    expect(await getServices().audit.listForRecord('channel', 'slack')).toEqual([expect.objectContaining({ action: 'activity.refused' })]);
  });

  it("the Playground's own channel is served locally", async () => {
    await post(inTenant(COUNCIL_TENANT, { channelId: 'emulator' }));
    expect(connector.received).toHaveLength(1);
  });
});
