/** The settings that decide whose activities the bot serves (the app settings of the same names). */
/** Whose Teams activities the bot serves: pure rules over the app settings (bot/index.ts and functions/messages.http.ts apply them). */
export interface GateSettings {
  MicrosoftAppId?: string;
  MicrosoftAppTenantId?: string;
  /** More tenants served besides MicrosoftAppTenantId. */
  ALLOWED_TENANT_IDS?: readonly string[];
  /** Local stack and tests only (refused in Azure by the config): no authentication, any tenant. */
  GT_LOCAL_UNAUTHENTICATED_BOT_DANGER?: boolean;
}

/** The Agents Playground's own channel, served only by the local stack (it can also speak as msteams). */
export const PLAYGROUND_CHANNEL = 'emulator';

export interface ActivityOrigin {
  type?: string;
  channelId?: string;
  from?: { id?: string; aadObjectId?: string };
  conversation?: { tenantId?: string };
  channelData?: { tenant?: { id?: string } };
}

export interface Refusal {
  recordType: 'tenant' | 'channel';
  recordId: string;
  reason: string;
}

const tenantOf = (a: ActivityOrigin): string | undefined => a.channelData?.tenant?.id ?? a.conversation?.tenantId;

/** Why the bot will not serve at all with these settings (answered 503 to every request), or undefined. */
export function unservableReason(s: GateSettings): string | undefined {
  if (!s.MicrosoftAppId && !s.GT_LOCAL_UNAUTHENTICATED_BOT_DANGER) {
    return 'the bot has no identity (MicrosoftAppId is not set), so it cannot check who sent an activity; unauthenticated serving is for the local stack only (GT_LOCAL_UNAUTHENTICATED_BOT_DANGER)';
  }
  if (s.MicrosoftAppId && !s.MicrosoftAppTenantId && !s.ALLOWED_TENANT_IDS?.length) {
    return "the council's tenant is not set (MicrosoftAppTenantId), so the bot cannot tell the council's activities from another organisation's";
  }
  return undefined;
}

/** Why this (authenticated) activity is refused: another organisation's tenant, or a channel other than Teams. */
export function refusalOf(activity: ActivityOrigin, s: GateSettings): Refusal | undefined {
  const local = !s.MicrosoftAppId && s.GT_LOCAL_UNAUTHENTICATED_BOT_DANGER;
  const channel = activity.channelId ?? '';
  if (channel !== 'msteams' && !(local && channel === PLAYGROUND_CHANNEL)) {
    return { recordType: 'channel', recordId: channel || '(none)', reason: 'the bot serves Microsoft Teams only' };
  }
  const allowed = [s.MicrosoftAppTenantId, ...(s.ALLOWED_TENANT_IDS ?? [])].filter((t): t is string => Boolean(t)).map((t) => t.toLowerCase());
  // The local stack with no tenant configured serves whatever tenant the Playground or a test names.
  if (local && !allowed.length) return undefined;
  const tenant = tenantOf(activity);
  if (!tenant || !allowed.includes(tenant.toLowerCase())) {
    return { recordType: 'tenant', recordId: tenant || '(none)', reason: "the activity comes from outside the council's tenant" };
  }
  return undefined;
}

