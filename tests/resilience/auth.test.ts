// With an app id configured, nothing unsigned or forged gets through (401, and the bot says nothing); and a
// person acting on a child they do not hold is refused, and the attempt is in the audit trail.
import { createHmac } from 'node:crypto';
import { HttpRequest, InvocationContext } from '@azure/functions';
import fc from 'fast-check';
import { messages } from '../../functions/messages.http';
import { getServices } from '../../functions/wiring/services';
import { execute, personal } from '../support/bench-activities';
import { restoreAppEnvironment, useAppEnvironment } from '../support/app-environment';
import { startAzurite, type RunningAzurite } from '../support/azurite';
import { benchWorld, recordData, seedVoice, uuid } from '../support/bench-world';
import { startRateLimitedConnector, type RateLimitedConnector } from '../support/rate-limited-connector';

let azurite: RunningAzurite;
let connector: RateLimitedConnector;
const APP_ID = '6a1e2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b';

const useEnvironment = (env: Record<string, string | undefined>) => useAppEnvironment(azurite.connectionString, env);

beforeAll(async () => {
  azurite = await startAzurite();
  connector = await startRateLimitedConnector();
});
afterAll(async () => {
  restoreAppEnvironment();
  await connector.stop();
  await azurite.stop();
});

const post = (activity: object, headers: Record<string, string> = {}) =>
  messages(
    new HttpRequest({ method: 'POST', url: 'http://localhost:7071/api/messages', headers: { 'content-type': 'application/json', ...headers }, body: { string: JSON.stringify(activity) } }),
    new InvocationContext({ invocationId: `auth-${Math.random()}` }),
  );

const b64 = (x: object | string) => Buffer.from(typeof x === 'string' ? x : JSON.stringify(x)).toString('base64url');
/** A JWT signed with a key we made up, from an issuer Teams never uses: checked locally, no key fetch. */
const forged = (claims: Record<string, unknown>, alg = 'HS256') => {
  const head = b64({ alg, typ: 'JWT' });
  const body = b64(claims);
  return `${head}.${body}.${createHmac('sha256', 'made-up').update(`${head}.${body}`).digest('base64url')}`;
};

describe('with an app id configured', () => {
  beforeAll(() => useEnvironment({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-a-real-secret', MicrosoftAppTenantId: '11111111-2222-4333-8444-555555555555' }));
  beforeEach(() => connector.reset());

  it('an unsigned activity is refused with 401 and the bot says nothing', async () => {
    const res = await post(personal(connector.serviceUrl, uuid(1, 1), { type: 'message', text: 'help' }));
    expect(res.status).toBe(401);
    expect(connector.received).toHaveLength(0);
  });

  it('forged tokens of every shape are refused with 401, never answered and never a 500', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = fc.oneof(
      fc.string(),
      fc.base64String(),
      fc.record({ iss: fc.constantFrom('https://evil.example', 'https://sts.windows.net/x/', ''), aud: fc.constantFrom(APP_ID, 'other'), exp: fc.integer({ min: now - 10_000, max: now + 10_000 }), serviceurl: fc.constant(connector.serviceUrl) }).map((c) => forged(c)),
      fc.tuple(fc.base64String(), fc.base64String(), fc.base64String()).map((p) => p.join('.')),
    );
    await fc.assert(
      fc.asyncProperty(token, fc.constantFrom('Bearer ', 'bearer ', ''), async (t, scheme) => {
        const res = await post(personal(connector.serviceUrl, uuid(1, 1), { type: 'message', text: 'help' }), { authorization: `${scheme}${t}` });
        expect(res.status).toBe(401);
      }),
      { numRuns: 60 },
    );
    expect(connector.received).toHaveLength(0);
  });
});

describe('acting on a child one does not hold', () => {
  let w: ReturnType<typeof benchWorld>;
  const stranger = uuid(9, 3);
  beforeAll(async () => {
    useEnvironment({ MicrosoftAppId: undefined, MicrosoftAppPassword: undefined });
    w = benchWorld(azurite.connectionString, process.env.TABLE_PREFIX!);
    const { today } = await seedVoice(w, { due: 2, workers: 2 });
    await getServices().people.upsertMany([{ id: stranger, upn: 'stranger@council.example', displayName: 'Stranger', roles: ['social_worker'], teamId: 'other' }]);
    const res = await post(execute(connector.serviceUrl, stranger, 'voice.record', recordData('due-0', today)));
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.jsonBody)).toMatch(/Only B-0's allocated worker, their manager or an administrator can do that/);
  });

  it('is refused in plain words, and nothing is recorded', async () => {
    expect(await w.voice.voice.get('due-0')).toBeUndefined();
  });

  it('the refused attempt is in the audit trail', async () => {
    const trail = [...(await w.stores.audit.listForRecord('meeting', 'due-0')), ...(await w.stores.audit.listForRecord('child', 'B-0'))];
    expect(trail.filter((e) => e.actorId === stranger)).not.toHaveLength(0);
  });
});
