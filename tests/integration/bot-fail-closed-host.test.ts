// The local functions host started as Azure starts the app (WEBSITE_* set), with no bot identity: the bot
// serves nothing, signed or not, and the host's log says why.
import { startLocalStack, type LocalStack } from '../support/local-stack';
import { personal } from '../support/bench-activities';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector';

jest.mock('@azure/functions-core', () => jest.requireActual('../../scripts/functions-core-shim'), { virtual: true });
jest.setTimeout(60_000);

let stack: LocalStack;
let connector: FakeConnector;
const saved = { ...process.env };

beforeAll(async () => {
  connector = await startFakeConnector();
  delete process.env.MicrosoftAppId;
  stack = await startLocalStack({ env: { WEBSITE_INSTANCE_ID: 'b1c2d3e4', WEBSITE_SITE_NAME: 'func-goldenthread-prod', GT_LOCAL_UNAUTHENTICATED_BOT_DANGER: '' } });
});
afterAll(async () => {
  await stack?.stop();
  await connector.stop();
  process.env = saved;
});

const post = (activity: object, headers: Record<string, string> = {}) =>
  fetch(`${stack.host.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(activity) });

it('answers an unsigned "admin" message with 503, never serves it, and logs the reason', async () => {
  const res = await post(personal(connector.serviceUrl, '0a000000-0000-4000-8000-00000000000a', { type: 'message', text: 'admin' }));
  expect(res.status).toBe(503);
  expect(connector.received).toHaveLength(0);
  expect(stack.lines.join('\n')).toMatch(/not serving.*MicrosoftAppId is not set/);
});

it('a bearer token changes nothing: there is no identity to check it against', async () => {
  const res = await post(personal(connector.serviceUrl, '0a000000-0000-4000-8000-00000000000a', { type: 'message', text: 'admin' }), { authorization: 'Bearer eyJhbGciOiJub25lIn0.e30.' });
  expect(res.status).toBe(503);
  expect(connector.received).toHaveLength(0);
});

it('the rest of the app still answers (the health check)', async () => {
  expect((await fetch(`${stack.host.url}/api/health`)).status).toBe(200);
});
