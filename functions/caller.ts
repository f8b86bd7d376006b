import type { HttpRequest, HttpRequestUser, HttpResponseInit, InvocationContext } from '@azure/functions';
import { z } from 'zod';
import type { Person } from '../core/model';
import type { AuditLog, PersonStore } from '../core/ports';
import type { Config } from './config';

/** Who called an HTTP endpoint: a person (checked against their roles), or the case system's nightly import. */
export type Caller = { kind: 'person'; person: Person; via: 'entra' | 'local' } | { kind: 'import-service'; actorId: string };

export type CallerResult = { ok: true; caller: Caller } | { ok: false; status: 401 | 403 | 503; error: string; log?: string; /** Who was refused, when known: the refusal is audited. */ actorId?: string };

export type CallerSettings = Pick<Config, 'WEBSITE_AUTH_ENABLED' | 'GT_LOCAL_UNAUTHENTICATED_BOT_DANGER' | 'MicrosoftAppTenantId' | 'ALLOWED_TENANT_IDS' | 'IMPORT_CALLER'>;

/** Locally only: act as a demo person by id or UPN (`?as=` or this header). Refused wherever the local switch is off. */
export const LOCAL_ACT_AS_HEADER = 'x-gt-act-as';

const ClaimsSchema = z.object({ claims: z.array(z.object({ typ: z.string(), val: z.string() })).default([]) });
const TENANT_CLAIMS = ['http://schemas.microsoft.com/identity/claims/tenantid', 'tid'];

// The @azure/functions library parses x-ms-client-principal; it throws when the companion headers are missing.
const userOf = (req: HttpRequest): HttpRequestUser | null => {
  try {
    return req.user;
  } catch {
    return null; // a principal header without its id: not one App Service Authentication made
  }
};

/**
 * The caller of an import or export. App Service Authentication validates the Entra ID token and only then
 * sets x-ms-client-principal (it removes any the client sent), so the header is trusted only where
 * WEBSITE_AUTH_ENABLED says it is on, or on the local stack. With no person, only an import may go on, as
 * the named nightly caller (IMPORT_CALLER): the function key has already been checked by the host.
 */
export async function identifyCaller(
  req: HttpRequest,
  deps: { config: CallerSettings; people: Pick<PersonStore, 'get' | 'getByUpn'> },
  o: { importService?: boolean } = {},
): Promise<CallerResult> {
  const { config } = deps;
  const local = config.GT_LOCAL_UNAUTHENTICATED_BOT_DANGER;
  const actAs = local ? (req.query.get('as') ?? req.headers.get(LOCAL_ACT_AS_HEADER)) : null;
  if (actAs) {
    const person = (await deps.people.get(actAs)) ?? (await deps.people.getByUpn(actAs));
    return person ? { ok: true, caller: { kind: 'person', person, via: 'local' } } : { ok: false, status: 403, error: `No person ${actAs} is on file.`, actorId: actAs };
  }

  const user = userOf(req);
  if (user && (config.WEBSITE_AUTH_ENABLED || local)) {
    if (user.type !== 'AppService' || user.identityProvider !== 'aad') return { ok: false, status: 401, error: 'Sign in with your council Microsoft account.' };
    const claims = ClaimsSchema.safeParse(user.claimsPrincipalData);
    const tenant = claims.success ? claims.data.claims.find((c) => TENANT_CLAIMS.includes(c.typ))?.val : undefined;
    const tenants = [config.MicrosoftAppTenantId, ...config.ALLOWED_TENANT_IDS].filter(Boolean).map((t) => t!.toLowerCase());
    // Fail closed: without the council's tenant a token from any organisation's Entra ID could not be told apart.
    if (!tenants.length && !local) {
      return { ok: false, status: 503, error: 'Sign-in is not set up for this endpoint; the reason is in the log.', log: `caller ${user.id} refused: no council tenant is configured (MicrosoftAppTenantId or ALLOWED_TENANT_IDS), so a caller from another organisation could not be refused` };
    }
    if (tenants.length && !tenants.includes(tenant?.toLowerCase() ?? '')) {
      return { ok: false, status: 403, error: "You are signed in from outside the council's organisation.", log: `caller ${user.id} from tenant ${tenant ?? '(none)'} refused`, actorId: user.id };
    }
    const person = await deps.people.get(user.id.toLowerCase());
    if (!person) return { ok: false, status: 403, error: 'You are signed in, but Golden Thread has no record of you: ask an administrator.', log: `caller ${user.id} is not in the people store`, actorId: user.id };
    return { ok: true, caller: { kind: 'person', person, via: 'entra' } };
  }
  const ignored = user ? ' (an x-ms-client-principal header was ignored: App Service Authentication is not on, WEBSITE_AUTH_ENABLED)' : '';

  if (o.importService) {
    if (config.IMPORT_CALLER) return { ok: true, caller: { kind: 'import-service', actorId: `system:import:${config.IMPORT_CALLER}` } };
    if (local) return { ok: true, caller: { kind: 'import-service', actorId: 'system:import:local' } };
    return { ok: false, status: 403, error: 'Imports need a person signed in, or the case system named in IMPORT_CALLER.', log: `import with a function key only, and IMPORT_CALLER is not set${ignored}` };
  }
  if (!config.WEBSITE_AUTH_ENABLED && !local) {
    return { ok: false, status: 503, error: 'Sign-in is not set up for this endpoint; the reason is in the log.', log: `App Service Authentication is off (WEBSITE_AUTH_ENABLED), so no caller can be identified${ignored}` };
  }
  return { ok: false, status: 401, error: 'Sign in with your council Microsoft account.' };
}

/** The answer to a caller who could not be identified; the reason goes to the log, and a named caller's refusal to the audit trail. */
export async function callerRefused(r: Extract<CallerResult, { ok: false }>, context: InvocationContext, audit?: Pick<AuditLog, 'append'>): Promise<HttpResponseInit> {
  if (r.log) context.warn(`${context.functionName}: ${r.log} (invocation ${context.invocationId})`);
  if (r.actorId && audit) {
    await audit.append({ actorId: r.actorId.slice(0, 200), action: 'access.refused', recordType: 'endpoint', recordId: context.functionName || 'http', detail: { status: r.status } });
  }
  return { status: r.status, jsonBody: { error: r.error } };
}

/** The person calling an export, or the answer refusing them. */
export async function personCalling(
  req: HttpRequest,
  context: InvocationContext,
  deps: { config: CallerSettings; people: Pick<PersonStore, 'get' | 'getByUpn'>; audit?: Pick<AuditLog, 'append'> },
): Promise<{ person: Person } | { refused: HttpResponseInit }> {
  const r = await identifyCaller(req, deps);
  if (!r.ok) return { refused: await callerRefused(r, context, deps.audit) };
  return r.caller.kind === 'person' ? { person: r.caller.person } : { refused: { status: 401, jsonBody: { error: 'Sign in with your council Microsoft account.' } } };
}
