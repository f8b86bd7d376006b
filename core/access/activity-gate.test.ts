import { refusalOf, unservableReason } from './activity-gate';

const T = '11111111-2222-4333-8444-555555555555';
const teams = (tenant?: string, channelId = 'msteams') => ({ type: 'message', channelId, channelData: tenant ? { tenant: { id: tenant } } : undefined });

describe('whose activities the bot serves', () => {
  const azure = { MicrosoftAppId: 'app', MicrosoftAppTenantId: T };

  it("serves the council's tenant on Teams, whichever way the tenant is named", () => {
    expect(refusalOf(teams(T), azure)).toBeUndefined();
    expect(refusalOf({ channelId: 'msteams', conversation: { tenantId: T.toUpperCase() } }, azure)).toBeUndefined();
  });

  it("with an identity, the Playground's channel is refused like any other", () => {
    expect(refusalOf(teams(T, 'emulator'), azure)).toMatchObject({ recordType: 'channel', recordId: 'emulator' });
  });

  it('the local switch means nothing once the bot has an identity', () => {
    expect(refusalOf(teams('elsewhere'), { ...azure, GT_LOCAL_UNAUTHENTICATED_BOT_DANGER: true })).toMatchObject({ recordType: 'tenant' });
  });

  it('locally, with no tenant configured, any tenant is served', () => {
    expect(refusalOf(teams('whatever'), { GT_LOCAL_UNAUTHENTICATED_BOT_DANGER: true })).toBeUndefined();
  });

  it('will not serve without an identity unless the local switch asks, nor with an identity but no tenant', () => {
    expect(unservableReason({})).toMatch(/MicrosoftAppId/);
    expect(unservableReason({ GT_LOCAL_UNAUTHENTICATED_BOT_DANGER: true })).toBeUndefined();
    expect(unservableReason({ MicrosoftAppId: 'app' })).toMatch(/MicrosoftAppTenantId/);
    expect(unservableReason({ MicrosoftAppId: 'app', ALLOWED_TENANT_IDS: [T] })).toBeUndefined();
  });
});
